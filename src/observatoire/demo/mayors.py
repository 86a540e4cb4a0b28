"""Mayors: PHARE-Institutions 2016 and IMPACT-Elus locaux 2020.

Universe: about 35,000 communes by size band (rounded INSEE counts); strata: size band, large communes
over-represented; weights raked to size band and région (communes per région taken proportional to
population: an assumption).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from observatoire.demo import calibrate as cal
from observatoire.demo import organisations as org
from observatoire.demo.geography import Geography
from observatoire.demo.targets import lookup
from observatoire.demo.wave import WaveBuilder
from observatoire.reference import vocabulary

BAND_LABELS = {
    "moins_500": "Moins de 500 habitants",
    "500-1999": "500 à 1 999 habitants",
    "2000-9999": "2 000 à 9 999 habitants",
    "10000_plus": "10 000 habitants et plus",
}
COMMUNES = {"moins_500": 18_500.0, "500-1999": 10_500.0, "2000-9999": 5_000.0, "10000_plus": 1_000.0}
SAMPLE_SHARE = {"moins_500": 0.30, "500-1999": 0.30, "2000-9999": 0.24, "10000_plus": 0.16}
Q3_LABELS = {1: "Oui, tout à fait", 2: "Oui, plutôt", 3: "Non, plutôt pas", 4: "Non, pas du tout"}
Q4_LABELS = {
    1: "Oui, tout à fait, cela est ancré dans le fonctionnement du territoire",
    2: "Oui, les initiatives de co-construction sont de plus en plus nombreuses",
    3: "Un peu, cela commence à émerger",
    4: "Non, pas du tout",
}
Q8_ITEMS = {
    "impulser_rencontres": "Impulser des rencontres entre les organisations du territoire",
    "animer_dialogue": "Animer un dialogue territorial entre les organisations",
    "accompagner_partenariats": "Accompagner les organisations pour les aider à monter des partenariats",
    "promouvoir_alliances": "Promouvoir les alliances innovantes",
    "participer_experimentations": "Participer à des expérimentations collectives",
    "partenariats_public_prive": "S'impliquer dans des partenariats publics / privés",
}
Q8_LABELS = {1: "Prioritaire", 2: "Secondaire", 3: "Pas indispensable"}
ROLE_LABELS = {1: "Très important", 2: "Assez important", 3: "Peu important", 4: "Pas important"}
ACTORS = {
    "cit": ("ROLE_CITOYENS", "des citoyens"),
    "asso": ("ROLE_ASSOCIATIONS", "des associations"),
    "ent": ("ROLE_ENTREPRISES", "des entreprises"),
}
#: 2016 Q8 « prioritaire » where « Un outil collectif de données » gives only prioritaire + secondaire (its
#: 24% and 25% read as « secondaire »; 34% as « prioritaire » for public-private partnerships).
Q8_PRIORITY_2016 = {"impulser_rencontres": 74, "animer_dialogue": 71, "partenariats_public_prive": 34}
#: 2020 answers (nothing published but « jouer collectif »): close to 2016, a little more positive.
Q3_2020 = (48, 41, 7, 4)
Q4_2020 = (20, 17, 43, 20)
COLLECTIF_2020 = (40, 52, 6, 1, 1)  # 92% (published)
#: « Très important » shares where « Un outil collectif de données » gives none (chosen, below the published
#: ones of each actor).
ROLE_DEFAULT = {"cit": 0.30, "asso": 0.30, "ent": 0.25}
ROLE_CHOSEN = {
    ("cit", "culture_loisirs"): 0.45,
    ("cit", "securite"): 0.40,
    ("cit", "transition_energetique"): 0.44,
    ("asso", "education"): 0.38,
    ("asso", "vieillissement"): 0.36,
    ("asso", "diversite_handicap"): 0.37,
    ("ent", "mobilite"): 0.40,
    ("ent", "numerique"): 0.42,
    ("ent", "niveau_de_vie"): 0.30,
}


def _role_distribution(very: float) -> dict[int, float]:
    rest = 1.0 - very
    return {1: very, 2: 0.6 * rest, 3: 0.3 * rest, 4: 0.1 * rest}


def build(year: int, n: int, seed: int, geo: Geography) -> WaveBuilder:
    study = "PHARE-Institutions" if year == 2016 else "IMPACT-Elus locaux"
    wave = WaveBuilder(
        study, year, "maires", n, "sav" if year == 2016 else "csv", f"{study} {year} (synthétique)"
    )
    rng = np.random.default_rng([seed, year, 4])
    strata = [org.Stratum(code, COMMUNES[code], SAMPLE_SHARE[code]) for code in COMMUNES]
    sample = org.draw(rng, geo, n, strata)
    total = sum(COMMUNES.values())
    frame = pd.DataFrame({"taille_commune": sample.stratum, "region": sample.region})
    margins = {
        "taille_commune": COMMUNES,
        "region": dict(zip(geo.regions, total * geo.population / geo.population.sum(), strict=True)),
    }
    weights = cal.rake_weights(frame, sample.weights, margins)

    wave.identifier(f"M{year % 100}-")
    wave.design(weights, sample.stratum)
    org.add_territories(wave, sample)
    wave.group("taille_commune", sample.stratum, BAND_LABELS, "Taille de la commune")

    targets = lookup()
    everyone = np.ones(n, dtype=bool)
    values: dict[str, np.ndarray] = {}
    aims: list[cal.Aim] = []

    def published(variable: str, codes: str) -> float:
        return targets[(study, variable, codes, "FR", "ensemble")]

    if year == 2016:
        q3 = tuple(published("q3", str(c)) for c in range(1, 5))
        q4 = tuple(published("q4", str(c)) for c in range(1, 5))
    else:
        q3, q4 = Q3_2020, Q4_2020
    org.categorical_aimed(rng, values, aims, "q3", [(everyone, org.dist(q3))])
    org.categorical_aimed(rng, values, aims, "q4", [(everyone, org.dist(q4))])
    for item in Q8_ITEMS:
        both = targets[("PHARE-Institutions", f"q8_{item}", "1;2", "FR", "ensemble")]
        first = targets.get(
            ("PHARE-Institutions", f"q8_{item}", "1", "FR", "ensemble"), Q8_PRIORITY_2016.get(item)
        )
        shift = 0.0 if year == 2016 else 2.0
        first = min(first + shift, both)
        org.categorical_aimed(
            rng, values, aims, f"q8_{item}", [(everyone, org.dist((first, both - first, 100 - both)))]
        )
    for actor in ACTORS:
        for d in vocabulary.domain_codes():
            very = targets.get(("PHARE-Institutions", f"role_{actor}_{d}", "1", "FR", "ensemble"))
            very = ROLE_CHOSEN.get((actor, d), ROLE_DEFAULT[actor]) if very is None else very / 100
            org.categorical_aimed(
                rng, values, aims, f"role_{actor}_{d}", [(everyone, _role_distribution(very))]
            )
    if year == 2020:
        org.categorical_aimed(rng, values, aims, "collectif", [(everyone, org.dist(COLLECTIF_2020))])
    cal.apply(values, weights, aims, seed + year + 4)

    wave.categorical(
        "q3",
        "Q3",
        None,
        values["q3"],
        Q3_LABELS,
        "Q3 Les alliances entre associations, entreprises et collectivités sont source d'innovation",
    )
    wave.categorical(
        "q4",
        "Q4",
        None,
        values["q4"],
        Q4_LABELS,
        "Q4 Votre territoire est-il porteur d'une dynamique de co-construction ?",
    )
    for item, label in Q8_ITEMS.items():
        wave.categorical(
            f"q8_{item}", "Q8", item, values[f"q8_{item}"], Q8_LABELS, f"Q8 Rôle des collectivités : {label}"
        )
    labels = {d.code: d.label for d in vocabulary.domains()}
    for actor, (question, whose) in ACTORS.items():
        for d in vocabulary.domain_codes():
            wave.categorical(
                f"role_{actor}_{d}",
                question,
                d,
                values[f"role_{actor}_{d}"],
                ROLE_LABELS,
                f"Rôle {whose} : {labels[d]}",
                domain=d,
            )
    if year == 2020:
        wave.categorical(
            "collectif",
            "COLLECTIF",
            None,
            values["collectif"],
            org.NECESSITY,
            "Jouer collectif (collectivités, associations, entreprises) est ...",
        )
    return wave
