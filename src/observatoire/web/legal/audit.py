"""The accessibility audit the declaration reports: which pages axe-core checks, at which widths.

The browser tests (``tests/web/browser/test_accessibility.py``) audit exactly these pages, so the
declaration (``/accessibilite/``) states what the tests check, no more.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class AuditedPage:
    """A page of the sample: its address and what a reader calls it."""

    path: str
    name: str


#: The sample of pages audited (RGAA asks for a representative sample: home, main journeys, legal pages).
PAGES: tuple[AuditedPage, ...] = (
    AuditedPage("/", "Accueil"),
    AuditedPage("/carte/", "Carte des fragilités"),
    AuditedPage("/territoire/region/93/", "Page d'une région (Provence-Alpes-Côte d'Azur)"),
    AuditedPage("/territoire/region/04/", "Page d'une région d'outre-mer (La Réunion)"),
    AuditedPage("/comparer/?a=region:93&b=FR", "Comparaison de deux territoires"),
    AuditedPage("/recherche?q=Digne", "Résultats de recherche"),
    AuditedPage("/autodiagnostics/", "Autodiagnostics"),
    AuditedPage("/methodologie/", "Méthodologie"),
    AuditedPage("/api/", "Données ouvertes"),
    AuditedPage("/mentions-legales/", "Mentions légales"),
    AuditedPage("/donnees-personnelles/", "Données personnelles"),
    AuditedPage("/accessibilite/", "Déclaration d'accessibilité"),
    AuditedPage("/plan-du-site/", "Plan du site"),
)

#: Screen widths of the audit, in CSS pixels: a phone and a laptop.
WIDTHS: tuple[int, ...] = (390, 1366)

#: axe-core impacts that fail the audit (« minor » and « moderate » findings are reported, not failed).
BLOCKING_IMPACTS: tuple[str, ...] = ("serious", "critical")

#: The rule sets run: WCAG 2.0, 2.1 and 2.2 levels A and AA, which RGAA 4.1 follows.
TAGS: tuple[str, ...] = ("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa")

#: The axe-core release the audit runs (package-lock.json; the browser tests check they agree).
AXE_CORE_VERSION = "4.14.1"
