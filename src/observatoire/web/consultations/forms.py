"""The organiser's form (territory by INSEE code, period, up to 5 closed questions) and the public answer
form built from the ``consultation`` instrument of the questionnaire machinery."""

from __future__ import annotations

from typing import Any

from django import forms

from observatoire.errors import NotFoundError
from observatoire.messages import t
from observatoire.questionnaires.model import Instrument
from observatoire.reference import territories
from observatoire.reference.territories import Territory

LEVELS = (
    (territories.COMMUNE, "Commune"),
    (territories.EPCI, "Intercommunalité (EPCI)"),
    (territories.DEPARTEMENT, "Département"),
)
MAX_EXTRA = 5
MAX_OPTIONS = 8
HONEYPOT = "site_web"


def communes_of(found: Territory) -> list[Territory]:
    """The communes where a respondent of ``found``'s consultation may live."""
    if found.level == territories.COMMUNE:
        return [found]
    return sorted(
        (c for c in territories.children(found) if c.level == territories.COMMUNE), key=lambda c: c.name
    )


def parse_extra(text: str) -> list[dict[str, Any]]:
    """Organiser questions, one per block: the question on its first line, one answer per following line;
    blocks separated by an empty line. At most 5 questions of 2 to 8 answers."""
    blocks = [b.strip().splitlines() for b in text.replace("\r\n", "\n").split("\n\n") if b.strip()]
    if len(blocks) > MAX_EXTRA:
        raise forms.ValidationError(t("consultations.form.too_many", count=len(blocks), most=MAX_EXTRA))
    questions = []
    for number, lines in enumerate(blocks, start=1):
        options = [line.strip() for line in lines[1:] if line.strip()]
        if not 2 <= len(options) <= MAX_OPTIONS:
            raise forms.ValidationError(
                t("consultations.form.options", number=number, low=2, high=MAX_OPTIONS, found=len(options))
            )
        questions.append({"code": f"org_{number}", "text": lines[0].strip(), "options": options})
    return questions


class CreateForm(forms.Form):  # type: ignore[misc]  # Django ships no type information
    title = forms.CharField(label="Titre de la consultation", max_length=200)
    organiser = forms.CharField(label="Collectivité qui consulte", max_length=200)
    level = forms.ChoiceField(label="Niveau du territoire", choices=LEVELS, widget=forms.RadioSelect)
    code = forms.CharField(
        label="Code INSEE du territoire (commune, SIREN de l'EPCI ou département)", max_length=20
    )
    mode = forms.ChoiceField(
        label="Qui peut répondre ?",
        choices=(
            ("open", "Tous les habitants, au lien public (une réponse par navigateur)"),
            ("codes", "Un panel, avec un code à usage unique par personne"),
        ),
        initial="open",
        required=False,
        widget=forms.RadioSelect,
    )
    starts = forms.DateField(label="Début (AAAA-MM-JJ)", widget=forms.DateInput(attrs={"type": "date"}))
    ends = forms.DateField(label="Fin (AAAA-MM-JJ)", widget=forms.DateInput(attrs={"type": "date"}))
    extra = forms.CharField(
        label="Vos questions (facultatif, 5 au plus)",
        help_text="Une question par bloc : la question sur la première ligne, puis une réponse possible par "
        "ligne ; une ligne vide entre deux questions.",
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
    )

    def clean_mode(self) -> str:
        return str(self.cleaned_data.get("mode") or "open")

    def clean_extra(self) -> list[dict[str, Any]]:
        return parse_extra(self.cleaned_data.get("extra") or "")

    def clean(self) -> dict[str, Any]:
        data: dict[str, Any] = super().clean()
        level, code = data.get("level"), (data.get("code") or "").strip()
        if level and code:
            try:
                self.found = territories.territory(code, level)
            except NotFoundError as error:
                self.add_error("code", str(error))
        starts, ends = data.get("starts"), data.get("ends")
        if starts and ends and ends < starts:
            self.add_error("ends", t("consultations.form.period"))
        return data


class AnswerForm(forms.Form):  # type: ignore[misc]
    """Every item of the instrument as radio buttons, the commune of residence, the organiser's questions,
    and a honeypot field that people never see and robots fill."""

    def __init__(
        self,
        instrument: Instrument,
        communes: list[Territory],
        extra: list[dict[str, Any]],
        *args: Any,
        with_code: bool = False,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.instrument = instrument
        self.sections: list[tuple[str, str, list[str]]] = []
        if with_code:
            self.fields["code"] = forms.CharField(
                label="Votre code de réponse (reçu de la collectivité)",
                max_length=16,
                error_messages={"required": t("consultations.form.required")},
            )
            self.sections.append(("Votre code", "", ["code"]))
        for section in instrument.sections:
            names = []
            for item in section.items:
                self.fields[item.code] = forms.ChoiceField(
                    label=item.text,
                    choices=[(o.code, o.label) for o in item.scale.options],
                    widget=forms.RadioSelect,
                    error_messages={"required": t("consultations.form.required")},
                )
                names.append(item.code)
            if section.code == "profil":
                self.fields["commune"] = forms.ChoiceField(
                    label="Votre commune de résidence",
                    choices=[("", "Choisissez votre commune")] + [(c.code, c.name) for c in communes],
                    error_messages={"required": t("consultations.form.required")},
                )
                names.append("commune")
            self.sections.append((section.label, section.description, names))
        if extra:
            names = []
            for question in extra:
                self.fields[question["code"]] = forms.ChoiceField(
                    label=question["text"],
                    choices=list(enumerate(question["options"])),
                    widget=forms.RadioSelect,
                    required=False,
                )
                names.append(question["code"])
            self.sections.append(("Questions de la collectivité", "", names))
        self.fields[HONEYPOT] = forms.CharField(
            label="Ne remplissez pas ce champ",
            required=False,
            widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
        )

    def grouped(self) -> list[tuple[str, str, list[forms.BoundField]]]:
        return [(label, text, [self[name] for name in names]) for label, text, names in self.sections]

    def is_robot(self) -> bool:
        return bool(self.data.get(HONEYPOT))
