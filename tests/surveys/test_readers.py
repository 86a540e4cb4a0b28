"""load_table on real files of every accepted format, written in tmp_path."""

from __future__ import annotations

import math

import openpyxl
import pandas as pd
import pyreadstat
import pytest

from observatoire.errors import InputError
from observatoire.surveys import load_table
from observatoire.surveys.readers import sniff_separator


def test_csv_semicolon_cp1252_decimal_comma(tmp_path):
    path = tmp_path / "vague.csv"
    text = "id;région;poids;q1\n1;Île-de-France;1,25;7\n2;Provence-Alpes-Côte d'Azur;0,5;9\n"
    path.write_bytes(text.encode("cp1252"))
    frame = load_table(path)
    assert list(frame.columns) == ["id", "région", "poids", "q1"]
    assert frame["poids"].tolist() == [1.25, 0.5]
    assert frame["région"].tolist() == ["Île-de-France", "Provence-Alpes-Côte d'Azur"]
    assert frame.attrs["first_row"] == 2
    assert frame.attrs["source"] == "vague.csv"


def test_csv_comma_utf8_with_bom(tmp_path):
    path = tmp_path / "v.csv"
    path.write_text("id,libellé,poids\n1,Évry,1.5\n", encoding="utf-8-sig")
    frame = load_table(path)
    assert list(frame.columns) == ["id", "libellé", "poids"]
    assert frame.loc[0, "libellé"] == "Évry"
    assert frame.loc[0, "poids"] == 1.5


def test_csv_tab_separated_plain_utf8(tmp_path):
    path = tmp_path / "v.tsv"
    path.write_text("id\tville\n1\tSète\n2\tNîmes\n", encoding="utf-8")
    assert load_table(path)["ville"].tolist() == ["Sète", "Nîmes"]


def test_csv_latin1_bytes_undefined_in_cp1252(tmp_path):
    path = tmp_path / "v.csv"
    path.write_bytes(b"id;nom\n1;a\x81b\n")  # 0x81 is undefined in cp1252: latin-1 takes over
    assert load_table(path).loc[0, "nom"] == "a\x81b"


def test_csv_text_columns_keep_leading_zeros(tmp_path):
    path = tmp_path / "v.csv"
    path.write_text("id;dep\n1;01\n2;2A\n", encoding="utf-8")
    assert load_table(path, text_columns=["dep"])["dep"].tolist() == ["01", "2A"]


def test_csv_blank_lines_keep_line_numbers_and_trailing_separator_is_ignored(tmp_path):
    path = tmp_path / "v.csv"
    path.write_text("id;q1;\n1;5;\n\n3;7;\n", encoding="utf-8")
    frame = load_table(path)
    assert list(frame.columns) == ["id", "q1"]
    # line numbers as the user sees them: first_row + index label
    assert [frame.attrs["first_row"] + i for i in frame.index] == [2, 4]


@pytest.mark.parametrize(
    ("header", "column"), [("id;q1;q1\n1;2;3\n", "q1"), ('"a,b";x;"a,b"\n1;2;3\n', "a,b")]
)
def test_csv_duplicate_header_is_refused(tmp_path, header, column):
    path = tmp_path / "v.csv"
    path.write_text(header, encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_table(path)
    assert caught.value.location.column == column
    assert caught.value.location.row == 1
    assert "v.csv" in str(caught.value)


def test_sniff_separator_ignores_quoted_separators():
    assert sniff_separator('"a;b",c,d') == ","
    assert sniff_separator("a;b;c") == ";"
    assert sniff_separator("a\tb") == "\t"
    assert sniff_separator("alone") == ","


def test_xlsx_first_sheet_and_named_sheet(tmp_path):
    path = tmp_path / "v.xlsx"
    book = openpyxl.Workbook()
    first = book.active
    first.title = "notes"
    first.append(["id", "q1", "poids"])
    first.append([1, 8, 1.5])
    first.append([2, 3, 0.5])
    other = book.create_sheet("autre")
    other.append(["x"])
    other.append(["é"])
    book.save(path)
    frame = load_table(path)
    assert frame["q1"].tolist() == [8, 3]
    assert frame.attrs["first_row"] == 2
    assert load_table(path, sheet="autre")["x"].tolist() == ["é"]
    assert load_table(path, sheet=1)["x"].tolist() == ["é"]
    assert load_table(path, sheet="1")["x"].tolist() == ["é"]
    for missing in ("absente", 2, "7"):
        with pytest.raises(InputError, match="feuilles : notes, autre") as caught:
            load_table(path, sheet=missing)
        assert f"« {missing} »" in str(caught.value)


def test_sav_keeps_codes_and_labels(tmp_path):
    path = tmp_path / "v.sav"
    source = pd.DataFrame({"id": [1.0, 2.0, 3.0], "sexe": [1.0, 2.0, 1.0], "q1": [7.0, 99.0, math.nan]})
    pyreadstat.write_sav(
        source,
        str(path),
        column_labels={"id": "Identifiant", "sexe": "Sexe", "q1": "Fragilité emploi"},
        variable_value_labels={"sexe": {1.0: "Homme", 2.0: "Femme"}, "q1": {99.0: "Ne sait pas"}},
    )
    frame = load_table(path)
    assert frame["sexe"].tolist() == [1.0, 2.0, 1.0]
    assert frame.attrs["value_labels"]["sexe"] == {1.0: "Homme", 2.0: "Femme"}
    assert frame.attrs["column_labels"]["q1"] == "Fragilité emploi"
    assert frame.attrs["first_row"] == 1
    assert math.isnan(frame.loc[2, "q1"])


def test_parquet(tmp_path):
    path = tmp_path / "v.parquet"
    pd.DataFrame({"id": [1, 2], "q1": [3.0, 4.0]}).to_parquet(path)
    frame = load_table(path)
    assert frame["q1"].tolist() == [3.0, 4.0]
    assert frame.attrs["first_row"] == 1


def test_unknown_extension_names_file_and_accepted_formats(tmp_path):
    path = tmp_path / "v.ods"
    path.write_bytes(b"whatever")
    with pytest.raises(InputError) as caught:
        load_table(path)
    message = str(caught.value)
    assert "v.ods" in message
    assert ".ods" in message
    for accepted in (".csv", ".xlsx", ".sav", ".parquet"):
        assert accepted in message


def test_missing_file(tmp_path):
    with pytest.raises(InputError, match="introuvable") as caught:
        load_table(tmp_path / "absent.csv")
    assert "absent.csv" in str(caught.value)


@pytest.mark.parametrize(("name", "kind"), [("v.sav", "SPSS"), ("v.xlsx", "Excel"), ("v.parquet", "Parquet")])
def test_corrupt_binary_files_are_unreadable_not_crashes(tmp_path, name, kind):
    path = tmp_path / name
    path.write_bytes(b"this is not a real file at all")
    with pytest.raises(InputError) as caught:
        load_table(path)
    assert name in str(caught.value)
    assert kind in str(caught.value)


def test_empty_csv(tmp_path):
    path = tmp_path / "v.csv"
    path.write_bytes(b"")
    with pytest.raises(InputError, match="vide"):
        load_table(path)


def test_parquet_index_is_data_not_row_numbers(tmp_path):
    path = tmp_path / "v.parquet"
    pd.DataFrame({"id": [10, 20], "q1": [3.0, 4.0]}).set_index("id").to_parquet(path)
    frame = load_table(path)
    assert frame["id"].tolist() == [10, 20]
    assert list(frame.index) == [0, 1]


def test_csv_column_with_values_but_no_name(tmp_path):
    path = tmp_path / "v.csv"
    path.write_text("id;;q1\n1;x;5\n", encoding="utf-8")
    with pytest.raises(InputError, match="pas de nom") as caught:
        load_table(path)
    assert caught.value.location.row == 1
