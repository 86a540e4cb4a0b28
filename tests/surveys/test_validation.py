"""validate_table: every bad input names file, row (as the user sees it) and column; good input is cleaned."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from observatoire.surveys import (
    Codebook,
    Kind,
    ValidationError,
    Variable,
    load_table,
    validate_table,
    validation,
)


def problems_of(table, codebook, regions) -> ValidationError:
    with pytest.raises(ValidationError) as caught:
        validate_table(table, codebook, territories=regions)
    return caught.value


@pytest.mark.parametrize("suffix", [".csv", ".xlsx", ".sav", ".parquet"])
def test_good_file_of_every_format_is_cleaned_the_same_way(
    tmp_path, frame, codebook, regions, write_file, suffix
):
    table = load_table(write_file(frame, tmp_path / f"v{suffix}"), text_columns=["region"])
    cleaned = validate_table(table, codebook, territories=regions)
    assert cleaned.columns.tolist() == codebook.names
    assert cleaned["poids"].tolist() == [1.25, 0.5, 1.0, 2.0]
    assert cleaned["region"].tolist() == ["84", "11", "93", "84"]
    # 99 "ne sait pas" is a missing answer: the row stays, the answer is NaN
    assert len(cleaned) == 4
    assert math.isnan(cleaned.loc[1, "q1_emploi"])
    assert cleaned["q1_emploi"].dropna().tolist() == [7.0, 10.0, 1.0]
    assert cleaned["sexe"].tolist() == [1.0, 2.0, 2.0, 1.0]


# (file suffix, row the user sees for the 3rd respondent): CSV/Excel count the header, SPSS/Parquet do not
ROW_OF_THIRD = [(".csv", 4), (".xlsx", 4), (".sav", 3), (".parquet", 3)]


@pytest.mark.parametrize(("suffix", "row"), ROW_OF_THIRD)
def test_out_of_scale_rating_names_file_row_column_and_scale(
    tmp_path, frame, codebook, regions, write_file, suffix, row
):
    frame.loc[2, "q1_emploi"] = 11
    table = load_table(write_file(frame, tmp_path / f"vague{suffix}"), text_columns=["region"])
    error = problems_of(table, codebook, regions)
    assert error.location.file == f"vague{suffix}"
    assert error.location.row == row
    assert error.location.column == "q1_emploi"
    message = str(error)
    assert f"vague{suffix}" in message
    assert f"ligne {row}" in message
    assert "« 11 »" in message
    assert "1 à 10" in message
    assert error.total == 1
    assert "autre" not in message


@pytest.mark.parametrize(("suffix", "row"), [(".csv", 4), (".xlsx", 4)])
def test_text_in_numeric_column(tmp_path, frame, codebook, regions, write_file, suffix, row):
    frame["poids"] = frame["poids"].astype(object)
    frame.loc[2, "poids"] = "un virgule deux"
    table = load_table(write_file(frame, tmp_path / f"v{suffix}"), text_columns=["region"])
    error = problems_of(table, codebook, regions)
    assert (error.location.row, error.location.column) == (row, "poids")
    assert "« un virgule deux » n'est pas un nombre" in str(error)
    assert error.total == 1  # not reported a second time as a missing weight


def test_decimal_comma_text_values_still_count_as_numbers(codebook, regions, frame):
    table = frame.astype({"poids": object})
    table["poids"] = ["1,25", "0,5", " 1 ", "2"]
    assert validate_table(table, codebook, territories=regions)["poids"].tolist() == [1.25, 0.5, 1.0, 2.0]


def test_missing_variable_names_the_column_and_suggests(frame, codebook, regions):
    table = frame.rename(columns={"q1_emploi": "q1_emplois"})
    error = problems_of(table, codebook, regions)
    assert error.location.column == "q1_emploi"
    assert error.location.row is None
    assert "absente" in str(error)
    assert "q1_emplois" in str(error)


def test_value_not_in_labels(frame, codebook, regions):
    frame.loc[1, "sexe"] = 3
    error = problems_of(frame, codebook, regions)
    assert (error.location.row, error.location.column) == (2, "sexe")
    assert "« 3 »" in str(error)
    assert "1 = Homme" in str(error)


def test_text_codes_for_categorical_variables(regions):
    codebook = Codebook((Variable("taille", Kind.GROUP, value_labels=(("TPE", "TPE"), ("PME", "PME"))),))
    table = pd.DataFrame({"taille": ["TPE", "PME ", None, "GE"]})
    error = problems_of(table, codebook, regions)
    assert (error.location.row, error.location.column) == (4, "taille")
    assert "« GE »" in str(error)


@pytest.mark.parametrize(
    ("weight", "words"),
    [(0.0, "poids 0 invalide"), (-1.5, "poids \u22121,5 invalide"), (math.nan, "poids manquant")],
)
def test_bad_weights(frame, codebook, regions, weight, words):
    frame.loc[3, "poids"] = weight
    error = problems_of(frame, codebook, regions)
    assert (error.location.row, error.location.column) == (4, "poids")
    assert words in str(error)


def test_infinite_weight_is_refused(frame, codebook, regions):
    frame.loc[0, "poids"] = np.inf
    assert problems_of(frame, codebook, regions).location.row == 1


def test_duplicate_id_names_both_rows(tmp_path, frame, codebook, regions, write_file):
    frame.loc[3, "id"] = 2
    table = load_table(write_file(frame, tmp_path / "v.csv"), text_columns=["region"])
    error = problems_of(table, codebook, regions)
    assert (error.location.row, error.location.column) == (5, "id")
    assert "identifiant « 2 » en double (déjà ligne 3)" in str(error)


def test_missing_id_is_refused(frame, codebook, regions):
    frame["id"] = frame["id"].astype("float64")
    frame.loc[1, "id"] = math.nan
    error = problems_of(frame, codebook, regions)
    assert (error.location.row, error.location.column) == (2, "id")


def test_unknown_region_code_with_suggestion(frame, codebook, regions):
    frame.loc[0, "region"] = "85"
    error = problems_of(frame, codebook, regions)
    assert (error.location.row, error.location.column) == (1, "region")
    assert "« 85 »" in str(error)
    assert "84" in str(error)  # did you mean


def test_region_codes_are_padded_when_read_as_numbers(codebook, regions, frame):
    frame["region"] = [1, 11, 93, 84]
    assert validate_table(frame, codebook, territories=regions)["region"].tolist() == ["01", "11", "93", "84"]


def test_region_check_is_skipped_when_no_territories_are_known(frame, codebook):
    frame.loc[0, "region"] = "zz"
    assert validate_table(frame, codebook, territories=lambda level: None).loc[0, "region"] == "zz"


def test_text_missing_codes_become_missing():
    codebook = Codebook(
        (Variable("q", Kind.RATING, minimum=1, maximum=4, missing_codes=(("NSP", ""), (9, ""))),)
    )
    table = pd.DataFrame({"q": ["1", "NSP", "9", "4"]})
    assert validate_table(table, codebook)["q"].isna().tolist() == [False, True, True, False]


def test_non_integer_rating_is_out_of_scale(codebook, regions, frame):
    frame["q1_emploi"] = [7.0, 2.5, 10.0, 1.0]
    error = problems_of(frame, codebook, regions)
    assert (error.location.row, error.location.column) == (2, "q1_emploi")
    assert "entier" in str(error)


def test_numeric_bounds():
    codebook = Codebook((Variable("age", Kind.NUMERIC, minimum=15, maximum=120),))
    error = problems_of(pd.DataFrame({"age": [30, 14]}), codebook, None)
    assert (error.location.row, error.location.column) == (2, "age")


def test_every_problem_is_listed_in_file_order_and_counted(frame, codebook, regions):
    frame.loc[3, "sexe"] = 5
    frame.loc[0, "q1_emploi"] = 0
    frame.loc[0, "poids"] = -1.0
    error = problems_of(frame, codebook, regions)
    assert error.total == 3
    assert [(p.location.row, p.location.column) for p in error.problems] == [
        (1, "q1_emploi"),
        (1, "poids"),
        (4, "sexe"),
    ]
    assert "(et 2 autre(s) problème(s)" in str(error)
    assert str(error).startswith(str(error.problems[0]))


def test_problem_list_is_capped_but_the_count_is_not(monkeypatch):
    monkeypatch.setattr(validation, "MAX_PROBLEMS", 5)
    codebook = Codebook((Variable("w", Kind.WEIGHT),))
    error = problems_of(pd.DataFrame({"w": [0.0] * 12}), codebook, None)
    assert len(error.problems) == 5
    assert error.total == 12
    assert "11 autre(s)" in str(error)


def test_empty_table(codebook, regions):
    error = problems_of(pd.DataFrame({name: [] for name in codebook.names}), codebook, regions)
    assert "aucune ligne" in str(error)


def test_undeclared_columns_are_left_out(frame, codebook, regions):
    frame["commentaire"] = "x"
    assert "commentaire" not in validate_table(frame, codebook, territories=regions).columns


def test_text_identifiers_keep_their_form_and_duplicates_name_the_first_row(tmp_path):
    codebook = Codebook((Variable("ident", Kind.ID), Variable("strate", Kind.STRATA)))
    path = tmp_path / "v.csv"
    path.write_text("ident;strate\nA-001;n1\n007;n1\nA-001;n2\nB 3; \n", encoding="utf-8")
    error = problems_of(load_table(path, text_columns=["ident", "strate"]), codebook, None)
    assert [(p.location.row, p.location.column) for p in error.problems] == [(4, "ident"), (5, "strate")]
    assert "identifiant « A-001 » en double (déjà ligne 2)" in str(error)
    path.write_text("ident;strate\nA-001;n1\n007;n1\n", encoding="utf-8")
    cleaned = validate_table(load_table(path, text_columns=["ident"]), codebook)
    assert cleaned["ident"].tolist() == ["A-001", "007"]


def test_numeric_identifiers_read_as_text_become_numbers():
    codebook = Codebook((Variable("ident", Kind.ID),))
    cleaned = validate_table(pd.DataFrame({"ident": ["1", " 2", "3"]}, dtype="string"), codebook)
    assert cleaned["ident"].dtype == "Int64"
    assert cleaned["ident"].tolist() == [1, 2, 3]


def test_categorical_with_text_and_number_codes():
    codebook = Codebook((Variable("c", Kind.CATEGORICAL, value_labels=((1, "un"), ("X", "inconnu"))),))
    table = pd.DataFrame({"c": ["1", "X", "1.0", "Y"]})
    error = problems_of(table, codebook, None)
    assert [(p.location.row, p.location.column) for p in error.problems] == [(4, "c")]
    assert "« Y »" in str(error)


def test_region_codes_are_checked_against_the_reference_territories_by_default():
    codebook = Codebook((Variable("reg", Kind.REGION), Variable("zone", Kind.REGION, level="survey_region")))
    good = pd.DataFrame({"reg": ["84", "11"], "zone": ["PACA", "IDF"]})
    assert validate_table(good, codebook)["reg"].tolist() == ["84", "11"]
    error = problems_of(pd.DataFrame({"reg": ["84", "85"], "zone": ["PACA", "PACE"]}), codebook, None)
    assert [(p.location.row, p.location.column) for p in error.problems] == [(2, "reg"), (2, "zone")]
    assert "niveau survey_region" in str(error.problems[1])


def test_a_territory_name_instead_of_its_code_names_the_code():
    codebook = Codebook((Variable("reg", Kind.REGION),))
    error = problems_of(pd.DataFrame({"reg": ["Bretagne", "85"]}), codebook, None)
    assert "« Bretagne » est le nom d'un territoire : indiquez son code, « 53 »" in str(error.problems[0])
    assert "85" in str(error.problems[1])
    assert "84" in str(error.problems[1])  # the closest codes
