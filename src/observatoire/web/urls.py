"""URL map. Pages and API are added by their modules; admin is for curators (login required).

The API is one django-ninja instance (:mod:`observatoire.web.api.site`, where other apps add routers).
"""

from django.contrib import admin
from django.urls import include, path

from observatoire.web.api.site import api

handler404 = "observatoire.web.errors.not_found"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/", api.urls),
    path("autodiagnostics/", include("observatoire.web.autodiagnostics.urls")),
    path("partenariats/", include("observatoire.web.partenariats.urls")),
    path("evaluations/", include("observatoire.web.partenariats.evaluation_urls")),
    path("consultations/", include("observatoire.web.consultations.urls")),
    path("", include("observatoire.web.map.urls")),
    path("", include("observatoire.web.legal.urls")),
    path("", include("observatoire.web.agir.urls")),
    path("", include("observatoire.web.pages.urls")),
]
