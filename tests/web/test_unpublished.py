"""Before the first build, every public address answers (a French 503 where results are needed), never a
500: each address of the URL map is asked, so a page added later is covered too."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.urls.converters import IntConverter

from observatoire.web import results
from observatoire.workspace import Workspace

# A value for each URL parameter of the public pages (a real territory, table and so on).
SAMPLES = {"level": "region", "code": "93", "name": "domaines"}


def _named_patterns(resolver: URLResolver, namespace: str = "") -> list[tuple[str, dict[str, str]]]:
    found = []
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            inner = ":".join(part for part in (namespace, entry.namespace or "") if part)
            found += _named_patterns(entry, inner)
        elif isinstance(entry, URLPattern) and entry.name:
            name = f"{namespace}:{entry.name}" if namespace else entry.name
            converters = getattr(entry.pattern, "converters", {})
            # A sample value per parameter: ours where given, a number where the converter wants one.
            values = {
                key: SAMPLES.get(key, "1" if isinstance(converters.get(key), IntConverter) else "x")
                for key in entry.pattern.regex.groupindex
            }
            found.append((name, values))
    return found


def public_addresses() -> list[str]:
    addresses = []
    for name, parameters in _named_patterns(get_resolver()):
        if name.startswith("admin:"):
            continue
        addresses.append(reverse(name, kwargs=parameters))
    return sorted(set(addresses))


@pytest.fixture
def nothing_published(tmp_path, settings):
    settings.WORKSPACE = Workspace(root=tmp_path, database_url=f"sqlite:///{tmp_path / 'vide.sqlite3'}")
    results.reset()
    yield
    results.reset()


def test_the_map_of_addresses_is_walked():
    assert {"/", "/carte/", "/carte/donnees.json", "/territoire/region/93/", "/api/resultats/"} <= set(
        public_addresses()
    )


@pytest.mark.django_db
@pytest.mark.parametrize("address", public_addresses())
def test_every_public_address_answers_without_error_before_the_first_build(nothing_published, address):
    response = Client(raise_request_exception=False).get(address)
    assert response.status_code in {200, 301, 302, 400, 404, 405, 503}, (address, response.status_code)
    if response.status_code == 503 and not address.startswith("/api/"):
        assert "Pas encore de résultats publiés" in response.content.decode()
        assert response["Retry-After"]


@pytest.mark.django_db
@pytest.mark.parametrize("address", ["/", "/carte/", "/carte/donnees.csv", "/territoire/region/93/"])
def test_pages_of_results_say_so_in_french(nothing_published, address):
    response = Client().get(address)
    assert response.status_code == 503
    assert "Pas encore de résultats publiés" in response.content.decode()
