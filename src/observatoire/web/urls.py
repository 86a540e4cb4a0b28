"""URL map. Pages and API are added by their modules; admin is for curators (login required)."""

from django.contrib import admin
from django.urls import include, path

from observatoire.web.autodiagnostics.api import api as autodiagnostics_api

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/autodiagnostics/", autodiagnostics_api.urls),  # until /api/ is one NinjaAPI (see the app)
    path("api/", include("observatoire.web.api.urls")),
    path("autodiagnostics/", include("observatoire.web.autodiagnostics.urls")),
    path("", include("observatoire.web.map.urls")),
    path("", include("observatoire.web.legal.urls")),
    path("", include("observatoire.web.pages.urls")),
]
