"""The questionnaire's forms, built from the instrument: Django validates every post, so a tampered
answer is refused like any wrong choice (never a 500, never saved)."""

from __future__ import annotations

from typing import Any

from django import forms

from observatoire.errors import NotFoundError
from observatoire.messages import t
from observatoire.questionnaires.model import MULTIPLE, Instrument, Section
from observatoire.reference import territories
from observatoire.reference.territories import AmbiguousTerritoryError, Territory

TERRITORY_LEVELS = (territories.COMMUNE, territories.EPCI, territories.DEPARTEMENT, territories.REGION)


def region_of(found: Territory) -> str:
    return found.code if found.level == territories.REGION else (found.region or "")


class ProfileForm(forms.Form):  # type: ignore[misc]  # Django ships no type information
    """Who answers: actor type, size band, place (resolved to its région), organisation (optional)."""

    def __init__(self, instrument: Instrument, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["actor"] = forms.ChoiceField(
            label="Vous êtes",
            choices=[(c.code, c.label) for c in instrument.actors],
            widget=forms.RadioSelect,
        )
        self.fields["size"] = forms.ChoiceField(
            label="Taille", choices=[(c.code, c.label) for c in instrument.sizes], widget=forms.RadioSelect
        )
        self.fields["territory"] = forms.CharField(
            label="Votre commune ou intercommunalité",
            help_text="Nom, code postal ou code INSEE (par exemple « Rennes », « 35000 » ou « 35238 »). "
            "Seule sa région sert à la comparaison avec vos pairs.",
            max_length=120,
        )
        self.fields["organisation"] = forms.CharField(
            label="Nom de votre organisation (facultatif)",
            help_text="Il n'apparaît que sur votre résultat ; personne d'autre ne le voit.",
            max_length=200,
            required=False,
        )
        self.found: Territory | None = None

    def clean_territory(self) -> str:
        query = str(self.cleaned_data["territory"])
        try:
            found = territories.territory(query)
        except AmbiguousTerritoryError as error:
            raise forms.ValidationError(str(error)) from error
        except NotFoundError as error:
            raise forms.ValidationError(str(error)) from error
        if found.level not in TERRITORY_LEVELS or not region_of(found):
            raise forms.ValidationError(t("autodiagnostics.form.not_a_place", name=found.name))
        self.found = found
        return query


class SectionForm(forms.Form):  # type: ignore[misc]
    """One page: the items of one section (radio buttons, or checkboxes for a ``multiple`` item)."""

    def __init__(self, section: Section, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.section = section
        for item in section.items:
            choices = [(o.code, o.label) for o in item.scale.options]
            if item.kind == MULTIPLE:
                field: forms.Field = forms.MultipleChoiceField(
                    label=item.text,
                    choices=choices,
                    required=item.required,
                    widget=forms.CheckboxSelectMultiple,
                    help_text=item.help or "",
                )
            else:
                field = forms.ChoiceField(
                    label=item.text,
                    choices=choices,
                    required=item.required,
                    widget=forms.RadioSelect,
                    help_text=item.help or "",
                )
            self.fields[item.code] = field

    def valid_answers(self) -> dict[str, Any]:
        """The answers that passed validation (saved even when others are missing)."""
        return {code: value for code, value in self.cleaned_data.items() if value not in (None, "", [])}
