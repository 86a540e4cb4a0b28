"""Associations: PHARE-Associations 2015 and IMPACT-Associations 2021, reported on 5 macro-regions.

Universe: about 1.5 million associations, 165,000 employing staff (the mission's note of 7 May 2020: 9 in 10
have no employee).
Strata: macro-region × employer; employers are over-represented (the published figures are mostly theirs),
and PACA + Corse in 2021 (its cooperation priorities are published). The macro-regions' shares of
associations (:data:`MACRO_SHARE`) are chosen so that the published employer figures by macro-region
average to the published national one.
"""

from __future__ import annotations

import numpy as np

from observatoire.demo import calibrate as cal
from observatoire.demo import organisations as org
from observatoire.demo.geography import Geography
from observatoire.demo.targets import lookup
from observatoire.demo.wave import WaveBuilder
from observatoire.reference import vocabulary

EMPLOYER_LABELS = {
    "employeuses": "Associations employeuses",
    "non_employeuses": "Associations non employeuses",
}
UNIVERSE = {
    2015: {"employeuses": 165_000.0, "non_employeuses": 1_335_000.0},
    2021: {"employeuses": 170_000.0, "non_employeuses": 1_330_000.0},
}
SAMPLE_EMPLOYER = {2015: 2 / 3, 2021: 0.55}
#: Share of associations by macro-region (assumption, chosen so that the employer figures add up).
MACRO_SHARE = {
    "ile_de_france": 0.19,
    "nord_ouest": 0.21,
    "nord_est": 0.20,
    "sud_ouest": 0.19,
    "sud_est": 0.21,
}
#: Sample share by macro-region (2021 over-represents the Sud-Est, where PACA is).
SAMPLE_MACRO = {
    2015: dict.fromkeys(MACRO_SHARE, 0.2),
    2021: {"ile_de_france": 0.17, "nord_ouest": 0.17, "nord_est": 0.17, "sud_ouest": 0.17, "sud_est": 0.32},
}
PACA_BOOST = {2015: 1.0, 2021: 2.2}
#: Chosen where nothing is published: 2021 partnership with companies; non-employers by macro-region
#: (« Un outil collectif de données » is unreadable there: they are drawn around the national 35%).
PARTNERSHIP_2021 = {"employeuses": 0.60, "non_employeuses": 0.40}
Q13_2021 = {
    "mecenat": 0.70,
    "pratiques_responsables": 0.33,
    "innovation_societale": 0.30,
    "cooperation_economique": 0.28,
}
SCALE = (45, 25, 18, 10, 2)
SCALE_LABELS = {
    1: "Local (commune, quartier)",
    2: "Départemental",
    3: "Régional",
    4: "National",
    5: "International",
}
COLLECTIF = (50, 47, 2, 1, 0)  # 97% indispensable + nécessaire (published for 2021)
#: Domains the association acts in (share citing), and perceived fragility: chosen profiles. In PACA
#: associations are more attentive to mobility and ageing (the mission's note of 7 May 2020).
ACTION = {
    "emploi": 0.14,
    "developpement_economique": 0.08,
    "niveau_de_vie": 0.06,
    "pauvrete": 0.16,
    "mal_logement": 0.06,
    "diversite_handicap": 0.10,
    "vieillissement": 0.10,
    "isolement": 0.18,
    "education": 0.24,
    "sante": 0.14,
    "securite": 0.03,
    "mobilite": 0.04,
    "numerique": 0.05,
    "culture_loisirs": 0.42,
    "environnement": 0.12,
    "transition_energetique": 0.05,
}
MEANS = {
    "emploi": 6.7,
    "developpement_economique": 6.0,
    "niveau_de_vie": 6.3,
    "pauvrete": 6.3,
    "mal_logement": 5.9,
    "diversite_handicap": 5.6,
    "vieillissement": 6.0,
    "isolement": 6.1,
    "education": 5.7,
    "sante": 5.8,
    "securite": 5.2,
    "mobilite": 5.9,
    "numerique": 5.1,
    "culture_loisirs": 5.3,
    "environnement": 5.6,
    "transition_energetique": 5.5,
}
PACA_SHIFT = {"mobilite": 0.6, "vieillissement": 0.5, "emploi": 0.2, "developpement_economique": 0.3}


def build(year: int, n: int, seed: int, geo: Geography) -> WaveBuilder:
    study = "PHARE-Associations" if year == 2015 else "IMPACT-Associations"
    wave = WaveBuilder(
        study, year, "associations", n, "csv" if year == 2015 else "sav", f"{study} {year} (synthétique)"
    )
    rng = np.random.default_rng([seed, year, 3])
    strata = []
    for employer, universe in UNIVERSE[year].items():
        employer_share = SAMPLE_EMPLOYER[year] if employer == "employeuses" else 1 - SAMPLE_EMPLOYER[year]
        for macro, share in MACRO_SHARE.items():
            strata.append(
                org.Stratum(
                    f"{macro}:{employer}",
                    universe * share,
                    employer_share * SAMPLE_MACRO[year][macro],
                    geo.regions_of_macro_region(macro),
                )
            )
    sample = org.draw(rng, geo, n, strata, PACA_BOOST[year])
    employer = np.asarray([code.split(":")[1] for code in sample.stratum], dtype=object)

    wave.identifier(f"A{year % 100}-")
    wave.design(sample.weights, sample.stratum)
    org.add_territories(wave, sample, macro=True)
    wave.group("employeur", employer, EMPLOYER_LABELS, "Association employeuse ou non")

    targets = lookup()
    values: dict[str, np.ndarray] = {}
    aims: list[cal.Aim] = []
    everyone = np.ones(n, dtype=bool)
    is_employer = employer == "employeuses"
    org.fragility_ratings(rng, wave, values, MEANS, PACA_SHIFT, sample.in_paca, "Q1 Fragilité perçue")
    labels = {d.code: d.label for d in vocabulary.domains()}
    for d in vocabulary.domain_codes():
        org.categorical_aimed(
            rng, values, aims, f"domaines_{d}", [(everyone, {1: ACTION[d], 2: 1 - ACTION[d]})]
        )

    cells = []
    if year == 2015:
        for macro in MACRO_SHARE:
            share = targets[(study, "partenariat_entreprises", "1", macro, "employeuses")] / 100
            cells.append((is_employer & (sample.macro_region == macro), {1: share, 2: 1 - share}))
        share = targets[(study, "partenariat_entreprises", "1", "FR", "non_employeuses")] / 100
        cells.append((~is_employer, {1: share, 2: 1 - share}))
    else:
        for segment, share in PARTNERSHIP_2021.items():
            cells.append((employer == segment, {1: share, 2: 1 - share}))
    org.categorical_aimed(rng, values, aims, "partenariat_entreprises", cells)
    cal.apply(values, sample.weights, aims, seed + year + 3)

    # Questions asked to associations with partnerships only (skip logic on the calibrated answer).
    partners = values["partenariat_entreprises"] == 1
    aims = []
    for item in org.CATEGORIES:
        share = (
            targets[(study, f"q13_{item}", "1", "FR", "ensemble")] / 100 if year == 2015 else Q13_2021[item]
        )
        org.categorical_aimed(
            rng, values, aims, f"q13_{item}", [(everyone, {1: share, 2: 1 - share})], partners
        )
    org.categorical_aimed(rng, values, aims, "echelle", [(everyone, org.dist(SCALE))], partners)
    national = {d: 0.18 + 0.25 * (MEANS[d] - 5.1) / 1.6 for d in vocabulary.domain_codes()}
    org.cooperation(rng, values, aims, sample.in_paca, national, study if year == 2021 else None)
    if year == 2021:
        org.categorical_aimed(rng, values, aims, "collectif", [(everyone, org.dist(COLLECTIF))])
    cal.apply(values, sample.weights, aims, seed + year + 30)

    for d in vocabulary.domain_codes():
        wave.categorical(
            f"domaines_{d}",
            "DOMAINES",
            d,
            values[f"domaines_{d}"],
            org.CITED,
            f"Domaine d'action de l'association : {labels[d]}",
            domain=d,
        )
    wave.categorical(
        "partenariat_entreprises",
        "PARTENARIAT_ENTREPRISES",
        None,
        values["partenariat_entreprises"],
        org.YES_NO,
        "Votre association a-t-elle des partenariats avec des entreprises ?",
    )
    for item, label in org.CATEGORIES.items():
        wave.categorical(
            f"q13_{item}",
            "Q13",
            item,
            values[f"q13_{item}"],
            org.YES_NO,
            f"Q13 Votre association a-t-elle mis en place des partenariats de : {label}",
        )
    wave.categorical(
        "echelle",
        "ECHELLE",
        None,
        values["echelle"],
        SCALE_LABELS,
        "Échelle territoriale principale de vos partenariats",
    )
    org.declare_cooperation(wave, values)
    if year == 2021:
        wave.categorical(
            "collectif",
            "COLLECTIF",
            None,
            values["collectif"],
            org.NECESSITY,
            "Jouer collectif (associations, entreprises, collectivités) est ...",
        )
    return wave
