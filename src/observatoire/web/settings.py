"""Django settings: one short file, importable with no environment variable set.

Everything deployment-specific has a safe default: the database comes from the workspace
(``$DATABASE_URL`` or the workspace's SQLite file), debug is off unless ``OBSERVATOIRE_DEBUG=1``, and the
secret key must be set in production (``observatoire serve`` refuses the development key off loopback).
"""

from __future__ import annotations

import os
from pathlib import Path

from observatoire.web.database import django_database
from observatoire.workspace import Workspace

WEB_DIR = Path(__file__).resolve().parent
WORKSPACE = Workspace.from_env()

DEV_SECRET_KEY = "observatoire-dev-only-not-secret"
SECRET_KEY = os.environ.get("OBSERVATOIRE_SECRET_KEY", DEV_SECRET_KEY)
DEBUG = os.environ.get("OBSERVATOIRE_DEBUG") == "1"
ALLOWED_HOSTS = [
    h for h in os.environ.get("OBSERVATOIRE_ALLOWED_HOSTS", "127.0.0.1,localhost").split(",") if h
]
if not DEBUG:
    ALLOWED_HOSTS.append("testserver")  # Django's test client

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "observatoire.web.apps.WebConfig",
    "observatoire.web.autodiagnostics.apps.AutodiagnosticsConfig",
]

MIDDLEWARE = [
    # First: a remembered answer carries every header the layers below set (security, CSP) and needs
    # none of their work; static files and curators' pages pass through.
    "observatoire.web.memory.PublishedAnswersMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "observatoire.web.security.ContentSecurityPolicyMiddleware",
]

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
            # An unknown variable in a template is a bug: make it visible (tests fail on it).
            "string_if_invalid": "INVALID_TEMPLATE_VARIABLE(%s)" if DEBUG else "",
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
