"""Import of survey files (SPSS .sav, CSV, Excel, Parquet) with codebooks and validation.

``load_table`` reads a file; a :class:`Codebook` says what its columns mean (``read_codebook`` from a
CSV/Excel sheet, ``codebook_from_sav`` as a draft); ``validate_table`` checks a table against it;
``import_wave`` does all three and stores the wave in the workspace, ``read_wave`` gives it back.
"""

from observatoire.surveys.codebook import Codebook, Kind, Variable
from observatoire.surveys.codebook_files import codebook_from_sav, read_codebook, write_codebook
from observatoire.surveys.readers import ACCEPTED_SUFFIXES, load_table
from observatoire.surveys.store import ImportedWave, import_wave, list_waves, read_wave
from observatoire.surveys.validation import Problem, ValidationError, validate_table

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
