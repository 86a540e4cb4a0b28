"""Field validators of the case base: codes of the vocabulary and of :mod:`observatoire.recommend.codes`,
territory keys. Messages are French and name what was expected."""

from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import ValidationError

from observatoire.errors import NotFoundError
from observatoire.recommend import codes
from observatoire.recommend.proximity import footprint
from observatoire.reference import vocabulary
from observatoire.web.validators import _codes


def _one_of(value: object, what: str, known: Iterable[str]) -> None:
    allowed = list(known)
    for code in _codes(value):
        if code not in allowed:
            raise ValidationError(f"« {code} » n'est pas {what} ; codes possibles : {', '.join(allowed)}.")


def validate_actor_types(value: object) -> None:
    """A list of actor type codes (collectivite, entreprise_pme, association...)."""
    _one_of(value, "un type d'acteur", codes.labels(codes.ACTOR_TYPES))


def validate_odd(value: object) -> None:
    """A list of Sustainable Development Goal numbers, as text ("1" to "17")."""
    _one_of(value, "un ODD (1 à 17)", codes.labels(codes.ODD))


def validate_impacts(value: object) -> None:
    """A list of impact codes (performance, innovation, confiance)."""
    _one_of(value, "un impact", (i.code for i in vocabulary.impacts()))


def validate_categories(value: object) -> None:
    """A list of partnership category codes (mecenat...)."""
    _one_of(value, "une catégorie de partenariat", (c.code for c in vocabulary.partnership_categories()))


def validate_territory_keys(value: object) -> None:
    """A list of territory keys, ``niveau:code`` (``departement:13``, ``region:93``, ``commune:31555``)."""
    for key in _codes(value):
        if ":" not in key:
            raise ValidationError(f"« {key} » : un territoire s'écrit niveau:code (ex. departement:13).")
        try:
            footprint(key)
        except NotFoundError as error:
            raise ValidationError(f"« {key} » : {error}") from None
