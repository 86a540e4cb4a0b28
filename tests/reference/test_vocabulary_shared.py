"""Every code the published reference figures use resolves in the vocabulary, to the same code.

Reads the published reference figures (``shared/reference``, beside the checkout, machine-readable); skipped
only where that folder is absent.
"""

import csv
import re
from pathlib import Path

import pytest

from observatoire.reference import vocabulary as v

SHARED = Path(__file__).resolve().parents[3] / "shared"  # ../shared beside the checkout
REFERENCE = SHARED / "reference"
DOMAIN_QUESTIONS = ("Q1 fragilité perçue", "indice de fragilité objectif", "rôle très important des")
PARTNERSHIP_QUESTIONS = ("Q11 types de partenariat", "Q13 types de partenariat")
NOT_A_POPULATION = {"multi", "territoire"}

pytestmark = pytest.mark.skipif(not REFERENCE.is_dir(), reason="shared/reference is absent")


def _rows(name: str) -> list[dict[str, str]]:
    with (REFERENCE / name).open(encoding="utf-8", newline="") as file:
        return list(csv.DictReader(file))


def _items(question_prefixes: tuple[str, ...]) -> set[str]:
    rows = [r for r in _rows("published_figures.csv") if r["question"].startswith(question_prefixes)]
    assert rows, question_prefixes
    return {item for row in rows for item in row["item"].split(";")}


def test_readme_codes_and_dimensions_are_ours():
    text = (REFERENCE / "README.md").read_text(encoding="utf-8")
    listing = text.split("Domain codes used here:", 1)[1]
    groups = re.findall(r"([a-z_,\s]+)\(([^)]+)\)", listing)
    codes = []
    for names, dimension in groups:
        for code in (name.strip() for name in names.split(",") if name.strip()):
            codes.append(code)
            assert v.domain(code).dimension == v.dimension(dimension)
    assert tuple(codes) == v.domain_codes()


def test_every_domain_code_of_the_published_figures_resolves():
    items = _items(DOMAIN_QUESTIONS)
    assert {v.domain(item).code for item in items} == items
    assert _items(("Q1 fragilité perçue",)) == set(v.domain_codes())


def test_paca_priorities_domains_and_dimensions_resolve_in_order():
    rows = _rows("paca_cooperation_priorities.csv")
    assert [row["domain"] for row in rows] == list(v.domain_codes())
    for row in rows:
        assert v.domain(row["domain"]).dimension.code == row["dimension"]


def test_partnership_categories_of_the_published_figures_resolve():
    items = _items(PARTNERSHIP_QUESTIONS)
    assert (
        {v.partnership_category(item).code for item in items}
        == items
        == {c.code for c in v.partnership_categories()}
    )


def test_populations_and_segments_of_the_published_figures_resolve():
    for row in _rows("published_figures.csv"):
        name = row["population"]
        if name in NOT_A_POPULATION:
            continue
        first, _, rest = name.partition(" ")
        population = v.population(first)
        if rest:  # "associations employeuses", "entreprises (PME)"
            population.segment(rest.strip("()") if rest.startswith("(") else name)
    actors = _items(("jouer collectif nécessaire",))
    assert {v.population(actor).code for actor in actors} == {p.code for p in v.populations()}


def test_studies_of_the_published_figures_resolve_with_their_population():
    for row in _rows("published_figures.csv"):
        study = row["study"]
        if re.fullmatch(r"(PHARE|IMPACT)-\w+", study):
            assert v.study(study).population == v.population(row["population"].split(" ")[0])


@pytest.mark.skipif(not (SHARED / "seeds").is_dir(), reason="the source documents (shared/seeds) are absent")
def test_data_file_sources_name_existing_seeds():
    seeds = {path.name for path in (SHARED / "seeds").iterdir()}
    for file in v.data_files():
        assert set(file.sources) <= seeds, file.name


@pytest.mark.skipif(not (SHARED / "seeds").is_dir(), reason="the source documents (shared/seeds) are absent")
def test_model_definitions_and_lever_labels_are_copied_from_seed_001():
    (seed,) = (SHARED / "seeds").glob("001_*.txt")
    text = seed.read_text(encoding="utf-8")
    for model in v.partnership_models():
        assert model.definition in text, model.code
    for lever in v.levers():
        assert f"**{lever.label}**" in text, lever.code
    for activity in v.catalyst_activities():
        assert activity.label in text
        assert all(a in text for a in activity.activities), activity.code
