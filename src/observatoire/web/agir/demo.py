"""Loads the demo content of the case base (the publications' examples, then the synthetic set) through
the import path."""

from __future__ import annotations

from observatoire.demo.acting import seed_rows, synthetic_rows
from observatoire.web.agir.columns import CASES, CATALYSTS, TOOLS
from observatoire.web.agir.models import CaseStudy, Catalyst, Tool
from observatoire.web.agir.transfer import import_rows


def load_demo_content(seed: int = 2019, synthetic: bool = True) -> dict[str, int]:
    """Write the demo entries unless demo entries exist already; returns how many of each kind exist."""
    if not CaseStudy.objects.filter(provenance__in=("seed", "synthetic")).exists():
        sets = [seed_rows()]
        if synthetic:
            sets.append(synthetic_rows(seed))
        for rows in sets:
            for kind in (CATALYSTS, CASES, TOOLS):  # cases name their catalyst: catalysts first
                numbered = list(enumerate(rows[kind], start=2))
                import_rows(kind, numbered, f"démo ({kind})")
    return {
        CASES: CaseStudy.public.count(),
        CATALYSTS: Catalyst.public.count(),
        TOOLS: Tool.public.count(),
    }
