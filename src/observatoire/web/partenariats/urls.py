"""``/partenariats/``: the typology pages and the advisor."""

from django.urls import path

from observatoire.web.partenariats import typology

app_name = "partenariats"
urlpatterns = [
    path("", typology.index, name="index"),
    path("conseiller/", typology.advisor, name="advisor"),
    path("modeles/<slug:code>/", typology.model, name="model"),
]
