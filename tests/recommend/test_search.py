"""The in-memory search: French stemming (accents, case, plurals), BM25, facets OR within, AND across."""

from __future__ import annotations

import random

from observatoire.recommend.search import RECENT, Document, SearchIndex, document_keys, positions
from observatoire.recommend.text import keys

FACETS = ("domaine", "region")


def doc(
    i: int, title: str, domains: tuple[str, ...], region: str, body: str = "", year: int = 2020
) -> Document:
    fields = document_keys({"title": title, "body": body})
    return Document(i, fields, {"domaine": domains, "region": (region,)}, year, title)


INDEX = SearchIndex(
    [
        doc(1, "Mobilités solidaires en Provence", ("mobilite",), "93", year=2019),
        doc(2, "Garage associatif", ("mobilite", "emploi"), "84", "Des voitures pour la mobilité des jeunes"),
        doc(3, "Chevaux de trait en ville", ("environnement",), "93", "Un cheval ramasse les déchets"),
        doc(4, "Épicerie solidaire", ("pauvrete",), "11", year=2022),
    ],
    FACETS,
)


def test_accents_case_and_plurals_meet_on_one_key() -> None:
    assert keys("Mobilités") == keys("mobilite") == keys("MOBILITE")
    assert keys("chevaux") == keys("cheval")


def test_query_without_accents_finds_accented_plural() -> None:
    found = INDEX.search("mobilite")
    assert found.ids == [1, 2]  # the title weighs more than the body
    assert INDEX.search("chevaux").ids == [3] == INDEX.search("cheval").ids


def test_every_word_must_match() -> None:
    assert INDEX.search("mobilité jeunes").ids == [2]
    assert INDEX.search("mobilité déchets").ids == []


def test_facets_or_within_and_across_with_live_counts() -> None:
    found = INDEX.search("", {"domaine": ["mobilite", "environnement"], "region": ["93"]})
    assert sorted(found.ids) == [1, 3]
    # a facet's counts ignore its own selection (OR) but apply the others' (AND)
    assert found.facets["domaine"] == {"mobilite": 1, "environnement": 1}
    assert found.facets["region"] == {"93": 2, "84": 1}
    assert INDEX.search("mobilite").facets["domaine"] == {"mobilite": 2, "emploi": 1}


def test_misspelling_is_corrected_to_the_closest_indexed_word() -> None:
    found = INDEX.search("epicreie")
    assert found.ids == [4]
    assert found.corrected


def test_word_being_typed_matches_as_a_prefix() -> None:
    assert INDEX.search("mobil").ids == [1, 2]


def test_sort_by_date_and_pagination() -> None:
    everything = INDEX.search("", sort=RECENT, limit=10)
    assert everything.ids == [4, 3, 2, 1]
    assert everything.count == 4
    assert INDEX.search("mobilite", sort=RECENT).ids == [2, 1]
    assert INDEX.search("", sort=RECENT, offset=1, limit=2).ids == everything.ids[1:3]


def test_positions_are_the_set_bits() -> None:
    rng = random.Random(3)
    for mask in (0, 1, 1 << 9, (1 << 10_000) - 1, rng.getrandbits(10_000), 1 << 9_999 | 1 << 8 | 1):
        assert positions(mask) == {i for i, bit in enumerate(reversed(bin(mask)[2:])) if bit == "1"}


REGIONS = ("11", "32", "84", "93")


def test_date_order_is_the_same_for_a_few_matches_and_for_many() -> None:
    """A few matches are sorted by date on their own, many by a scan of the whole base: same order."""
    rng = random.Random(5)
    index = SearchIndex(
        [
            doc(i, f"Fiche {i}", (rng.choice("abcd"),), rng.choice(REGIONS), year=rng.randint(2000, 2024))
            for i in range(400)
        ],
        FACETS,
    )
    for selected in ({}, {"domaine": ["a"]}, {"domaine": ["a"], "region": ["93"]}):
        found = index.search("", selected, RECENT, limit=400)
        wanted = sorted(
            (d for d in index.documents if all(set(v) & set(d.facets[k]) for k, v in selected.items())),
            key=lambda d: (-d.year, d.title),
        )
        assert found.ids == [d.id for d in wanted]
    # the selections above take every path: the whole base, many matches, a few
    assert index.search("", {"domaine": ["a"]}).count * 8 >= len(index)
    assert 0 < index.search("", {"domaine": ["a"], "region": ["93"]}).count * 8 < len(index)
