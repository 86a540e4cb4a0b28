"""URLs of the pages (French paths: they are what users read and share)."""

from django.urls import path

from observatoire.web.pages import views

app_name = "pages"

urlpatterns = [
    path("", views.home, name="home"),
    path("recherche", views.search, name="search"),
    path("territoire/<str:level>/<str:code>/", views.territory, name="territory"),
    path("territoire/<str:level>/<str:code>/tableau/<str:name>/", views.territory_table, name="table"),
    path("rapports/<str:level>/<str:code>.pdf", views.report, name="report"),
    path("comparer/", views.compare, name="compare"),
    path("methodologie/", views.methodology, name="methodology"),
    path("donnees/<str:name>", views.open_data, name="open_data"),
]
