"""User-facing strings, in French, in one place so that a translation can follow.

Code refers to messages by an English key; :func:`t` formats the French template. Each layer keeps its
messages in its own section below, so additions do not collide.
"""

from __future__ import annotations

from typing import Any

MESSAGES: dict[str, str] = {
    # --- common -------------------------------------------------------------------------------------
    "location.file": "fichier {file}",
    "location.row": "ligne {row}",
    "location.column": "colonne « {column} »",
    "error.unexpected": "erreur inattendue : {error} (relancez avec --debug pour le détail)",
    "error.did_you_mean": "Vouliez-vous dire : {candidates} ?",
    "synthetic.label": "Données synthétiques de démonstration : elles ne décrivent aucun territoire réel.",
    # --- cli ----------------------------------------------------------------------------------------
    "cli.help": "Observatoire des partenariats : fragilités territoriales, alliances, diagnostic partagé.",
    "cli.debug": "Afficher la trace complète des erreurs.",
    # --- reference ----------------------------------------------------------------------------------
    # --- surveys ------------------------------------------------------------------------------------
    "surveys.file_not_found": "fichier introuvable",
    "surveys.unsupported_format": "format « {suffix} » non pris en charge (formats acceptés : {accepted})",
    "surveys.unreadable": "fichier {kind} illisible ({reason})",
    "surveys.empty_file": "le fichier est vide (une ligne d'en-tête avec les noms de colonnes est attendue)",
    "surveys.no_columns": "aucune colonne trouvée (une ligne d'en-tête nommant les colonnes est attendue)",
    "surveys.empty_header": "une colonne remplie n'a pas de nom dans la ligne d'en-tête",
    "surveys.duplicate_column": "ce nom de colonne apparaît plusieurs fois dans l'en-tête",
    "surveys.sheet_not_found": "la feuille « {sheet} » n'existe pas dans ce classeur",
    # --- stats --------------------------------------------------------------------------------------
    # --- indices ------------------------------------------------------------------------------------
    # --- diagnosis ----------------------------------------------------------------------------------
    # --- demo ---------------------------------------------------------------------------------------
    # --- reports ------------------------------------------------------------------------------------
}


def t(key: str, /, **values: Any) -> str:
    """The French message for ``key``, formatted with ``values``."""
    return MESSAGES[key].format(**values)


def location_text(file: str | None, row: int | None, column: str | None) -> str:
    """« fichier X, ligne 12, colonne « poids » » with the parts that are known."""
    parts = []
    if file is not None:
        parts.append(t("location.file", file=file))
    if row is not None:
        parts.append(t("location.row", row=row))
    if column is not None:
        parts.append(t("location.column", column=column))
    return ", ".join(parts)
