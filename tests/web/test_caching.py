"""Public answers through Django's cache: once per build and address, never for curators or cookies;
conditional GET for plain and gzip clients; one HTMX rule (a history restore gets the whole page)."""

from __future__ import annotations

import dataclasses
import gzip
import time
from types import SimpleNamespace

import pytest
from django.core.cache import caches
from django.test import Client

from observatoire.web import caching, results
from observatoire.web.bounded_cache import BoundedLocMemCache
from observatoire.web.pages import overview

PAGE = "/territoire/region/84/"
GZIP = {"Accept-Encoding": "gzip, deflate, br"}
HTMX = {"HX-Request": "true"}
HISTORY_RESTORE = {"HX-Request": "true", "HX-History-Restore-Request": "true"}


@pytest.fixture
def client(published) -> Client:
    return Client()


def _no_rendering(*args, **kwargs):
    raise AssertionError("the page should come from the cache")


def test_the_local_cache_is_bounded_in_entries_and_bytes():
    kept = BoundedLocMemCache("test-bounded", {"OPTIONS": {"MAX_ENTRIES": 3, "MAX_BYTES": 2000}})
    kept.clear()
    for key in "abcd":
        kept.set(key, b"x" * 10)
    assert kept.get("a") is None  # culled past three entries
    kept.set("big", b"y" * 1500)
    kept.set("bigger", b"z" * 1500)
    assert kept.stored_bytes <= 2000
    assert kept.get("big") is None  # least recently used goes first
    assert kept.get("bigger") == b"z" * 1500
    kept.delete("bigger")
    assert kept.stored_bytes < 100


def test_the_published_build_is_asked_at_most_once_a_second(monkeypatch):
    asked = []
    fake = SimpleNamespace(
        engine=SimpleNamespace(url="sqlite:///ttl"), current_build=lambda: asked.append(1) or None
    )
    monkeypatch.setattr(results, "store", lambda: fake)
    results.forget_published_build()
    now = [1000.0]
    monkeypatch.setattr(time, "time", lambda: now[0])
    for moment in (1000.0, 1000.5, 1001.2):
        now[0] = moment
        assert results.published_build() is None  # « nothing published » is remembered too
    assert len(asked) == 2  # at 1000.0, then again once the second has passed
    results.forget_published_build()


def test_a_page_is_rendered_once_per_build_with_its_headers(client, monkeypatch):
    first = client.get(PAGE)
    assert first.status_code == 200
    assert first["X-Cache"] == "miss"
    monkeypatch.setattr(overview, "territory_page", _no_rendering)
    again = client.get(PAGE)
    assert again["X-Cache"] == "hit"
    assert again.content == first.content
    assert again["Content-Security-Policy"] == first["Content-Security-Policy"]
    assert again["X-Frame-Options"] == "DENY"
    for name in ("X-Content-Type-Options", "Referrer-Policy", "Cross-Origin-Opener-Policy", "ETag"):
        assert again[name] == first[name]


def test_pages_send_vary_etag_last_modified_and_cache_control(client, published):
    """Regression: one URL serves a page and a fragment, yet pages sent no Vary, ETag nor Cache-Control."""
    build = published.current_build()
    for path in (PAGE, "/recherche?q=Bret", "/carte/"):
        response = client.get(path)
        vary = {part.strip() for part in response["Vary"].split(",")}
        assert {"HX-Request", "HX-History-Restore-Request"} <= vary, path
        assert response["ETag"].startswith(f'"b{build.id}-'), path
        assert response["Cache-Control"] == caching.BROWSER_CACHE_CONTROL
        assert response["Last-Modified"]
    assert client.get("/").has_header("ETag")
    assert client.get("/api/resultats/?territory=FR&limit=3").has_header("Last-Modified")


def test_a_history_restore_gets_the_whole_page_even_after_a_swap(client):
    """Regression: Back to a territory page answered the fragment, without header, navigation, footer."""
    fragment = client.get(PAGE, headers=HTMX)
    assert b"<html" not in fragment.content
    assert "HX-Push-Url" in fragment
    for _ in range(2):  # rendered, then from the cache: never the fragment stored for the swap
        restored = client.get(PAGE, headers=HISTORY_RESTORE)
        text = restored.content.decode()
        assert "<html" in text
        assert all(part in text for part in ("<header", "<nav", "<footer"))
        assert "HX-Push-Url" not in restored
    assert client.get(PAGE).content == restored.content
    map_restored = client.get("/carte/", headers=HISTORY_RESTORE)
    assert b"<html" in map_restored.content


def test_the_htmx_fragment_is_cached_apart_from_the_page(client):
    page = client.get(PAGE).content
    fragment = client.get(PAGE, headers=HTMX)
    assert fragment.content != page
    assert client.get(PAGE, headers=HTMX)["X-Cache"] == "hit"
    assert client.get(PAGE).content == page


@pytest.mark.parametrize("path", [PAGE, "/api/resultats/?territory=93&limit=200"])
def test_a_client_holding_the_strong_or_the_weak_tag_gets_a_304(client, path):
    """Regression: the gzip copy's tag is weak (W/"…") and was compared as a plain string: never a 304."""
    plain = client.get(path)
    packed = client.get(path, headers=GZIP)
    assert packed["Content-Encoding"] == "gzip"
    assert packed["ETag"] == "W/" + plain["ETag"]
    for tag in (plain["ETag"], packed["ETag"]):
        for headers in ({}, GZIP):
            again = client.get(path, headers={**headers, "If-None-Match": tag})
            assert again.status_code == 304, (tag, headers)
            assert again.content == b""
    since = client.get(path, headers={**GZIP, "If-Modified-Since": plain["Last-Modified"]})
    assert since.status_code == 304
    other = client.get(path, headers={"If-None-Match": '"b0-autre"'})
    assert other.status_code == 200


def test_a_client_accepting_gzip_gets_the_same_answer_compressed(client):
    path = "/api/resultats/?territory=93&limit=200"
    plain = client.get(path)
    packed = client.get(path, headers=GZIP)
    assert "Content-Encoding" not in plain
    assert len(packed.content) < len(plain.content) / 3
    assert gzip.decompress(packed.content) == plain.content
    assert "Accept-Encoding" in packed["Vary"]
    assert client.get(path, headers=GZIP)["X-Cache"] == "hit"
    assert client.get(path, headers=GZIP).content == packed.content


def test_a_new_build_is_rendered_afresh(client, published, monkeypatch):
    client.get(PAGE)
    build = published.current_build()
    newer = dataclasses.replace(build, id=build.id + 1)
    monkeypatch.setattr(caching, "published_build", lambda: newer)
    monkeypatch.setattr(overview, "territory_page", _no_rendering)
    with pytest.raises(AssertionError, match="from the cache"):
        client.get(PAGE)


def test_a_written_report_changes_the_cached_answers(client, published, settings):
    first = client.get(PAGE)
    assert client.get(PAGE)["X-Cache"] == "hit"
    time.sleep(0.01)
    reports = settings.WORKSPACE.reports_dir
    reports.mkdir(parents=True, exist_ok=True)
    written = reports / "autre.txt"
    written.write_text("un rapport")
    try:
        assert client.get(PAGE)["X-Cache"] == "miss"
    finally:
        written.unlink()
    assert first.status_code == 200


@pytest.mark.django_db  # the methodology page reads the open aggregates of partnership evaluations
def test_a_page_showing_live_data_is_kept_only_its_s_maxage(client, monkeypatch):
    first = client.get("/methodologie/")
    assert first["X-Cache"] == "miss"
    assert "s-maxage=60" in first["Cache-Control"]
    assert "max-age=60" in first["Cache-Control"]
    assert client.get("/methodologie/")["X-Cache"] == "hit"
    later = time.time() + 61
    monkeypatch.setattr(time, "time", lambda: later)
    assert client.get("/methodologie/")["X-Cache"] == "miss"  # a minute later: rendered afresh
    assert client.get(PAGE)["X-Cache"] == "miss"
    monkeypatch.setattr(time, "time", lambda: later + 3600)
    assert client.get(PAGE)["X-Cache"] == "hit"  # an answer of the build alone is kept until it changes


def test_errors_and_curators_pages_are_not_cached(client):
    cache = caches["default"]
    cache.clear()
    assert client.get("/territoire/region/99/").status_code == 404
    assert client.get("/admin/login/").status_code == 200
    assert client.get("/api/resultats/?limit=0").status_code == 400
    assert len(cache._cache) == 0
    assert "X-Cache" not in client.get("/admin/login/")
    client.get("/api/resultats/?territory=FR&limit=3")
    assert len(cache._cache) == 2  # the answer and the request headers it varies on


@pytest.mark.django_db  # the end of a request checks the database connection
def test_warming_renders_the_public_pages_into_the_cache(published):
    from django.core.wsgi import get_wsgi_application

    from observatoire.web.warm import public_paths, warm

    application = get_wsgi_application()  # wsgi.py itself refuses the tests' development key
    paths = public_paths()
    assert {"/", "/carte/", "/territoire/nation/FR/", "/territoire/region/93/"} <= set(paths)
    assert any(path.startswith("/territoire/macro_region/") for path in paths)
    caches["default"].clear()
    answered, seconds = warm(application, "http://127.0.0.1:8000", ["/", PAGE, "/nulle-part/"])
    assert answered == 2
    assert seconds > 0
    client = Client(headers=GZIP, HTTP_HOST="127.0.0.1:8000")
    assert client.get(PAGE)["X-Cache"] == "hit"


def test_an_unreachable_cache_leaves_the_pages_rendered(client, settings):
    """Redis down (here: nothing listens on port 9) costs the cache, never a 500."""
    shared = settings.CACHES
    unreachable = {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": "redis://127.0.0.1:9/0",
    }
    settings.CACHES = {**shared, "default": unreachable}
    try:
        for _ in range(2):
            response = client.get(PAGE)
            assert response.status_code == 200
            assert "X-Cache" not in response
    finally:
        settings.CACHES = shared
