"""The codes that name figures in the results store, declared once for everything that writes or reads it.

The build writes rows with these values and the web, the reports and the summary select rows by them, so
a reader that spelled one differently would silently find nothing. The open-data columns that carry them
are described in docs/open-data.md.
"""

from __future__ import annotations

from typing import Final

from observatoire.reference.territory_index import NATION_CODE

#: ``group`` of a figure about a territory's whole population (the estimators' overall label).
OVERALL: Final = "ensemble"
#: ``question`` of the perceived fragility of each domain (a 1-10 rating, item = domain).
PERCEIVED: Final = "Q1"
#: ``study`` and ``population`` of the objective indices' rows.
INDEX_STUDY: Final = "indices"
INDEX_POPULATION: Final = "territoire"
#: ``question`` of an objective fragility index (item = domain) and of an official indicator's value.
INDEX_QUESTION: Final = "indice_objectif"
INDICATOR_QUESTION: Final = "indicateur"
#: ``question`` of the gap between perceived and objective fragility (the diagnosis).
GAP_QUESTION: Final = "perception_objectif"
#: ``source`` of figures computed from synthetic data (the demo).
SYNTHETIC: Final = "synthétique"

__all__ = [
    "GAP_QUESTION",
    "INDEX_POPULATION",
    "INDEX_QUESTION",
    "INDEX_STUDY",
    "INDICATOR_QUESTION",
    "NATION_CODE",
    "OVERALL",
    "PERCEIVED",
    "SYNTHETIC",
]
