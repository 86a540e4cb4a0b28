"""WSGI entry point for ``observatoire serve`` (gunicorn) or any WSGI server.

It refuses to load with the public development secret key (or a weak one) unless ``OBSERVATOIRE_DEV=1``
asks for development mode, which is then announced on standard error: no WSGI server can serve the
development key silently.
"""

import os

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.wsgi import get_wsgi_application

from observatoire.errors import InputError
from observatoire.messages import t
from observatoire.web.secret_key import refuse_unsafe_key

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "observatoire.web.settings")
application = get_wsgi_application()

try:
    refuse_unsafe_key(settings.SECRET_KEY)
except InputError as problem:
    raise ImproperlyConfigured(t("serve.wsgi_refused", reason=problem)) from None
