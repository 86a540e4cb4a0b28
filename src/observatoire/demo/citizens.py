"""Citizens: PHARE 2015 and IMPACT-Citoyens 2019, French adults of the 13 metropolitan régions.

Sample: stratified by survey region, PACA over-represented in 2019 (a regional boost, as for the publication's
IMPACT-PACA synthesis) so that its figures rest on a few hundred answers. Weights: the stratum's
published base over its sample size, then raked to région (the published bases by survey region, PACA +
Corse split by real population), sex, age band and occupation (see :data:`SEX`, :data:`AGE`,
:data:`OCCUPATION`: assumptions close to INSEE's 18+ structure, which the Observatoire does not publish).
The national weighted total is therefore the sum of the 12 published bases, 47.3 million: the publication's
« Base : 50,2 millions » cannot be reconciled with its own rounded regional bases and is not a target.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from observatoire.demo import calibrate as cal
from observatoire.demo import sampling as s
from observatoire.demo.geography import Geography
from observatoire.demo.targets import lookup
from observatoire.demo.wave import WaveBuilder
from observatoire.reference import vocabulary

PACA = "PACA"
#: Population margins (share of adults), documented assumptions.
SEX = {"F": 0.523, "H": 0.477}
AGE = {"18-24": 0.105, "25-34": 0.150, "35-49": 0.240, "50-64": 0.245, "65+": 0.260}
OCCUPATION = {
    "independants": 0.055,
    "cadres": 0.105,
    "prof_intermediaires": 0.140,
    "employes": 0.160,
    "ouvriers": 0.120,
    "retraites": 0.310,
    "autres_inactifs": 0.110,
}
SEX_LABELS = {"F": "Femme", "H": "Homme"}
AGE_LABELS = {
    "18-24": "18-24 ans",
    "25-34": "25-34 ans",
    "35-49": "35-49 ans",
    "50-64": "50-64 ans",
    "65+": "65 ans et plus",
}
OCCUPATION_LABELS = {
    "independants": "Agriculteurs, artisans, commerçants, chefs d'entreprise",
    "cadres": "Cadres et professions intellectuelles supérieures",
    "prof_intermediaires": "Professions intermédiaires",
    "employes": "Employés",
    "ouvriers": "Ouvriers",
    "retraites": "Retraités",
    "autres_inactifs": "Autres inactifs (étudiants, au foyer...)",
}
#: Occupation given the age band in the sample (rows: AGE order, columns: OCCUPATION order).
_OCCUPATION_BY_AGE = np.array(
    [
        [0.02, 0.03, 0.10, 0.20, 0.15, 0.00, 0.50],
        [0.05, 0.18, 0.22, 0.25, 0.18, 0.00, 0.12],
        [0.08, 0.20, 0.22, 0.22, 0.18, 0.00, 0.10],
        [0.08, 0.17, 0.18, 0.20, 0.15, 0.12, 0.10],
        [0.02, 0.00, 0.00, 0.00, 0.00, 0.93, 0.05],
    ]
)
_SAMPLE_AGE = [0.08, 0.14, 0.26, 0.27, 0.25]
COMMUNE_SIZE = {
    "rural": "Commune rurale (moins de 2 000 habitants)",
    "2k_20k": "Unité urbaine de 2 000 à 19 999 habitants",
    "20k_100k": "Unité urbaine de 20 000 à 99 999 habitants",
    "100k_plus": "Unité urbaine de 100 000 habitants et plus",
    "agglo_paris": "Agglomération parisienne",
}
#: 2015 weighted bases: the 2019 ones times the ratio of adult populations (assumption).
BASE_2015_FACTOR = 0.985
PACA_SAMPLE_SHARE = {2019: 0.20, 2015: 0.10}

#: Means chosen where nothing is published (so that PACA's perceived priorities are the published ones, and
#: numerique is not among them); 2015 domains whose column the publication does not give.
CHOSEN_PACA_2019 = {
    "developpement_economique": 5.8,
    "sante": 5.7,
    "education": 5.5,
    "isolement": 5.5,
    "diversite_handicap": 5.2,
    "numerique": 4.9,
    "culture_loisirs": 4.9,
}
CHOSEN_FR_2015 = {
    "pauvrete": 6.3,
    "vieillissement": 6.0,
    "mal_logement": 5.9,
    "isolement": 5.7,
    "diversite_handicap": 5.4,
}
#: Full answer distributions whose published part is a sum (agree = 1+2) or absent (PACA Q8 detail).
Q6_DISTRIBUTIONS = {
    "legitimes": (20, 50, 17, 9, 4),
    "credibles": (19, 46, 21, 10, 4),
    "efficaces": (11, 37, 28, 17, 7),
}
Q8_PACA = (26, 58, 13, 2, 1)
Q8_2015 = (22, 55, 17, 4, 2)
AGREE_LABELS = {
    1: "Tout à fait d'accord",
    2: "Plutôt d'accord",
    3: "Ni d'accord ni pas d'accord",
    4: "Plutôt pas d'accord",
    5: "Pas d'accord du tout",
}
Q8_LABELS = {
    1: "Indispensable",
    2: "Nécessaire",
    3: "Ni nécessaire ni pas nécessaire",
    4: "Pas nécessaire",
    5: "Pas nécessaire du tout",
}
Q6_ITEMS = {"legitimes": "légitimes", "credibles": "crédibles", "efficaces": "efficaces"}
PARTNERS = {"collectivites": "les collectivités", "associations": "les associations"}


def published_bases(geo: Geography) -> dict[str, float]:
    """Adults by région (persons): the published survey-region bases, PACA + Corse split by population."""
    targets = lookup()
    bases: dict[str, float] = {}
    for code in geo.survey_regions:
        base = targets[("IMPACT-Citoyens", "poids", "", code, "ensemble")] * 1e6
        members = geo.regions_of_survey_region(code)
        population = geo.population[members]
        for index, share in zip(members, population / population.sum(), strict=True):
            bases[geo.regions[index]] = base * share
    return bases


def _dist(values: tuple[float, ...]) -> dict[int, float]:
    total = float(sum(values))
    return {code: value / total for code, value in enumerate(values, start=1)}


def build(year: int, n: int, seed: int, geo: Geography) -> WaveBuilder:
    """The citizens' wave of ``year`` (2015 or 2019) with ``n`` respondents, calibrated."""
    study = "IMPACT-Citoyens" if year == 2019 else "PHARE-Citoyens"
    wave = WaveBuilder(
        study, year, "citoyens", n, "sav" if year == 2019 else "csv", f"{study} {year} (synthétique)"
    )
    rng = np.random.default_rng([seed, year, 1])
    factor = 1.0 if year == 2019 else BASE_2015_FACTOR
    bases = {code: value * factor for code, value in published_bases(geo).items()}
    region_index = {code: i for i, code in enumerate(geo.regions)}

    # --- sample: survey-region strata, régions within them by population ------------------------------
    survey_regions = geo.survey_regions
    sr_base = np.array(
        [sum(bases[geo.regions[i]] for i in geo.regions_of_survey_region(c)) for c in survey_regions]
    )
    shares = sr_base / sr_base.sum()
    paca = survey_regions.index(PACA)
    boost = PACA_SAMPLE_SHARE[year]
    shares = shares * (1 - boost) / (1 - shares[paca])
    shares[paca] = boost
    counts = s.allocate(n, shares)
    region = np.empty(n, dtype=object)
    start = 0
    for code, count in zip(survey_regions, counts, strict=True):
        members = geo.regions_of_survey_region(code)
        split = s.allocate(int(count), geo.population[members])
        region[start : start + count] = np.repeat([geo.regions[i] for i in members], split)
        start += count
    order = rng.permutation(n)
    region = region[order]
    survey_region = np.asarray([geo.survey_region[region_index[r]] for r in geo.regions], dtype=object)[
        np.searchsorted(np.asarray(geo.regions), region.astype(str))
    ]
    sex = np.where(rng.random(n) < 0.50, "F", "H").astype(object)
    age_codes = list(AGE)
    age_index = s.choose(rng, n, dict(enumerate(_SAMPLE_AGE))).astype(np.int64)
    age = np.asarray(age_codes, dtype=object)[age_index]
    occupation_index = s.choose_rows(rng, _OCCUPATION_BY_AGE[age_index], range(len(OCCUPATION))).astype(
        np.int64
    )
    occupation = np.asarray(list(OCCUPATION), dtype=object)[occupation_index]
    idf = region == "11"
    commune = np.where(
        idf,
        np.where(rng.random(n) < 0.85, "agglo_paris", "2k_20k"),
        np.asarray(["rural", "2k_20k", "20k_100k", "100k_plus"], dtype=object)[
            s.choose(rng, n, {0: 0.26, 1: 0.21, 2: 0.17, 3: 0.36}).astype(np.int64)
        ],
    ).astype(object)

    # --- weights: stratum base / sample size, raked to région, sex, age, occupation --------------------
    stratum_weight = dict(zip(survey_regions, sr_base / np.maximum(counts, 1), strict=True))
    initial = pd.Series(survey_region).map(stratum_weight).to_numpy(dtype=np.float64)
    total = sum(bases.values())
    demography = pd.DataFrame({"region": region, "sexe": sex, "age": age, "pcs": occupation})
    weights = cal.rake_weights(
        demography,
        initial,
        {
            "region": bases,
            "sexe": {k: v * total for k, v in SEX.items()},
            "age": {k: v * total for k, v in AGE.items()},
            "pcs": {k: v * total for k, v in OCCUPATION.items()},
        },
    )

    wave.identifier("C19-" if year == 2019 else "C15-")
    wave.design(weights, survey_region)
    wave.territory("region", "region", region, "Région de résidence")
    wave.territory(
        "survey_region", "survey_region", survey_region, "Région d'enquête (PACA et Corse ensemble)"
    )
    wave.group("sexe", sex, SEX_LABELS, "Sexe")
    wave.group("age", age, AGE_LABELS, "Tranche d'âge")
    wave.group("pcs", occupation, OCCUPATION_LABELS, "Profession de la personne interrogée")
    wave.group("taille_commune", commune, COMMUNE_SIZE, "Taille de la commune de résidence")

    # --- Q1 ratings -------------------------------------------------------------------------------------
    targets = lookup()
    in_paca = survey_region == PACA
    person = (0.9 * rng.standard_normal(n)).astype(np.float32)
    region_shift = rng.normal(0.0, 0.25, size=(len(geo.regions), 16)).astype(np.float32)
    row_region = np.searchsorted(np.asarray(geo.regions), region.astype(str))
    values: dict[str, np.ndarray] = {}
    aims: list[cal.Aim] = []
    w_paca, w_all = float(weights[in_paca].sum()), float(weights.sum())
    for d, domain in enumerate(vocabulary.domain_codes()):
        variable = f"q1_{domain}"
        fr = targets.get((study, variable, "", "FR", "ensemble"))
        if fr is None:
            fr = CHOSEN_FR_2015[domain]
        mean = np.full(n, fr, dtype=np.float32) + region_shift[row_region, d]
        if year == 2019:
            paca_mean = targets.get((study, variable, "", PACA, "ensemble"), CHOSEN_PACA_2019.get(domain))
            rest = cal.rest_mean(fr, paca_mean, w_paca, w_all)
            mean = np.where(in_paca, paca_mean, rest + region_shift[row_region, d]).astype(np.float32)
            aims += [cal.Aim(variable, in_paca, mean=paca_mean), cal.Aim(variable, ~in_paca, mean=rest)]
        else:
            aims.append(cal.Aim(variable, np.ones(n, dtype=bool), mean=fr))
        values[variable] = s.ratings(rng, mean, person)
        s.dont_know(rng, values[variable])

    # --- Q6, Q8, partners -------------------------------------------------------------------------------
    if year == 2019:
        fr_q8 = _dist(tuple(targets[(study, "q8", str(c), "FR", "ensemble")] for c in range(1, 6)))
        paca_q8 = _dist(Q8_PACA)
        rest_q8 = cal.rest_shares(fr_q8, paca_q8, w_paca, w_all)
        values["q8"] = np.where(in_paca, s.choose(rng, n, paca_q8), s.choose(rng, n, rest_q8))
        aims += [cal.Aim("q8", in_paca, shares=paca_q8), cal.Aim("q8", ~in_paca, shares=rest_q8)]
        for item in Q6_ITEMS:
            dist = _dist(Q6_DISTRIBUTIONS[item])
            values[f"q6_{item}"] = s.choose(rng, n, dist)
            aims.append(cal.Aim(f"q6_{item}", np.ones(n, dtype=bool), shares=dist))
        for item in PARTNERS:
            yes = targets[(study, f"partenaires_{item}", "1", "FR", "ensemble")] / 100
            values[f"partenaires_{item}"] = s.yes_no(rng, n, yes)
            aims.append(cal.Aim(f"partenaires_{item}", np.ones(n, dtype=bool), shares={1: yes, 2: 1 - yes}))
    else:
        values["q8"] = s.choose(rng, n, _dist(Q8_2015))
    cal.apply(values, weights, aims, seed + year)

    labels = {d.code: d.label for d in vocabulary.domains()}
    for domain in vocabulary.domain_codes():
        wave.rating(
            "Q1", domain, values[f"q1_{domain}"], f"Q1 Fragilité perçue : {labels[domain]}", domain=domain
        )
    if year == 2019:
        for item, text in Q6_ITEMS.items():
            wave.categorical(
                f"q6_{item}",
                "Q6",
                item,
                values[f"q6_{item}"],
                AGREE_LABELS,
                f"Q6 Les entreprises privées sont des partenaires {text} pour réduire les fragilités",
            )
    wave.categorical(
        "q8",
        "Q8",
        None,
        values["q8"],
        Q8_LABELS,
        "Q8 Pour réduire les fragilités, il est ... que collectivités, entreprises et associations "
        "travaillent ensemble",
    )
    if year == 2019:
        for item, text in PARTNERS.items():
            wave.categorical(
                f"partenaires_{item}",
                "PARTENAIRES",
                item,
                values[f"partenaires_{item}"],
                {1: "Oui", 2: "Non"},
                f"L'entreprise doit agir en partenariat avec {text}",
            )
    return wave
