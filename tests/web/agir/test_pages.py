"""The case base's pages: French search, facets with live counts, HTMX fragments, case page, « Pour agir »."""

from __future__ import annotations

import json
import re

import pytest
from django.test import Client

from observatoire.web.agir import catalog
from observatoire.web.agir.columns import CASES
from observatoire.web.agir.models import CaseStudy
from observatoire.web.agir.transfer import import_rows

pytestmark = pytest.mark.usefixtures("base")


def _case(title: str, territory: str, domains: str, **extra: str) -> dict[str, str]:
    return {
        "titre": title,
        "resume": "Une alliance locale.",
        "territoire": territory,
        "domaines": domains,
        **extra,
    }


@pytest.fixture
def named() -> None:
    import_rows(
        CASES,
        [
            (
                2,
                _case(
                    "Mobilités solidaires du Pays d'Aix",
                    "commune:13001",
                    "mobilite",
                    partenaires="association:Roule Ma Poule",
                ),
            ),
            (3, _case("Des chevaux de trait pour la collecte", "commune:31555", "environnement")),
            (4, _case("Auto-école sociale lilloise", "commune:59350", "mobilite; emploi")),
        ],
        "test",
    )
    catalog.forget()


def _titles(html: str) -> list[str]:
    return re.findall(r'<h3><a href="/pratiques/[^"]+">([^<]+)</a>', html)


def test_search_without_accents_finds_accented_plural_title(named):
    html = Client().get("/pratiques/", {"q": "mobilite"}).content.decode()
    assert "Mobilités solidaires du Pays d&#x27;Aix" in _titles(html)
    assert "Des chevaux de trait pour la collecte" in _titles(
        Client().get("/pratiques/", {"q": "cheval"}).content.decode()
    )


def test_partners_names_are_searched(named):
    html = Client().get("/pratiques/", {"q": "roule poule"}).content.decode()
    assert _titles(html) == ["Mobilités solidaires du Pays d&#x27;Aix"]


def _count(html: str) -> int:
    return int(re.search(r'<p class="agir-count" role="status"><strong>(\d+)</strong>', html).group(1))


def _region(title: str) -> str:
    from observatoire.recommend.proximity import footprint

    case = CaseStudy.objects.get(title=title.replace("&#x27;", "'"))
    return footprint(case.territory_key).region or ""


def test_facets_or_within_and_across_with_live_counts(named):
    both = Client().get("/pratiques/?q=mobilite&domaine=mobilite&region=93").content.decode()
    assert "Mobilités solidaires du Pays d&#x27;Aix" in _titles(both)
    assert {_region(title) for title in _titles(both)} == {"93"}  # AND across facets
    # the région facet's counts ignore the région choice (OR) but apply the domain and the words
    hauts = re.search(
        r'id="f-region-32"[^>]*>\s*<label[^>]*>Hauts-de-France <span class="count">\((\d+)\)', both
    )
    assert hauts is not None
    either = Client().get("/pratiques/?q=mobilite&domaine=mobilite&region=93&region=32").content.decode()
    assert {"Mobilités solidaires du Pays d&#x27;Aix", "Auto-école sociale lilloise"} <= set(_titles(either))
    assert _count(either) == _count(both) + int(hauts.group(1))  # the count said what ticking it adds
    assert {_region(title) for title in _titles(either)} == {"93", "32"}


def test_every_state_is_an_address_and_htmx_gets_the_fragment(named):
    full = Client().get("/pratiques/?q=mobilite&domaine=mobilite")
    fragment = Client().get("/pratiques/?q=mobilite&domaine=mobilite", HTTP_HX_REQUEST="true")
    assert "<html" in full.content.decode()
    assert "<html" not in fragment.content.decode()
    assert _titles(fragment.content.decode()) == _titles(full.content.decode())
    assert 'value="mobilite" checked' in fragment.content.decode()


def test_pagination_and_date_sort():
    first = Client().get("/pratiques/", {"tri": "date"}).content.decode()
    second = Client().get("/pratiques/", {"tri": "date", "page": "2"}).content.decode()
    assert "Page 1 sur" in first
    assert set(_titles(first)).isdisjoint(_titles(second))
    assert Client().get("/pratiques/", {"page": "999"}).status_code == 200  # the last page


def test_case_page_has_partners_model_related_and_json_ld():
    case = CaseStudy.public.get(title__startswith="La Poste et Jaccede")
    html = Client().get(f"/pratiques/{case.slug}/").content.decode()
    assert "Partage d&#x27;expertise" in html
    assert "Jaccede.com — Association" in html
    data = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1))
    assert data["@type"] == "CreativeWork"
    assert data["name"] == case.title
    assert "Pratiques proches" in html


def test_synthetic_entries_say_so_in_lists_and_pages():
    html = Client().get("/pratiques/", {"q": "synthetique"}).content.decode()
    assert 'class="badge-synthetic">synthétique' in html
    case = CaseStudy.public.filter(provenance="synthetic").first()
    assert "Fiche synthétique" in Client().get(f"/pratiques/{case.slug}/").content.decode()


def test_unpublished_case_is_a_404_and_absent_from_lists():
    case = CaseStudy.public.get(title__startswith="Silver Geek")
    case.status = "a_moderer"
    case.save()
    catalog.forget()
    assert Client().get(f"/pratiques/{case.slug}/").status_code == 404
    assert "Silver Geek" not in Client().get("/pratiques/", {"q": "silver geek"}).content.decode()


def test_catalysts_and_tools_lists_and_pages():
    html = Client().get("/catalyseurs/", {"metier": "gestion_lieu", "departement": "31"}).content.decode()
    assert "Le Catalyseur" in html
    assert Client().get("/catalyseurs/le-catalyseur/").status_code == 200
    tools = Client().get("/outils/", {"levier": "evaluer_pertinence"}).content.decode()
    assert "évaluation partenariale" in tools


def test_for_action_lists_nearest_cases_with_reasons():
    response = Client().get("/pour-agir/commune/13001/", HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in html
    assert "Maison des associations du Pays d&#x27;Aix" in html
    assert "Couvre" in html or "dans le même département" in html
    assert Client().get("/pour-agir/departement/999/").status_code == 404


def test_map_counts_cases_by_departement_for_the_current_filters(named):
    html = Client().get("/pratiques/carte/", {"q": "mobilite", "domaine": "mobilite"}).content.decode()
    assert 'data-vega-spec="pratiques-carte-spec"' in html
    assert 'role="img" aria-label="Carte des départements' in html
    rows = dict(
        re.findall(
            r'<th scope="row"><a href="[^"]+">([^<]+)</a></th><td>[^<]+</td><td class="num">(\d+)</td>', html
        )
    )
    assert int(rows["Bouches-du-Rhône"]) >= 1  # Aix's « Mobilités solidaires »
    assert int(rows["Nord"]) >= 1  # Lille's auto-école
    listed = (
        Client()
        .get("/pratiques/", {"q": "mobilite", "domaine": "mobilite", "departement": "59"})
        .content.decode()
    )
    assert _count(listed) == int(rows["Nord"])  # the table's link leads to the same cases


def test_a_remembered_list_follows_a_publication(named):
    before = Client().get("/pratiques/", {"q": "tandem"}).content.decode()
    assert _count(before) == 0
    import_rows(CASES, [(2, _case("Tandem solidaire", "commune:13055", "mobilite"))], "test")
    catalog.forget()  # the catalogue asks again at once (in service: within a second)
    assert _count(Client().get("/pratiques/", {"q": "tandem"}).content.decode()) == 1
