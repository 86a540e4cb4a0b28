"""The curators' spreadsheet template: one column per field, French names, lists separated by « ; ».

The same columns serve the bulk import, the export (so an export imports back unchanged), the demo content
and the CSV of the open-data API. ``docs/agir.md`` documents them.
"""

from __future__ import annotations

from dataclasses import dataclass

CASES = "pratiques"
CATALYSTS = "catalyseurs"
TOOLS = "outils"
KINDS = (CASES, CATALYSTS, TOOLS)
SEPARATOR = ";"


@dataclass(frozen=True, slots=True)
class Column:
    """A column of the template: its name, the model field, what it holds (said in error messages)."""

    name: str
    field: str
    expected: str
    required: bool = False
    kind: str = "text"  # text, list, int, float, date, territory, partners, catalyst


def _common_head() -> tuple[Column, ...]:
    return (
        Column("titre", "title", "un texte de 200 caractères au plus", required=True),
        Column("resume", "summary", "un texte de 600 caractères au plus", required=True),
        Column("texte", "body", "un texte"),
    )


def _common_tail() -> tuple[Column, ...]:
    return (
        Column("licence", "licence", "une licence (CC BY 4.0 par défaut)"),
        Column("provenance", "provenance", "observatoire, seed, contribution ou synthetic"),
        Column("source", "source", "le document ou l'organisme d'origine"),
        Column("verifie_le", "verified_on", "une date AAAA-MM-JJ", kind="date"),
        Column("statut", "status", "publie, a_moderer ou refuse (publie par défaut)"),
    )


_TERRITORY = "un territoire niveau:code (commune:13055, departement:13, region:93, nation:FR)"
_DOMAINS = Column(
    "domaines", "domains", "des codes de domaines séparés par « ; » (mobilite; sante)", kind="list"
)

TEMPLATE: dict[str, tuple[Column, ...]] = {
    CASES: (
        *_common_head(),
        Column("territoire", "territory", _TERRITORY, required=True, kind="territory"),
        Column("latitude", "latitude", "un nombre décimal (43.2965)", kind="float"),
        Column("longitude", "longitude", "un nombre décimal (5.3698)", kind="float"),
        Column("echelle", "scale", "micro_local, local, regional ou national"),
        _DOMAINS,
        Column("modele", "partnership_model", "un code de modèle de partenariat (mecenat_classique…)"),
        Column("catalyseur", "catalyst", "le titre d'un catalyseur de la base", kind="catalyst"),
        Column(
            "partenaires", "partners", "type:nom séparés par « ; » (association:Les Restos)", kind="partners"
        ),
        Column("stade", "stage", "emergence, experimentation ou essaimage"),
        Column("leviers", "levers", "des codes de leviers séparés par « ; »", kind="list"),
        Column("impacts", "impacts", "performance, innovation, confiance séparés par « ; »", kind="list"),
        Column("odd", "odd", "des numéros d'ODD de 1 à 17 séparés par « ; »", kind="list"),
        Column("annee", "start_year", "une année (2019)", kind="int"),
        Column("liens", "links", "des adresses séparées par « ; »", kind="lines"),
        Column("lien", "url", "une adresse web"),
        Column("preuve", "evidence", "temoignage, documentee, evaluee_partenaires ou evaluation_externe"),
        *_common_tail(),
    ),
    CATALYSTS: (
        *_common_head(),
        Column("territoire", "territory", _TERRITORY, required=True, kind="territory"),
        Column("structure", "structure", "le type de structure"),
        Column("couverture", "coverage", "des territoires niveau:code séparés par « ; »", kind="list"),
        Column("metiers", "activities", "des codes de métiers séparés par « ; »", kind="list"),
        Column("activites", "practices", "des activités séparées par « ; »", kind="list"),
        _DOMAINS,
        Column("site", "url", "une adresse web"),
        Column("contact", "contact", "un courriel public"),
        Column("reseaux", "networks", "les réseaux"),
        Column("annee_creation", "founded", "une année (2012)", kind="int"),
        *_common_tail(),
    ),
    TOOLS: (
        *_common_head(),
        Column("leviers", "levers", "des codes de leviers séparés par « ; »", kind="list"),
        Column("questions", "questions", "des questions des leviers séparées par « ; »", kind="list"),
        Column(
            "categories",
            "categories",
            "des codes de catégories de partenariat séparés par « ; »",
            kind="list",
        ),
        Column("acteurs", "actor_types", "des types d'acteurs séparés par « ; »", kind="list"),
        Column("format", "format", "le format (guide, fiche…)"),
        _DOMAINS,
        Column("modele", "partnership_model", "un code de modèle de partenariat"),
        Column("lien", "url", "une adresse web"),
        *_common_tail(),
    ),
}


def split(cell: str) -> list[str]:
    """``"a; b;"`` -> ``["a", "b"]``."""
    return [part.strip() for part in cell.split(SEPARATOR) if part.strip()]
