"""A territory's population by sex and by age band, from a CSV or Excel file (INSEE figures, 18 and over).

Three columns: ``variable`` (``sexe`` or ``age``), ``categorie`` (an answer code or label of the
questionnaire: « f », « Femme », « a18_24 », « 18-24 ans ») and ``effectif`` (persons). Every category of
the questionnaire must appear once; both variables must total the same population (within 0.5 %, INSEE
rounding) — otherwise a French error names the file, line and column.
"""

from __future__ import annotations

from pathlib import Path

from observatoire.consultations.weighting import AGE, SEX, Margins
from observatoire.errors import InputError, Location
from observatoire.messages import t
from observatoire.numbers import number
from observatoire.questionnaires.model import Instrument
from observatoire.reference.text import fold
from observatoire.surveys.readers import load_table

COLUMNS = ("variable", "categorie", "effectif")
TOTALS_TOLERANCE = 0.005


def _row(record: dict[str, object], instrument: Instrument, name: str, line: int) -> tuple[str, str, float]:
    """(variable, answer code, count) of one line, each checked."""
    variable = str(record["variable"]).strip()
    item = instrument.item(variable) if variable in (SEX, AGE) else None
    if item is None:
        raise InputError(
            t("consultations.margins.variable", value=variable),
            Location(file=name, row=line, column="variable"),
        )
    labels = {fold(o.label): o.code for o in item.scale.options} | {
        o.code: o.code for o in item.scale.options
    }
    category = str(record["categorie"]).strip()
    code = labels.get(category) or labels.get(fold(category))
    if code is None:
        raise InputError(
            t(
                "consultations.margins.category",
                value=category,
                expected=", ".join(dict.fromkeys(labels.values())),
            ),
            Location(file=name, row=line, column="categorie"),
        )
    try:
        count = float(str(record["effectif"]).replace(",", ".").replace(" ", ""))
    except ValueError:
        count = -1.0
    if not count > 0:
        raise InputError(
            t("consultations.margins.count", value=record["effectif"]),
            Location(file=name, row=line, column="effectif"),
        )
    return variable, code, count


def read_margins(path: str | Path, instrument: Instrument, source: str) -> Margins:
    """The margins of ``path`` for ``instrument``'s sex and age items, checked."""
    path = Path(path)
    name = path.name
    table = load_table(path, text_columns=["variable", "categorie"])
    for column in COLUMNS:
        if column not in table.columns:
            raise InputError(t("consultations.margins.column", column=column), Location(file=name, row=1))
    first_row = int(table.attrs.get("first_row", 2))
    found: dict[str, dict[str, float]] = {SEX: {}, AGE: {}}
    for offset, record in enumerate(table.to_dict("records")):
        variable, code, count = _row(record, instrument, name, first_row + offset)
        if code in found[variable]:
            raise InputError(
                t("consultations.margins.duplicate", value=record["categorie"]),
                Location(file=name, row=first_row + offset, column="categorie"),
            )
        found[variable][code] = count
    for variable, counts in found.items():
        item = instrument.item(variable)
        assert item is not None
        missing = [o.code for o in item.scale.options if o.code not in counts]
        if missing:
            raise InputError(
                t("consultations.margins.missing", variable=variable, categories=", ".join(missing)),
                Location(file=name),
            )
    sex_total, age_total = sum(found[SEX].values()), sum(found[AGE].values())
    if abs(sex_total - age_total) > TOTALS_TOLERANCE * max(sex_total, age_total):
        raise InputError(
            t("consultations.margins.totals", sex=number(sex_total, 0), age=number(age_total, 0)),
            Location(file=name),
        )
    # INSEE rounding: the age table is brought to the sex total so that the raking can meet both
    factor = sex_total / age_total
    return Margins(sex=found[SEX], age={k: v * factor for k, v in found[AGE].items()}, source=source)
