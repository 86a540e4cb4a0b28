"""Validators of curated content: codes must exist in the shared vocabulary and the territory reference.

They live on the model fields (not in choices), so a vocabulary update changes no migration and the
admin still refuses a code that does not exist, with the reference's French message.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from django.core.exceptions import ValidationError

from observatoire.errors import NotFoundError
from observatoire.reference import territories, vocabulary


def _codes(value: object) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(code, str) for code in value):
        raise ValidationError("Une liste de codes est attendue.")
    return value


def _check_all(value: object, lookup: Callable[[str], object], known: Iterable[str]) -> None:
    allowed = set(known)
    for code in _codes(value):
        if code not in allowed:
            try:
                lookup(code)  # raises with the closest codes, in French
            except NotFoundError as error:
                raise ValidationError(str(error)) from None
            raise ValidationError(f"« {code} » n'est pas un code : utilisez le code, pas le libellé.")


def validate_domains(value: object) -> None:
    """A list of fragility domain codes (emploi, sante...)."""
    _check_all(value, vocabulary.domain, vocabulary.domain_codes())


def validate_catalyst_activities(value: object) -> None:
    """A list of catalyst activity codes (dialogue_territorial...)."""
    _check_all(value, vocabulary.catalyst_activity, (a.code for a in vocabulary.catalyst_activities()))


def validate_levers(value: object) -> None:
    """A list of lever codes of an innovative project (faire_alliance...)."""
    _check_all(value, vocabulary.lever, (lever.code for lever in vocabulary.levers()))


def validate_partnership_model(value: str) -> None:
    """A partnership model code, or empty."""
    if value:
        _check_all([value], vocabulary.partnership_model, (m.code for m in vocabulary.partnership_models()))


def validate_territory(level: str, code: str) -> None:
    """The territory ``code`` exists at ``level`` (raises on the ``territory_code`` field)."""
    try:
        territories.territory(code, level)
    except NotFoundError as error:
        raise ValidationError({"territory_code": str(error)}) from None
