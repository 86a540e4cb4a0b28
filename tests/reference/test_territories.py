"""Real territories: counts and populations, lookups by code, postcode and name, the parent chain."""

import pytest

from observatoire.errors import InputError, NotFoundError
from observatoire.reference import territories as ter
from observatoire.reference.text import fold


def test_thirteen_metropolitan_regions_and_five_overseas():
    metropolitan = ter.regions()
    assert [r.code for r in metropolitan] == [
        "11", "24", "27", "28", "32", "44", "52", "53", "75", "76", "84", "93", "94",
    ]  # fmt: skip
    assert [r.code for r in ter.regions(metropolitan_only=False) if r.overseas] == [
        "01",
        "02",
        "03",
        "04",
        "06",
    ]
    assert all(r.population > 0 and r.level == "region" for r in metropolitan)


def test_ninety_six_metropolitan_departements_with_their_region():
    departements = ter.departements()
    codes = {d.code for d in departements}
    assert len(departements) == 96
    assert {"01", "2A", "2B", "95"} <= codes
    assert "20" not in codes
    assert all(d.population > 0 for d in departements)
    assert len(ter.departements(metropolitan_only=False)) == 101
    assert {d.region for d in departements} == {r.code for r in ter.regions()}


def test_populations_add_up_and_are_plausible():
    metropolitan = sum(r.population for r in ter.regions())
    assert 65_000_000 < metropolitan < 67_000_000
    assert ter.nation().population == sum(r.population for r in ter.regions(metropolitan_only=False))
    for region in ter.regions():
        assert region.population == sum(d.population for d in ter.departements(region.code))
    bouches_du_rhone = ter.territory("13")
    assert bouches_du_rhone.population == sum(c.population for c in ter.communes("13"))


def test_communes_epci_and_their_counts():
    communes = ter.communes()
    assert 34_800 < len(communes) < 35_000
    assert all(c.population >= 0 for c in communes)
    assert 1_200 < len(ter.epcis()) < 1_300
    lyon = ter.territory("69123")
    assert lyon.name == "Lyon"
    assert ter.territory(lyon.epci, "epci").name == "Métropole de Lyon"
    assert lyon in ter.children(ter.territory(lyon.epci, "epci"))


def test_marseille_and_its_parents():
    marseille = ter.territory("13055")
    assert (marseille.level, marseille.name, marseille.departement, marseille.region) == (
        "commune", "Marseille", "13", "93",
    )  # fmt: skip
    assert marseille.population > 800_000
    assert "13001" in marseille.postcodes
    chain = [(p.level, p.code) for p in ter.parents(marseille)]
    assert chain == [
        ("epci", "200054807"),
        ("departement", "13"),
        ("region", "93"),
        ("survey_region", "PACA"),
        ("macro_region", "sud_est"),
        ("nation", "FR"),
    ]
    names = [p.name for p in ter.parents(marseille)]
    assert names[1:5] == [
        "Bouches-du-Rhône", "Provence-Alpes-Côte d'Azur", "Provence-Alpes-Côte d'Azur et Corse", "Sud-Est",
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("level", "code", "expected"),
    [
        (
            "departement",
            "2A",
            [("region", "94"), ("survey_region", "PACA"), ("macro_region", "sud_est"), ("nation", "FR")],
        ),
        ("region", "53", [("survey_region", "BRE"), ("macro_region", "nord_ouest"), ("nation", "FR")]),
        ("survey_region", "HDF", [("macro_region", "nord_est"), ("nation", "FR")]),
        ("macro_region", "sud_ouest", [("nation", "FR")]),
        ("nation", "FR", []),
        (
            "region_2015",
            "21",
            [("region", "44"), ("survey_region", "GES"), ("macro_region", "nord_est"), ("nation", "FR")],
        ),
        ("departement", "974", [("region", "04"), ("nation", "FR")]),
    ],
)
def test_parents_at_every_level(level, code, expected):
    assert [(p.level, p.code) for p in ter.parents(ter.territory(code, level))] == expected


def test_codes_without_level_are_communes_departements_epci_or_groupings():
    assert ter.territory("2a").key == "departement:2A"
    assert ter.territory("13").key == "departement:13"
    assert ter.territory("976").key == "departement:976"
    assert ter.territory("200054807").key == "epci:200054807"
    assert ter.territory("fr").key == "nation:FR"
    assert ter.territory("paca").key == "survey_region:PACA"
    assert ter.territory("PACA+COR").key == "survey_region:PACA"
    assert ter.territory("SUD_EST").key == "macro_region:sud_est"
    assert ter.territory("ile_de_france").key == "macro_region:ile_de_france"  # a code, not the name
    assert ter.territory(" 13055 ").key == "commune:13055"


def test_region_codes_need_their_level():
    assert ter.territory("93", "region").name == "Provence-Alpes-Côte d'Azur"
    assert ter.territory("93").name == "Seine-Saint-Denis"
    assert ter.territory("24", "region_2015").name == "Centre"


def test_postcodes_and_former_codes_resolve_to_communes():
    assert ter.territory("06000").code == "06088"  # Nice's postcode; no commune has that code
    assert ter.territory("75116").code == "75056"
    former, current = next((old, c) for c in ter.communes("49") for old in _former_codes(c))
    assert ter.territory(former).code == current.code


def test_municipal_arrondissements_resolve_to_their_commune():
    assert ter.territory("75116").code == "75056"  # the postcode
    assert ter.territory("75116", "commune").code == "75056"
    assert ter.territory("13201").code == "13055"  # the INSEE code of Marseille's 1st arrondissement
    assert ter.territory("69381").code == "69123"
    with pytest.raises(NotFoundError):
        ter.territory("13201", "departement")


def _former_codes(commune):
    from observatoire.reference.territory_index import load

    return [old for old, new in load().former_codes.items() if new == commune.code]


def test_a_code_that_is_also_a_postcode_is_the_commune():
    assert "13001" in ter.territory("13055").postcodes
    assert ter.territory("13001").name == "Aix-en-Provence"
    assert ter.territory("13001", "commune").name == "Aix-en-Provence"


def test_names_ignore_accents_case_and_punctuation():
    assert ter.territory("marseille").code == "13055"
    assert ter.territory("PROVENCE ALPES COTE D AZUR").key == "region:93"
    assert ter.territory("ile de france").key == "region:11"
    assert ter.territory("Île-de-France", "macro_region").key == "macro_region:ile_de_france"
    assert ter.territory("Sud-Est").key == "macro_region:sud_est"
    assert ter.territory("Provence-Alpes-Côte d'Azur et Corse").key == "survey_region:PACA"
    assert ter.territory("Champagne-Ardenne").key == "region_2015:21"


def test_a_name_shared_by_levels_resolves_to_the_largest_level():
    assert ter.territory("Paris").key == "departement:75"
    assert ter.territory("Paris", "commune").key == "commune:75056"
    assert ter.territory("Bretagne").key == "region:53"


def test_a_name_shared_by_several_communes_is_ambiguous_and_lists_them():
    with pytest.raises(ter.AmbiguousTerritoryError) as caught:
        ter.territory("Saint-Denis")
    message = str(caught.value)
    assert "plusieurs territoires" in message
    assert "Saint-Denis (commune 93066, Seine-Saint-Denis)" in message
    assert "Saint-Denis (commune 97411, La Réunion)" in message
    assert {c.code for c in caught.value.candidates} >= {"93066", "97411"}
    assert isinstance(caught.value, NotFoundError)


def test_a_postcode_shared_by_several_communes_is_ambiguous():
    with pytest.raises(ter.AmbiguousTerritoryError) as caught:
        ter.territory("01640")  # four communes of the Ain; 01640 is no commune code
    assert len(caught.value.candidates) == 4
    assert all("01640" in c.postcodes for c in caught.value.candidates)


def test_unknown_code_names_the_nearest_codes_in_french():
    with pytest.raises(NotFoundError) as caught:
        ter.territory("99999")
    message = str(caught.value)
    assert message.startswith("aucun territoire n'a le code « 99999 »")
    assert "Territoires proches : " in message
    assert "(commune 976" in message


def test_unknown_code_prefers_codes_sharing_its_beginning():
    with pytest.raises(NotFoundError, match=r"Territoires proches : Paris \(commune 75056, Paris\)"):
        ter.territory("7511")


def test_a_name_with_a_number_is_still_a_name():
    with pytest.raises(NotFoundError, match="aucun territoire ne s'appelle « Paris 16e »"):
        ter.territory("Paris 16e")


def test_unknown_name_names_the_closest_names():
    with pytest.raises(NotFoundError) as caught:
        ter.territory("Marseile")
    assert "aucun territoire ne s'appelle « Marseile »" in str(caught.value)
    assert "Marseille (commune 13055, Bouches-du-Rhône)" in str(caught.value)


def test_unknown_code_at_a_level():
    with pytest.raises(NotFoundError, match="au niveau « région »"):
        ter.territory("13", "region")


def test_bad_level_and_empty_query_are_input_errors():
    with pytest.raises(InputError, match="niveau de territoire « canton » inconnu"):
        ter.territory("13", "canton")
    with pytest.raises(InputError, match="aucun territoire demandé"):
        ter.territory("  ")
    with pytest.raises(InputError):
        ter.territories("canton")


def test_levels_are_the_contract():
    assert ter.LEVELS == (
        "nation", "region", "departement", "commune", "survey_region", "macro_region", "epci", "region_2015",
    )  # fmt: skip
    assert {t.level for t in ter.territories()} == set(ter.LEVELS)
    keys = [t.key for t in ter.territories()]
    assert len(keys) == len(set(keys))


def test_territory_is_frozen():
    marseille = ter.territory("13055")
    with pytest.raises(AttributeError):
        marseille.population = 0  # type: ignore[misc]


def test_search_by_name_prefix_and_word():
    assert ter.search("marseil")[0].code == "13055"
    assert ter.territory("93", "region") in ter.search("cote d azur")
    assert [t.level for t in ter.search("Bretagne", limit=3)][:2] == ["region", "survey_region"]
    found = ter.search("saint-den", limit=5)
    assert [t.code for t in found[:2]] == ["97411", "93066"]  # larger population first
    assert len(found) == 5
    assert all(fold(t.name).split(" ")[0] == "saint" for t in found)


def test_search_by_code_and_postcode():
    assert ter.search("13")[0].key == "departement:13"
    assert ter.search("1300")[0].code == "13055"  # postcodes 13001-13016
    assert all(t.level == "commune" for t in ter.search("130"))
    assert ter.search("2A004")[0].name == "Ajaccio"


@pytest.mark.parametrize(
    ("query", "key"),
    [
        ("PACA", "region:93"),
        ("Région Sud", "region:93"),
        ("Provence", "region:93"),
        ("AURA", "region:84"),
        ("IDF", "region:11"),
        ("BFC", "region:27"),
        ("hdf", "region:32"),
        ("Rhône-Alpes", "region_2015:82"),  # a former région: its page is the région of today
        ("Lorraine", "region_2015:41"),
        ("Digne", "commune:04070"),
    ],
)
def test_search_puts_the_territory_people_mean_first(query, key):
    assert ter.search(query)[0].key == key


def test_search_says_postcode_or_insee_code():
    from observatoire.reference.territory_search import describe

    found = {t.code: describe(t, "13001") for t in ter.search("13001")}
    assert found == {"13055": "code postal 13001", "13001": "code INSEE 13001"}
    assert describe(ter.territory("200067437", "epci"), "CA Provence") == "SIREN 200067437"
    assert describe(ter.territory("PACA", "survey_region"), "PACA") == "code PACA"


def test_search_edge_cases():
    assert ter.search("") == []
    assert ter.search("   ") == []
    assert ter.search("--") == []
    assert ter.search("marseille", limit=0) == []
    assert ter.search("zzzzzz") == []


def test_children():
    assert [r.code for r in ter.children(ter.territory("PACA"))] == ["93", "94"]
    assert {d.code for d in ter.children(ter.territory("93", "region"))} == {
        "04",
        "05",
        "06",
        "13",
        "83",
        "84",
    }
    assert len(ter.children(ter.nation())) == 18
    assert ter.children(ter.territory("13055")) == []
