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
    "reference.unknown.dimension": "dimension inconnue : « {query} »",
    "reference.unknown.domain": "domaine de fragilité inconnu : « {query} »",
    "reference.unknown.population": "population inconnue : « {query} »",
    "reference.unknown.segment": "catégorie de population inconnue : « {query} »",
    "reference.unknown.partnership_category": "catégorie de partenariat inconnue : « {query} »",
    "reference.unknown.partnership_model": "modèle de partenariat inconnu : « {query} »",
    "reference.unknown.catalyst_activity": "métier de la co-construction inconnu : « {query} »",
    "reference.unknown.impact": "impact inconnu : « {query} »",
    "reference.unknown.lever": "levier inconnu : « {query} »",
    "reference.unknown.association_lever": "levier du modèle socio-économique inconnu : « {query} »",
    "reference.unknown.programme": "programme d'études inconnu : « {query} »",
    "reference.unknown.study": "étude inconnue : « {query} »",
    "reference.unknown.listing": "liste de vocabulaire inconnue : « {query} »",
    "reference.valid_codes": "Codes possibles : {codes}.",
    "reference.no_segment": "aucune catégorie de « {population} » pour un effectif de {headcount} salariés",
    "reference.data.unreadable": "fichier de vocabulaire illisible : {error}",
    "reference.data.missing": "champ « {field} » manquant",
    "reference.data.type": "le champ « {field} » doit être {expected}",
    "reference.data.version": "le champ « version » doit être un entier positif",
    "reference.data.a_text": "un texte non vide",
    "reference.data.texts": "une liste de textes non vides",
    "reference.data.an_integer": "un entier",
    "reference.data.a_flag": "true ou false",
    "reference.data.entries": "une liste non vide d'entrées",
    "reference.data.ambiguous": "« {name} » désigne à la fois {first} et {second}",
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
    "stats.rows": "{rows}{more} (numéro d’observation, à partir de 1)",
    "stats.column_missing": "la colonne « {column} » n’existe pas dans les données. {hint}",
    "stats.not_numeric": "la colonne « {column} » doit être numérique, mais contient du texte aux observations "
    "{rows} : corrigez ces valeurs ou déclarez-les manquantes.",
    "stats.weights_invalid": "les poids (colonne « {column} ») doivent être des nombres strictement positifs ; "
    "valeurs {problem} aux observations {rows}. Corrigez ou retirez ces observations avant l’estimation.",
    "stats.weights_empty": "aucune observation : impossible de construire le plan de sondage.",
    "stats.design_missing": "la colonne de plan « {column} » ({role}) est vide aux observations {rows} : "
    "chaque observation doit avoir une valeur.",
    "stats.fpc_not_constant": "la correction de population finie (colonne « {column} ») doit être constante "
    "dans chaque {unit}, ce qui n’est pas le cas pour {unit} « {label} ».",
    "stats.fpc_too_small": "la correction de population finie (colonne « {column} ») indique moins d’unités "
    "dans la population que dans l’échantillon pour {unit} « {label} » ({pop} < {sample}).",
    "stats.fpc_invalid": "la correction de population finie (colonne « {column} ») doit être positive ; "
    "valeurs invalides aux observations {rows}.",
    "stats.lonely_psu": "la strate « {stratum} » n’a qu’une seule unité primaire (degré {stage}) : sa variance "
    "n’est pas estimable. Regroupez cette strate avec une voisine, ou choisissez une règle "
    "(lonely_psu = adjust, average, certainty ou remove).",
    "stats.lonely_all_average": "toutes les strates n’ont qu’une unité primaire : la règle « average » ne "
    "permet pas d’estimer la variance.",
    "stats.lonely_policy": "règle « {policy} » inconnue pour les strates à une seule unité primaire ; "
    "choisissez parmi : {choices}.",
    "stats.scores_shape": "les scores doivent avoir {n} lignes (une par observation), pas {got}.",
    "stats.weights_length": "le vecteur de poids doit avoir {n} valeurs (une par observation), pas {got}.",
    "stats.empty_domain": "aucune réponse à « {variable} » dans le groupe {group} : estimation impossible. "
    "Regroupez ce groupe avec un autre ou retirez-le.",
    "stats.empty_variable": "aucune réponse à « {variable} » : estimation impossible.",
    "stats.unknown_group": "la valeur « {value} » n’existe pas dans la colonne « {column} ». {hint}",
    "stats.bad_range": "plage « {spec} » invalide pour « {variable} » : écrivez par exemple 8-10.",
    "stats.bad_spec": "« {spec} » invalide : écrivez VARIABLE=VALEUR (par exemple {example}).",
    "stats.bad_level": "le niveau de confiance doit être strictement entre 0 et 1, pas {level}.",
    "stats.bad_quantile": "le quantile doit être strictement entre 0 et 1, pas {p}.",
    "stats.zero_denominator": "le dénominateur « {variable} » a un total nul{group} : ratio impossible.",
    "stats.bad_ci": "type d’intervalle « {ci} » inconnu : choisissez « normal » ou « t ».",
    "stats.no_degrees_of_freedom": "le plan n’a aucun degré de liberté (autant de strates que d’unités "
    "primaires) : utilisez l’intervalle « normal ».",
    "stats.no_statistic": "aucune statistique demandée : indiquez au moins --mean, --proportion ou --top-box.",
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
