from django.urls import path

from observatoire.web.map import views

app_name = "map"
urlpatterns = [
    path("carte/", views.carte, name="carte"),
    path("carte/donnees.json", views.carte_json, name="donnees"),
    path("carte/donnees.csv", views.carte_csv, name="donnees_csv"),
]
