"""Foundations: IMPACT-Fondations 2021, the source of the published « jouer collectif » figure (98%).

Universe: about 2,700 foundations and 2,300 endowment funds (rounded, an assumption); strata: legal form.
"""

from __future__ import annotations

import numpy as np

from observatoire.demo import calibrate as cal
from observatoire.demo import organisations as org
from observatoire.demo.geography import Geography
from observatoire.demo.targets import lookup
from observatoire.demo.wave import WaveBuilder

FORMS = {"fondation": 2_700.0, "fonds_dotation": 2_300.0}
FORM_LABELS = {"fondation": "Fondation", "fonds_dotation": "Fonds de dotation"}
SAMPLE_SHARE = {"fondation": 0.6, "fonds_dotation": 0.4}
#: Full distribution of « jouer collectif » whose 1 + 2 is published (98%).
COLLECTIF = (60, 38, 2, 0, 0)


def build(year: int, n: int, seed: int, geo: Geography) -> WaveBuilder:
    study = "IMPACT-Fondations"
    wave = WaveBuilder(study, year, "fondations", n, "csv", f"{study} {year} (synthétique)")
    rng = np.random.default_rng([seed, year, 5])
    sample = org.draw(rng, geo, n, [org.Stratum(c, FORMS[c], SAMPLE_SHARE[c]) for c in FORMS])
    wave.identifier(f"F{year % 100}-")
    wave.design(sample.weights, sample.stratum)
    org.add_territories(wave, sample)
    wave.group("forme", sample.stratum, FORM_LABELS, "Forme juridique")
    published = lookup()[(study, "collectif", "1;2", "FR", "ensemble")]
    shares = org.dist(COLLECTIF)
    if abs(100 * (shares[1] + shares[2]) - published) > 1e-9:  # pragma: no cover - keep the two in step
        raise ValueError("COLLECTIF does not add up to the published figure")
    values: dict[str, np.ndarray] = {}
    aims: list[cal.Aim] = []
    org.categorical_aimed(rng, values, aims, "collectif", [(np.ones(n, dtype=bool), shares)])
    cal.apply(values, sample.weights, aims, seed + year + 5)
    wave.categorical(
        "collectif",
        "COLLECTIF",
        None,
        values["collectif"],
        org.NECESSITY,
        "Jouer collectif (fondations, associations, entreprises, collectivités) est ...",
    )
    return wave
