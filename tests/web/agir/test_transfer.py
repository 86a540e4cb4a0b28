"""Curators' bulk import and export: every bad cell named (line, column, expected), all or nothing."""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

from observatoire.cli import main
from observatoire.web.agir.columns import CASES, CATALYSTS, TEMPLATE
from observatoire.web.agir.models import CaseStudy, Catalyst
from observatoire.web.agir.transfer import ImportRejectedError, export_file, import_file

pytestmark = pytest.mark.django_db(transaction=True)

HEADER = "titre;resume;territoire;domaines;partenaires;annee;odd"
GOOD = "Garage solidaire;Des voitures pour l'emploi.;commune:13055;mobilite;association:Roule;2019;17"


def _csv(tmp_path: Path, *lines: str) -> Path:
    path = tmp_path / "pratiques.csv"
    path.write_text("\n".join(lines) + "\n", "utf-8")
    return path


def test_valid_file_is_imported_with_partners(tmp_path):
    path = _csv(tmp_path, HEADER, GOOD.replace("mobilite", '"mobilite; emploi"'))
    assert import_file(CASES, path) == 1
    case = CaseStudy.public.get()
    assert case.domains == ["mobilite", "emploi"]
    assert [(p.actor_type, p.name) for p in case.partners.all()] == [("association", "Roule")]
    assert case.odd == ["17"]


def test_every_bad_cell_is_reported_and_nothing_is_written(tmp_path):
    path = _csv(
        tmp_path,
        HEADER,
        GOOD,
        "Sans territoire;Résumé;;mobilite;;;",
        "Codes faux;Résumé;departement:999;mobilte;club:X;deux mille;18",
    )
    with pytest.raises(ImportRejectedError) as caught:
        import_file(CASES, path)
    message = str(caught.value)
    assert "pratiques.csv : " in message
    assert "rien n'a été importé" in message
    assert "pratiques.csv, ligne 3, colonne « territoire » : valeur obligatoire manquante" in message
    assert "ligne 4, colonne « territoire »" in message
    assert "ligne 4, colonne « domaines » : domaine de fragilité inconnu : « mobilte »" in message
    assert "ligne 4, colonne « partenaires » : type d'acteur inconnu « club »" in message
    assert "ligne 4, colonne « annee » : attendu : une année (2019) ; lu : « deux mille »" in message
    assert "ligne 4, colonne « odd »" in message
    assert not CaseStudy.objects.exists()  # the good first row was not written either


def test_dry_run_checks_and_writes_nothing(tmp_path):
    path = _csv(tmp_path, HEADER, GOOD)
    assert import_file(CASES, path, dry_run=True) == 1
    assert not CaseStudy.objects.exists()


def test_unknown_column_and_overlong_title(tmp_path):
    path = _csv(tmp_path, HEADER + ";couleur", GOOD.replace("Garage solidaire", "x" * 201) + ";bleu")
    with pytest.raises(ImportRejectedError) as caught:
        import_file(CASES, path)
    assert "colonne « couleur » : colonne inconnue" in str(caught.value)
    assert "colonne « titre » : Assurez-vous que cette valeur comporte au plus 200 caractères" in str(
        caught.value
    )


def test_xlsx_is_read_with_its_line_numbers(tmp_path):
    path = tmp_path / "catalyseurs.xlsx"
    book = openpyxl.Workbook()
    book.active.append(["titre", "resume", "territoire", "metiers"])
    book.active.append(["Le Lieu", "Un tiers-lieu.", "commune:31555", "gestion_lieu"])
    book.active.append(["Le Faux", "Un tiers-lieu.", "commune:31555", "danse"])
    book.save(path)
    with pytest.raises(ImportRejectedError) as caught:
        import_file(CATALYSTS, path)
    assert "catalyseurs.xlsx, ligne 3, colonne « metiers »" in str(caught.value)
    assert not Catalyst.objects.exists()


def test_export_imports_back_unchanged(tmp_path):
    path = _csv(tmp_path, HEADER, GOOD)
    import_file(CASES, path)
    first = tmp_path / "export.csv"
    assert export_file(CASES, first) == 1
    CaseStudy.objects.all().delete()
    import_file(CASES, first)
    second = tmp_path / "again.csv"
    export_file(CASES, second)
    assert first.read_text("utf-8") == second.read_text("utf-8")
    assert first.read_text("utf-8").splitlines()[0] == ",".join(c.name for c in TEMPLATE[CASES])


def test_export_leaves_out_what_is_not_published_and_writes_json_and_xlsx(tmp_path):
    path = _csv(
        tmp_path,
        HEADER + ";statut",
        GOOD + ";publie",
        GOOD.replace("Garage solidaire", "Pas encore") + ";a_moderer",
    )
    import_file(CASES, path)
    out = tmp_path / "export.json"
    export_file(CASES, out)
    assert [row["titre"] for row in json.loads(out.read_text("utf-8"))] == ["Garage solidaire"]
    export_file(CASES, tmp_path / "export.xlsx")
    sheet = openpyxl.load_workbook(tmp_path / "export.xlsx").active
    assert [row[0] for row in sheet.iter_rows(values_only=True)] == ["titre", "Garage solidaire"]


def test_command_line_import_reports_in_french_and_exits_non_zero(tmp_path):
    bad = _csv(tmp_path, HEADER, "Codes faux;Résumé;departement:999;mobilite;;;")
    result = CliRunner().invoke(main, ["pratiques", "import", str(bad)])
    assert result.exit_code == 2
    assert "ligne 2, colonne « territoire »" in result.output
    good = _csv(tmp_path, HEADER, GOOD)
    result = CliRunner().invoke(main, ["pratiques", "import", str(good), "--dry-run"])
    assert result.exit_code == 0, result.output
    assert "rien n'a été écrit" in result.output
    result = CliRunner().invoke(main, ["pratiques", "export", str(tmp_path / "x.txt")])
    assert result.exit_code == 2
    assert "format d'export inconnu" in result.output
