"""A crawl of the demo site as a visitor clicks through it: no internal link may answer a server error.

Every internal link from the home page is followed to depth 3 (the home page is depth 0), and every
région is compared with France (the comparison of Corse and of the overseas régions once failed: their
« base insuffisante » text was formatted as a number).
"""

from __future__ import annotations

import re
from collections import deque
from urllib.parse import urldefrag, urlsplit

import pytest
from django.test import Client

from observatoire.reference import territories

DEPTH = 3
HREF = re.compile(r'href="([^"]+)"')
#: Files served as they are (static assets) or rendered by WeasyPrint (the PDF test asks for one).
SKIPPED = ("/static/", "/admin/", "/rapports/")


def _links(content: str) -> list[str]:
    found = []
    for href in HREF.findall(content):
        href = urldefrag(href.replace("&amp;", "&"))[0]
        if not href.startswith("/") or href.startswith("//") or href.startswith(SKIPPED):
            continue
        found.append(href)
    return found


@pytest.fixture
def client(published) -> Client:
    return Client()


@pytest.mark.django_db  # the « Agir » pages read the curated base
def test_every_internal_link_to_depth_3_answers_without_server_error(client):
    seen = {"/": 0}
    queue = deque(["/"])
    failures = []
    while queue:
        url = queue.popleft()
        response = client.get(url)
        if response.status_code >= 500:
            failures.append((url, response.status_code))
            continue
        if seen[url] == DEPTH or "html" not in response.get("Content-Type", ""):
            continue
        for link in _links(response.content.decode()):
            if link not in seen:
                seen[link] = seen[url] + 1
                queue.append(link)
    assert not failures, failures
    # the crawl reached what a visitor reaches: every région, the comparison, the methodology
    paths = {urlsplit(url).path for url in seen}
    assert {f"/territoire/region/{r.code}/" for r in territories.regions()} <= paths
    assert {"/comparer/", "/methodologie/", "/api/", "/carte/"} <= paths


@pytest.mark.parametrize("region", [r.code for r in territories.regions(metropolitan_only=False)])
def test_every_region_compares_with_france(client, region):
    response = client.get(f"/comparer/?a=region:{region}&b=FR")
    assert response.status_code == 200, response.status_code
    content = response.content.decode()
    name = territories.territory(region, "region").name.replace("'", "&#x27;")
    assert f"{name} et France" in content
    assert "<tbody>" in content


def test_a_territory_compared_with_itself_downloads(client):
    """Both sides' columns then share their labels (« Perçu — France »): the CSV is still written."""
    response = client.get("/comparer/?a=FR&b=FR&regard=citoyens&format=csv")
    assert response.status_code == 200
    assert response.content.startswith(b"\xef\xbb\xbf")
