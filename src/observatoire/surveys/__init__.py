"""Import of survey files (SPSS .sav, CSV, Excel, Parquet) with codebooks and validation."""
