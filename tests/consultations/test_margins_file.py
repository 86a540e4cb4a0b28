"""Margins files: codes or labels, totals that agree, each category once; else a French error and its line."""

from __future__ import annotations

import pytest

from observatoire.consultations.margins_file import read_margins
from observatoire.errors import InputError
from observatoire.questionnaires import instrument

GOOD = """variable;categorie;effectif
sexe;Femme;17000
sexe;h;15000
age;18-24 ans;3000
age;a25_34;5000
age;a35_49;8000
age;a50_64;8000
age;65 ans et plus;8010
"""


def _read(tmp_path, text: str):
    path = tmp_path / "marges.csv"
    path.write_text(text, encoding="utf-8")
    return read_margins(path, instrument("consultation"), "INSEE RP 2021")


def test_codes_and_labels_and_rounding(tmp_path):
    margins = _read(tmp_path, GOOD)
    assert margins.sex == {"f": 17000, "h": 15000}
    assert sum(margins.age.values()) == pytest.approx(32000)  # brought to the sex total
    assert margins.source == "INSEE RP 2021"


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (
            "age;a25_34;5000",
            "age;25 ans;5000",
            "ligne 5, colonne « categorie » : « 25 ans » n'est pas une réponse",
        ),
        ("sexe;h;15000", "sexe;h;-3", "ligne 3, colonne « effectif » : « -3 » : attendu un effectif positif"),
        (
            "sexe;h;15000",
            "genre;h;15000",
            "ligne 3, colonne « variable » : « genre » : attendu « sexe » ou « age »",
        ),
        ("age;a50_64;8000\n", "", "il manque l'effectif de a50_64"),
        ("age;a50_64;8000", "age;a50_64;18000", "les totaux ne concordent pas"),
        ("sexe;h;15000", "sexe;f;15000", "« f » figure deux fois"),
    ],
)
def test_bad_margins(tmp_path, old, new, expected):
    with pytest.raises(InputError) as raised:
        _read(tmp_path, GOOD.replace(old, new))
    assert expected in str(raised.value)
    assert "marges.csv" in str(raised.value)
