"""WSGI entry point for ``observatoire serve`` (gunicorn) or any WSGI server."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "observatoire.web.settings")
application = get_wsgi_application()
