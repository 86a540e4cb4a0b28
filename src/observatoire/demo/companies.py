"""Companies: PHARE-Entreprises 2015 and IMPACT-Entreprises 2021.

Universe: 2015, the published 221,900 companies and establishments of 10 employees or more (PME, ETI, grandes
entreprises); 2021 adds the TPE (an assumption: the publications give no 2021 base). Strata: size class;
sample over-represents large companies and, in 2021, PACA + Corse (cooperation priorities are published for
PACA). Weights: design weights raked to size, région and sector (sector shares are assumptions).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from observatoire.demo import calibrate as cal
from observatoire.demo import organisations as org
from observatoire.demo import sampling
from observatoire.demo.geography import Geography
from observatoire.demo.targets import lookup
from observatoire.demo.wave import WaveBuilder
from observatoire.reference import vocabulary

SIZE_LABELS = {"tpe": "TPE", "pme": "PME", "eti": "ETI", "ge": "Grandes entreprises"}
UNIVERSE = {
    2015: {"pme": 196_000.0, "eti": 21_500.0, "ge": 4_400.0},
    2021: {"tpe": 1_000_000.0, "pme": 200_000.0, "eti": 22_000.0, "ge": 4_600.0},
}
SAMPLE_SHARE = {
    2015: {"pme": 0.60, "eti": 0.25, "ge": 0.15},
    2021: {"tpe": 0.25, "pme": 0.45, "eti": 0.18, "ge": 0.12},
}
PACA_BOOST = {2015: 1.0, 2021: 2.6}
SECTORS = {"industrie": 0.20, "construction": 0.12, "commerce": 0.22, "services": 0.46}
SECTOR_LABELS = {
    "industrie": "Industrie",
    "construction": "Construction",
    "commerce": "Commerce",
    "services": "Services",
}
#: Partnership in place (oui / intention / non): oui is published (2015: 37, 2021: 57), the rest chosen.
PARTNERSHIP = {2015: (37, 25, 38), 2021: (57, 20, 23)}
PARTNERSHIP_LABELS = {
    1: "Oui, nous avons mis en place des relations partenariales",
    2: "Non, mais nous avons l'intention d'en développer dans les 2 prochaines années",
    3: "Non, et nous n'avons pas l'intention d'en mettre en place",
}
#: Q11 share practising each category in 2021 (chosen; 2015 is published).
Q11_2021 = {
    "pratiques_responsables": 0.55,
    "mecenat": 0.38,
    "cooperation_economique": 0.30,
    "innovation_societale": 0.22,
}
COLLECTIF = (28, 55, 12, 4, 1)  # 83% indispensable + nécessaire (published for 2021)
CRISIS_OTHERS = 0.80
#: Perceived fragility (1-10) profile of company leaders: the economic dimension first; in PACA security
#: weighs more (the mission's note of 7 May 2020). Chosen, not published.
MEANS = {
    "emploi": 6.6,
    "developpement_economique": 6.4,
    "niveau_de_vie": 5.9,
    "pauvrete": 5.3,
    "mal_logement": 5.0,
    "diversite_handicap": 4.8,
    "vieillissement": 5.2,
    "isolement": 4.7,
    "education": 5.4,
    "sante": 5.3,
    "securite": 5.5,
    "mobilite": 5.8,
    "numerique": 5.0,
    "culture_loisirs": 4.5,
    "environnement": 5.2,
    "transition_energetique": 5.3,
}
PACA_SHIFT = {"securite": 0.6, "emploi": 0.3, "mobilite": 0.3, "niveau_de_vie": 0.2}


def build(year: int, n: int, seed: int, geo: Geography) -> WaveBuilder:
    study = "PHARE-Entreprises" if year == 2015 else "IMPACT-Entreprises"
    wave = WaveBuilder(
        study, year, "entreprises", n, "sav" if year == 2015 else "csv", f"{study} {year} (synthétique)"
    )
    rng = np.random.default_rng([seed, year, 2])
    strata = [org.Stratum(code, UNIVERSE[year][code], SAMPLE_SHARE[year][code]) for code in UNIVERSE[year]]
    sample = org.draw(rng, geo, n, strata, PACA_BOOST[year])
    sector = np.asarray(list(SECTORS), dtype=object)[
        sampling.choose(rng, n, dict(enumerate(SECTORS.values()))).astype(np.int64)
    ]
    total = sum(UNIVERSE[year].values())
    margins = {
        "taille": UNIVERSE[year],
        "region": dict(zip(geo.regions, total * geo.population / geo.population.sum(), strict=True)),
        "secteur": {k: v * total for k, v in SECTORS.items()},
    }
    frame = pd.DataFrame({"taille": sample.stratum, "region": sample.region, "secteur": sector})
    weights = cal.rake_weights(frame, sample.weights, margins)

    wave.identifier(f"E{year % 100}-")
    wave.design(weights, sample.stratum)
    org.add_territories(wave, sample)
    wave.group(
        "taille", sample.stratum, {k: SIZE_LABELS[k] for k in UNIVERSE[year]}, "Taille de l'entreprise"
    )
    wave.group("secteur", sector, SECTOR_LABELS, "Secteur d'activité")

    values: dict[str, np.ndarray] = {}
    aims: list[cal.Aim] = []
    everyone = np.ones(n, dtype=bool)
    org.fragility_ratings(rng, wave, values, MEANS, PACA_SHIFT, sample.in_paca, "Q1 Fragilité perçue")
    targets = lookup()

    org.categorical_aimed(rng, values, aims, "partenariat", [(everyone, org.dist(PARTNERSHIP[year]))])
    for item in org.CATEGORIES:
        share = (
            targets[(study, f"q11_{item}", "1", "FR", "ensemble")] / 100 if year == 2015 else Q11_2021[item]
        )
        org.categorical_aimed(rng, values, aims, f"q11_{item}", [(everyone, {1: share, 2: 1 - share})])
    national = {d: 0.22 + 0.25 * (MEANS[d] - 4.5) / 2.1 for d in vocabulary.domain_codes()}
    org.cooperation(rng, values, aims, sample.in_paca, national, study if year == 2021 else None)
    if year == 2021:
        org.categorical_aimed(rng, values, aims, "collectif", [(everyone, org.dist(COLLECTIF))])
        pme = sample.stratum == "pme"
        useful = targets[(study, "crise_collectif", "1", "FR", "pme")] / 100
        org.categorical_aimed(
            rng,
            values,
            aims,
            "crise_collectif",
            [(pme, {1: useful, 2: 1 - useful}), (~pme, {1: CRISIS_OTHERS, 2: 1 - CRISIS_OTHERS})],
        )
    cal.apply(values, weights, aims, seed + year + 2)

    wave.categorical(
        "partenariat",
        "PARTENARIAT",
        None,
        values["partenariat"],
        PARTNERSHIP_LABELS,
        "Relations partenariales avec des associations ou d'autres acteurs du territoire",
    )
    for item, label in org.CATEGORIES.items():
        wave.categorical(
            f"q11_{item}",
            "Q11",
            item,
            values[f"q11_{item}"],
            org.YES_NO,
            f"Q11 Votre entreprise pratique-t-elle ce type de partenariat : {label}",
        )
    org.declare_cooperation(wave, values)
    if year == 2021:
        wave.categorical(
            "collectif",
            "COLLECTIF",
            None,
            values["collectif"],
            org.NECESSITY,
            "Jouer collectif (entreprises, associations, collectivités) est ...",
        )
        wave.categorical(
            "crise_collectif",
            "CRISE",
            None,
            values["crise_collectif"],
            {1: "Utile", 2: "Pas utile"},
            "Jouer collectif est utile pour sortir de la crise",
        )
    return wave
