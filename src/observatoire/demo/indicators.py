"""Synthetic objective indicators: 2-3 per domain, every région, département and the nation, 2015 and 2019.

Magnitudes, units and directions are plausible (they look like INSEE/ANCT series) but every value is
synthetic. Each région has a fragility score per domain (in standard deviations); an indicator's value is
``centre + direction × spread × score``. The 17 régions other than PACA take, in every domain, the same set of
scores (normal quantiles) in a domain-specific order, and PACA well-spaced scores: so whatever the
normalisation (min-max, z-score, rank) PACA's domains come out in the order of :data:`PACA_ORDER`, the PACA
synthesis of « Un outil collectif de données » (numerique objectively fragile, although PACA's citizens do not
rank it among their priorities). Départements scatter around their région; the nation is the
population-weighted mean of the régions. 2015 is 2019 shifted by the same tenth of a deviation everywhere
(slightly more fragile), so that pooled goalposts keep the order.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from scipy.stats import norm

from observatoire.demo.geography import all_regions, departements
from observatoire.diagnosis.codes import SYNTHETIC
from observatoire.reference import vocabulary
from observatoire.workspace import atomic_write

SOURCE = SYNTHETIC
YEARS = (2015, 2019)
PACA = "93"
#: The domains where PACA's objective index stands out, in the publication's order (published_figures.csv).
PACA_ORDER = (
    "securite",
    "numerique",
    "developpement_economique",
    "vieillissement",
    "diversite_handicap",
    "mobilite",
    "education",
)
DRIFT_2015 = 0.1  # 2015 more fragile by this many deviations, everywhere
REGION_NOISE = 0.06  # deviations, per indicator, régions other than PACA
OVERSEAS_FIRST = ("emploi", "pauvrete", "niveau_de_vie", "mal_logement")


@dataclass(frozen=True)
class Indicator:
    code: str
    domain: str
    label: str
    unit: str
    direction: int  # +1: higher is more fragile
    centre: float
    spread: float
    decimals: int = 2


INDICATORS = (
    Indicator("taux_chomage", "emploi", "Taux de chômage au sens du BIT", "%", 1, 8.5, 1.6),
    Indicator(
        "part_chomage_longue_duree",
        "emploi",
        "Part des demandeurs d'emploi inscrits depuis plus d'un an",
        "%",
        1,
        42.0,
        4.0,
    ),
    Indicator("taux_emploi_15_64", "emploi", "Taux d'emploi des 15-64 ans", "%", -1, 65.0, 3.0),
    Indicator(
        "creations_entreprises",
        "developpement_economique",
        "Créations d'entreprises pour 1 000 habitants",
        "pour 1 000 habitants",
        -1,
        10.0,
        1.8,
    ),
    Indicator(
        "evolution_emploi_salarie",
        "developpement_economique",
        "Évolution de l'emploi salarié privé sur 5 ans",
        "%",
        -1,
        3.0,
        1.8,
    ),
    Indicator(
        "defaillances_entreprises",
        "developpement_economique",
        "Défaillances pour 1 000 entreprises",
        "pour 1 000 entreprises",
        1,
        9.0,
        1.6,
    ),
    Indicator(
        "revenu_median",
        "niveau_de_vie",
        "Revenu disponible médian par unité de consommation",
        "euros",
        -1,
        21_800.0,
        1_300.0,
        0,
    ),
    Indicator(
        "rapport_interdecile",
        "niveau_de_vie",
        "Rapport interdécile des revenus disponibles (D9/D1)",
        "ratio",
        1,
        3.4,
        0.3,
    ),
    Indicator("taux_pauvrete", "pauvrete", "Taux de pauvreté monétaire à 60 %", "%", 1, 14.5, 2.6),
    Indicator("part_rsa", "pauvrete", "Part de la population couverte par le RSA", "%", 1, 5.0, 1.2),
    Indicator(
        "suroccupation", "mal_logement", "Part des résidences principales suroccupées", "%", 1, 5.0, 1.6
    ),
    Indicator(
        "logement_indigne", "mal_logement", "Part du parc privé potentiellement indigne", "%", 1, 2.5, 0.7
    ),
    Indicator(
        "attente_logement_social",
        "mal_logement",
        "Délai moyen d'attente d'un logement social",
        "mois",
        1,
        20.0,
        5.0,
    ),
    Indicator(
        "part_aah",
        "diversite_handicap",
        "Allocataires de l'AAH pour 100 personnes de 20 à 64 ans",
        "%",
        1,
        3.2,
        0.5,
    ),
    Indicator(
        "emploi_handicap",
        "diversite_handicap",
        "Taux d'emploi direct de travailleurs handicapés",
        "%",
        -1,
        3.6,
        0.4,
    ),
    Indicator(
        "part_75_ans", "vieillissement", "Part des 75 ans et plus dans la population", "%", 1, 9.5, 1.4
    ),
    Indicator(
        "indice_vieillissement",
        "vieillissement",
        "Personnes de 65 ans et plus pour 100 de moins de 20 ans",
        "pour 100",
        1,
        85.0,
        14.0,
    ),
    Indicator(
        "personnes_agees_seules", "vieillissement", "Part des 75 ans et plus vivant seuls", "%", 1, 40.0, 3.0
    ),
    Indicator("personnes_seules", "isolement", "Part des ménages d'une personne", "%", 1, 36.0, 3.0),
    Indicator("familles_monoparentales", "isolement", "Part des familles monoparentales", "%", 1, 10.0, 1.4),
    Indicator("sans_diplome", "education", "Part des 25-64 ans sans diplôme qualifiant", "%", 1, 20.0, 3.5),
    Indicator(
        "decrochage",
        "education",
        "Part des 18-24 ans sortis sans diplôme du système scolaire",
        "%",
        1,
        9.0,
        1.8,
    ),
    Indicator(
        "diplomes_superieur", "education", "Part des 25-64 ans diplômés du supérieur", "%", -1, 32.0, 5.0
    ),
    Indicator(
        "densite_generalistes",
        "sante",
        "Médecins généralistes pour 100 000 habitants",
        "pour 100 000 habitants",
        -1,
        90.0,
        11.0,
        1,
    ),
    Indicator("esperance_vie", "sante", "Espérance de vie à la naissance", "années", -1, 82.5, 0.9),
    Indicator(
        "mortalite_prematuree",
        "sante",
        "Décès avant 65 ans pour 100 000 habitants",
        "pour 100 000 habitants",
        1,
        200.0,
        28.0,
        1,
    ),
    Indicator(
        "atteintes_biens",
        "securite",
        "Atteintes aux biens pour 1 000 habitants",
        "pour 1 000 habitants",
        1,
        30.0,
        5.5,
    ),
    Indicator(
        "atteintes_personnes",
        "securite",
        "Atteintes volontaires à l'intégrité physique pour 1 000 habitants",
        "pour 1 000 habitants",
        1,
        8.0,
        1.6,
    ),
    Indicator(
        "acces_services",
        "mobilite",
        "Temps d'accès moyen aux services de la vie courante",
        "minutes",
        1,
        8.0,
        1.8,
    ),
    Indicator("menages_sans_voiture", "mobilite", "Part des ménages sans voiture", "%", 1, 17.0, 4.5),
    Indicator(
        "navetteurs_longs", "mobilite", "Part des actifs travaillant à plus de 30 km", "%", 1, 15.0, 3.5
    ),
    Indicator(
        "sans_tres_haut_debit",
        "numerique",
        "Part des locaux non raccordables au très haut débit",
        "%",
        1,
        35.0,
        11.0,
    ),
    Indicator(
        "non_internautes",
        "numerique",
        "Part des 15 ans et plus sans usage d'internet dans l'année",
        "%",
        1,
        15.0,
        3.0,
    ),
    Indicator(
        "equipements_culturels",
        "culture_loisirs",
        "Équipements culturels pour 10 000 habitants",
        "pour 10 000 habitants",
        -1,
        6.0,
        1.2,
    ),
    Indicator(
        "licencies_sportifs",
        "culture_loisirs",
        "Licences sportives pour 100 habitants",
        "pour 100 habitants",
        -1,
        23.0,
        2.6,
    ),
    Indicator(
        "particules_fines", "environnement", "Concentration moyenne en particules PM2,5", "µg/m³", 1, 9.0, 1.6
    ),
    Indicator("artificialisation", "environnement", "Part de la surface artificialisée", "%", 1, 7.0, 2.2),
    Indicator("aires_protegees", "environnement", "Part du territoire en aire protégée", "%", -1, 20.0, 6.0),
    Indicator(
        "emissions_ges",
        "transition_energetique",
        "Émissions de gaz à effet de serre par habitant",
        "t CO2e par habitant",
        1,
        6.5,
        1.1,
    ),
    Indicator(
        "part_enr",
        "transition_energetique",
        "Part des énergies renouvelables dans la consommation finale",
        "%",
        -1,
        20.0,
        5.5,
    ),
    Indicator(
        "passoires_thermiques",
        "transition_energetique",
        "Part des logements classés F ou G",
        "%",
        1,
        17.0,
        3.5,
    ),
)


def region_scores(seed: int) -> dict[str, dict[str, float]]:
    """Fragility score (deviations) of each région in each domain: ``{domain: {région: score}}``."""
    codes = [code for code, _ in all_regions()]
    others = [c for c in codes if c != PACA]
    quantiles = norm.ppf((np.arange(len(others)) + 0.5) / len(others))  # ascending
    rng = np.random.default_rng([seed, 7])
    overseas = [c for c in others if len(c) == 2 and c < "10"]
    scores: dict[str, dict[str, float]] = {}
    # PACA's score: well spaced down the publication's order, the other domains below the national middle.
    paca_score = {domain: 1.8 - 0.3 * position for position, domain in enumerate(PACA_ORDER)}
    lower = [d for d in vocabulary.domain_codes() if d not in paca_score]
    for position, domain in enumerate(lower):
        paca_score[domain] = -0.2 - 0.1 * position
    for domain in vocabulary.domain_codes():
        order = list(rng.permutation(others))
        if domain in OVERSEAS_FIRST:  # overseas régions are the most fragile on these
            order = [c for c in order if c not in overseas] + overseas
        domain_scores = dict(zip(order, quantiles, strict=True))
        domain_scores[PACA] = paca_score[domain]
        scores[domain] = domain_scores
    return scores


def values_table(seed: int) -> list[tuple[str, str, str, int, float]]:
    """Rows ``(territory_level, territory, indicator, year, value)`` for every territory and year."""
    scores = region_scores(seed)
    regions = all_regions()
    population = dict(regions)
    rng = np.random.default_rng([seed, 8])
    deps = departements()
    dep_shift = {d.code: rng.normal(0.0, 0.35, size=len(deps)) for d in vocabulary.domains()}
    rows: list[tuple[str, str, str, int, float]] = []
    for indicator in INDICATORS:
        noise = rng.normal(0.0, 0.1, size=len(deps))
        # Indicators of a domain agree, not perfectly: the other régions scatter a little per indicator.
        region_noise = rng.normal(0.0, REGION_NOISE, size=len(regions))
        for year in YEARS:
            drift = DRIFT_2015 if year == 2015 else 0.0

            def value(score: float, ind: Indicator = indicator, drift: float = drift) -> float:
                raw = ind.centre + ind.direction * ind.spread * (score + drift)
                return round(max(raw, 0.05 * ind.centre), ind.decimals)

            region_values = {
                code: value(scores[indicator.domain][code] + (0.0 if code == PACA else region_noise[i]))
                for i, (code, _) in enumerate(regions)
            }
            for code, number in region_values.items():
                rows.append(("region", code, indicator.code, year, number))
            for i, (code, region, _) in enumerate(deps):
                score = scores[indicator.domain][region] + dep_shift[indicator.domain][i] + noise[i]
                rows.append(("departement", code, indicator.code, year, value(score)))
            total = sum(population.values())
            national = sum(region_values[c] * population[c] for c in region_values) / total
            rows.append(("nation", "FR", indicator.code, year, round(national, indicator.decimals)))
    return rows


def write_indicators(folder: Path, seed: int) -> tuple[Path, Path]:
    """Write ``indicateurs.csv`` (metadata) and ``valeurs.csv`` (values) in ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    metadata = folder / "indicateurs.csv"
    values = folder / "valeurs.csv"
    with atomic_write(metadata) as temporary, temporary.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(["code", "domain", "label", "source", "vintage", "unit", "direction"])
        for ind in INDICATORS:
            writer.writerow(
                [ind.code, ind.domain, ind.label, SOURCE, "2015-2019", ind.unit, f"{ind.direction:+d}"]
            )
    with atomic_write(values) as temporary, temporary.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(["territory_level", "territory", "indicator", "year", "value"])
        writer.writerows(values_table(seed))
    return metadata, values
