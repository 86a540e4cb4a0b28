"""The vocabulary data files: packaged, versioned, and a malformed one fails with a French message."""

from importlib import resources

import pytest

from observatoire.errors import InputError, NotFoundError
from observatoire.reference import datafiles
from observatoire.reference import vocabulary as v
from observatoire.reference.catalog import Catalog
from observatoire.reference.datafiles import Record, load_entries, read_data_file


def test_every_packaged_file_is_read_and_no_file_is_orphaned():
    folder = resources.files("observatoire.reference").joinpath("data", "vocabulary")
    packaged = {entry.name for entry in folder.iterdir() if entry.name.endswith(".toml")}
    assert packaged == {f"{name}.toml" for name in v.DATA_FILES}


def test_read_data_file_returns_header_and_content():
    header, root = read_data_file("levers")
    assert header.name == "levers"
    assert header.file_name == "levers.toml"
    assert header.version >= 1
    assert header.sources == ("001_0a191ba66b55f7cb.txt",)
    assert len(root["levers"]) == 7


def test_missing_file_is_a_french_input_error():
    with pytest.raises(InputError, match=r"fichier absent\.toml : fichier de vocabulaire illisible"):
        read_data_file("absent")


def test_broken_toml_is_said_in_french_with_its_line_and_column(tmp_path, monkeypatch):
    folder = tmp_path / "data" / "vocabulary"
    folder.mkdir(parents=True)
    (folder / "cassé.toml").write_text('version = 1\n[[levers]\ncode = "x"\n', encoding="utf-8")
    monkeypatch.setattr(datafiles.resources, "files", lambda package: tmp_path)  # read from tmp_path
    with pytest.raises(InputError) as raised:
        read_data_file("cassé")
    message = str(raised.value)
    assert message.startswith("fichier cassé.toml, ligne 2 : syntaxe TOML invalide vers la colonne 9")
    assert "Expected" not in message  # tomllib's English reason is left out


def test_record_getters_name_the_entry_and_the_field():
    root = Record({"domains": [{"code": "x", "label": 3}]}, "domains.toml", "")
    (entry,) = root.records("domains")
    with pytest.raises(InputError) as raised:
        entry.text("label")
    assert str(raised.value) == (
        "fichier domains.toml : domains n° 1 (x) : le champ « label » doit être un texte non vide"
    )
    with pytest.raises(InputError, match="champ « description » manquant"):
        entry.text("description")
    assert entry.optional_text("description") is None
    assert entry.texts("aliases", required=False) == ()


@pytest.mark.parametrize(
    ("table", "getter", "expected"),
    [
        ({"k": ["a", ""]}, "texts", "une liste de textes non vides"),
        ({"k": True}, "integer", "un entier"),
        ({"k": "oui"}, "flag", "true ou false"),
        ({"k": []}, "records", "une liste non vide d'entrées"),
    ],
)
def test_record_rejects_wrong_types(table, getter, expected):
    with pytest.raises(InputError, match=expected):
        getattr(Record(table, "f.toml", ""), getter)("k")


@pytest.fixture
def data_file(monkeypatch):
    """``f.toml`` holding the given tables (beside a valid header), as the loader reads it."""

    def write(**tables):
        content = {"version": 1, "source": "s.txt", **tables}
        monkeypatch.setattr(datafiles, "_content", lambda name: content if name == "f" else {})

    return write


def test_a_wrong_field_is_named_with_its_file_and_entry(data_file):
    data_file(domains=[{"code": "x", "label": 3}])
    with pytest.raises(InputError) as raised:
        load_entries("f", "domains", v.Dimension)
    assert str(raised.value) == (
        "fichier f.toml : domains n° 1 (x) : le champ « label » doit être un texte non vide"
    )
    data_file(domains=[{"code": "x"}])
    with pytest.raises(InputError, match=r"domains n° 1 \(x\) : champ « label » manquant"):
        load_entries("f", "domains", v.Dimension)
    data_file(domains=[{"code": "x", "label": "X"}])
    assert load_entries("f", "domains", v.Dimension) == (v.Dimension("x", "X"),)
    assert load_entries("f", "absent", v.Dimension, required=False) == ()


@pytest.mark.parametrize(
    ("table", "kind", "expected"),
    [
        (
            {"code": "a", "label": "A", "activities": ["a", ""]},
            v.CatalystActivity,
            "activities.*une liste de textes non vides",
        ),
        (
            {"code": "a", "label": "A", "activities": "a"},
            v.CatalystActivity,
            "activities.*une liste de textes non vides",
        ),
        ({"code": "a", "label": "  "}, v.Dimension, "label.*un texte non vide"),
        (
            {"code": "a", "label": "A", "start_year": True, "end_year": 2020, "objective": "o"},
            v.Programme,
            "start_year.*un entier",
        ),
        (
            {"code": "a", "label": "A", "start_year": "2015", "end_year": 2020, "objective": "o"},
            v.Programme,
            "start_year.*un entier",
        ),
        (
            {"code": "a", "label": "A", "description": "d", "regard": "oui"},
            v.Population,
            "regard.*true ou false",
        ),
    ],
)
def test_a_value_of_the_wrong_type_is_refused(data_file, table, kind, expected):
    data_file(entries=[table])
    with pytest.raises(InputError, match=expected):
        load_entries("f", "entries", kind)


def test_a_nested_entry_is_named_inside_its_parent(data_file):
    segment = {"code": "pme", "label": "PME", "name": "PME", "definition": "d", "headcount_max": "249"}
    data_file(
        populations=[
            {"code": "entreprises", "label": "E", "description": "d", "regard": True, "segments": [segment]}
        ]
    )
    with pytest.raises(InputError) as raised:
        load_entries("f", "populations", v.Population)
    assert str(raised.value) == (
        "fichier f.toml : populations n° 1 (entreprises), segments n° 1 (pme) : "
        "le champ « headcount_max » doit être un entier"
    )


@pytest.mark.parametrize(
    ("value", "expected"), [([], "une liste non vide d'entrées"), (None, "champ « k » manquant")]
)
def test_the_entries_must_be_a_non_empty_list(data_file, value, expected):
    data_file(**({} if value is None else {"k": value}))
    with pytest.raises(InputError, match=expected):
        load_entries("f", "k", v.Dimension)


def test_an_unknown_reference_names_the_entry(data_file, monkeypatch):
    data_file(
        domains=[{"code": "x", "dimension": "inconnue", "label": "X", "short_label": "X", "description": "d"}]
    )
    monkeypatch.setattr(
        v, "load_entries", lambda name, key, kind, **options: load_entries("f", key, kind, **options)
    )
    v._domains.cache_clear()
    try:
        with pytest.raises(InputError, match=r"domains n° 1 \(x\) : .*inconnue"):
            v._domains()
    finally:
        v._domains.cache_clear()


def test_catalog_rejects_a_name_shared_by_two_entries():
    entries = [
        v.Impact("a", "Alpha", "A", "d", aliases=("commun",)),
        v.Impact("b", "Bêta", "B", "d", ("Commun",)),
    ]
    with pytest.raises(InputError, match="« Commun » désigne à la fois a et b"):
        Catalog("impact", entries, lambda e: e.aliases, source="impacts.toml")


def test_catalog_finds_by_any_name_and_suggests_by_code():
    entries = [v.Impact("a", "Alpha", "A", "d"), v.Impact("b", "Bêta", "B", "d", ("deuxième",))]
    catalog = Catalog("impact", entries, lambda e: e.aliases)
    assert catalog.get("BETA") is entries[1]
    assert catalog.get("Deuxieme") is entries[1]
    assert "beta" in catalog
    assert catalog.find("gamma") is None
    with pytest.raises(
        NotFoundError, match=r"impact inconnu : « betta »\. Vouliez-vous dire : b \(Bêta\) \?"
    ):
        catalog.get("betta")
