"""French addresses of the case base, the catalysts directory, the toolbox and « Pour agir »."""

from django.urls import path

from observatoire.web.agir import views

app_name = "agir"

urlpatterns = [
    path("pratiques/", views.cases, name="cases"),
    path("pratiques/proposer/", views.propose_case, name="propose-case"),
    path("pratiques/carte/", views.cases_on_map, name="cases-map"),
    path("pratiques/<slug:slug>/", views.case, name="case"),
    path("catalyseurs/", views.catalysts, name="catalysts"),
    path("catalyseurs/proposer/", views.propose_catalyst, name="propose-catalyst"),
    path("catalyseurs/<slug:slug>/", views.catalyst, name="catalyst"),
    path("outils/", views.tools, name="tools"),
    path("outils/<slug:slug>/", views.tool, name="tool"),
    path("pour-agir/<str:level>/<str:code>/", views.for_territory, name="for-territory"),
]
