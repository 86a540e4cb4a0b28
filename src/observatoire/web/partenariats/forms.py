"""The advisor's form and the evaluation's forms, built from the data (advisor rules, grid): Django
validates every post, so a tampered answer is refused as a wrong choice (never a 500, never saved)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone

from observatoire.messages import t
from observatoire.questionnaires.model import Instrument
from observatoire.questionnaires.partnership_advisor import SINGLE, AdvisorRules
from observatoire.reference import vocabulary

MAX_PARTNERS = 12
FIRST_YEAR = 1950
COMMENT_LENGTH = 1000


class AdvisorForm(forms.Form):  # type: ignore[misc]  # Django ships no type information
    """One field per question of the advisor's rules; none is required (every answer refines)."""

    def __init__(self, rules: AdvisorRules, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for question in rules.questions:
            choices = [(o.code, o.label) for o in question.options]
            if question.kind == SINGLE:
                self.fields[question.code] = forms.ChoiceField(
                    label=question.label, choices=choices, required=False, widget=forms.RadioSelect
                )
            else:
                self.fields[question.code] = forms.MultipleChoiceField(
                    label=question.label,
                    choices=choices,
                    required=False,
                    widget=forms.CheckboxSelectMultiple,
                )
        self.fields["territory"] = forms.CharField(
            label="Votre territoire (facultatif)",
            help_text="Commune, département ou région, pour les ressources les plus proches.",
            max_length=120,
            required=False,
        )

    def answers(self) -> dict[str, list[str]]:
        found: dict[str, list[str]] = {}
        for code, value in self.cleaned_data.items():
            if code == "territory" or value in (None, "", []):
                continue
            found[code] = [value] if isinstance(value, str) else list(value)
        return found


class OpenForm(forms.Form):  # type: ignore[misc]
    """Opening an evaluation: the partnership, who opens it and the other partners (one per line)."""

    name = forms.CharField(label="Nom du partenariat", max_length=200)
    model = forms.ChoiceField(label="Modèle de partenariat")
    start_year = forms.IntegerField(label="Année de début")
    objectives = forms.CharField(
        label="Objectifs du partenariat", widget=forms.Textarea(attrs={"rows": 3}), max_length=2000
    )
    territory = forms.CharField(label="Territoire", max_length=200)
    opener = forms.CharField(label="Votre organisation", max_length=200)
    partners = forms.CharField(
        label="Les autres partenaires, un par ligne",
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=4000,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["model"].choices = [
            (m.code, f"{m.category.label} — {m.label}") for m in vocabulary.partnership_models()
        ]

    def clean_start_year(self) -> int:
        year = int(self.cleaned_data["start_year"])
        high = timezone.now().year
        if not FIRST_YEAR <= year <= high:
            raise forms.ValidationError(t("partenariats.form.year", low=FIRST_YEAR, high=high))
        return year

    def clean_partners(self) -> list[str]:
        names = [line.strip()[:200] for line in str(self.cleaned_data["partners"]).splitlines()]
        names = [name for name in names if name]
        if not 1 <= len(names) <= MAX_PARTNERS - 1:
            raise forms.ValidationError(t("partenariats.form.partners", count=MAX_PARTNERS - 1))
        return names


class PartnerForm(forms.Form):  # type: ignore[misc]
    name = forms.CharField(label="Nom du partenaire à ajouter", max_length=200)


class GridForm(forms.Form):  # type: ignore[misc]
    """The whole grid on one page: a 0-4 choice and an optional comment per line. Unanswered lines are
    allowed while saving; :meth:`missing` tells what submission still needs."""

    def __init__(self, grid: Instrument, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.grid = grid
        for item in grid.items:
            self.fields[item.code] = forms.ChoiceField(
                label=item.text,
                choices=[(o.code, o.label) for o in item.scale.options],
                required=False,
                widget=forms.RadioSelect,
            )
            if item.comment:
                self.fields[f"{item.code}__commentaire"] = forms.CharField(
                    label=f"Commentaire (facultatif) — {item.text.split(' — ')[0]}",
                    max_length=COMMENT_LENGTH,
                    required=False,
                    widget=forms.Textarea(attrs={"rows": 1}),
                )

    def answers(self) -> dict[str, str]:
        return {i.code: v for i in self.grid.items if (v := self.cleaned_data.get(i.code))}

    def comments(self) -> dict[str, str]:
        return {
            i.code: v.strip()
            for i in self.grid.items
            if (v := self.cleaned_data.get(f"{i.code}__commentaire")) and v.strip()
        }

    def missing(self) -> int:
        answered = self.answers()
        return sum(1 for i in self.grid.items if i.required and i.code not in answered)
