"""``/consultations/``: create, manage from the private link, answer at the public link."""

from django.urls import path

from observatoire.web.consultations import views

app_name = "consultations"
urlpatterns = [
    path("nouvelle/", views.create, name="create"),
    path("gerer/<str:token>/", views.manage, name="manage"),
    path("gerer/<str:token>/apercu/", views.preview, name="preview"),
    path("gerer/<str:token>/supprimer/", views.delete, name="delete"),
    path("gerer/<str:token>/resultats.csv", views.results_download, name="results_csv"),
    path("gerer/<str:token>/reponses.csv", views.answers_download, name="answers_csv"),
    path("gerer/<str:token>/resultats.pdf", views.results_pdf, name="results_pdf"),
    path("gerer/<str:token>/affiche/", views.poster, name="poster"),
    path("repondre/<str:public_id>/", views.answer, name="answer"),
    path("resultats/<str:public_id>/", views.public_results, name="results"),
    path("resultats/<str:public_id>/resultats.csv", views.public_results_download, name="public_csv"),
    path("resultats/<str:public_id>/resultats.pdf", views.public_results_pdf, name="public_pdf"),
]
