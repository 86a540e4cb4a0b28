"""Acting on a diagnosis: which cases, catalysts and tools fit a need in a place, and searching them.

Pure Python, no web framework: territory pages, reports, self-assessments, the partnership advisor and
consultations all ask the same engine (DESIGN.md « Acting »). Records come in as plain dataclasses
(:mod:`observatoire.recommend.records`), a need and a place go to :func:`recommend`, ranked matches come
out nearest first with their reason in one French sentence. :mod:`observatoire.recommend.search` is the
full-text and faceted search over the same records.
"""

from observatoire.recommend.engine import Match, recommend
from observatoire.recommend.proximity import Ring, ring_of
from observatoire.recommend.records import CASE, CATALYST, KINDS, TOOL, Need, Record

__all__ = ["CASE", "CATALYST", "KINDS", "TOOL", "Match", "Need", "Record", "Ring", "recommend", "ring_of"]
