"""Import of survey files (SPSS .sav, CSV, Excel, Parquet) with codebooks and validation."""

from observatoire.surveys.readers import ACCEPTED_SUFFIXES, load_table

__all__ = ["ACCEPTED_SUFFIXES", "load_table"]
