"""Importing indicator metadata, values and weights: every bad file names file, line and column."""

from pathlib import Path

import pytest

from observatoire.errors import InputError
from observatoire.indices import load_indicator_metadata, load_indicator_values, load_weights

METADATA_CSV = """code,domain,label,source,vintage,unit,direction,goalpost_low,goalpost_high
taux_chomage,emploi,Taux de chômage,INSEE,2019,%,1,,
revenu_median,niveau_de_vie,Revenu médian,INSEE Filosofi,2019,€,-1,15000,30000
"""
# "93" and "11" exist only as régions here, so bare codes are unambiguous; "13" only as a département.
TERRITORIES = {("region", "93"), ("region", "11"), ("departement", "13"), ("nation", "FR")}


@pytest.fixture
def metadata(tmp_path: Path):
    path = tmp_path / "indicateurs.csv"
    path.write_text(METADATA_CSV, encoding="utf-8")
    return load_indicator_metadata(path)


def _write(tmp_path: Path, text: str, name: str = "valeurs.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_metadata_csv_is_read_with_directions_and_goalposts(metadata):
    assert list(metadata) == ["taux_chomage", "revenu_median"]
    assert metadata["taux_chomage"].direction == 1
    assert metadata["revenu_median"].direction == -1
    assert (metadata["revenu_median"].goalpost_low, metadata["revenu_median"].goalpost_high) == (15000, 30000)
    assert metadata.domains() == ["emploi", "niveau_de_vie"]


def test_metadata_toml(tmp_path):
    path = _write(
        tmp_path,
        """[[indicator]]
code = "taux_chomage"
domain = "emploi"
label = "Taux de chômage"
source = "INSEE"
vintage = "2019"
unit = "%"
direction = 1
weight = 2
""",
        "indicateurs.toml",
    )
    metadata = load_indicator_metadata(path)
    assert metadata["taux_chomage"].weight == 2.0


@pytest.mark.parametrize(
    ("row", "column"),
    [
        ("x,emploie,Libellé,INSEE,2019,%,1,,", "domain"),
        ("x,emploi,Libellé,INSEE,2019,%,2,,", "direction"),
        ("x,emploi,,INSEE,2019,%,1,,", "label"),
        ("x,emploi,Libellé,INSEE,2019,%,1,10,", "goalpost_high"),
        ("taux_chomage,emploi,Libellé,INSEE,2019,%,1,,", "code"),
    ],
)
def test_bad_metadata_rows(tmp_path, row, column):
    path = _write(tmp_path, METADATA_CSV + row + "\n", "indicateurs.csv")
    with pytest.raises(InputError) as caught:
        load_indicator_metadata(path)
    assert (caught.value.location.file, caught.value.location.row, caught.value.location.column) == (
        "indicateurs.csv",
        4,
        column,
    )


def test_values_are_typed(tmp_path, metadata):
    path = _write(
        tmp_path,
        "territory,indicator,year,value\n93,taux_chomage,2019,8.9\nFR,revenu_median,2019,21930\n",
    )
    frame = load_indicator_values(path, metadata, TERRITORIES)
    assert list(frame.columns) == ["territory_level", "territory", "indicator", "year", "value"]
    assert frame["territory_level"].tolist() == ["region", "nation"]
    assert frame["year"].dtype == "int64"
    assert frame["value"].tolist() == [8.9, 21930.0]


def test_real_territories_need_the_level_when_a_code_is_ambiguous(tmp_path, metadata):
    # Default valid territories: the reference's régions, départements and nation. "93" is PACA and
    # Seine-Saint-Denis: a bare "93" is refused; "region:93", a territory_level column, "2A", "FR" are fine.
    keyed = _write(
        tmp_path, "territory,indicator,year,value\nregion:93,taux_chomage,2019,8.9\n2A,taux_chomage,2019,9\n"
    )
    frame = load_indicator_values(keyed, metadata)
    assert frame[["territory_level", "territory"]].values.tolist() == [
        ["region", "93"],
        ["departement", "2A"],
    ]
    with_level = _write(
        tmp_path, "territory_level,territory,indicator,year,value\nregion,93,taux_chomage,2019,8.9\n", "b.csv"
    )
    assert load_indicator_values(with_level, metadata)["territory_level"].tolist() == ["region"]
    bare = _write(tmp_path, "territory,indicator,year,value\n93,taux_chomage,2019,8.9\n", "c.csv")
    with pytest.raises(InputError) as caught:
        load_indicator_values(bare, metadata)
    assert (caught.value.location.row, caught.value.location.column) == (2, "territory")
    assert "region:93" in str(caught.value)
    bad_level = _write(
        tmp_path,
        "territory_level,territory,indicator,year,value\ncommune,13055,taux_chomage,2019,8\n",
        "d.csv",
    )
    with pytest.raises(InputError) as caught:
        load_indicator_values(bad_level, metadata)
    assert (caught.value.location.row, caught.value.location.column) == (2, "territory_level")


def test_semicolon_and_decimal_comma(tmp_path, metadata):
    path = _write(tmp_path, "territory;indicator;year;value\n93;taux_chomage;2019;8,9\n")
    assert load_indicator_values(path, metadata, TERRITORIES)["value"].tolist() == [8.9]


GOOD = "territory,indicator,year,value\n93,taux_chomage,2019,8.9\n"


@pytest.mark.parametrize(
    ("bad_row", "column", "words"),
    [
        ("974,taux_chomage,2019,8.9", "territory", "974"),
        ("93,taux_chomag,2019,8.9", "indicator", "taux_chomage"),  # "did you mean"
        ("93,taux_chomage,2019,8.9", "territory, indicator, year", "ligne 2"),  # duplicate of line 2
        ("93,taux_chomage,2015,huit", "value", "huit"),
        ("93,taux_chomage,2015,", "value", "vide"),
        ("93,taux_chomage,2015,nan", "value", "nan"),
        ("93,taux_chomage,2015.5,8.9", "year", "2015.5"),
        ("93,taux_chomage,deux mille,8.9", "year", "deux mille"),
    ],
)
def test_bad_value_rows_name_file_line_and_column(tmp_path, metadata, bad_row, column, words):
    path = _write(tmp_path, GOOD + "11,taux_chomage,2019,7.1\n" + bad_row + "\n")
    with pytest.raises(InputError) as caught:
        load_indicator_values(path, metadata, TERRITORIES)
    location = caught.value.location
    assert (location.file, location.row, location.column) == ("valeurs.csv", 4, column)
    message = str(caught.value)
    assert message.startswith("fichier valeurs.csv, ligne 4, colonne")
    assert words in message


def test_missing_column_is_reported_on_the_header_line(tmp_path, metadata):
    path = _write(tmp_path, "territory,indicator,annee,value\n93,taux_chomage,2019,8.9\n")
    with pytest.raises(InputError) as caught:
        load_indicator_values(path, metadata, TERRITORIES)
    assert (caught.value.location.row, caught.value.location.column) == (1, "year")


def test_wrong_number_of_fields(tmp_path, metadata):
    path = _write(tmp_path, GOOD + "93,taux_chomage,2018,8,9\n")
    with pytest.raises(InputError) as caught:
        load_indicator_values(path, metadata, TERRITORIES)
    assert caught.value.location.row == 3


def test_weights_file(tmp_path, metadata):
    good = _write(tmp_path, "indicator,weight\ntaux_chomage,2\nrevenu_median,0.5\n", "poids.csv")
    assert load_weights(good, metadata) == {"taux_chomage": 2.0, "revenu_median": 0.5}
    bad = _write(tmp_path, "indicator,weight\ntaux_chomage,0\n", "poids.csv")
    with pytest.raises(InputError) as caught:
        load_weights(bad, metadata)
    assert (caught.value.location.row, caught.value.location.column) == (2, "weight")


def test_packaged_catalogue_covers_every_domain_with_three_indicators():
    from observatoire.indices import default_indicator_metadata
    from observatoire.reference.vocabulary import domain_codes

    catalogue = default_indicator_metadata()
    assert sorted(catalogue.domains()) == sorted(domain_codes())
    assert all(len(catalogue.in_domain(domain)) == 3 for domain in domain_codes())
    assert catalogue["revenu_median_uc"].direction == -1
    assert catalogue["taux_pauvrete"].direction == 1
