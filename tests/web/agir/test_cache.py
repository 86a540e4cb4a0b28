"""The case base's public answers come from the site's cache, yet a publication, an edit or a withdrawal
shows at once in search, map and API; the map's counts are those of a direct count of the base."""

from __future__ import annotations

import re
from collections import Counter

import pytest
from django.http import QueryDict
from django.test import Client
from django.utils.html import json_script

from observatoire.recommend.proximity import footprint
from observatoire.web.agir.cases_map import SPEC_ID, cases_map
from observatoire.web.agir.columns import CASES
from observatoire.web.agir.models import PENDING, PUBLISHED, CaseStudy
from observatoire.web.agir.transfer import import_rows
from observatoire.web.caching import CONTENT_CACHE_CONTROL

pytestmark = pytest.mark.usefixtures("base")

FILTERS = {"q": "tandem", "domaine": "mobilite", "region": "93", "stade": "experimentation"}
GZIP = {"Accept-Encoding": "gzip, deflate, br"}


@pytest.fixture
def pending() -> CaseStudy:
    """A case matching ``FILTERS`` (Marseille, mobility, experimentation) waiting for a curator."""
    row = {
        "titre": "Tandem solidaire de la Joliette",
        "resume": "Une PME et une association prêtent des vélos à deux places.",
        "territoire": "commune:13055",
        "domaines": "mobilite",
        "stade": "experimentation",
    }
    import_rows(CASES, [(2, row)], "test")
    case = CaseStudy.objects.get(title=row["titre"])
    case.status = PENDING
    case.save()
    return case


def _count(html: str) -> int:
    return int(re.search(r'<p class="agir-count" role="status"><strong>(\d+)</strong>', html).group(1))


def _map_count(code: str) -> int:
    html = Client().get("/pratiques/carte/", FILTERS).content.decode()
    found = re.search(rf"<td>{code}</td><td class=\"num\">(\d+)</td>", html)
    return int(found.group(1)) if found else 0


def _seen() -> tuple[int, int, int]:
    """The pending case's filters as the list, the map (Bouches-du-Rhône) and the API count them."""
    listed = _count(Client().get("/pratiques/", FILTERS).content.decode())
    api = Client().get("/api/pratiques/", FILTERS).json()["count"]
    return listed, _map_count("13"), api


def test_repeated_answers_come_from_the_cache_compressed_with_validators():
    first = Client().get("/pratiques/", FILTERS, headers=GZIP)
    assert first["X-Cache"] == "miss"
    again = Client().get("/pratiques/", FILTERS, headers=GZIP)
    assert again["X-Cache"] == "hit"
    assert again["Content-Encoding"] == "gzip"
    assert again.content == first.content
    assert again["Cache-Control"] == CONTENT_CACHE_CONTROL
    assert not again.has_header("Last-Modified")  # the build's date says nothing of the base
    unchanged = Client().get("/pratiques/", FILTERS, headers={**GZIP, "If-None-Match": again["ETag"]})
    assert unchanged.status_code == 304
    fragment = Client().get("/pratiques/", FILTERS, headers={"HX-Request": "true"})
    assert b"<html" not in fragment.content  # the fragment is kept apart from the page
    restored = Client().get(
        "/pratiques/", FILTERS, headers={"HX-Request": "true", "HX-History-Restore-Request": "true"}
    )
    assert b"<html" in restored.content
    for path in ("/pratiques/carte/", "/api/pratiques/"):
        Client().get(path, FILTERS)
        assert Client().get(path, FILTERS)["X-Cache"] == "hit", path


def test_the_contribution_form_is_never_cached():
    for _ in range(2):
        response = Client().get("/pratiques/proposer/")
        assert response.status_code == 200
        assert "X-Cache" not in response
        assert "no-store" in response["Cache-Control"]


def test_publish_edit_and_withdraw_show_at_once_in_search_map_and_api(pending, curator):
    before = _seen()
    assert Client().get("/pratiques/", FILTERS)["X-Cache"] == "hit"  # what follows is no cold start
    changes = "/admin/agir/casestudy/"
    curator.post(changes, {"action": "publish", "_selected_action": [pending.pk]})
    assert CaseStudy.objects.get(pk=pending.pk).status == PUBLISHED
    assert _seen() == tuple(n + 1 for n in before)  # no wait: the save asked the base's version again

    case = CaseStudy.objects.get(pk=pending.pk)
    case.title = "Vélos cargos solidaires de la Joliette"
    case.save()
    assert _seen() == before  # « tandem » no longer in its text
    assert _count(Client().get("/pratiques/", {**FILTERS, "q": "cargo"}).content.decode()) >= 1

    case.title = "Tandem solidaire de la Joliette"
    case.save()
    assert _seen() == tuple(n + 1 for n in before)
    curator.post(changes, {"action": "refuse", "_selected_action": [pending.pk]})
    assert _seen() == before
    assert Client().get(f"/pratiques/{case.slug}/").status_code == 404


def _direct_counts(domain: str) -> Counter[str]:
    """Published cases of ``domain`` by département, counted from the database record by record."""
    counted: Counter[str] = Counter()
    for case in CaseStudy.objects.filter(status=PUBLISHED):
        if domain in case.domains:
            departement = footprint(case.territory_key).departement
            if departement:
                counted[departement] += 1
    return counted


@pytest.mark.parametrize("domain", ["mobilite", "emploi"])
def test_map_counts_equal_a_direct_count_of_the_base(domain):
    found = cases_map(QueryDict(f"domaine={domain}"))
    drawn = {row["code"]: int(row["value"]) for row in found.rows if row["value"]}
    assert drawn == dict(_direct_counts(domain))
    assert sum(drawn.values()) <= found.listing.count  # national and regional cases have no département


@pytest.mark.parametrize("query", ["", "domaine=mobilite", "q=mobilite&region=93", "region=01&region=03"])
def test_the_map_spec_is_json_script_s_own_output(query):
    """Each geometry is serialised once per process and spliced in: the page holds what json_script gives."""
    found = cases_map(QueryDict(query))
    if found.chart is None:
        assert found.spec_script == ""
        return
    assert found.spec_script == json_script(found.chart.spec, SPEC_ID)
