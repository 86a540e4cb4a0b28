"""The curators' admin: login required for everything (Django's admin). Each app registers its own models
(cases, catalysts and tools: ``observatoire.web.agir.admin``)."""

from __future__ import annotations

from django.contrib import admin

admin.site.site_header = "Observatoire des partenariats : administration"
admin.site.site_title = "Observatoire : administration"
admin.site.index_title = "Contenus éditoriaux"
