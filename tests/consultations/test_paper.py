"""Paper answers: CSV and Excel read whole; each bad cell named by file, line and column; nothing kept."""

from __future__ import annotations

import pandas as pd
import pytest

from observatoire.consultations.paper import read_paper
from observatoire.errors import InputError
from observatoire.questionnaires import instrument
from observatoire.reference import vocabulary

EXTRA = [{"code": "org_1", "text": "Centre social ?", "options": ["Oui", "Non"]}]
COMMUNES = ["05061", "05001"]


def _rows(n: int = 3) -> list[dict[str, object]]:
    rows = []
    for i in range(n):
        row: dict[str, object] = {
            f"q1_{d}": (i + j) % 10 + 1 for j, d in enumerate(vocabulary.domain_codes())
        }
        row.update(attention=3, alliance="Indispensable", sexe="Femme" if i % 2 else "h", age="a35_49")
        row.update(commune="5061", org_1=2)
        rows.append(row)
    return rows


def _write(tmp_path, rows, suffix=".csv"):
    path = tmp_path / f"papier{suffix}"
    frame = pd.DataFrame(rows)
    if suffix == ".csv":
        frame.to_csv(path, index=False, sep=";")
    else:
        frame.to_excel(path, index=False)
    return path


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_codes_labels_and_numbers_are_read(tmp_path, suffix):
    rows = read_paper(_write(tmp_path, _rows(), suffix), instrument("consultation"), COMMUNES, EXTRA)
    assert len(rows) == 3
    assert rows[1]["sexe"] == "f"
    assert rows[0]["sexe"] == "h"
    assert rows[0]["alliance"] == "indispensable"
    assert rows[0]["commune"] == "05061"  # a leading zero lost by a spreadsheet is restored
    assert rows[0]["org_1"] == "1"
    assert rows[2]["q1_emploi"] == "3"


def test_an_empty_rating_is_an_unanswered_question(tmp_path):
    rows = _rows()
    rows[0]["q1_sante"] = None
    found = read_paper(_write(tmp_path, rows), instrument("consultation"), COMMUNES, EXTRA)
    assert "q1_sante" not in found[0]


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (
            {"q1_sante": 11},
            "papier.csv, ligne 3, colonne « q1_sante » : « 11 » : attendu l'une des réponses 1",
        ),
        ({"sexe": None}, "ligne 3, colonne « sexe » : réponse manquante"),
        ({"commune": "13055"}, "colonne « commune » : « 13055 » n'est pas le code INSEE"),
        ({"org_1": 3}, "colonne « org_1 » : « 3 » : attendu le numéro d'une réponse, de 1 à 2"),
        (
            {"alliance": "peut-être"},
            "« peut-être » : attendu l'une des réponses indispensable (Indispensable)",
        ),
    ],
)
def test_bad_cells_are_named(tmp_path, change, expected):
    rows = _rows()
    rows[1].update(change)
    with pytest.raises(InputError) as raised:
        read_paper(_write(tmp_path, rows), instrument("consultation"), COMMUNES, EXTRA)
    assert expected in str(raised.value)


def test_every_problem_is_counted(tmp_path):
    rows = _rows()
    rows[0]["q1_emploi"] = 0
    rows[2]["age"] = "centenaire"
    with pytest.raises(InputError, match=r"ligne 2, colonne « q1_emploi ».*1 autre\(s\) erreur\(s\)"):
        read_paper(_write(tmp_path, rows), instrument("consultation"), COMMUNES, EXTRA)


def test_unknown_and_missing_columns(tmp_path):
    rows = _rows()
    rows[0]["telephone"] = "0600000000"
    with pytest.raises(InputError, match="colonne « telephone » inconnue"):
        read_paper(_write(tmp_path, rows), instrument("consultation"), COMMUNES, EXTRA)
    rows = [{k: v for k, v in r.items() if k != "age"} for r in _rows()]
    with pytest.raises(InputError, match="colonne « age » absente"):
        read_paper(_write(tmp_path, rows), instrument("consultation"), COMMUNES, EXTRA)
