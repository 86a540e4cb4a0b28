"""Demo content of the case base: the examples the Observatoire's publications name, and a synthetic set
at the real base's scale.

Both come as rows of the curators' import template (docs/agir.md), so the demo goes through the same
validation and writing path as a curator's spreadsheet. The synthetic rows (about 1,000 cases and 350
catalysts, provenance ``synthetic``) are spread over départements by population, over domains, models and
stages, like the IMPACT-Pratiques base; their titles and summaries say they are synthetic.
"""

from __future__ import annotations

import random
import tomllib
from importlib import resources

from observatoire.demo.geography import departements
from observatoire.recommend import codes
from observatoire.reference import territories, vocabulary

Row = dict[str, str]
SYNTHETIC_CASES = 1000
SYNTHETIC_CATALYSTS = 350
SYNTHETIC_TOOLS = 40

_ACTIONS = {
    "emploi": ("Chantier d'insertion", "Parrainage vers l'emploi", "Clauses d'insertion partagées"),
    "developpement_economique": ("Pôle de coopération économique", "Achats responsables locaux"),
    "niveau_de_vie": ("Épicerie solidaire", "Micro-crédit accompagné"),
    "pauvrete": ("Accueil de jour partagé", "Banque alimentaire de proximité"),
    "mal_logement": ("Réhabilitation solidaire", "Colocations solidaires"),
    "diversite_handicap": ("Emplois accompagnés pour personnes handicapées", "Accessibilité des commerces"),
    "vieillissement": ("Colocation intergénérationnelle", "Visites de convivialité aux aînés"),
    "isolement": ("Café des habitants", "Réseau de voisins solidaires"),
    "education": ("Soutien scolaire partagé", "Stages de troisième pour tous"),
    "sante": ("Maison de santé partenariale", "Prévention santé des jeunes"),
    "securite": ("Médiation de rue", "Prévention de la délinquance par le sport"),
    "mobilite": ("Garage solidaire", "Auto-école sociale", "Covoiturage rural", "Vélos pour l'emploi"),
    "numerique": ("Médiation numérique", "Ordinateurs reconditionnés pour les familles"),
    "culture_loisirs": ("Tiers-lieu culturel", "Chorale intergénérationnelle"),
    "environnement": ("Jardins partagés", "Ressourcerie", "Chevaux de trait pour la collecte"),
    "transition_energetique": ("Rénovation énergétique solidaire", "Centrale solaire citoyenne"),
}
_STRUCTURES = ("Association", "Fondation territoriale", "Tiers-lieu", "Collectivité", "Club d'entreprises")
_FORMATS = ("Guide", "Fiche pratique", "Autodiagnostic", "Formation en ligne", "Grille d'évaluation")
_KINDS = ("pratiques", "catalyseurs", "outils")
_SYNTHETIC_NOTE = "Fiche synthétique de démonstration : elle ne décrit aucune action réelle."


def seed_rows() -> dict[str, list[Row]]:
    """The examples the Observatoire's publications name, by kind (``pratiques``, ``catalyseurs``,
    ``outils``)."""
    text = resources.files("observatoire.demo").joinpath("data", "acting_seeds.toml").read_text("utf-8")
    data = tomllib.loads(text)
    rows = {kind: [{**row, "provenance": "seed"} for row in data.get(kind, [])] for kind in _KINDS}
    for row in rows["pratiques"]:
        row["preuve"] = "documentee"
    return rows


def _weighted_communes(rng: random.Random, count: int) -> list[territories.Territory]:
    """``count`` communes drawn by département population, then at random among the département's."""
    deps = departements()
    picked = rng.choices([code for code, _name, _pop in deps], weights=[pop for *_, pop in deps], k=count)
    largest: dict[str, list[territories.Territory]] = {}
    out = []
    for code in picked:
        if code not in largest:  # actions happen mostly in the larger communes: the largest tenth
            communes = sorted(territories.communes(code), key=lambda c: -c.population)
            largest[code] = communes[: max(10, len(communes) // 10)]
        out.append(rng.choice(largest[code]))
    return out


def _codes(rng: random.Random, pool: list[str], low: int, high: int) -> str:
    return "; ".join(rng.sample(pool, rng.randint(low, high)))


def synthetic_rows(
    seed: int = 2019,
    cases: int = SYNTHETIC_CASES,
    catalysts: int = SYNTHETIC_CATALYSTS,
    tools: int = SYNTHETIC_TOOLS,
) -> dict[str, list[Row]]:
    """The synthetic set, reproducible from ``seed``."""
    rng = random.Random(seed)
    domains = list(vocabulary.domain_codes())
    models = [m.code for m in vocabulary.partnership_models()]
    levers = [lv.code for lv in vocabulary.levers()]
    impacts = [i.code for i in vocabulary.impacts()]
    activities = [a.code for a in vocabulary.catalyst_activities()]
    actors = [a.code for a in codes.ACTOR_TYPES]
    catalyst_rows = []
    for n, commune in enumerate(_weighted_communes(rng, catalysts), start=1):
        structure = rng.choice(_STRUCTURES)
        cover = [f"departement:{commune.departement}"] if rng.random() < 0.6 else []
        if commune.epci and not cover:
            cover = [f"epci:{commune.epci}"]
        catalyst_rows.append(
            {
                "titre": f"Catalyseur {commune.name} n° {n} (synthétique)",
                "resume": f"{structure} qui réunit les acteurs autour de {commune.name}. {_SYNTHETIC_NOTE}",
                "structure": structure,
                "territoire": f"commune:{commune.code}",
                "couverture": "; ".join(cover),
                "metiers": _codes(rng, activities, 1, 3),
                "domaines": _codes(rng, domains, 1, 4),
                "annee_creation": str(rng.randint(1995, 2022)),
                "provenance": "synthetic",
            }
        )
    case_rows = []
    for n, commune in enumerate(_weighted_communes(rng, cases), start=1):
        main = rng.choice(domains)
        others = rng.sample([d for d in domains if d != main], rng.randint(0, 2))
        action = rng.choice(_ACTIONS[main])
        partners = rng.sample(actors, rng.randint(2, 4))
        scale = rng.choices(("micro_local", "local", "regional", "national"), weights=(2, 6, 2, 0.3))[0]
        where = {
            "micro_local": f"commune:{commune.code}",
            "local": f"commune:{commune.code}"
            if rng.random() < 0.7
            else f"departement:{commune.departement}",
            "regional": f"region:{commune.region}",
            "national": "nation:FR",
        }[scale]
        catalyst = catalyst_rows[rng.randrange(len(catalyst_rows))]["titre"] if rng.random() < 0.3 else ""
        case_rows.append(
            {
                "titre": f"{action} à {commune.name} (n° {n}, synthétique)",
                "resume": f"{action} : une alliance locale pour {vocabulary.domain(main).label.lower()}. "
                + _SYNTHETIC_NOTE,
                "texte": f"{len(partners)} partenaires agissent à {commune.name}. " + _SYNTHETIC_NOTE,
                "territoire": where,
                "echelle": scale,
                "domaines": "; ".join([main, *others]),
                "modele": rng.choice(models),
                "catalyseur": catalyst,
                "partenaires": "; ".join(f"{actor}:" for actor in partners),
                "stade": rng.choices([s.code for s in codes.STAGES], weights=(2, 5, 3))[0],
                "leviers": _codes(rng, levers, 1, 3),
                "impacts": _codes(rng, impacts, 1, 2),
                "odd": "; ".join(sorted({codes.ODD_PARTNERSHIPS, str(rng.randint(1, 16))}, key=int)),
                "annee": str(rng.randint(2008, 2024)),
                "preuve": rng.choices([e.code for e in codes.EVIDENCE_LEVELS], weights=(5, 3, 2, 1))[0],
                "provenance": "synthetic",
            }
        )
    tool_rows = []
    for n, lever in enumerate((levers * (tools // len(levers) + 1))[:tools], start=1):
        kind = rng.choice(_FORMATS)
        tool_rows.append(
            {
                "titre": f"{kind} n° {n} : {vocabulary.lever(lever).label.lower()} (synthétique)",
                "resume": f"Outil pour « {vocabulary.lever(lever).label} ». {_SYNTHETIC_NOTE}",
                "leviers": lever,
                "categories": _codes(rng, [c.code for c in vocabulary.partnership_categories()], 0, 2),
                "acteurs": _codes(rng, actors, 1, 3),
                "format": kind,
                "domaines": _codes(rng, domains, 0, 2),
                "provenance": "synthetic",
            }
        )
    return {"pratiques": case_rows, "catalyseurs": catalyst_rows, "outils": tool_rows}
