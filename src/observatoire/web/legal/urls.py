"""French addresses of the legal pages (linked from every page's footer)."""

from django.urls import path

from observatoire.web.legal import views

app_name = "legal"

urlpatterns = [
    path("mentions-legales/", views.legal_notice, name="mentions"),
    path("donnees-personnelles/", views.personal_data, name="donnees"),
    path("accessibilite/", views.accessibility, name="accessibilite"),
    path("plan-du-site/", views.site_map, name="plan"),
]
