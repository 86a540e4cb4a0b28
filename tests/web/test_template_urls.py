"""Templates name their links with ``{% url %}``, never a hard-coded path: renaming a route then breaks a
test instead of leaving dead links. External links, anchors and ``{% static %}`` are not paths of ours."""

import re
from pathlib import Path

import pytest
from django.template import engines
from django.urls import NoReverseMatch

WEB = Path(__file__).resolve().parents[2] / "src" / "observatoire" / "web"
TEMPLATES = sorted(WEB.rglob("templates/**/*.html"))
# An attribute that takes an address, whose value starts with a slash (not "//", a protocol-relative link).
HARD_CODED = re.compile(
    r"""\b(?:href|src|action|hx-(?:get|post|put|delete|patch)|formaction)\s*=\s*["']/(?!/)"""
)


def test_the_templates_are_found():
    assert len(TEMPLATES) > 40
    assert WEB / "templates" / "base.html" in TEMPLATES


@pytest.mark.parametrize("template", TEMPLATES, ids=lambda p: str(p.relative_to(WEB)))
def test_no_hard_coded_path(template):
    lines = template.read_text(encoding="utf-8").splitlines()
    found = [f"{number}: {line.strip()}" for number, line in enumerate(lines, 1) if HARD_CODED.search(line)]
    assert found == [], "use {% url 'app:name' %} instead of a path"


def test_the_check_catches_a_path():
    assert HARD_CODED.search('<a class="x" href="/carte/">')
    assert HARD_CODED.search("<form action='/recherche'>")
    assert HARD_CODED.search('<input hx-get="/recherche">')
    assert not HARD_CODED.search('<a href="https://example.org/">')
    assert not HARD_CODED.search('<a href="#contenu">')
    assert not HARD_CODED.search("<a href=\"{% url 'pages:home' %}\">")
    assert not HARD_CODED.search('<script src="//cdn.example.org/x.js">')


def test_every_url_tag_resolves():
    """Each literal ``{% url 'name' ... %}`` names a route that exists (a typo would fail only on render)."""
    engine = engines["django"]
    tag = re.compile(r"{%\s*url\s+'([^']+)'((?:\s+'[^']*')*)\s*%}")
    names = {
        (m.group(1), m.group(2)) for path in TEMPLATES for m in tag.finditer(path.read_text(encoding="utf-8"))
    }
    assert len(names) > 30
    unresolved = []
    for name, arguments in sorted(names):
        try:
            engine.from_string("{% url '" + name + "'" + arguments + " %}").render({})
        except NoReverseMatch:
            unresolved.append(name + arguments)
    assert unresolved == []
