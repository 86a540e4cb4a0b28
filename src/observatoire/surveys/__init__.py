"""Import of survey files (SPSS .sav, CSV, Excel, Parquet) with codebooks and validation.

``load_table`` reads a file; a :class:`Codebook` says what its columns mean (``read_codebook`` from a
CSV/Excel sheet, ``codebook_from_sav`` as a draft); ``validate_table`` checks a table against it;
``import_wave`` does all three and stores the wave in the workspace, ``read_wave`` gives it back.

The names are loaded on first use (PEP 562): ``observatoire estimate`` imports ``surveys.columns`` alone,
and the codebooks and the store would cost it 60 ms of imports (the vocabulary's among them).
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from observatoire.surveys.codebook import Codebook, Kind, Variable
    from observatoire.surveys.codebook_files import codebook_from_sav, read_codebook, write_codebook
    from observatoire.surveys.readers import ACCEPTED_SUFFIXES, load_table
    from observatoire.surveys.store import ImportedWave, import_wave, list_waves, read_wave
    from observatoire.surveys.validation import Problem, ValidationError, validate_table

_MODULES = {
    "codebook": ("Codebook", "Kind", "Variable"),
    "codebook_files": ("codebook_from_sav", "read_codebook", "write_codebook"),
    "readers": ("ACCEPTED_SUFFIXES", "load_table"),
    "store": ("ImportedWave", "import_wave", "list_waves", "read_wave"),
    "validation": ("Problem", "ValidationError", "validate_table"),
}
_WHERE = {name: module for module, names in _MODULES.items() for name in names}

__all__ = [
    "ACCEPTED_SUFFIXES",
    "Codebook",
    "ImportedWave",
    "Kind",
    "Problem",
    "ValidationError",
    "Variable",
    "codebook_from_sav",
    "import_wave",
    "list_waves",
    "load_table",
    "read_codebook",
    "read_wave",
    "validate_table",
    "write_codebook",
]


def __getattr__(name: str) -> Any:
    if name not in _WHERE:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(f"{__name__}.{_WHERE[name]}"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
