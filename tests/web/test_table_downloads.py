"""A page table's CSV and XLSX downloads never carry a live formula; numbers stay
numbers."""

from __future__ import annotations

import io

import openpyxl
import pandas as pd

from observatoire.web.pages.tables import Column, Table

FORMULA = '=HYPERLINK("http://exemple.org";"clic")'


def table() -> Table:
    frame = pd.DataFrame({"label": [FORMULA, "@SUM(A1)", "emploi"], "estimate": [-1.5, 2.0, 3.25]})
    columns = [Column("label", "Domaine"), Column("estimate", "Écart", "signed", figure=True)]
    return Table("domaines", "Domaines", columns, frame)


def test_csv_download_neutralises_formulas():
    text = table().to_csv().decode("utf-8-sig")  # the French spreadsheet dialect: BOM, ';', decimal comma
    back = pd.read_csv(io.StringIO(text), sep=";", decimal=",", keep_default_na=False)
    assert back["Domaine"].tolist() == ["'" + FORMULA, "'@SUM(A1)", "emploi"]
    assert back["Écart"].tolist() == [-1.5, 2.0, 3.2]  # rounded as the page shows it


def test_xlsx_download_writes_text_as_text():
    sheet = openpyxl.load_workbook(io.BytesIO(table().to_xlsx())).active
    cells = list(sheet.iter_rows(min_row=2))
    assert (cells[0][0].value, cells[0][0].data_type) == (FORMULA, "s")  # "f" would be a live formula
    assert [row[1].value for row in cells] == [-1.5, 2.0, 3.2]  # numbers, rounded as shown
