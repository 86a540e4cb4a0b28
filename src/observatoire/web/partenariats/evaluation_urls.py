"""``/evaluations/``: open an evaluation; each partner's private link, its mirror, the opener's actions."""

from django.urls import path

from observatoire.web.partenariats import evaluations

app_name = "evaluations"
urlpatterns = [
    path("", evaluations.index, name="index"),
    path("p/<str:token>/", evaluations.partner, name="partner"),
    path("p/<str:token>/miroir/", evaluations.mirror_page, name="mirror"),
    path("p/<str:token>/miroir/<int:number>/", evaluations.mirror_page, name="mirror_round"),
    path("p/<str:token>/miroir/<int:number>.pdf", evaluations.mirror_pdf, name="pdf"),
    path("p/<str:token>/gerer/", evaluations.manage, name="manage"),
]
