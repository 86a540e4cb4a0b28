"""Codebook files (CSV, XLSX), JSON, drafts from SPSS metadata, and the errors of a bad codebook."""

from __future__ import annotations

import math

import pyreadstat
import pytest

from observatoire.errors import InputError
from observatoire.surveys import Codebook, Kind, Variable, codebook_from_sav, read_codebook, write_codebook
from observatoire.surveys.codebook import normalize_code, normalize_territory_code

DOMAINS = ["emploi", "sante", "mobilite"]
HEADER = "variable;type;label;question;item;domain;min;max;values;missing;level\n"


def write_csv(tmp_path, body: str, header: str = HEADER):
    path = tmp_path / "codebook.csv"
    path.write_text(header + body, encoding="utf-8")
    return path


def test_read_csv_codebook(tmp_path):
    path = write_csv(
        tmp_path,
        "id;id;Identifiant;;;;;;;;\n"
        "reg;region;Région;;;;;;;;survey_region\n"
        "sexe;categorical;Sexe;;;;;;1=Homme|2=Femme;;\n"
        "q1_1;rating;Fragilité : emploi;Q1;;emploi;1;10;1=Pas du tout|10=Très;99=Ne sait pas|98;\n"
        "poids;weight;Poids;;;;;;;;\n",
    )
    codebook = read_codebook(path, domains=DOMAINS)
    assert codebook.names == ["id", "reg", "sexe", "q1_1", "poids"]
    rating = codebook["q1_1"]
    assert (rating.kind, rating.question, rating.item, rating.domain) == (
        Kind.RATING,
        "Q1",
        "emploi",
        "emploi",
    )
    assert (rating.minimum, rating.maximum) == (1.0, 10.0)
    assert rating.missing == {99: "Ne sait pas", 98: ""}
    assert rating.allowed_codes() == frozenset(range(1, 11))
    assert codebook["sexe"].labels == {1: "Homme", 2: "Femme"}
    assert codebook["reg"].level == "survey_region"
    assert codebook.single(Kind.WEIGHT).name == "poids"
    assert [v.name for v in codebook.question("Q1")] == ["q1_1"]


def test_french_headers_and_type_spelling_are_accepted(tmp_path):
    path = write_csv(tmp_path, "Q1;Rating;1;5\n", header="Nom;Type;Minimum;Maximum\n")
    variable = read_codebook(path, domains=DOMAINS)["Q1"]
    assert (variable.kind, variable.minimum, variable.maximum) == (Kind.RATING, 1.0, 5.0)


def test_domains_are_checked_against_the_reference_vocabulary(tmp_path):
    good = write_csv(tmp_path, "q;rating;;Q1;;numerique;1;10;;;\n")
    assert read_codebook(good)["q"].domain == "numerique"
    bad = write_csv(tmp_path, "q;rating;;Q1;;emploie;1;10;;;\n")
    with pytest.raises(InputError) as caught:
        read_codebook(bad)
    assert (caught.value.location.row, caught.value.location.column) == (2, "domain")
    assert "emploie" in str(caught.value)
    assert "emploi" in str(caught.value).split("emploie", 1)[1]  # the suggestion


@pytest.mark.parametrize(
    ("body", "row", "column", "words"),
    [
        ("a;numeric;;;;;;;;;\nb;note;;;;;;;;;\n", 3, "type", "type « note » inconnu"),
        ("q;rating;;;;;1;;;;\n", 2, "max", "min et un max"),
        ("q;rating;;;;;10;1;;;\n", 2, "max", "inférieur au min"),
        ("q;numeric;;;;;un;;;;\n", 2, "min", "« un » n'est pas un nombre"),
        ("s;categorical;;;;;;;1=Homme|1=Femme;;\n", 2, "values", "1=Femme"),
        ("s;categorical;;;;;;;1=H|=F;;\n", 2, "values", "=F"),
        ("q;rating;;;;;1;10;;;\nq;numeric;;;;;;;;;\n", 3, "variable", "déjà déclarée ligne 2"),
        ("w;weight;;;;;;;;;\nw2;weight;;;;;;;;;\n", 3, "type", "une seule variable de type « weight »"),
        (";numeric;;;;;;;;;\n", 2, "variable", "nom de variable manquant"),
        ("q;rating;;;;transport;1;10;;;\n", 2, "domain", "domaine « transport » inconnu"),
    ],
)
def test_bad_codebook_lines(tmp_path, body, row, column, words):
    with pytest.raises(InputError) as caught:
        read_codebook(write_csv(tmp_path, body), domains=DOMAINS)
    assert (caught.value.location.row, caught.value.location.column) == (row, column)
    assert caught.value.location.file == "codebook.csv"
    assert words in str(caught.value)


def test_codebook_without_type_column(tmp_path):
    with pytest.raises(InputError) as caught:
        read_codebook(write_csv(tmp_path, "q\n", header="variable\n"))
    assert caught.value.location.column == "type"


def full_codebook() -> Codebook:
    return Codebook(
        (
            Variable("id", Kind.ID, "Identifiant"),
            Variable("dep", Kind.REGION, "Département", level="departement", value_labels=(("01", "Ain"),)),
            Variable(
                "taille", Kind.GROUP, "Taille", value_labels=(("TPE", "Très petite"), ("PME", "Petite"))
            ),
            Variable(
                "q1_3",
                Kind.RATING,
                "Fragilité : santé ; « accès aux soins »",
                question="Q1",
                item="sante",
                domain="sante",
                minimum=1,
                maximum=10,
                missing_codes=((99, "Ne sait pas"),),
            ),
            Variable("revenu", Kind.NUMERIC, "Revenu", minimum=0.5),
            Variable("strate", Kind.STRATA),
            Variable("grappe", Kind.PSU),
            Variable("fpc", Kind.FPC),
            Variable("poids", Kind.WEIGHT, "Poids"),
            Variable("verbatim", Kind.TEXT, "Commentaire libre"),
        )
    )


@pytest.mark.parametrize("name", ["codebook.csv", "codebook.xlsx"])
def test_file_round_trip(tmp_path, name):
    codebook = full_codebook()
    path = write_codebook(codebook, tmp_path / name)
    assert read_codebook(path, domains=DOMAINS) == codebook
    assert [p.name for p in tmp_path.iterdir()] == [name]  # no temporary file left


def test_json_round_trip_keeps_code_types():
    codebook = full_codebook()
    again = Codebook.from_json(codebook.to_json())
    assert again == codebook
    assert again["dep"].labels == {"01": "Ain"}
    assert again["q1_3"].missing == {99: "Ne sait pas"}


def test_codebook_refuses_duplicate_names_and_ratings_without_bounds():
    with pytest.raises(ValueError, match="twice"):
        Codebook((Variable("a", Kind.TEXT), Variable("a", Kind.TEXT)))
    with pytest.raises(ValueError, match="minimum"):
        Variable("q", Kind.RATING, minimum=1)


def test_codebook_from_sav(tmp_path):
    import pandas as pd

    path = tmp_path / "v.sav"
    frame = pd.DataFrame(
        {
            "ident": [1.0, 2.0],
            "sexe": [1.0, 2.0],
            "q1": [7.0, 99.0],
            "poids": [1.0, 1.5],
            "verbatim": ["a", "b"],
        }
    )
    pyreadstat.write_sav(
        frame,
        str(path),
        column_labels={"sexe": "Sexe", "q1": "Fragilité emploi"},
        variable_value_labels={"sexe": {1: "Homme", 2: "Femme"}, "q1": {99: "Ne sait pas", 1: "Pas du tout"}},
        missing_ranges={"q1": [99]},
    )
    draft = codebook_from_sav(path)
    assert [(v.name, v.kind) for v in draft] == [
        ("ident", Kind.ID),
        ("sexe", Kind.CATEGORICAL),
        ("q1", Kind.CATEGORICAL),
        ("poids", Kind.WEIGHT),
        ("verbatim", Kind.TEXT),
    ]
    assert draft["sexe"].labels == {1: "Homme", 2: "Femme"}
    assert draft["sexe"].label == "Sexe"
    assert draft["q1"].missing == {99: "Ne sait pas"}
    assert draft["q1"].labels == {1: "Pas du tout"}  # the missing code is not an allowed answer


def test_codebook_from_sav_on_a_bad_file(tmp_path):
    path = tmp_path / "v.sav"
    path.write_bytes(b"not spss")
    with pytest.raises(InputError, match="SPSS"):
        codebook_from_sav(path)


@pytest.mark.parametrize(
    ("raw", "code"),
    [(1.0, 1), ("1", 1), (" 2,5 ", 2.5), ("H", "H"), (None, None), (math.nan, None), ("", None), (True, 1)],
)
def test_normalize_code(raw, code):
    assert normalize_code(raw) == code
    assert type(normalize_code(raw)) is type(code)


@pytest.mark.parametrize(("raw", "code"), [(1.0, "01"), ("1", "01"), (84, "84"), ("2A", "2A"), ("01", "01")])
def test_normalize_territory_code(raw, code):
    assert normalize_territory_code(raw) == code
