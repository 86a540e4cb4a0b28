"""Django settings: one short file, importable with no environment variable set.

Everything deployment-specific has a safe default: the database comes from the workspace
(``$DATABASE_URL`` or the workspace's SQLite file), debug is off unless ``OBSERVATOIRE_DEBUG=1``, only
loopback host names are served, and the secret key must be set in production (``observatoire serve`` and
``wsgi.py`` refuse the public development key unless told ``--dev``). Behind an HTTPS reverse proxy,
``OBSERVATOIRE_BEHIND_HTTPS_PROXY=1`` turns on HSTS, secure cookies and the proxy's headers
(docs/serving.md); ``manage.py check --deploy`` is then clean.
"""

from __future__ import annotations

import os
from pathlib import Path

from observatoire.web import logs, secret_key
from observatoire.web.database import django_database
from observatoire.workspace import Workspace

WEB_DIR = Path(__file__).resolve().parent
WORKSPACE = Workspace.from_env()

DEV_SECRET_KEY = secret_key.DEV_SECRET_KEY
SECRET_KEY = secret_key.secret_key()
SECRET_KEY_FALLBACKS = secret_key.fallbacks()
DEBUG = os.environ.get("OBSERVATOIRE_DEBUG") == "1"
# The names this server answers to; any other Host header is a 400 (Django's test runner adds its own).
ALLOWED_HOSTS = [
    h.strip()
    for h in os.environ.get("OBSERVATOIRE_ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]").split(",")
    if h.strip()
]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "axes",  # admin login throttling (its own migrations, failures kept in the database)
    "observatoire.web.apps.WebConfig",
    "observatoire.web.autodiagnostics.apps.AutodiagnosticsConfig",
    "observatoire.web.agir.apps.AgirConfig",
    "observatoire.web.partenariats.apps.PartenariatsConfig",
    "observatoire.web.consultations.apps.ConsultationsConfig",
]

MIDDLEWARE = [
    # Outermost: a client holding the answer's ETag (strong, or weak once gzipped) gets a 304, from a
    # cache hit too (Django compares If-None-Match weakly).
    "django.middleware.http.ConditionalGetMiddleware",
    # Public answers per published build (web/caching.py): above gzip and the security headers, so a
    # stored answer keeps its compressed body, Vary, security headers and CSP.
    "observatoire.web.caching.PublishedCacheMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Below whitenoise: static files are not compressed again on every request.
    "django.middleware.gzip.GZipMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "observatoire.web.security.ContentSecurityPolicyMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    # Below gzip: the validators are those of the plain answer, which gzip turns weak.
    "observatoire.web.caching.BuildValidatorsMiddleware",
    "axes.middleware.AxesMiddleware",  # last, as django-axes requires: answers a locked-out login
]

# Public answers are cached per published build (web/caching.py). Zero set-up: each process keeps its
# own bounded local memory. With OBSERVATOIRE_CACHE_URL (redis://host:6379/N) every worker of every
# server shares one Redis, bounded by Redis's own maxmemory (see docs/deploy.md).
CACHE_URL = os.environ.get("OBSERVATOIRE_CACHE_URL", "")
CACHES = {
    "default": (
        {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": CACHE_URL,
            "KEY_PREFIX": os.environ.get("OBSERVATOIRE_CACHE_PREFIX", "observatoire"),
        }
        if CACHE_URL
        else {
            "BACKEND": "observatoire.web.bounded_cache.BoundedLocMemCache",
            "LOCATION": "observatoire-answers",
            # Two entries per address (the answer, and the Vary headers it was learned with); an answer
            # over web.caching.MAX_BODY (1 MB) is not stored.
            "OPTIONS": {"MAX_ENTRIES": 8192, "MAX_BYTES": 128 * 1024 * 1024},
        }
    ),
    "local": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "observatoire-local"},
}
CACHE_MIDDLEWARE_ALIAS = "default"

ROOT_URLCONF = "observatoire.web.urls"
WSGI_APPLICATION = "observatoire.web.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [WEB_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "observatoire.web.pages.context.site",  # published build + synthetic-data banner
            ],
            # An unknown variable in a template is a bug: the tests fail on it (--fail-on-template-vars).
        },
    }
]

DATABASES = {"default": django_database(WORKSPACE.database_url)}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

LANGUAGE_CODE = "fr"
TIME_ZONE = "Europe/Paris"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
# Collected files (optional: whitenoise serves from the package); unset until collected, or whitenoise warns.
STATIC_ROOT = WORKSPACE.static_dir if WORKSPACE.static_dir.is_dir() else None
STATICFILES_DIRS = [WEB_DIR / "static"]
WHITENOISE_USE_FINDERS = True  # serve straight from the package: no collectstatic step needed

SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_SAMESITE = "Lax"
LOGIN_URL = "admin:login"

# The legal pages (/mentions-legales/, /donnees-personnelles/): who publishes the site, whom to write to,
# who hosts it, and how many days the answers people leave (self-assessments, evaluations, consultations)
# are kept before they are deleted.
OBSERVATOIRE_PUBLISHER = os.environ.get("OBSERVATOIRE_PUBLISHER", "Observatoire des partenariats")
OBSERVATOIRE_PUBLICATION_DIRECTOR = os.environ.get("OBSERVATOIRE_PUBLICATION_DIRECTOR", "")
OBSERVATOIRE_CONTACT = os.environ.get("OBSERVATOIRE_CONTACT", "")
OBSERVATOIRE_HOST = os.environ.get("OBSERVATOIRE_HOST", "")
OBSERVATOIRE_ANSWERS_RETENTION_DAYS = int(os.environ.get("OBSERVATOIRE_ANSWERS_RETENTION_DAYS", "730"))

LOGGING = logs.from_env()

# Served behind an HTTPS reverse proxy (the production layout, docs/serving.md): the proxy says the
# request came over HTTPS (X-Forwarded-Proto, which it must set itself and never pass through from the
# client), browsers are told to use HTTPS only, and cookies never travel in clear.
BEHIND_HTTPS_PROXY = os.environ.get("OBSERVATOIRE_BEHIND_HTTPS_PROXY") == "1"
if BEHIND_HTTPS_PROXY:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = True
    SECURE_HSTS_SECONDS = int(os.environ.get("OBSERVATOIRE_HSTS_SECONDS", str(365 * 24 * 3600)))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True

# Admin login throttling (django-axes, failures in the database): after AXES_FAILURE_LIMIT failed logins
# from one address or for one user name, logins are refused for AXES_COOLOFF_TIME hours (French 429 page);
# `python -m django axes_reset` lifts every lock. Behind the proxy, the client is its last X-Forwarded-For.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_HANDLER = "axes.handlers.database.AxesDatabaseHandler"
AXES_FAILURE_LIMIT = int(os.environ.get("OBSERVATOIRE_LOGIN_ATTEMPTS", "5"))
AXES_COOLOFF_TIME = 1
AXES_LOCKOUT_PARAMETERS = ["ip_address", "username"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "axes/locked.html"
AXES_CLIENT_IP_CALLABLE = "observatoire.web.proxy.client_ip"
