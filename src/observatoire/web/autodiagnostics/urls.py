"""``/autodiagnostics/``: choose, answer (one section per page), read the result, download, delete."""

from django.urls import path

from observatoire.web.autodiagnostics import views

app_name = "autodiagnostics"
urlpatterns = [
    path("", views.index, name="index"),
    path("ressources/", views.resources, name="resources"),
    path("<slug:code>/commencer/", views.start, name="start"),
    path("r/<str:token>/", views.resume, name="resume"),
    path("r/<str:token>/axe/<int:number>/", views.section, name="section"),
    path("r/<str:token>/resultat/", views.result, name="result"),
    path("r/<str:token>/resultat.pdf", views.result_pdf, name="pdf"),
    path("r/<str:token>/supprimer/", views.delete, name="delete"),
]
