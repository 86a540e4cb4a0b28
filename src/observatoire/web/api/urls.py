"""URLs of the open-data API, included under ``/api/``."""

from django.urls import path, re_path

from observatoire.web.api import views

app_name = "api"
urlpatterns = [
    path("", views.docs, name="docs"),
    path("resultats/", views.results, name="results"),
    path("territoires/", views.territory_search, name="territories"),
    path("domaines/", views.domains, name="domains"),
    path("openapi.json", views.schema, name="openapi"),
    re_path(r"^(?P<rest>.*)$", views.not_found, name="not-found"),
]
