"""What a list page shows for one query string: the search, the checked facets with their live counts,
one page of entries, and links that keep every other choice (each state is a shareable address)."""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.http import QueryDict

from observatoire.recommend.search import RECENT, RELEVANCE, SORTS
from observatoire.web.agir.catalog import FACETS, catalog
from observatoire.web.agir.columns import CASES
from observatoire.web.agir.models import CaseStudy, Catalyst, Entry, Tool

PER_PAGE = 20
MAX_QUERY = 200
MODELS: dict[str, type[Entry]] = {"pratiques": CaseStudy, "catalyseurs": Catalyst, "outils": Tool}


@dataclass
class Option:
    value: str
    label: str
    count: int
    checked: bool
    id: str


@dataclass
class FacetView:
    name: str
    label: str
    options: list[Option]
    checked: int = 0


@dataclass
class Listing:
    kind: str
    query: str
    sort: str
    page: int
    pages: int
    count: int
    entries: list[Entry]
    facets: list[FacetView]
    corrected: dict[str, str] = field(default_factory=dict)
    params: list[tuple[str, str]] = field(default_factory=list)
    sort_chosen: str = ""

    def url(self, **changes: str | int) -> str:
        kept = [(k, v) for k, v in self.params if k not in changes]
        kept += [(k, str(v)) for k, v in changes.items() if v not in ("", None)]
        return "?" + urlencode(kept)

    @property
    def previous_url(self) -> str:
        return self.url(page=self.page - 1) if self.page > 1 else ""

    @property
    def next_url(self) -> str:
        return self.url(page=self.page + 1) if self.page < self.pages else ""

    @property
    def selected(self) -> list[tuple[str, str, str]]:
        """(facet label, value label, address without it) of every checked value: « remove » links."""
        out = []
        for facet in self.facets:
            for option in facet.options:
                if option.checked:
                    kept = [(k, v) for k, v in self.params if not (k == facet.name and v == option.value)]
                    kept = [(k, v) for k, v in kept if k != "page"]
                    out.append((facet.label, option.label, "?" + urlencode(kept)))
        return out


def _int(text: str, default: int) -> int:
    try:
        return max(1, int(text))
    except ValueError:
        return default


def listing(kind: str, params: QueryDict, per_page: int = PER_PAGE, whole: bool = False) -> Listing:
    """The page of ``kind`` (pratiques, catalyseurs, outils) for the query string ``params``. Its entries
    hold what a list's card shows; ``whole`` loads every column, a case's partners and catalyst (export)."""
    facets = FACETS[kind]
    query = params.get("q", "").strip()[:MAX_QUERY]
    sort = params.get("tri", "")
    if sort not in SORTS:
        sort = RELEVANCE if query else RECENT
    selected = {facet.name: [v for v in params.getlist(facet.name) if v][:50] for facet in facets}
    page = _int(params.get("page", "1"), 1)
    index = catalog().indexes[kind]
    found = index.search(query, selected, sort, offset=(page - 1) * per_page, limit=per_page)
    pages = max(1, -(-found.count // per_page))
    if page > pages:
        page = pages
        found = index.search(query, selected, sort, offset=(page - 1) * per_page, limit=per_page)
    model = MODELS[kind]
    queryset = model.public.filter(pk__in=found.ids)
    if not whole:
        queryset = queryset.defer("search_keys", "body")  # the largest columns, which no card shows
    elif kind == CASES:
        queryset = queryset.select_related("catalyst").prefetch_related("partners")
    by_id = {entry.pk: entry for entry in queryset}
    views = []
    for facet in facets:
        labels = facet.labels()
        counts = found.facets.get(facet.name, {})
        chosen = set(selected[facet.name])
        order = list(labels) if len(labels) <= 20 else sorted(counts, key=lambda v: -counts[v])
        order += [v for v in counts if v not in order]
        options = [
            Option(v, labels.get(v, v), counts.get(v, 0), v in chosen, f"f-{facet.name}-{v}")
            for v in order
            if counts.get(v) or v in chosen
        ]
        views.append(FacetView(facet.name, facet.label, options, len(chosen)))
    kept = [("q", query)] if query else []
    kept += [(name, v) for name, values in selected.items() for v in values]
    if params.get("tri") in SORTS:
        kept.append(("tri", sort))
    return Listing(
        kind=kind,
        query=query,
        sort=sort,
        page=page,
        pages=pages,
        count=found.count,
        entries=[by_id[i] for i in found.ids if i in by_id],
        facets=views,
        corrected=found.corrected,
        sort_chosen=params.get("tri", "") if params.get("tri") in SORTS else "",
        params=[*kept, ("page", str(page))] if page > 1 else kept,
    )
