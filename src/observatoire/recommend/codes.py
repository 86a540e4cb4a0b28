"""The small code lists of the case base that the shared vocabulary does not hold yet: actor types, stages,
scales, evidence levels, the 17 Sustainable Development Goals (ODD). Codes are a contract (API, URLs,
import files); labels are French. The order is the one shown to users.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Code:
    code: str
    label: str


ACTOR_TYPES = (
    Code("collectivite", "Collectivité"),
    Code("entreprise_tpe", "Entreprise (TPE)"),
    Code("entreprise_pme", "Entreprise (PME)"),
    Code("entreprise_eti", "Entreprise (ETI)"),
    Code("entreprise_ge", "Grande entreprise"),
    Code("association", "Association"),
    Code("fondation", "Fondation"),
    Code("academique", "Acteur académique"),
    Code("public_national", "Acteur public national"),
)
STAGES = (
    Code("emergence", "Émergence"),
    Code("experimentation", "Expérimentation"),
    Code("essaimage", "Essaimage"),
)
SCALES = (
    Code("micro_local", "Micro-local"),
    Code("local", "Local"),
    Code("regional", "Régional"),
    Code("national", "National"),
)
#: From the weakest to the strongest: the rank is the index (the engine's tie-break).
EVIDENCE_LEVELS = (
    Code("temoignage", "Témoignage"),
    Code("documentee", "Documentée (sources publiques)"),
    Code("evaluee_partenaires", "Évaluée par ses partenaires"),
    Code("evaluation_externe", "Évaluation externe"),
)
PROVENANCES = (
    Code("observatoire", "Observatoire"),
    Code("seed", "Documents de l'Observatoire"),
    Code("contribution", "Contribution"),
    Code("synthetic", "Démonstration synthétique"),
)
ODD = tuple(
    Code(str(number), f"ODD {number} — {label}")
    for number, label in enumerate(
        (
            "Pas de pauvreté",
            "Faim « zéro »",
            "Bonne santé et bien-être",
            "Éducation de qualité",
            "Égalité entre les sexes",
            "Eau propre et assainissement",
            "Énergie propre et d'un coût abordable",
            "Travail décent et croissance économique",
            "Industrie, innovation et infrastructure",
            "Inégalités réduites",
            "Villes et communautés durables",
            "Consommation et production responsables",
            "Mesures relatives à la lutte contre les changements climatiques",
            "Vie aquatique",
            "Vie terrestre",
            "Paix, justice et institutions efficaces",
            "Partenariats pour la réalisation des objectifs",
        ),
        start=1,
    )
)
#: ODD 17, « Partenariats pour la réalisation des objectifs », is every alliance's frame.
ODD_PARTNERSHIPS = "17"


def labels(codes: tuple[Code, ...]) -> dict[str, str]:
    """``{code: label}`` of a list, for choices and display."""
    return {entry.code: entry.label for entry in codes}


def evidence_rank(code: str) -> int:
    """0 for a testimony up to 3 for an external evaluation (0 for an unknown code)."""
    return next((i for i, entry in enumerate(EVIDENCE_LEVELS) if entry.code == code), 0)
