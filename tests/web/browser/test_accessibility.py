"""Accessibility and small screens, in a real browser: axe-core finds no serious or critical violation on
the pages the accessibility statement lists, no page scrolls sideways on a phone (390 px) or a laptop
(1366 px), wide tables scroll by keyboard inside their own region, the focus ring stands out, and the charts
fill their column and speak French (to screen readers and in their tooltips)."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from observatoire.web.legal import audit

from .conftest import LAPTOP, PHONE

WIDTHS = pytest.mark.parametrize("site", [PHONE, LAPTOP], indirect=True, ids=["390px", "1366px"])


def test_the_audit_runs_at_the_widths_the_statement_gives():
    assert audit.WIDTHS == (PHONE, LAPTOP)


@WIDTHS
@pytest.mark.parametrize("audited", audit.PAGES, ids=[page.path for page in audit.PAGES])
def test_no_serious_violation_and_no_sideways_scroll(site, axe_source, audited):
    site.open(audited.path)
    if site.page.locator("[data-vega-spec]").count():
        site.open(audited.path).charts()  # audit the drawn charts, not their empty boxes
    assert site.audit(axe_source, audit.TAGS, audit.BLOCKING_IMPACTS) == []
    assert site.page_overflow() == []
    site.console.assert_clean()


def test_the_audit_finds_what_it_looks_for(site, axe_source):
    """The audit is not blind: an image without a text alternative is a critical violation."""
    site.open("/plan-du-site/")
    site.page.evaluate(
        "() => document.querySelector('main').appendChild(Object.assign(new Image(1, 1), {src: 'data:,'}))"
    )
    found = site.audit(axe_source, audit.TAGS, audit.BLOCKING_IMPACTS)
    assert [line.split(" ")[0] for line in found] == ["image-alt"]


@WIDTHS
def test_the_16_domain_table_scrolls_by_keyboard_or_fits(site):
    paca = site.territory("region", "93")
    region = paca.domains_table_region()
    expect(region).to_have_attribute("tabindex", "0")
    sizes = region.evaluate("el => ({scroll: el.scrollWidth, client: el.clientWidth})")
    if sizes["scroll"] > sizes["client"]:
        region.focus()
        for _ in range(4):
            site.page.keyboard.press("ArrowRight")
        site.page.wait_for_function("el => el.scrollLeft > 0", arg=region.element_handle(), timeout=5_000)
    else:  # it fits: its last column is whole inside the region
        last = region.get_by_role("columnheader", name="Répondants")
        assert last.evaluate("th => th.getBoundingClientRect().right") <= region.evaluate(
            "el => el.getBoundingClientRect().right + 1"
        )
    if site.width == PHONE:
        assert sizes["scroll"] > sizes["client"]  # 13 columns cannot fit a phone: the region scrolls
    assert site.page_overflow() == []


@pytest.mark.parametrize("path", ["/", "/territoire/region/93/", "/carte/"])
def test_the_focus_ring_is_visible_and_contrasts_3_to_1(site, path):
    site.open(path)
    rings = site.focus_rings(presses=25)
    assert len(rings) >= 15
    for ring in rings:
        assert ring["style"] != "none", ring
        assert ring["width"] >= 2, ring
        assert ring["contrast"] >= 3, ring


@pytest.mark.parametrize("site", [PHONE], indirect=True, ids=["390px"])
def test_on_a_phone_the_charts_fill_their_column_and_keep_the_whole_scale(site):
    paca = site.territory("region", "93")
    paca.assert_charts_drawn()
    for index in range(site.page.locator("[data-vega-spec]").count()):
        chart = paca.chart(index)
        box = chart.bounding_box()
        svg = chart.locator("svg").first.bounding_box()
        assert svg["x"] >= 0
        assert svg["x"] + svg["width"] <= PHONE
        assert svg["width"] >= box["width"] - 2  # as wide as its column, not a fixed 420 px cut off
    # The 1-10 scale reaches 10 inside the screen: the fragile end is where it matters.
    labels = paca.chart(0).locator("g.role-axis-label text")
    ten = labels.filter(has_text=re.compile(r"^10$"))
    assert ten.count() == 1
    assert ten.bounding_box()["x"] + ten.bounding_box()["width"] <= PHONE
    # The trend chart keeps every wave of its table.
    table = site.page.get_by_role("region", name=re.compile(r"^Évolution"))
    waves = set(table.locator("tbody tr td:nth-child(2)").all_inner_texts())
    on_screen = (
        paca.chart(1)
        .locator("g.role-axis-label text")
        .evaluate_all(
            f"els => els.filter(el => el.getBoundingClientRect().right <= {PHONE}).map(el => el.textContent)"
        )
    )
    assert waves
    assert waves <= set(on_screen)
    assert site.page_overflow() == []


@pytest.mark.parametrize("site", [PHONE], indirect=True, ids=["390px"])
def test_on_a_phone_the_compare_form_wraps(site):
    comparison = site.compare()
    comparison.compare("Provence-Alpes-Côte d'Azur", "France")
    for label in ("Premier territoire", "Second territoire", "Regard"):
        box = site.page.get_by_label(label).bounding_box()
        assert box["x"] >= 0
        assert box["x"] + box["width"] <= PHONE
    assert site.page_overflow() == []


def test_the_charts_speak_french_to_screen_readers(site):
    paca = site.territory("region", "93")
    paca.assert_charts_drawn()
    for index in range(site.page.locator("[data-vega-spec]").count()):
        chart = paca.chart(index)
        assert chart.get_attribute("aria-roledescription") == "graphique"
        assert chart.get_attribute("aria-label") != "Vega visualization"
        assert chart.get_attribute("aria-label").startswith("Graphique")
        roles = chart.locator("[aria-roledescription]").evaluate_all(
            "els => els.map(el => el.getAttribute('aria-roledescription'))"
        )
        english = [role for role in roles if re.search(r"mark|visuali[sz]ation|axis|legend|^title$", role)]
        assert english == []
        labels = chart.locator("[aria-label]").evaluate_all(
            "els => els.map(el => el.getAttribute('aria-label'))"
        )
        assert labels
        for label in labels:
            assert not re.search(r"series|value|\d\.\d|\d,\d{3,}", label), label


def test_the_tooltip_is_styled_french_and_rounded_on_a_territory_page(site):
    paca = site.territory("region", "93")
    paca.assert_charts_drawn()
    point = paca.chart(0).locator('[role="graphics-symbol"]').first
    point.hover()
    tooltip = site.page.locator("#vg-tooltip-element")
    expect(tooltip).to_have_class(re.compile(r"\bvisible\b"))
    assert tooltip.evaluate("el => getComputedStyle(el).position") == "fixed"  # styled, not after the footer
    text = tooltip.inner_text()
    assert "Domaine" in text
    assert "Valeur" in text
    assert not re.search(r"\bseries\b|\bvalue\b", text)
    figure = re.search(r"Valeur\s*(\S+)", text).group(1)
    assert re.fullmatch(r"\d+,\d", figure), text  # French, one decimal as in the table
    site.console.assert_clean()
