"""The shared vocabulary: counts, the codes of DESIGN.md, lookups and their French errors."""

import dataclasses

import pytest

from observatoire.errors import NotFoundError
from observatoire.reference import vocabulary as v
from observatoire.reference.text import fold

DESIGN_DOMAINS = (
    "emploi",
    "developpement_economique",
    "niveau_de_vie",
    "pauvrete",
    "mal_logement",
    "diversite_handicap",
    "vieillissement",
    "isolement",
    "education",
    "sante",
    "securite",
    "mobilite",
    "numerique",
    "culture_loisirs",
    "environnement",
    "transition_energetique",
)

CATALOGS = {
    "dimension": (v.dimensions, v.dimension),
    "domain": (v.domains, v.domain),
    "population": (v.populations, v.population),
    "partnership_category": (v.partnership_categories, v.partnership_category),
    "partnership_model": (v.partnership_models, v.partnership_model),
    "catalyst_activity": (v.catalyst_activities, v.catalyst_activity),
    "impact": (v.impacts, v.impact),
    "lever": (v.levers, v.lever),
    "association_lever": (v.association_levers, v.association_lever),
    "programme": (v.programmes, v.programme),
    "study": (v.studies, v.study),
}


def test_counts():
    assert len(v.domains()) == 16
    assert len(v.dimensions()) == 4
    assert len(v.partnership_categories()) == 4
    assert len(v.partnership_models()) == 9
    assert len(v.catalyst_activities()) == 4
    assert len(v.impacts()) == 3
    assert len(v.levers()) == 7
    assert len(v.association_levers()) == 3
    assert len(v.programmes()) == 3
    assert [p.code for p in v.populations()] == [
        "citoyens",
        "entreprises",
        "associations",
        "maires",
        "fondations",
    ]


def test_domain_codes_are_design_md_in_order():
    assert v.domain_codes() == DESIGN_DOMAINS
    assert tuple(d.code for d in v.domains()) == DESIGN_DOMAINS


def test_dimensions_group_domains_as_design_md():
    assert [d.code for d in v.dimensions()] == ["economique", "sociale", "societale", "environnementale"]
    by_dimension = {dim.code: [d.code for d in v.domains(dim.code)] for dim in v.dimensions()}
    assert by_dimension == {
        "economique": ["emploi", "developpement_economique", "niveau_de_vie"],
        "sociale": ["pauvrete", "mal_logement", "diversite_handicap", "vieillissement"],
        "societale": [
            "isolement",
            "education",
            "sante",
            "securite",
            "mobilite",
            "numerique",
            "culture_loisirs",
        ],
        "environnementale": ["environnement", "transition_energetique"],
    }
    assert v.domains("Sociétale") == v.domains("societale")


def test_domain_labels_are_the_seeds_wording_and_short_labels_fit_a_chart():
    assert v.domain("emploi").label == "Emploi / chômage / insertion"
    assert v.domain("pauvrete").label == "Pauvreté / lutte contre l'exclusion"
    for domain in v.domains():
        assert domain.description.endswith(".")
        assert 0 < len(domain.short_label) <= 22, domain.code


@pytest.mark.parametrize(
    ("query", "code"),
    [
        ("Education", "education"),
        ("sante", "sante"),
        ("SANTÉ", "sante"),
        ("Lutte contre l'exclusion", "pauvrete"),
        ("Emploi, chômage, insertion", "emploi"),
        ("Emploi chômage insertion", "emploi"),
        ("pouvoir d'achat", "niveau_de_vie"),
        ("Isolement / manque de lien social", "isolement"),
        ("L'accès au numérique (internet)", "numerique"),
        ("Environnement / pollution / bio diversité", "environnement"),
        ("transition energetique", "transition_energetique"),
        ("  developpement_economique ", "developpement_economique"),
    ],
)
def test_domain_lookup_ignores_accents_case_and_punctuation(query, code):
    assert v.domain(query).code == code


@pytest.mark.parametrize("kind", sorted(CATALOGS))
def test_every_entry_is_found_by_code_and_by_label_in_capitals(kind):
    listing, lookup = CATALOGS[kind]
    entries = listing()
    assert entries
    assert len({e.code for e in entries}) == len(entries)
    for entry in entries:
        assert lookup(entry.code) == entry
        assert lookup(entry.label.upper()) == entry


def test_unknown_domain_names_the_closest_codes():
    with pytest.raises(NotFoundError) as raised:
        v.domain("sant")
    message = str(raised.value)
    assert "domaine de fragilité inconnu : « sant »" in message
    assert "sante (Santé)" in message
    assert "Vouliez-vous dire" in message


def test_unknown_name_without_close_match_lists_every_code():
    with pytest.raises(NotFoundError) as raised:
        v.partnership_model("zzzz")
    message = str(raised.value)
    assert message.startswith("modèle de partenariat inconnu : « zzzz »")
    for model in v.partnership_models():
        assert model.code in message


def test_not_found_is_a_lookup_error_with_a_one_line_message():
    with pytest.raises(LookupError) as raised:
        v.lever("qualifier sa capacite d'inovation")
    assert "qualifier_innovation" in str(raised.value)
    assert "\n" not in str(raised.value)


def test_partnership_typology():
    categories = [c.code for c in v.partnership_categories()]
    assert categories == [
        "mecenat",
        "innovation_societale",
        "cooperation_economique",
        "pratiques_responsables",
    ]
    per_category = {c: len(v.partnership_models(c)) for c in categories}
    assert per_category == {
        "mecenat": 2,
        "innovation_societale": 3,
        "cooperation_economique": 2,
        "pratiques_responsables": 2,
    }
    for model in v.partnership_models():
        assert model.definition
        assert model.examples
        assert model.category in v.partnership_categories()
    assert v.partnership_model("R&D sociale").category.code == "innovation_societale"
    assert v.partnership_category("Innovation sociale").code == "innovation_societale"
    assert v.partnership_model("mecenat classique").definition == (
        "Don sans contrepartie directe à une association d'intérêt général"
    )


def test_category_and_model_with_the_same_name_stay_apart():
    assert isinstance(v.partnership_category("Coopération économique"), v.PartnershipCategory)
    assert isinstance(v.partnership_model("Coopération économique"), v.PartnershipModel)


def test_levers_have_their_questions():
    for lever in v.levers():
        assert lever.questions
        assert all(q[0].isupper() and q.endswith("?") for q in lever.questions), lever.code
    assert v.lever("Apprendre à faire alliance").questions == ("Pourquoi ?", "Avec qui et comment ?")
    assert len(v.lever("evaluer_pertinence").questions) == 4


def test_catalysts_impacts_and_association_levers():
    assert [a.code for a in v.catalyst_activities()] == [
        "dialogue_territorial",
        "experimentations_collectives",
        "accompagnements",
        "gestion_lieu",
    ]
    assert all(len(a.activities) == 4 for a in v.catalyst_activities())
    assert v.catalyst_activity("gestion d'un lieu").activities[-1] == "Fab lab"
    assert [i.code for i in v.impacts()] == ["performance", "innovation", "confiance"]
    assert all(i.description for i in v.impacts())
    assert [lever.code for lever in v.association_levers()] == [
        "richesses_humaines",
        "ressources_financieres",
        "alliances_strategiques",
    ]
    assert v.association_lever("ressources financieres").question == "Quels leviers de financement activer ?"


def test_programmes_and_studies():
    assert [(p.code, p.period) for p in v.programmes()] == [
        ("arpea", "2008-2012"),
        ("phare", "2013-2017"),
        ("impact", "2018-2022"),
    ]
    citizens = v.study("impact-citoyens")
    assert citizens.programme == "impact"
    assert citizens.population.code == "citoyens"
    assert citizens.fieldwork == ("2019-10", "2020-05")
    assert v.study("IMPACT-Élus locaux").population.code == "maires"


@pytest.mark.parametrize(
    ("headcount", "segment"),
    [
        (0, "tpe"),
        (9, "tpe"),
        (10, "pme"),
        (249, "pme"),
        (250, "eti"),
        (4999, "eti"),
        (5000, "grandes_entreprises"),
    ],
)
def test_company_size_classes(headcount, segment):
    assert v.population("entreprises").segment_for_headcount(headcount).code == segment


def test_size_classes_cover_every_headcount_once():
    segments = v.population("entreprises").segments
    for headcount in range(20_000):
        assert sum(s.includes(headcount) for s in segments) == 1, headcount


def test_associations_employing_or_not():
    associations = v.population("associations")
    assert associations.segment_for_headcount(0).code == "non_employeuses"
    assert associations.segment_for_headcount(1).code == "employeuses"
    assert associations.segment("associations employeuses").code == "employeuses"
    assert v.population("entreprises").segment("Très petites entreprises").label == "TPE"


def test_headcount_outside_every_segment_is_a_french_error():
    with pytest.raises(NotFoundError, match="aucune catégorie de « Entreprises » pour un effectif de -1"):
        v.population("entreprises").segment_for_headcount(-1)
    with pytest.raises(NotFoundError):
        v.population("citoyens").segment_for_headcount(3)
    with pytest.raises(NotFoundError, match="catégorie de population inconnue"):
        v.population("entreprises").segment("employeuses")


def test_regards_are_the_four_surveyed_actors():
    assert [p.code for p in v.populations() if p.regard] == [
        "citoyens",
        "entreprises",
        "associations",
        "maires",
    ]
    assert v.population("élus locaux").code == "maires"


def test_values_are_immutable_and_loaded_once():
    with pytest.raises(dataclasses.FrozenInstanceError):
        v.domain("sante").label = "autre"  # type: ignore[misc]
    assert v.domains() is v.domains()
    assert v.domain("sante") is v.domain("Santé")


def test_every_data_file_has_a_version_and_sources():
    files = v.data_files()
    assert [f.name for f in files] == list(v.DATA_FILES)
    for file in files:
        assert file.version >= 1
        assert file.sources
        assert all(fold(s).endswith("txt") for s in file.sources)
