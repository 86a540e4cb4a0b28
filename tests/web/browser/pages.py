"""Page objects for the browser tests: one class per page, found by roles, labels and headings.

Every page object shares the :class:`Site`'s :class:`Console`, which records what the browser complains
about (script errors, content-security-policy violations, failed requests), so that a test can say the
journey was clean.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from playwright.sync_api import Download, Page, expect

CHART_TARGETS = "[data-vega-spec]"


@dataclass
class Console:
    """What went wrong in the browser: console errors, uncaught exceptions, failed requests."""

    page: Page
    problems: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.page.on("console", self._console)
        self.page.on("pageerror", lambda error: self.problems.append(f"exception: {error}"))
        self.page.on("response", self._response)

    def _console(self, message: Any) -> None:
        # "Failed to load resource" repeats a failed request, which _response lists with its URL.
        if message.type == "error" and "Failed to load resource" not in message.text:
            self.problems.append(f"console: {message.text}")

    def _response(self, response: Any) -> None:
        if response.status >= 400 and not response.url.endswith("/favicon.ico"):
            self.problems.append(f"HTTP {response.status}: {response.url}")

    def csp_violations(self) -> list[str]:
        return [p for p in self.problems if "Content Security Policy" in p]

    def assert_clean(self) -> None:
        assert not self.problems, "the browser reported problems:\n" + "\n".join(self.problems)


class Site:
    """The observatory in one browser tab (``width``: the window's, when the test chose one)."""

    def __init__(self, page: Page, base_url: str, width: int | None = None) -> None:
        self.page = page
        self.base_url = base_url
        self.width = width
        self.console = Console(page)

    def open(self, path: str) -> BasePage:
        """Any page, once its scripts have run and its requests settled."""
        self.page.goto(path)
        self.page.wait_for_load_state("networkidle")
        return BasePage(self)

    def page_overflow(self) -> list[str]:
        """What sticks out of the window sideways (the page scrolls horizontally): empty when it fits."""
        return self.page.evaluate(
            """() => {
                const root = document.documentElement;
                if (root.scrollWidth <= root.clientWidth) return [];
                const wide = [];
                for (const el of document.body.querySelectorAll("*")) {
                    const box = el.getBoundingClientRect();
                    if (box.right > root.clientWidth + 1 && !el.closest(".table-wrap"))
                        wide.push(`${el.tagName.toLowerCase()}#${el.id} ends at ${Math.round(box.right)}px`);
                }
                const page = `page ${root.scrollWidth}px wide in a ${root.clientWidth}px window`;
                return [page, ...wide.slice(0, 8)];
            }"""
        )

    def audit(self, axe_source: str, tags: tuple[str, ...], impacts: tuple[str, ...]) -> list[str]:
        """axe-core's violations of ``impacts`` on the page as it stands, one line each (rule, impact, help,
        first elements). axe is evaluated through the DevTools protocol: the page's content security
        policy, which forbids inline scripts, stays as it is."""
        self.page.evaluate(axe_source)
        violations = self.page.evaluate(
            """tags => axe.run(document, {runOnly: {type: "tag", values: tags}, resultTypes: ["violations"]})
                   .then(result => result.violations.map(v => ({
                       id: v.id, impact: v.impact, help: v.help,
                       nodes: v.nodes.slice(0, 3).map(n => n.target.join(" ")),
                   })))""",
            list(tags),
        )
        return [
            f"{v['id']} ({v['impact']}): {v['help']} — {', '.join(v['nodes'])}"
            for v in violations
            if v["impact"] in impacts
        ]

    def focus_rings(self, presses: int) -> list[dict[str, Any]]:
        """Press Tab ``presses`` times; for each element reached, its focus ring (style, width) and the
        contrast of the ring's colour with the colour behind the element (WCAG relative luminance)."""
        rings = []
        for _ in range(presses):
            self.page.keyboard.press("Tab")
            rings.append(self.page.evaluate(_FOCUS_RING))
        return [ring for ring in rings if ring is not None]

    def home(self) -> HomePage:
        self.page.goto("/")
        return HomePage(self)

    def map(self, query: str = "") -> MapPage:
        self.page.goto("/carte/" + (f"?{query}" if query else ""))
        return MapPage(self)

    def territory(self, level: str, code: str) -> TerritoryPage:
        self.page.goto(f"/territoire/{level}/{code}/")
        return TerritoryPage(self)

    def compare(self) -> ComparePage:
        self.page.goto("/comparer/")
        return ComparePage(self)

    def api(self) -> ApiPage:
        self.page.goto("/api/")
        return ApiPage(self)


_FOCUS_RING = """() => {
    const el = document.activeElement;
    if (!el || el === document.body) return null;
    const parse = text => (text.match(/[\\d.]+/g) || []).map(Number);
    const luminance = ([r, g, b]) => {
        const linear = c => { c /= 255; return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4; };
        return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b);
    };
    const style = getComputedStyle(el);
    // A ring drawn inside the element (negative offset) is seen against the element's own background.
    let behind = [255, 255, 255];
    let node = parseFloat(style.outlineOffset) < 0 ? el : el.parentElement;
    for (; node; node = node.parentElement) {
        const colour = parse(getComputedStyle(node).backgroundColor);
        if (colour.length === 3 || (colour.length === 4 && colour[3] > 0)) {
            behind = colour.slice(0, 3);
            break;
        }
    }
    const ring = parse(style.outlineColor).slice(0, 3);
    const [light, dark] = [luminance(ring), luminance(behind)].sort((a, b) => b - a);
    return {
        element: `${el.tagName.toLowerCase()}#${el.id} ${(el.textContent || "").trim().slice(0, 30)}`,
        style: style.outlineStyle, width: parseFloat(style.outlineWidth),
        contrast: (light + 0.05) / (dark + 0.05),
    };
}"""


class BasePage:
    def __init__(self, site: Site) -> None:
        self.site = site
        self.page = site.page

    @property
    def heading(self) -> str:
        return self.page.get_by_role("heading", level=1).inner_text()

    def charts(self) -> list[dict[str, Any]]:
        """Wait until every chart of the page is drawn or failed; each chart's state and mark count."""
        self.page.wait_for_function(
            """selector => Array.from(document.querySelectorAll(selector)).every(
                   el => ["drawn", "error"].includes(el.getAttribute("data-vega-state")))""",
            arg=CHART_TARGETS,
        )
        return self.page.locator(CHART_TARGETS).evaluate_all(
            """els => els.map(el => ({
                   state: el.getAttribute("data-vega-state"),
                   marks: el.querySelectorAll('svg [role="graphics-symbol"]').length,
               }))"""
        )

    def assert_charts_drawn(self) -> list[dict[str, Any]]:
        """Every chart drawn as SVG with marks in it (the console's complaints in the message if not)."""
        charts = self.charts()
        assert charts, "no chart on the page"
        failed = [chart for chart in charts if chart["state"] != "drawn" or chart["marks"] == 0]
        assert not failed, f"charts not drawn: {failed}; browser: {self.site.console.problems}"
        return charts

    def swap(self, target: str, label: str, option: str) -> None:
        """Pick an option of a form that HTMX swaps; return once the new ``#target`` is in and settled."""
        old = self.page.locator(f"#{target}").element_handle()
        with self.page.expect_response(lambda r: r.request.headers.get("hx-request") == "true"):
            self.page.get_by_label(label, exact=True).select_option(label=option)
        old.wait_for_element_state("hidden")  # detached: replaced by the new fragment
        self.page.wait_for_function(
            f"() => {{ const m = document.querySelector('#{target}');"
            " return m && !m.classList.contains('htmx-settling') && !m.classList.contains('htmx-added'); }"
        )

    def landmarks(self) -> dict[str, int]:
        """How many banner, navigation and footer (contentinfo) landmarks the page shows."""
        roles = {"banner": "banner", "navigation": "navigation", "contentinfo": "contentinfo"}
        return {name: self.page.get_by_role(role).count() for name, role in roles.items()}


class HomePage(BasePage):
    def search(self, text: str) -> Suggestions:
        box = self.page.get_by_label("Commune, code postal, EPCI, département ou région")
        box.press_sequentially(text, delay=30)
        suggestions = self.page.get_by_role("list", name="Territoires trouvés")
        expect(suggestions).to_be_visible()
        return Suggestions(self.site, suggestions)


class Suggestions(BasePage):
    def __init__(self, site: Site, listing: Any) -> None:
        super().__init__(site)
        self.listing = listing

    def names(self) -> list[str]:
        return self.listing.get_by_role("link").all_inner_texts()

    def choose(self, name: str) -> TerritoryPage:
        self.listing.get_by_role("link", name=re.compile(rf"^{re.escape(name)}\b")).first.click()
        self.page.wait_for_url(re.compile(r"/territoire/"))
        return TerritoryPage(self.site)


class TerritoryPage(BasePage):
    def download_csv(self) -> tuple[Download, str]:
        """Download the first table's CSV; the file and its text."""
        with self.page.expect_download() as info:
            self.page.get_by_role("link", name="CSV", exact=True).first.click()
        download = info.value
        path = download.path()
        return download, path.read_bytes().decode("utf-8-sig")

    def download_report(self) -> tuple[Download, bytes]:
        """Download the territory's PDF report from the link the page offers; the file and its bytes."""
        link = self.page.get_by_role("link", name=re.compile(r"rapport.*\(PDF\)", re.IGNORECASE)).first
        with self.page.expect_download() as info:
            link.click()
        download = info.value
        return download, download.path().read_bytes()

    def compare_with_france(self) -> ComparePage:
        self.page.get_by_role("link", name=re.compile(r"^Comparer avec la France")).click()
        self.page.wait_for_url(re.compile(r"/comparer/"))
        self.page.wait_for_load_state("networkidle")
        return ComparePage(self.site)

    def domains_table_region(self) -> Any:
        """The scrollable region around the 16-domain table (named by the table's caption)."""
        return self.page.get_by_role("region", name=re.compile(r"^Les 16 domaines"))

    def chart(self, index: int = 0) -> Any:
        return self.page.locator(CHART_TARGETS).nth(index)


class MapPage(BasePage):
    def _choose(self, label: str, option: str) -> None:
        self.swap("carte", label, option)

    def choose_domain(self, option: str) -> None:
        self._choose("Domaine", option)

    def choose_lens(self, option: str) -> None:
        self._choose("Regard", option)

    def selected(self, label: str) -> str:
        return self.page.get_by_label(label, exact=True).evaluate("s => s.options[s.selectedIndex].text")

    @property
    def title(self) -> str:
        return self.page.get_by_role("heading", level=2).first.inner_text()

    def table(self) -> list[list[str]]:
        rows = self.page.get_by_role("table").get_by_role("row")
        return [row.get_by_role("cell").all_inner_texts() for row in rows.all()[1:]]

    def legend(self) -> list[str]:
        return [
            text.strip()
            for text in self.page.get_by_role("list")
            .filter(has=self.page.locator("svg"))
            .first.get_by_role("listitem")
            .all_inner_texts()
        ]

    def click_territory(self, name: str) -> TerritoryPage:
        self.page.locator(f'{CHART_TARGETS} svg path[aria-label^="{name} :"]').click()
        self.page.wait_for_url(re.compile(r"/territoire/"))
        return TerritoryPage(self.site)


class ComparePage(BasePage):
    def compare(self, first: str, second: str) -> None:
        self.page.get_by_label("Premier territoire").select_option(label=first)
        self.page.get_by_label("Second territoire").select_option(label=second)
        self.page.get_by_role("button", name="Comparer").click()
        self.page.wait_for_load_state()

    def download_csv(self) -> tuple[Download, str]:
        """Download the comparison table's CSV; the file and its text."""
        with self.page.expect_download() as info:
            self.page.get_by_role("link", name="CSV", exact=True).first.click()
        download = info.value
        return download, download.path().read_bytes().decode("utf-8-sig")


class ApiPage(BasePage):
    def download(self, name: re.Pattern[str] | str) -> tuple[Download, bytes]:
        """Download the open-data file the link ``name`` points to; the file and its bytes."""
        with self.page.expect_download() as info:
            self.page.get_by_role("link", name=name).first.click()
        download = info.value
        return download, download.path().read_bytes()
