"""The vocabulary data files: packaged, versioned, and a malformed one fails with a French message."""

from importlib import resources

import pytest

from observatoire.errors import InputError, NotFoundError
from observatoire.reference import vocabulary as v
from observatoire.reference.catalog import Catalog
from observatoire.reference.datafiles import Record, read_data_file


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
    assert len(root.records("levers")) == 7


def test_missing_file_is_a_french_input_error():
    with pytest.raises(InputError, match=r"fichier absent\.toml : fichier de vocabulaire illisible"):
        read_data_file("absent")


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
