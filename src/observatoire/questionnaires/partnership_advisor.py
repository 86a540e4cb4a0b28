"""The partnership advisor: from who you are and what you seek to the categories and models that fit.

Its rules are data (``reference/data/advisor/partenariats.toml``, read and checked like an instrument, the
errors naming file and line): each answer gives points to categories and models with a one-sentence reason.
:func:`advise` ranks the 9 models by their points (a category counts for each of its models); the web asks
the shared recommendation engine (``observatoire.recommend``) for each model's cases, tools and catalysts.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from importlib import resources

from observatoire.errors import InputError
from observatoire.messages import t
from observatoire.questionnaires.load import _entries, _Entry, _root, _unique
from observatoire.reference import vocabulary
from observatoire.reference.vocabulary import PartnershipCategory, PartnershipModel

SINGLE = "single"
MULTIPLE = "multiple"
RULES_FILE = "partenariats.toml"


@dataclass(frozen=True)
class AdvisorOption:
    """One answer and what it weighs: points per category code and per model code."""

    code: str
    label: str
    reason: str
    categories: Mapping[str, int] = field(default_factory=dict)
    models: Mapping[str, int] = field(default_factory=dict)

    def points(self, model: PartnershipModel) -> int:
        return self.models.get(model.code, 0) + self.categories.get(model.category.code, 0)


@dataclass(frozen=True)
class AdvisorQuestion:
    code: str
    label: str
    kind: str
    options: tuple[AdvisorOption, ...]

    def option(self, code: str) -> AdvisorOption | None:
        return next((o for o in self.options if o.code == code), None)


@dataclass(frozen=True)
class AdvisorRules:
    version: int
    questions: tuple[AdvisorQuestion, ...]

    def question(self, code: str) -> AdvisorQuestion | None:
        return next((q for q in self.questions if q.code == code), None)


@dataclass(frozen=True)
class RankedModel:
    """A model that fits, its points and the sentence saying why (the answer weighing most)."""

    model: PartnershipModel
    points: int
    reason: str


@dataclass(frozen=True)
class RankedCategory:
    category: PartnershipCategory
    points: int
    models: tuple[RankedModel, ...]


@dataclass(frozen=True)
class Advice:
    categories: tuple[RankedCategory, ...]
    models: tuple[RankedModel, ...]


def _points(entry: _Entry, key: str, known: Sequence[str]) -> dict[str, int]:
    value = entry.table.get(key, {})
    if not isinstance(value, dict):
        raise entry.problem(t("partenariats.rules.points", field=key))
    points: dict[str, int] = {}
    for code, number in value.items():
        if code not in known:
            raise entry.problem(t("partenariats.rules.unknown", field=key, code=code, known=", ".join(known)))
        if isinstance(number, bool) or not isinstance(number, int) or not 0 < number <= 10:
            raise entry.problem(t("partenariats.rules.points", field=key))
        points[code] = number
    return points


def parse_rules(text: str, file: str) -> AdvisorRules:
    """The advisor's rules written in ``text`` (the content of ``file``, named in errors), checked."""
    root, lines = _root(text, file)
    version = root.integer("version")
    categories = [c.code for c in vocabulary.partnership_categories()]
    models = [m.code for m in vocabulary.partnership_models()]
    question_entries = _entries(root, "questions", lines, "questions")
    questions = []
    for entry in question_entries:
        kind = entry.text("kind")
        if kind not in (SINGLE, MULTIPLE):
            raise entry.problem(t("questionnaires.load.kind", kind=kind, kinds=f"{SINGLE}, {MULTIPLE}"))
        option_entries = _entries(entry, "options", lines, "questions.options")
        options = tuple(
            AdvisorOption(
                code=option.code(),
                label=option.text("label"),
                reason=option.text("reason"),
                categories=_points(option, "categories", categories),
                models=_points(option, "models", models),
            )
            for option in option_entries
        )
        _unique(option_entries, [o.code for o in options], "réponse")
        questions.append(AdvisorQuestion(entry.code(), entry.text("label"), kind, options))
    _unique(question_entries, [q.code for q in questions], "question")
    return AdvisorRules(version, tuple(questions))


@cache
def rules() -> AdvisorRules:
    """The packaged rules, read and checked once per process."""
    resource = resources.files("observatoire.reference").joinpath("data", "advisor", RULES_FILE)
    return parse_rules(resource.read_text(encoding="utf-8"), RULES_FILE)


def check_answers(answers: Mapping[str, Sequence[str]], chosen: AdvisorRules | None = None) -> None:
    """Refuse an unknown question or answer, or several answers to a single-choice question, in French."""
    chosen = chosen or rules()
    for code, values in answers.items():
        question = chosen.question(code)
        if question is None:
            known = ", ".join(q.code for q in chosen.questions)
            raise InputError(t("partenariats.advisor.unknown_question", code=code, known=known))
        if question.kind == SINGLE and len(values) > 1:
            raise InputError(t("partenariats.advisor.single", question=question.label))
        for value in values:
            if question.option(value) is None:
                known = ", ".join(o.code for o in question.options)
                raise InputError(
                    t(
                        "partenariats.advisor.unknown_answer",
                        value=value,
                        question=question.label,
                        known=known,
                    )
                )


def advise(answers: Mapping[str, Sequence[str]], chosen: AdvisorRules | None = None) -> Advice:
    """The models that fit ``answers`` (question code -> chosen answer codes), best first, with reasons."""
    chosen = chosen or rules()
    check_answers(answers, chosen)
    picked = [
        option
        for question in chosen.questions
        for code in answers.get(question.code, ())
        if (option := question.option(code)) is not None
    ]
    ranked = []
    for order, model in enumerate(vocabulary.partnership_models()):
        weighed = [(option.points(model), -index, option) for index, option in enumerate(picked)]
        total = sum(points for points, _, _ in weighed)
        if total > 0:
            best = max(weighed, key=lambda w: (w[0], w[1]))[2]
            ranked.append((total, -order, RankedModel(model, total, _sentence(best.reason))))
    ranked.sort(key=lambda r: (r[0], r[1]), reverse=True)
    models = tuple(r[2] for r in ranked)
    categories = []
    for category in vocabulary.partnership_categories():
        mine = tuple(m for m in models if m.model.category.code == category.code)
        if mine:
            categories.append(RankedCategory(category, mine[0].points, mine))
    typology = [c.code for c in vocabulary.partnership_categories()]
    categories.sort(key=lambda c: (-c.points, typology.index(c.category.code)))
    return Advice(tuple(categories), models)


def _sentence(reason: str) -> str:
    return reason[:1].upper() + reason[1:] + "."
