"""The memory of public answers: rendered once per build and address, never for curators or cookies."""

from __future__ import annotations

import dataclasses
from types import SimpleNamespace

import pytest
from django.http import HttpResponse
from django.test import Client

from observatoire.web import memory as memory_module
from observatoire.web.memory import ResponseMemory, memory, published_build
from observatoire.web.pages import cache


@pytest.fixture
def client(published) -> Client:
    return Client()


def _no_rendering(*args, **kwargs):
    raise AssertionError("the page should come from memory")


def test_memory_is_bounded_in_entries_bytes_and_body():
    kept = ResponseMemory(entries=2, max_bytes=100, max_body=60)
    for key in ("a", "b", "c"):
        kept.put((key,), HttpResponse(key))
    assert kept.get(("a",)) is None
    assert len(kept) == 2
    kept.put(("big",), HttpResponse(b"x" * 61))
    assert kept.get(("big",)) is None
    kept.put(("d",), HttpResponse(b"y" * 60))
    kept.put(("e",), HttpResponse(b"z" * 50))
    assert kept.bytes <= 100
    assert kept.get(("d",)) is None
    assert kept.get(("e",)).content == b"z" * 50


def test_published_build_is_asked_at_most_once_a_second(monkeypatch):
    asked = []
    fake = SimpleNamespace(engine=SimpleNamespace(url="sqlite:///ttl"), current_build=lambda: asked.append(1))
    clock = iter([100.0, 100.5, 101.2])
    monkeypatch.setattr(memory_module.time, "monotonic", lambda: next(clock))
    for _ in range(3):
        published_build(fake)
    assert len(asked) == 2  # at 100.0, then again once the second has passed


def test_a_page_is_rendered_once_per_build(client, monkeypatch):
    first = client.get("/territoire/region/84/")
    assert first.status_code == 200
    monkeypatch.setattr(cache, "territory_page", _no_rendering)
    again = client.get("/territoire/region/84/")
    assert again.content == first.content
    assert again["Content-Security-Policy"] == first["Content-Security-Policy"]
    assert again["X-Frame-Options"] == "DENY"
    for name in ("X-Content-Type-Options", "Referrer-Policy", "Cross-Origin-Opener-Policy"):
        assert again[name] == first[name]


def test_the_htmx_fragment_is_remembered_apart_from_the_page(client):
    page = client.get("/territoire/region/84/").content
    fragment = client.get("/territoire/region/84/", headers={"HX-Request": "true"})
    assert fragment.content != page
    assert b"<html" not in fragment.content
    assert "HX-Push-Url" in fragment
    assert client.get("/territoire/region/84/").content == page


def test_a_new_build_is_rendered_afresh(client, published, monkeypatch):
    client.get("/territoire/region/84/")
    build = published.current_build()
    newer = dataclasses.replace(build, id=build.id + 1)
    monkeypatch.setattr(memory_module, "published_build", lambda results: newer)
    monkeypatch.setattr(cache, "territory_page", _no_rendering)
    with pytest.raises(AssertionError, match="from memory"):
        client.get("/territoire/region/84/")


def test_errors_and_curators_pages_are_not_remembered(client):
    memory.clear()
    assert client.get("/territoire/region/99/").status_code == 404
    assert client.get("/admin/login/").status_code == 200
    assert client.get("/api/resultats/?limit=0").status_code == 400
    assert len(memory) == 0
    client.get("/api/resultats/?territory=FR&limit=3")
    assert len(memory) == 1


@pytest.mark.django_db  # the end of a request checks the database connection
def test_warming_renders_the_landing_pages_into_memory(published):
    from django.core.wsgi import get_wsgi_application

    from observatoire.web.warm import landing_paths, warm

    application = get_wsgi_application()  # wsgi.py itself refuses the tests' development key
    paths = landing_paths()
    assert {"/", "/carte/", "/territoire/nation/FR/", "/territoire/region/93/"} <= set(paths)
    memory.clear()
    answered, seconds = warm(application, "127.0.0.1", 8000, ["/", "/territoire/region/93/", "/nulle-part/"])
    assert answered == 2
    assert seconds > 0
    assert len(memory) == 2


def test_threads_asking_for_a_cold_page_at_once_render_it_once(published):
    import threading
    import time

    from django.test import RequestFactory

    from observatoire.web.memory import PublishedAnswersMiddleware

    memory.clear()
    rendered = []

    def slow_view(request):
        rendered.append(1)
        time.sleep(0.2)
        return HttpResponse(b"page")

    middleware = PublishedAnswersMiddleware(slow_view)
    answers = []

    def ask():
        answers.append(middleware(RequestFactory().get("/territoire/region/84/")).content)

    threads = [threading.Thread(target=ask) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(rendered) == 1
    assert answers == [b"page"] * 4


def test_a_client_accepting_gzip_gets_the_same_answer_compressed(client):
    import gzip

    plain = client.get("/api/resultats/?territory=93&limit=200")
    packed = client.get("/api/resultats/?territory=93&limit=200", headers={"Accept-Encoding": "gzip, br"})
    assert "Content-Encoding" not in plain
    assert packed["Content-Encoding"] == "gzip"
    assert int(packed["Content-Length"]) == len(packed.content) < len(plain.content) / 3
    assert gzip.decompress(packed.content) == plain.content
    assert "Accept-Encoding" in packed["Vary"]
    assert packed["ETag"] == "W/" + plain["ETag"]
    refused = client.get("/api/resultats/?territory=93&limit=200", headers={"Accept-Encoding": "gzip;q=0"})
    assert refused.content == plain.content
    small = client.get("/api/territoires/?q=zzzz", headers={"Accept-Encoding": "gzip"})
    assert small.status_code == 200
    assert "Content-Encoding" not in small  # under 1 KB: not worth it
