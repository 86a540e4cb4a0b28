"""The one django-ninja API of the platform, served under ``/api/``, and its OpenAPI document.

Every endpoint of the platform lives on this instance, so they share one OpenAPI document
(``/api/openapi.json``), one URL namespace (``api``) and the same French errors: a bad parameter is a 400,
nothing published a 503, an unknown address a 404, each as ``{"error": "..."}``.

Adding endpoints from another app (the « Agir » endpoints, for instance): write a ``ninja.Router`` in
that app (its query schemas derive from :class:`observatoire.web.api.parameters.QuerySchema`, which makes
unknown parameters and bad values French 400s), then add one line to :data:`ROUTERS` below with its
prefix and dotted path, e.g. ``("/pratiques/", "observatoire.web.agir.api.router")``. Its operations
appear in the OpenAPI document; give each an ``operation_id`` and a ``url_name`` (``reverse("api:...")``).
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.errors import HttpError, ValidationError

from observatoire import __version__
from observatoire.errors import InputError, StoreError
from observatoire.messages import t
from observatoire.web.api import responses
from observatoire.web.api.parameters import MAX_VALUE_LENGTH

#: pydantic's error types in a JSON body, as French sentences (``name`` is the field, ``ctx`` the rest).
BODY_ERRORS = {
    "literal_error": "api.body.choice",
    "extra_forbidden": "api.body.unknown",
    "too_long": "api.body.too_long",
    "list_type": "api.body.list",
    "dict_type": "api.body.object",
    "model_attributes_type": "api.body.object",
    "missing": "api.body.missing",
}

# (prefix, router): the open-data endpoints first; other apps add theirs here.
ROUTERS: tuple[tuple[str, str], ...] = (
    ("/autodiagnostics/", "observatoire.web.autodiagnostics.api.router"),
    ("/", "observatoire.web.api.views.router"),
    ("/", "observatoire.web.agir.api.router"),  # /api/pratiques/, /api/catalyseurs/, /api/outils/
    ("/partenariats/", "observatoire.web.partenariats.api.router"),
    ("/consultations/", "observatoire.web.consultations.api.router"),
)

api = NinjaAPI(
    title="Observatoire des partenariats : données ouvertes",
    version=__version__,
    description="Les chiffres publiés (construction en cours), les territoires et les domaines de fragilité. "
    "Chaque filtre accepte une liste (valeurs répétées ou séparées par des virgules).",
    urls_namespace="api",
    openapi_url="/openapi.json",
    docs_url=None,  # the French documentation page is /api/ (ninja's would load scripts from a CDN)
)


@api.exception_handler(InputError)
def bad_request(request: HttpRequest, problem: InputError) -> HttpResponse:
    return responses.error(400, str(problem))


@api.exception_handler(ValidationError)
def invalid(request: HttpRequest, problem: ValidationError) -> HttpResponse:
    """A bad parameter: the French sentence of :class:`QuerySchema` (pydantic hands it over as the
    ``ValueError`` it is), or, for a value no schema of ours checks, a French sentence naming it."""
    error = problem.errors[0] if problem.errors else {}
    said = (error.get("ctx") or {}).get("error")
    if error.get("type") == "value_error" and said:
        return responses.error(400, str(said))
    names = [str(part) for part in error.get("loc", ()) if isinstance(part, str)]
    name = names[-1] if names else "?"
    kind = error.get("type")
    if kind in BODY_ERRORS:  # a JSON body's field (the POST endpoints): which one, and what was expected
        return responses.error(400, t(BODY_ERRORS[kind], name=name, **(error.get("ctx") or {})))
    return responses.error(400, t("api.bad_text", name=name, length=MAX_VALUE_LENGTH))


@api.exception_handler(HttpError)
def http_error(request: HttpRequest, problem: HttpError) -> HttpResponse:
    """django-ninja's own errors (an unreadable JSON body...) in the API's French shape."""
    message = str(problem)
    if message.startswith("Cannot parse request body"):  # django-ninja's wording
        message = t("api.unreadable_body")
    return responses.error(problem.status_code, message)


@api.exception_handler(StoreError)
def unavailable(request: HttpRequest, problem: StoreError) -> HttpResponse:
    return responses.error(503, str(problem))


for prefix, router in ROUTERS:
    api.add_router(prefix, router)
