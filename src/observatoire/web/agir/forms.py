"""Public contribution forms (no account): validated fields, a honeypot, French messages.

What a visitor types is stored as text and shown escaped by the templates; nothing they submit is public
before a curator publishes it.
"""

from __future__ import annotations

from typing import Any

from django import forms

from observatoire.errors import NotFoundError
from observatoire.recommend import codes
from observatoire.reference import territories, vocabulary
from observatoire.reference.territories import Territory


def _choices(entries: tuple[Any, ...]) -> list[tuple[str, str]]:
    return [(entry.code, entry.label) for entry in entries]


class TerritoryField(forms.CharField):  # type: ignore[misc]  # Django ships no type information
    """A commune, EPCI, département or région typed by name or code, resolved to one territory."""

    def clean(self, value: object) -> Territory | None:
        text = super().clean(value)
        if not text:
            return None
        try:
            return territories.territory(text)
        except NotFoundError as error:
            raise forms.ValidationError(str(error)) from None


class ContributionForm(forms.Form):  # type: ignore[misc]  # Django ships no type information
    titre = forms.CharField(label="Titre", max_length=200)
    resume = forms.CharField(
        label="Résumé (600 caractères au plus)", max_length=600, widget=forms.Textarea(attrs={"rows": 4})
    )
    territoire = TerritoryField(
        label="Territoire",
        max_length=100,
        help_text="Commune, code postal, département ou région : « Marseille », « 13 »",
    )
    domaines = forms.MultipleChoiceField(
        label="Domaines de fragilité",
        choices=_choices(vocabulary.domains()),
        widget=forms.CheckboxSelectMultiple,
    )
    lien = forms.URLField(label="Lien (facultatif)", required=False, max_length=200, assume_scheme="https")
    # A field people do not see (hidden by CSS, out of the tab order): robots fill it, people do not.
    site_web = forms.CharField(label="Ne pas remplir", required=False)

    def clean(self) -> dict[str, Any]:
        data: dict[str, Any] = super().clean()
        if data.get("site_web"):
            raise forms.ValidationError("Envoi refusé.")
        return data


class CaseContributionForm(ContributionForm):
    texte = forms.CharField(
        label="Description (facultatif)",
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 8}),
    )
    modele = forms.ChoiceField(
        label="Modèle de partenariat",
        required=False,
        choices=[("", "Je ne sais pas"), *_choices(vocabulary.partnership_models())],
    )
    acteurs = forms.MultipleChoiceField(
        label="Types de partenaires", choices=_choices(codes.ACTOR_TYPES), widget=forms.CheckboxSelectMultiple
    )
    partenaires = forms.CharField(
        label="Noms des partenaires (facultatif, un par ligne)",
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    stade = forms.ChoiceField(label="Stade", choices=_choices(codes.STAGES))
    annee = forms.IntegerField(
        label="Année de démarrage (facultatif)", required=False, min_value=1900, max_value=2100
    )


class CatalystContributionForm(ContributionForm):
    structure = forms.CharField(label="Type de structure", max_length=120, required=False)
    metiers = forms.MultipleChoiceField(
        label="Métiers de la co-construction",
        choices=_choices(vocabulary.catalyst_activities()),
        widget=forms.CheckboxSelectMultiple,
    )
    contact = forms.EmailField(label="Courriel de contact public (facultatif)", required=False)
