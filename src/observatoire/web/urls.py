"""URL map. Pages and API are added by their modules; admin is for curators (login required)."""

from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/", include("observatoire.web.api.urls")),
    path("", include("observatoire.web.map.urls")),
    path("", include("observatoire.web.legal.urls")),
    path("", include("observatoire.web.pages.urls")),
]
