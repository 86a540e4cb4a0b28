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
    "reference.listing.dimensions": "Les {count} dimensions des fragilités",
    "reference.listing.domains": "Les {count} domaines de fragilité",
    "reference.listing.populations": "Les populations interrogées",
    "reference.listing.categories": "Les {count} catégories de partenariat",
    "reference.listing.models": "Les {count} modèles de partenariat",
    "reference.listing.catalysts": "Les métiers de la co-construction territoriale",
    "reference.listing.impacts": "Les {count} impacts des alliances",
    "reference.listing.levers": "Les {count} leviers d'un projet innovant",
    "reference.listing.association_levers": "Les {count} leviers du modèle socio-économique associatif",
    "reference.listing.programmes": "Les programmes d'études de l'Observatoire",
    "reference.listing.studies": "Les études citées",
    "reference.column.code": "Code",
    "reference.column.label": "Libellé",
    "reference.column.short_label": "Libellé court",
    "reference.column.dimension": "Dimension",
    "reference.column.domains": "Domaines",
    "reference.column.segments": "Catégories",
    "reference.column.definition": "Définition",
    "reference.column.category": "Catégorie",
    "reference.column.activities": "Activités",
    "reference.column.name": "Intitulé",
    "reference.column.questions": "Questions",
    "reference.column.question": "Question",
    "reference.column.period": "Période",
    "reference.column.objective": "Objectif",
    "reference.column.programme": "Programme",
    "reference.column.population": "Population",
    "reference.column.fieldwork": "Terrain",
    "reference.cli.vocabulary": "Lister le vocabulaire partagé : {names}.",
    "reference.territory.level.nation": "nation",
    "reference.territory.level.region": "région",
    "reference.territory.level.survey_region": "région d'enquête",
    "reference.territory.level.macro_region": "macro-région",
    "reference.territory.level.departement": "département",
    "reference.territory.level.epci": "EPCI",
    "reference.territory.level.commune": "commune",
    "reference.territory.level.region_2015": "région d'avant 2016",
    "reference.territory.short": "{name} ({level} {code})",
    "reference.territory.located": "{name} ({level} {code}, {departement})",
    "reference.territory.empty": "aucun territoire demandé : saisissez un code, un code postal ou un nom",
    "reference.territory.unknown_level": "niveau de territoire « {level} » inconnu (niveaux : {levels})",
    "reference.territory.at_level": " au niveau « {level} »",
    "reference.territory.unknown_code": "aucun territoire n'a le code « {code} »{where}",
    "reference.territory.unknown_name": "aucun territoire ne s'appelle « {name} »{where}",
    "reference.territory.suggestions": "Territoires proches : {candidates}",
    "reference.territory.ambiguous": "« {query} » désigne plusieurs territoires : {candidates} ; "
    "précisez le code ou le niveau",
    "reference.territory.and_more": "et {count} autres",
    "reference.territory.not_grouped": "{region} n'appartient à aucune {level} : ces regroupements ne "
    "couvrent que la France métropolitaine",
    "reference.territory.describe.title": "{name} — {level} {code}",
    "reference.territory.describe.population": "Population : {population} habitants "
    "(population municipale {year}{note})",
    "reference.territory.describe.mayotte": " ; Mayotte : recensement de 2017",
    "reference.territory.describe.postcodes": "Codes postaux : {postcodes}",
    "reference.territory.describe.also": "Ce code ou ce nom désigne aussi : {candidates}",
    "reference.territory.describe.parents": "Rattachements :",
    "reference.territory.describe.groupings": "Regroupements des études :",
    "reference.territory.describe.members": "Composition : {members}",
    "reference.territory.describe.count": "Communes : {count}",
    "reference.territory.describe.line": "  {label} : {name} ({code})",
    "reference.territory.describe.source": "Source : INSEE, Code officiel géographique {cog}, "
    "populations légales {year}.",
    "reference.boundaries.unknown_level": "pas de contours pour le niveau « {level} » (niveaux : {levels})",
    "reference.cli.territoires": "Afficher un territoire et ses rattachements, à partir d'un code INSEE, "
    "d'un code postal ou d'un nom (ex. : 13055, 13001, Marseille, 2A, PACA).",
    "reference.cli.territoires.level": "Niveau du code ou du nom cherché : nation, region, departement, "
    "commune, survey_region, macro_region, epci, region_2015 (sans niveau, un code à 2 ou 3 caractères est "
    "un département).",
    # --- surveys ------------------------------------------------------------------------------------
    "surveys.file_not_found": "fichier introuvable",
    "surveys.unsupported_format": "format « {suffix} » non pris en charge (formats acceptés : {accepted})",
    "surveys.unreadable": "fichier {kind} illisible : son contenu ne suit pas le format {kind} "
    "(relancez avec --debug pour le détail technique)",
    "surveys.empty_file": "le fichier est vide (une ligne d'en-tête avec les noms de colonnes est attendue)",
    "surveys.no_columns": "aucune colonne trouvée (une ligne d'en-tête nommant les colonnes est attendue)",
    "surveys.empty_header": "une colonne remplie n'a pas de nom dans la ligne d'en-tête",
    "surveys.duplicate_column": "ce nom de colonne apparaît plusieurs fois dans l'en-tête",
    "surveys.sheet_not_found": "la feuille « {sheet} » n'existe pas dans ce classeur (feuilles : {sheets})",
    "surveys.codebook.missing_column": "colonne obligatoire absente du dictionnaire des codes "
    "(colonnes : {expected})",
    "surveys.codebook.empty": "le dictionnaire des codes ne déclare aucune variable",
    "surveys.codebook.no_name": "nom de variable manquant",
    "surveys.codebook.duplicate_variable": "la variable « {variable} » est déjà déclarée ligne {first}",
    "surveys.codebook.several_of_kind": "une seule variable de type « {kind} » est possible "
    "(déclarées : {names})",
    "surveys.codebook.bad_type": "type « {value} » inconnu (types acceptés : {accepted})",
    "surveys.codebook.bad_number": "« {value} » n'est pas un nombre",
    "surveys.codebook.rating_needs_bounds": "une échelle de notes (type rating) doit avoir un min et un max",
    "surveys.codebook.bounds_reversed": "le max ({high}) est inférieur au min ({low})",
    "surveys.codebook.bad_labels": "« {value} » : attendu code=libellé, séparés par | "
    "(ex. 1=Homme|2=Femme), codes distincts",
    "surveys.codebook.unknown_domain": "domaine « {value} » inconnu du vocabulaire",
    "surveys.validation.more_problems": "(et {count} autre(s) problème(s) dans le fichier)",
    "surveys.validation.no_rows": "le fichier ne contient aucune ligne de données",
    "surveys.validation.missing_column": "colonne absente du fichier (elle est déclarée dans le dictionnaire "
    "des codes)",
    "surveys.validation.not_a_number": "« {value} » n'est pas un nombre (colonne numérique)",
    "surveys.validation.bad_weight": "poids {value} invalide : un poids doit être strictement positif",
    "surveys.validation.bad_weight_missing": "poids manquant : chaque répondant doit avoir un poids "
    "strictement positif",
    "surveys.validation.bad_fpc": "correction de population finie {value} invalide : elle doit être "
    "strictement positive",
    "surveys.validation.bad_fpc_missing": "correction de population finie manquante",
    "surveys.validation.required": "valeur manquante : une variable de type « {kind} » doit être renseignée "
    "pour chaque répondant",
    "surveys.validation.not_in_labels": "valeur « {value} » absente des modalités prévues ({expected})",
    "surveys.validation.out_of_scale": "note « {value} » hors de l'échelle {low} à {high} (nombre entier "
    "attendu{missing})",
    "surveys.validation.missing_codes": " ; codes de non-réponse déclarés : {codes}",
    "surveys.validation.out_of_bounds": "valeur {value} hors de l'intervalle attendu, de {low} à {high}",
    "surveys.validation.duplicate_id": "identifiant « {value} » en double (déjà ligne {first})",
    "surveys.validation.unknown_territory": "code de territoire « {value} » inconnu (niveau {level}).",
    "surveys.validation.territory_name": "« {value} » est le nom d'un territoire : indiquez son code, "
    "« {code} »",
    "surveys.store.no_wave": "aucune vague {wave} importée pour l'étude « {study} » (vagues importées : "
    "{available})",
    "surveys.store.bad_study": "nom d'étude « {study} » invalide : il sert de nom de dossier "
    '(pas de / \\ : * ? " < > |, pas de point au début)',
    "surveys.store.bad_wave": "vague « {wave} » invalide : l'année de terrain est attendue (ex. 2019)",
    "surveys.cli.help": "Importer une vague d'enquête (SPSS .sav, CSV, Excel, Parquet) validée par son "
    "dictionnaire des codes dans l'espace de travail.",
    "surveys.cli.codebook": "Dictionnaire des codes (CSV ou Excel, voir docs/codebook.md).",
    "surveys.cli.study": "Étude, ex. IMPACT-Citoyens.",
    "surveys.cli.wave": "Année de terrain de la vague, ex. 2019.",
    "surveys.cli.population": "Population enquêtée (citoyens, entreprises, associations, maires...).",
    "surveys.cli.sheet": "Feuille du classeur Excel (la première par défaut).",
    "surveys.cli.synthetic": "Marquer la vague comme données synthétiques (démonstration).",
    "surveys.cli.problems": "{count} problème(s) trouvé(s) :",
    "surveys.cli.more": "… et {count} autre(s).",
    "surveys.cli.done": "Vague {wave} de l'étude « {study} » ({population}) importée : {n} répondants, "
    "{variables} variables, dans {path}",
    "surveys.cli.ignored": "Colonnes absentes du dictionnaire des codes, non importées : {columns}",
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
    "stats.fpc2_missing": "avec une correction de population finie au premier degré (« {fpc} ») et un second "
    "degré (« {psu2} »), donnez aussi la correction du second degré (fpc2).",
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
    "stats.cli.estimate_help": "Estimations pondérées (moyennes, proportions, top-box) avec erreur type, "
    "intervalle de confiance, effectifs et effet de plan, pour l’ensemble et par groupe, comme le paquet R "
    "survey. DATA : fichier .csv, .parquet, .sav ou .xlsx.",
    "stats.cli.weight": "Colonne des poids.",
    "stats.cli.strata": "Colonne des strates.",
    "stats.cli.psu": "Colonne des unités primaires (grappes).",
    "stats.cli.fpc": "Colonne de correction de population finie (effectif de la population ou taux de sondage).",
    "stats.cli.by": "Colonne des groupes (région, taille...) : une estimation par groupe en plus de l’ensemble.",
    "stats.cli.mean": "Variable dont estimer la moyenne (répétable).",
    "stats.cli.proportion": "Part des réponses égales à une valeur, VARIABLE=VALEUR (répétable).",
    "stats.cli.top_box": "Part des réponses dans une plage, VARIABLE=8-10 (répétable).",
    "stats.cli.compare": "Comparer chaque groupe au reste de la population (test t du plan ; drapeau + ou -).",
    "stats.cli.level": "Niveau de confiance des intervalles (le seuil des drapeaux est 1 − niveau).",
    "stats.cli.ci": "Intervalle normal, ou de Student avec les degrés de liberté du plan.",
    "stats.cli.lonely": "Règle pour une strate à une seule unité primaire (comme survey.lonely.psu de R).",
    "stats.cli.format": "Format de sortie.",
    # stats: calibration and significance tests
    "stats.calib.no_margin": "aucune marge ni total de calage : indiquez au moins une marge de population.",
    "stats.calib.margin_table": "la marge « {margin} » doit avoir les colonnes {columns} et une seule colonne "
    "d’effectifs ; colonnes trouvées : {found}.",
    "stats.calib.bad_count": "marge « {margin} » : l’effectif de population de {categories} n’est pas un nombre "
    "strictement positif. Corrigez le fichier de marge (une catégorie vide se retire de la marge).",
    "stats.calib.duplicate_category": "marge « {margin} » : {categories} apparaît plusieurs fois ; chaque "
    "catégorie doit avoir une seule ligne.",
    "stats.calib.missing_values": "la variable de calage « {margin} » est vide aux observations {rows} : "
    "complétez-la (ou imputez-la) avant le calage.",
    "stats.calib.absent_from_margin": "marge « {margin} » : {categories} présente(s) dans l’échantillon "
    "({count} répondants) mais absente(s) de la marge de population. Ajoutez-la(les) au fichier de marge ou "
    "recodez-la(les).",
    "stats.calib.absent_from_sample": "marge « {margin} » : {categories} présente(s) dans la population mais "
    "sans aucun répondant. Regroupez-la(les) avec une catégorie voisine, dans les données et dans la marge.",
    "stats.calib.totals_disagree": "les marges ne décrivent pas la même population (totaux : {totals}). "
    "Corrigez les fichiers de marge pour qu’ils aient le même total.",
    "stats.calib.bad_epsilon": "seuil de convergence invalide : {epsilon} (un nombre strictement positif).",
    "stats.calib.bad_maxit": "nombre maximal d’itérations invalide : {maxit} (un entier au moins égal à 1).",
    "stats.calib.bad_bounds": "bornes invalides ({low}, {high}) : il faut borne basse ≤ 1 ≤ borne haute et "
    "borne basse < borne haute.",
    "stats.calib.trim_all": "tous les poids sont hors des bornes ({low}, {high}) : impossible de les écrêter.",
    "stats.calib.rake_no_convergence": "le redressement (raking) n’a pas convergé en {maxit} itérations : la "
    "marge « {margin} » s’écarte encore de {deviation} (effectif pondéré) de la population, et le critère "
    "d’arrêt (aucune cellule ne bouge de {epsilon} ou plus entre deux passes) n’est pas atteint. Augmentez "
    "--maxit, relâchez --epsilon ou regroupez des catégories peu représentées.",
    "stats.calib.greg_no_convergence": "le calage n’a pas convergé en {maxit} itérations : la contrainte "
    "« {constraint} » reste à un écart relatif de {misfit}. Élargissez les bornes ou regroupez des catégories.",
    "stats.calib.collinear": "les variables de calage sont redondantes ({names}) : retirez-en une.",
    "stats.calib.bad_total": "le total de population de « {column} » n’est pas un nombre fini : {total}.",
    "stats.calib.logit_bounds": "le calage « logit » exige des bornes finies encadrant strictement 1 "
    "(par exemple 0,5 et 2).",
    "stats.calib.bad_calfun": "méthode de calage « {calfun} » inconnue : choisissez linear, raking ou logit.",
    "stats.calib.bad_margin_spec": "marge « {spec} » invalide : écrivez COLONNE=FICHIER.csv "
    "(par exemple region=marges_region.csv).",
    "stats.calib.bad_bounds_spec": "bornes « {spec} » invalides : écrivez BASSE,HAUTE (par exemple 0.3,3).",
    "stats.calib.summary": "Redressement terminé en {iterations} itération(s) : {rows} répondants, poids "
    "« {column} » de {low} à {high} (rapport au poids initial de {glow} à {ghigh}), écart maximal aux marges "
    "{deviation}. Fichier écrit : {out}",
    "stats.calib.rake_help": "Redresser les poids d’une enquête (DATA : .csv, .xlsx, .sav ou .parquet) par "
    "raking sur des marges de population, et écrire les données avec le poids redressé dans OUT (.parquet)."
    "\n\nFichier de marge (CSV, un par --margin) : une colonne de modalités (en-tête : le nom de la "
    "colonne COL des données) puis une colonne d’effectifs de population, par exemple :\n\n\b\n"
    "    sexe,effectif\n    F,31200000\n    H,29800000\n\n"
    "Pour une marge croisée, --margin region+sexe=FICHIER.csv avec les colonnes region, sexe, effectif. "
    "Chaque modalité des données doit figurer dans la marge, et inversement ; toutes les marges doivent "
    "avoir le même total.",
    "stats.calib.cli.weight": "Colonne des poids initiaux (strictement positifs).",
    "stats.calib.cli.margin": "Marge de population COL=FICHIER.csv (répéter l’option pour chaque marge).",
    "stats.calib.cli.out": "Fichier .parquet à écrire (données + poids redressé).",
    "stats.calib.cli.weight_out": "Nom de la colonne du poids redressé (par défaut : <W>_cal).",
    "stats.calib.cli.epsilon": "Seuil de convergence : sans --bounds, variation maximale d’une cellule entre "
    "deux passes (défaut 1, comme rake de R ; < 1 : fraction du total des poids) ; avec --bounds, écart "
    "relatif maximal aux marges (défaut 1e-7, comme calibrate de R).",
    "stats.calib.cli.maxit": "Nombre maximal d’itérations (défaut 50).",
    "stats.calib.cli.bounds": "Bornes BASSE,HAUTE du rapport poids redressé / poids initial (par exemple "
    '0.3,3) : raking borné, comme calibrate(calfun = "raking", bounds = ) de R.',
    "stats.test.bad_level": "seuil de significativité invalide : {level} (strictement entre 0 et 1).",
    "stats.test.domain_missing": "la colonne de groupe est vide aux observations {rows} : chaque répondant doit "
    "appartenir à un groupe.",
    "stats.test.variable_length": "la variable « {variable} » doit avoir {n} valeurs (une par observation), "
    "pas {got}.",
    "stats.test.domain_length": "la colonne de groupe doit avoir {n} valeurs (une par observation), pas {got}.",
    "stats.test.no_rest": "le groupe « {group} » contient tous les répondants à « {variable} » : pas de reste "
    "de la population auquel le comparer.",
    "stats.test.too_few_categories": "la variable « {variable} » n’a qu’une modalité renseignée : pas de "
    "tableau croisé à tester.",
    "stats.test.bad_statistic": "statistique « {statistic} » inconnue : choisissez F ou Chisq.",
    "stats.test.bad_se": "erreur type invalide pour la vague {wave} : {se} (un nombre positif ou nul).",
    # end of stats: calibration and significance tests
    # --- indices ------------------------------------------------------------------------------------
    "indices.file_missing": "fichier introuvable",
    "indices.not_utf8": "le fichier n'est pas encodé en UTF-8",
    "indices.empty_file": "fichier vide : une ligne d'en-tête est attendue",
    "indices.missing_column": "colonne absente ; colonnes attendues : {expected}",
    "indices.field_count": "{found} champs au lieu de {expected} (autant que l'en-tête)",
    "indices.empty_field": "valeur vide ; une valeur est obligatoire",
    "indices.bad_toml": "syntaxe TOML invalide vers la colonne {column} (une table [[indicator]] de lignes "
    'clé = "valeur" est attendue ; relancez avec --debug pour le détail technique)',
    "indices.toml_no_table": "aucune table [[indicator]] : une table par indicateur est attendue",
    "indices.missing_field": "champ obligatoire absent de cet indicateur (n° de table [[indicator]])",
    "indices.no_indicator": "aucun indicateur déclaré",
    "indices.duplicate_indicator": "indicateur « {code} » déjà déclaré ligne {first}",
    "indices.unknown_domain": "domaine « {domain} » inconnu ; codes attendus : {expected}",
    "indices.bad_direction": "sens « {value} » invalide : 1 (plus haut = plus fragile) ou -1 attendu",
    "indices.bad_goalposts": "bornes invalides : goalpost_low et goalpost_high vont ensemble, low < high",
    "indices.bad_weight": "poids « {value} » invalide : un nombre strictement positif est attendu",
    "indices.not_a_number": "« {value} » n'est pas un nombre (ex. 12.5 ou 12,5)",
    "indices.empty_value": "valeur vide : un nombre est attendu (une donnée manquante est une ligne absente)",
    "indices.bad_year": "année « {value} » invalide : un entier sur 4 chiffres est attendu (ex. 2019)",
    "indices.unknown_territory": (
        "code territoire « {code} » inconnu (région, département ou nation attendu).{suggestions}"
    ),
    "indices.unknown_indicator": "indicateur « {code} » absent des métadonnées.{suggestions}",
    "indices.duplicate_value": (
        "doublon : ({territory}, {indicator}, {year}) figure déjà ligne {first} ; une seule valeur attendue"
    ),
    "indices.bad_level": "niveau « {value} » inconnu ; niveaux attendus : {expected}",
    "indices.ambiguous_territory": (
        "code « {code} » ambigu ({levels}) : précisez le niveau, par ex. region:{code}, ou ajoutez une "
        "colonne territory_level"
    ),
    "indices.code.region": "régions",
    "indices.code.departement": "départements",
    "indices.code.nation": "nation",
    "indices.audit.title": "Audit méthodologique des indices de fragilité objective",
    "indices.audit.coverage": "Couverture des indicateurs",
    "indices.audit.excluded": "Territoires-années exclus faute de données",
    "indices.audit.imputed": "Valeurs imputées",
    "indices.audit.treatment": "Asymétrie et aplatissement (traitement des valeurs extrêmes)",
    "indices.audit.winsorised": "Points winsorisés",
    "indices.audit.correlations": "Corrélations signalées (négatives ou > 0,9)",
    "indices.audit.alpha": "Cohérence interne (alpha de Cronbach)",
    "indices.audit.rank_moves": "Rangs les plus sensibles aux choix de méthode (Monte Carlo)",
    "indices.audit.nothing": "Rien à signaler.",
    "indices.audit.yes": "oui",
    "indices.audit.no": "non",
    "indices.code.negative": "négative",
    "indices.code.redundant": "redondante",
    "indices.code.coverage": "couverture insuffisante",
    "indices.code.no_variance": "aucune variation",
    "indices.code.previous_year": "année précédente",
    "indices.code.peer_mean": "moyenne des pairs",
    "indices.column.domain": "domaine",
    "indices.column.territory_level": "niveau",
    "indices.column.indicator": "indicateur",
    "indices.column.coverage": "couverture",
    "indices.column.kept": "retenu",
    "indices.column.reason": "motif",
    "indices.column.territory": "territoire",
    "indices.column.year": "année",
    "indices.column.method": "méthode",
    "indices.column.value": "valeur",
    "indices.column.skew_before": "asymétrie avant",
    "indices.column.kurtosis_before": "aplatissement avant",
    "indices.column.n_winsorised": "points winsorisés",
    "indices.column.skew_after": "asymétrie après",
    "indices.column.kurtosis_after": "aplatissement après",
    "indices.column.still_outlying": "encore hors seuils",
    "indices.column.original": "valeur d'origine",
    "indices.column.treated": "valeur traitée",
    "indices.column.indicator_a": "indicateur A",
    "indices.column.indicator_b": "indicateur B",
    "indices.column.r": "r de Pearson",
    "indices.column.flag": "signal",
    "indices.column.n_indicators": "indicateurs",
    "indices.column.cronbach_alpha": "alpha",
    "indices.column.rank": "rang",
    "indices.column.rank_low": "rang bas (5 %)",
    "indices.column.rank_high": "rang haut (95 %)",
    "indices.column.rank_median": "rang médian",
    "indices.column.width": "amplitude",
    "indices.column.widened": "élargi",
    "indices.column.assumption": "hypothèse",
    "indices.column.first_order": "part seule (1er ordre)",
    "indices.column.total_order": "part totale",
    "indices.audit.sensitivity": "Quelle hypothèse fait bouger les rangs (parts de variance de Sobol')",
    "indices.code.normalisation": "normalisation",
    "indices.code.weights": "pondération",
    "indices.code.aggregation": "agrégation",
    # --- diagnosis ----------------------------------------------------------------------------------
    "store.nothing_published": "aucune construction publiée : lancez `observatoire build`",
    "store.schema_too_new": (
        "la base de résultats est au schéma {found}, plus récent que celui de ce logiciel ({expected}) :"
        " mettez l'Observatoire à jour"
    ),
    "store.bad_url": "adresse de base de données invalide : {url}",
    "store.unreachable": "base de résultats inaccessible ({error}) : vérifiez DATABASE_URL et le serveur",
    "store.build_running": "une autre construction est en cours sur cette base : attendez qu'elle se termine",
    "store.build_needs_label": "une construction doit avoir un libellé et une source",
    "store.build_empty": "la construction n° {id} ne contient aucun résultat : elle n'est pas publiée",
    "store.build_closed": "la construction n° {id} est terminée : on ne peut plus y ajouter de résultats",
    "store.build_not_found": "construction n° {id} introuvable ou non terminée",
    "store.bad_keep": "nombre de constructions à conserver invalide : {keep} (au moins 1)",
    "store.bad_min_base": "seuil de publication invalide : {min_base} (un effectif positif ou nul)",
    "store.rows.not_frame": "les résultats doivent être un tableau pandas (DataFrame), pas {kind}",
    "store.rows.unknown_columns": "colonnes inconnues dans les résultats : {columns}",
    "store.rows.missing_columns": "colonnes obligatoires absentes des résultats : {columns}",
    "store.rows.empty": "valeur obligatoire manquante ou vide",
    "store.rows.not_number": "un nombre est attendu",
    "store.rows.not_finite": "un nombre fini est attendu (ni infini ; une valeur absente s'écrit vide)",
    "store.rows.not_count": "un effectif entier positif ou nul est attendu",
    "store.rows.not_boolean": "vrai ou faux est attendu",
    "store.rows.bad_extra": "un dictionnaire sérialisable en JSON est attendu (sans NaN ni infini)",
    "store.rows.unknown_level": "niveau territorial inconnu « {level} » (niveaux connus : {levels})",
    "store.rows.duplicate": (
        "résultat en double : même étude, vague, population, question, modalité, territoire, groupe et"
        " statistique qu'une ligne précédente"
    ),
    "store.query.unknown_filter": "filtre inconnu « {name} » (filtres possibles : {names})",
    "store.query.unknown_column": "colonne inconnue « {name} » (colonnes possibles : {names})",
    "store.query.bad_wave": "vague invalide : {value} (une année est attendue, par exemple 2019)",
    "store.query.bad_page": "pagination invalide : {name} = {value} (un entier positif ou nul est attendu)",
    "export.unknown_format": "format d'export inconnu « {suffix} » : choisissez {formats}",
    "export.too_many_rows": (
        "{rows} lignes dépassent la limite d'une feuille Excel ({limit}) : exportez en .csv ou .parquet"
    ),
    "export.done": "{rows} chiffres exportés dans {path} (construction n° {id}, {label}, source : {source})",
    "export.help": "Exporter tous les résultats publiés (open data) : OUT en .csv, .parquet ou .xlsx.",
    "export.sheet.data": "resultats",
    "export.sheet.columns": "colonnes",
    "export.sheet.column": "colonne",
    "export.sheet.description": "description",
    "export.column.study": "Étude : programme et population (ex. IMPACT-Citoyens)",
    "export.column.wave": "Vague : année du terrain de l'enquête",
    "export.column.population": "Population enquêtée : citoyens, entreprises, associations, maires, fondations",
    "export.column.question": "Code de la question",
    "export.column.item": "Modalité ou sous-question (ex. domaine de fragilité) ; vide si sans objet",
    "export.column.territory_level": "Niveau territorial : nation, region, survey_region, macro_region...",
    "export.column.territory": "Code du territoire : FR, code INSEE, ou code de regroupement documenté",
    "export.column.group": "Sous-population (ex. taille=pme) ou « ensemble »",
    "export.column.statistic": "Statistique : mean, top_box, share, mean_change, index, rank, gap...",
    "export.column.estimate": "Valeur estimée ; vide si le chiffre est supprimé (base insuffisante)",
    "export.column.se": "Erreur type de l'estimation (plan de sondage pris en compte)",
    "export.column.ci_low": "Borne basse de l'intervalle de confiance à 95 %",
    "export.column.ci_high": "Borne haute de l'intervalle de confiance à 95 %",
    "export.column.n": "Effectif non pondéré de répondants (base)",
    "export.column.weighted_n": "Effectif pondéré",
    "export.column.flag": "Écart significatif au reste (ou à la vague antérieure) : + plus élevé, - plus bas",
    "export.column.suppressed": "true si la base est insuffisante (moins de 30 répondants) : chiffre non publié",
    "export.column.source": "Source des données (« synthétique » pour la démonstration)",
    # diagnosis: the build (build.*)
    "build.help": "Calculer tous les résultats des vagues importées et des indicateurs, et les publier.",
    "build.min_base": "Effectif non pondéré sous lequel un chiffre n'est pas publié (défaut : 30).",
    "build.nothing": (
        "rien à calculer dans {root} : importez une vague d'enquête (`observatoire import`) "
        "ou lancez `observatoire demo`"
    ),
    "build.label": "construction de {waves} vague(s)",
    "build.source.survey": "{study} ({file})",
    "build.source.surveys": "enquêtes importées",
    "build.source.indicators": "indicateurs importés",
    "build.source.mixed": "enquêtes importées et données synthétiques",
    "build.step.wave": "{study} {wave} ({n} répondants)",
    "build.step.indices": "Indices de fragilité objective ({draws} tirages Monte-Carlo)",
    "build.done": (
        "Construction n° {id} publiée : {figures} chiffres ({suppressed} non publiés, base insuffisante), "
        "{waves} vague(s){indices}, en {seconds:.1f} s."
    ),
    "build.done.indices": " et les indices objectifs",
    "build.indices.no_values": "aucun fichier de valeurs (valeurs*.csv) à côté des métadonnées dans {folder}",
    "build.summary.title": "Résultats publiés : construction n° {id} ({label}), source : {source}.",
    "build.summary.france": "France",
    "build.summary.perceived": (
        "Citoyens, {study} {wave} — fragilités perçues les plus fortes "
        "(moyenne sur 10 ± marge d'erreur à 95 %) :"
    ),
    "build.summary.alliance": (
        "Devoir d'alliance ({study}) — part des citoyens pour qui travailler ensemble est indispensable "
        "ou nécessaire :"
    ),
    "build.summary.companies": "Entreprises ({study}) — part ayant des partenariats sociétaux en place :",
    "build.summary.associations": (
        "Associations ({study}) — part ayant des partenariats avec des entreprises :"
    ),
    "build.summary.flag+": "(+)",
    "build.summary.flag-": "(−)",
    "build.summary.suppressed": "base insuffisante",
    "build.summary.legend": (
        "+ / − : écart significatif au reste de la France (test au seuil de 5 %). "
        "Tous les chiffres : `observatoire export resultats.csv`."
    ),
    "build.demo.help": (
        "Générer l'observatoire de démonstration (données synthétiques) dans $OBSERVATOIRE_HOME, "
        "le construire et en afficher un résumé."
    ),
    "build.demo.respondents": (
        "Taille de l'échantillon citoyens 2019 (les autres vagues suivent ; défaut : 2 400)."
    ),
    "build.demo.build_only": "S'arrêter après la construction (sans résumé).",
    "build.demo.seed": "Graine du générateur (mêmes fichiers pour la même graine).",
    "build.demo.generating": "Génération des vagues synthétiques et des indicateurs…",
    "build.demo.generated": (
        "{waves} vagues importées dans {root} ({respondents} répondants), en {seconds:.1f} s."
    ),
    "build.demo.unmet": (
        "Attention : {count} chiffre(s) publié(s) non reproduit(s) à cette taille d'échantillon."
    ),
    # --- demo ---------------------------------------------------------------------------------------
    "demo.unmet": "{study} {wave}, {variable} [{codes}] {territory}/{group} ({statistic}) : {estimate:.3f} "
    "au lieu de {target} (échantillon trop petit pour tenir le chiffre publié)",
    # --- web: open-data API and serving (api., serve.) ------------------------------------------------
    "api.unknown_parameter": "paramètre inconnu : « {name} ». Paramètres possibles : {names}.",
    "api.repeated_parameter": "le paramètre « {name} » ne peut être donné qu'une fois.",
    "api.bad_text": "valeur invalide pour « {name} » : texte imprimable de {length} caractères au plus attendu.",
    "api.bad_integer": "valeur invalide pour « {name} » : « {value} » (entier de {low} à {high} attendu).",
    "api.bad_choice": "valeur invalide pour « {name} » : valeurs possibles {choices}.",
    "api.too_many_values": "trop de valeurs pour « {name} » ({count} au plus).",
    "api.missing_parameter": "le paramètre « {name} » est obligatoire.",
    "api.not_found": "Adresse inconnue de l'API : {path}. La liste des adresses est sur /api/.",
    "api.unavailable": "Aucun résultat publié pour l'instant : lancez « observatoire build ».",
    "serve.dev_key": "Refus de servir sur {host} avec la clé secrète de développement : définissez OBSERVATOIRE_SECRET_KEY (et OBSERVATOIRE_ALLOWED_HOSTS).",
    "serve.help": "Servir la plateforme web (gunicorn, fichiers statiques, migrations appliquées au démarrage).",
    "serve.host": "Adresse d'écoute.",
    "serve.port": "Port d'écoute.",
    "serve.workers": "Nombre de processus de service.",
    "serve.warmed": "{count} pages d'accueil préparées en mémoire en {seconds} s.",
    "serve.listening": "Observatoire servi sur http://{host}:{port}/ (Ctrl+C pour arrêter).",
    # --- web: map (map.) -----------------------------------------------------------------------------
    "map.class.below": "moins de {high}",
    "map.class.above": "{low} et plus",
    "map.class.between": "de {low} à moins de {high}",
    "map.class.all": "tous les territoires",
    "map.class.suppressed": "base insuffisante",
    "map.class.missing": "pas de donnée",
    "map.alt.subject": "Carte des {level} : {subject}.",
    "map.alt.empty": "Aucun chiffre publié pour ce choix.",
    "map.alt.extremes": "Valeur la plus élevée : {high} ({high_value}) ; la plus basse : {low} ({low_value}) ; {count} territoires avec un chiffre publié.",
    "map.alt.suppressed": "{count} territoire(s) en base insuffisante, sans chiffre.",
    "map.aria.territory": "{name} : {value} (classe {label})",
    "map.tooltip.territory": "Territoire",
    "map.tooltip.class": "Classe",
    "map.table.code": "Code",
    "map.table.territory": "Territoire",
    "map.lens.objectif": "Fragilité objective (indice)",
    "map.lens.citoyens": "Perçue par les citoyens",
    "map.lens.entreprises": "Perçue par les entreprises",
    "map.lens.associations": "Perçue par les associations",
    "map.lens.maires": "Perçue par les maires",
    "map.lens.ecart": "Écart perçu − objectif (citoyens)",
    "map.legend.index": "Indice de fragilité objective (1-10)",
    "map.legend.mean": "Fragilité perçue, note moyenne (1-10)",
    "map.legend.gap": "Écart perçu − objectif (points)",
    "map.title": "{domain} — {lens}, {wave}",
    "map.level.region": "régions",
    "map.level.departement": "départements",
    "map.note.survey_region": "Les chiffres d'enquête sont estimés par région d'enquête : la région d'enquête PACA réunit Provence-Alpes-Côte d'Azur et la Corse, son chiffre est donc dessiné sur les deux régions (93 et 94).",
    "map.note.departement_objective_only": "Les départements n'ont que l'indice de fragilité objective : les enquêtes ne sont pas représentatives à ce niveau.",
    "map.note.overseas": "Les départements et régions d'outre-mer (Guadeloupe, Martinique, Guyane, La Réunion, Mayotte) sont dessinés dans les encadrés à gauche de la carte : ni à l'échelle, ni à leur position réelle.",
    "map.note.gap": "Écart positif : le domaine est perçu plus fragile que ne l'indiquent les indicateurs officiels ; négatif : moins fragile.",
    "map.note.classes": "Classes par quantiles des chiffres publiés : chaque classe réunit à peu près autant de territoires.",
    "map.empty": "Aucun chiffre publié pour « {domain} » avec le regard « {lens} ». Choisissez un autre regard ou un autre domaine.",
    "map.bad_parameter": "Paramètre invalide « {name} » : {value}. Valeurs possibles : {choices}.",
    # --- web: pages (pages.) -----------------------------------------------------------------------
    "pages.published": "publié",
    "pages.suppressed": "base insuffisante",
    "pages.flag.+": "+ plus élevé",
    "pages.flag.-": "− moins élevé",
    "pages.change.+": "+ en hausse",
    "pages.change.-": "− en baisse",
    "pages.gap.fragile_percu": "fragile et perçu",
    "pages.gap.fragile_sous_percu": "fragile mais sous-perçu",
    "pages.gap.percu_non_fragile": "perçu, peu fragile objectivement",
    "pages.gap.ni_l_un_ni_l_autre": "ni l'un ni l'autre",
    "pages.col.domain": "Domaine",
    "pages.col.perceived": "Fragilité perçue (1-10)",
    "pages.col.ci_low": "IC 95 % bas",
    "pages.col.ci_high": "IC 95 % haut",
    "pages.col.flag": "Écart significatif au reste de la France",
    "pages.col.rank": "Rang perçu",
    "pages.col.tier": "Priorité",
    "pages.col.objective": "Indice objectif (1-10)",
    "pages.col.objective_rank": "Rang objectif",
    "pages.col.rank_interval": "Intervalle du rang objectif",
    "pages.col.gap": "Écart perçu − objectif",
    "pages.col.reading": "Lecture",
    "pages.col.n": "Répondants",
    "pages.col.actor": "Acteur",
    "pages.col.wave": "Vague",
    "pages.col.change": "Évolution depuis la vague précédente",
    "pages.col.change_flag": "Évolution significative",
    "pages.col.alliance": "Part « indispensable » ou « nécessaire »",
    "pages.col.actor_rank": "Rang — {actor} ({wave})",
    "pages.col.publication": "Publication",
    "pages.col.compare_perceived": "Perçu — {name}",
    "pages.col.compare_flag": "Écart au reste — {name}",
    "pages.col.compare_objective": "Objectif — {name}",
    "pages.table.domains": "Les 16 domaines de fragilité — regard des {actors}",
    "pages.table.domains_wave": "Les 16 domaines de fragilité — regard des {actors}, {wave}",
    "pages.table.domains_note": "Indice objectif {year} ; rang parmi les territoires de même niveau (1 = le plus fragile), avec son intervalle à 95 %.",
    "pages.table.actors": "Priorités par acteur (rang des domaines, 1 = première priorité)",
    "pages.table.actors_note": "Un rang absent repose sur une base insuffisante ou une question non posée.",
    "pages.table.trend": "Évolution — {domain}",
    "pages.table.alliance": "Devoir d'alliance : travailler ensemble entre acteurs du territoire",
    "pages.table.alliance_note": "Part des répondants jugeant indispensable ou nécessaire que associations, entreprises et collectivités travaillent ensemble.",
    "pages.table.national": "Les {top} premières fragilités perçues par les citoyens en France ({wave})",
    "pages.table.national_objective": "Les {top} domaines les plus fragiles selon l'indice objectif",
    "pages.table.compare": "{a} et {b} : fragilité perçue par les {actors} et indice objectif",
    "pages.choice.survey_region": "{name} (région d'enquête)",
    "pages.choice.macro_region": "{name} (macro-région)",
    "pages.error.unknown_territory": "Territoire inconnu : « {key} »",
    # --- hardening: import, build, demo, export, command line (harden.) ---------------------------------
    "surveys.encoding.mixed": "encodage mélangé : cette ligne n'est pas en UTF-8 (octet 0x{byte}) alors que "
    "la ligne {good} l'est ; lu d'une seule façon, une partie du texte serait déformée (« Ã© » pour « é »). "
    "Enregistrez le fichier entier en UTF-8 (ou entier en Windows-1252)",
    "surveys.parse.fields": "{found} champs au lieu de {expected} (nombre de colonnes de l'en-tête) : un "
    "séparateur en trop ou un guillemet mal placé ?",
    "surveys.parse.open_quote": "un guillemet ouvert sur cette ligne n'est jamais fermé",
    "surveys.parse.not_kind": "ce n'est pas un fichier {kind} valide (fichier abîmé ou d'un autre format ; "
    "relancez avec --debug pour le détail technique)",
    "surveys.validation.extreme_weight": "poids {value} : {ratio} fois le poids médian, au-delà de la limite "
    "de {limit} fois (erreur de saisie ou d'unité ?) ; relancez avec --accept-extreme-weights pour "
    "l'accepter délibérément (ce sera noté dans la vague et la construction)",
    "surveys.store.exists": "la vague {wave} de l'étude « {study} » est déjà importée ({file}, {n} "
    "répondants, le {date}) : relancez avec --replace pour la remplacer",
    "surveys.cli.replaced": "Elle remplace la vague importée le {date} ({file}, {n} répondants).",
    "surveys.cli.replace": "Remplacer la vague si elle est déjà importée (sans cette option, c'est refusé).",
    "surveys.cli.accept_extreme_weights": "Accepter des poids très éloignés du poids médian (au-delà de la "
    "limite de docs/codebook.md, refusés sinon) ; c'est noté dans la vague et dans la construction.",
    "surveys.cli.extreme_accepted": "Attention : {count} poids de plus de {limit} fois le poids médian "
    "acceptés (jusqu'à {ratio} fois), comme demandé.",
    "removal.refused": "construction refusée : elle retirerait des résultats publiés ({lost}). Des "
    "fichiers ont-ils été déplacés ou supprimés (microdata/, indicateurs/) ? Si c'est voulu, relancez avec "
    "--allow-removal",
    "removal.waves": "vague(s) {names}",
    "removal.populations": "population(s) {names}",
    "removal.indices": "les indices de fragilité objective",
    "removal.shrink": "construction refusée : elle publierait {new} chiffres au lieu des {old} de la "
    "construction n° {id} publiée ({share} de moins, au-delà de {limit}) ; les plus touchés : {details}. Si "
    "c'est voulu, relancez avec --allow-removal",
    "removal.part": "{name} {before} → {after}",
    "removal.allow": "Publier même si des vagues, populations ou chiffres de la construction publiée "
    "disparaissent (refusé sinon).",
    "builds.help": "Lister les constructions conservées (la publiée est marquée) ; "
    "`observatoire publish N` en republie une.",
    "builds.title": "Constructions conservées",
    "builds.column.id": "n°",
    "builds.column.date": "terminée le",
    "builds.column.waves": "vagues",
    "builds.column.figures": "chiffres",
    "builds.column.published": "publiée",
    "builds.published": "oui",
    "builds.no_wave": "(indices seuls)",
    "publish.help": "Republier une construction conservée (voir `observatoire builds`), d'un bloc.",
    "publish.done": "Construction n° {id} ({label}) publiée de nouveau : {figures} chiffres.",
    "demo.real_waves": "la démonstration remplace les vagues de son espace de travail par des données "
    "synthétiques ; celui-ci ({root}) contient des vagues réelles ({waves}) : elle est refusée. Lancez-la "
    "dans un autre espace de travail, par exemple OBSERVATOIRE_HOME=./observatoire-demo observatoire demo",
    "export.target.database": "export refusé : {path} est la base de résultats de l'espace de travail (ou "
    "l'un de ses fichiers) ; choisissez un autre nom, par exemple dans exports/",
    "export.target.managed": "export refusé : {path} est dans {folder}, un dossier que l'espace de travail "
    "gère (micro-données, indicateurs, rapports, démonstration) ; écrivez plutôt dans exports/",
    "export.target.directory": "export refusé : {path} est un dossier ; donnez un nom de fichier (.csv, "
    ".parquet ou .xlsx)",
    "export.target.foreign": "export refusé : {path} existe et n'est pas un export de l'observatoire ; "
    "choisissez un autre nom, ou relancez avec --force pour le remplacer",
    "export.force": "Remplacer le fichier même s'il n'est pas un export de l'observatoire (jamais dans les "
    "dossiers gérés de l'espace de travail).",
    "cli.subcommand_metavar": "COMMANDE [ARGUMENTS]...",
    # click's own texts (observatoire.cli_french): click's English text -> French
    "click:Usage:": "Utilisation :",
    "click:required": "obligatoire",
    "click:Options": "Options",
    "click:Commands": "Commandes",
    "click:Positional arguments": "Arguments",
    "click:Show this message and exit.": "Afficher cette aide et quitter.",
    "click:Show the version and exit.": "Afficher la version et quitter.",
    "click:%(prog)s, version %(version)s": "%(prog)s, version %(version)s",
    "click:Error: {message}": "Erreur : {message}",
    "click:Try '{command} {option}' for help.": "Essayez « {command} {option} » pour l'aide.",
    "click:Invalid value: {message}": "Valeur invalide : {message}",
    "click:Invalid value for {param_hint}: {message}": "Valeur invalide pour {param_hint} : {message}",
    "click:Missing argument": "Argument manquant",
    "click:Missing option": "Option manquante",
    "click:Missing parameter": "Paramètre manquant",
    "click:Missing {param_type}": "{param_type} manquant",
    "click:Missing parameter: {param_name}": "Paramètre manquant : {param_name}",
    "click:No such option {name!r}.": "Option inconnue : {name!r}.",
    "click:No such command {name!r}.": "Commande inconnue : {name!r}.",
    "click:Missing command.": "Commande manquante.",
    "click:Did you mean {possibility}?": "Vouliez-vous dire {possibility} ?",
    "click:(Did you mean one of: {possibilities}?)": "(Vouliez-vous dire l'une de celles-ci : {possibilities} ?)",
    "click:Got unexpected extra argument ({args})": "Argument en trop, inattendu ({args})",
    "click:Got unexpected extra arguments ({args})": "Arguments en trop, inattendus ({args})",
    "click:Option {name!r} requires an argument.": "L'option {name!r} demande une valeur.",
    "click:Option {name!r} requires {nargs} arguments.": "L'option {name!r} demande {nargs} valeurs.",
    "click:Option {name!r} does not take a value.": "L'option {name!r} ne prend pas de valeur.",
    "click:Argument {name!r} takes {nargs} values.": "L'argument {name!r} prend {nargs} valeurs.",
    "click:Takes {nargs} values but 1 was given.": "Prend {nargs} valeurs, mais 1 a été donnée.",
    "click:Takes {nargs} values but {len} were given.": "Prend {nargs} valeurs, mais {len} ont été données.",
    "click:Invalid start character for option ({option})": "Caractère de début d'option invalide ({option})",
    "click:Aborted!": "Interrompu.",
    "click:unknown error": "erreur inconnue",
    "click:Could not open file {filename!r}: {message}": "Impossible d'ouvrir le fichier {filename!r} : {message}",
    "click:{value!r} is not a valid {number_type}.": "{value!r} n'est pas un {number_type} valide.",
    "click:{value} is not in the range {range}.": "{value} est hors de l'intervalle {range}.",
    "click:{value!r} is not a valid boolean. Recognized values: {states}": "{value!r} n'est pas un booléen valide. Valeurs reconnues : {states}",
    "click:{value!r} is not {choice}.": "{value!r} n'est pas {choice}.",
    "click:{value!r} is not one of {choices}.": "{value!r} n'est pas l'une des valeurs {choices}.",
    "click:Choose from:\n\t{choices}": "Choisissez parmi :\n\t{choices}",
    "click:{value!r} is not a valid UUID.": "{value!r} n'est pas un UUID valide.",
    "click:{value!r} does not match the format {format}.": "{value!r} ne suit pas le format {format}.",
    "click:{value!r} does not match the formats {formats}.": "{value!r} ne suit aucun des formats {formats}.",
    "click:{len_type} values are required, but {len_value} was given.": "{len_type} valeurs sont attendues, mais {len_value} a été donnée.",
    "click:{len_type} values are required, but {len_value} were given.": "{len_type} valeurs sont attendues, mais {len_value} ont été données.",
    "click:file": "fichier",
    "click:directory": "dossier",
    "click:path": "chemin",
    "click:{name} {filename!r} does not exist.": "{name} {filename!r} introuvable.",
    "click:{name} {filename!r} is a file.": "{name} {filename!r} est un fichier.",
    "click:{name} {filename!r} is a directory.": "{name} {filename!r} est un dossier.",
    "click:{name} {filename!r} is not readable.": "{name} {filename!r} illisible (droits insuffisants).",
    "click:{name} {filename!r} is not writable.": "{name} {filename!r} non modifiable (droits insuffisants).",
    "click:{name} {filename!r} is not executable.": "{name} {filename!r} non exécutable.",
    "click:default: {default}": "défaut : {default}",
    "click:env var: {var}": "variable d'environnement : {var}",
    "click:(dynamic)": "(dynamique)",
    "click:deprecated": "obsolète",
    "click:Do you want to continue?": "Voulez-vous continuer ?",
    "click:Confirm the action without prompting.": "Confirmer l'action sans la demander.",
    "click:Repeat for confirmation": "Répétez pour confirmer",
    "click:Error: The two entered values do not match.": "Erreur : les deux valeurs saisies diffèrent.",
    "click:Error: invalid input": "Erreur : saisie invalide",
    "click:Press any key to continue...": "Appuyez sur une touche pour continuer…",
    # --- web: journeys on phone and keyboard, legal pages (ui., legal.) ---------------------------------
    "map.note.unrated": "Pas de regard des {actors} : leur enquête ne leur demande pas de noter la fragilité des 16 domaines (leurs autres réponses sont dans les données ouvertes).",
    "map.level_option.region": "Régions",
    "map.level_option.departement": "Départements (indice objectif seulement)",
    "map.level_option.reason": "Départements : seulement avec le regard « Fragilité objective (indice) », les enquêtes n'étant pas représentatives à ce niveau.",
    "reports.col.measure": "Mesure",
    "reports.axis.scale_low": "Note de 1 (pas fragile)",
    "reports.axis.scale_high": "à 10 (très fragile)",
    "ui.no_survey": "Aucune enquête n'est publiée pour ce territoire (échantillon trop petit ou territoire non couvert par les enquêtes) : la page montre ce qui existe, ses indices de fragilité objective.",
    # --- reports ------------------------------------------------------------------------------------
    "reports.suppressed": "base insuffisante",
    "reports.not_asked": "non posé",
    "reports.and": "et",
    "reports.against.rest": "le reste de la France",
    "reports.against.previous": "la vague précédente",
    "reports.flag.higher": "plus élevé que {against} (+)",
    "reports.flag.lower": "plus faible que {against} (−)",
    "reports.flag.none": "écart non significatif",
    "reports.series.perceived": "Fragilité perçue (moyenne)",
    "reports.series.objective": "Indice de fragilité objective",
    "reports.axis.share": "Part (%)",
    "reports.chart.domains.title": "Fragilités perçues et objectives par domaine",
    "reports.chart.actors.title": "Fragilités perçues selon les acteurs",
    "reports.chart.trend.title": "Évolution entre les vagues",
    "reports.chart.shares.title": "Répartition des réponses",
    "reports.col.domain": "Domaine",
    "reports.col.perceived": "Fragilité perçue (1-10)",
    "reports.col.interval": "Intervalle de confiance à 95 %",
    "reports.col.flag": "Écart avec {against}",
    "reports.col.objective": "Indice objectif (1-10)",
    "reports.col.series": "Série",
    "reports.col.wave": "Vague",
    "reports.col.estimate": "Valeur",
    "reports.col.change": "Évolution",
    "reports.col.category": "Catégorie",
    "reports.col.answer": "Réponse",
    "reports.col.share": "Part",
    "reports.alt.domains.kind": "Graphique à points : note moyenne de fragilité perçue de 1 à 10 par domaine, avec son intervalle de confiance à 95 %.",
    "reports.alt.domains.top": "Les domaines perçus comme les plus fragiles sont {domains}.",
    "reports.alt.domains.objective": "Selon l'indice objectif (même échelle), les plus fragiles sont {domains}.",
    "reports.alt.higher": "Significativement plus élevé que {against} : {items}.",
    "reports.alt.lower": "Significativement plus faible que {against} : {items}.",
    "reports.alt.suppressed": "Base insuffisante, non représenté : {items}.",
    "reports.alt.actors.kind": "Graphique à points : fragilité perçue de 1 à 10 par domaine selon {actors}.",
    "reports.alt.flags": "« + » : significativement plus élevé que {against} ; « − » : significativement plus faible ; sans signe : écart non significatif.",
    "reports.alt.actors.top": "Domaine le plus fragile pour {actor} : {domain} ({value}).",
    "reports.alt.trend.kind": "Graphique en lignes : évolution entre les vagues de {series}.",
    "reports.alt.trend.up": "{series} : {end} en {last} contre {start} en {first}, hausse significative.",
    "reports.alt.trend.down": "{series} : {end} en {last} contre {start} en {first}, baisse significative.",
    "reports.alt.trend.stable": "{series} : {end} en {last} contre {start} en {first}, évolution non significative.",
    "reports.alt.shares.kind": "Graphique en barres : part de chaque réponse, en pourcentage.",
    "reports.alt.shares.top": "{category} : part la plus haute pour « {answer} » ({value} %).",
    "reports.first": "1re",
    "reports.nth": "{rank}e",
    "reports.cli.help": "Écrire le rapport d'un territoire (région : code INSEE ou nom ; « FR » : synthèse nationale), en HTML et PDF, avec ses données en CSV.",
    "reports.cli.all": "Écrire les rapports des 13 régions et la synthèse nationale.",
    "reports.cli.format": "Formats, séparés par des virgules : html, pdf.",
    "reports.cli.out": "Dossier où écrire les rapports (par défaut : reports/ dans l'espace de travail).",
    "reports.cli.one_or_all": "donnez un territoire (« observatoire report 93 ») ou --all, pas les deux",
    "reports.cli.done": "{name} : {paths}",
    "reports.cli.folder": "Rapports écrits dans {folder}.",
    "reports.bad_format": "format de rapport inconnu : {formats} (formats possibles : {valid})",
    "reports.not_a_region": "« {query} » n'est pas une région : donnez un code INSEE de région (« 93 »), un nom de région ou « FR »",
    "reports.kicker": "Observatoire des partenariats — diagnostic territorial",
    "reports.title.region": "{name} : fragilités, perceptions et alliances",
    "reports.title.nation": "France : synthèse nationale des fragilités, perceptions et alliances",
    "reports.subtitle": "Rapport établi à partir de la construction n° {id} des résultats ({label}).",
    "reports.toc": "Sommaire",
    "reports.footer": "Observatoire des partenariats — construction n° {id}, logiciel Observatoire {version}. Chiffres issus de la base de résultats publiée ; les données du rapport sont jointes au format CSV.",
    "reports.source.synthetic": "données synthétiques (démonstration)",
    "reports.source.published": "{source}",
    "reports.source.line": "Source : Observatoire des partenariats, {source} ; construction n° {id}.",
    "reports.section.profile": "Profil du territoire",
    "reports.section.objective": "Fragilités objectives",
    "reports.section.citizens": "Fragilités perçues par les citoyens",
    "reports.section.organisations": "Regards des acteurs : citoyens, entreprises, associations",
    "reports.section.gap": "Fragilités objectives et perçues : les écarts",
    "reports.section.alliance": "Le « devoir d'alliance »",
    "reports.section.cooperation": "Priorités de coopération par acteur",
    "reports.section.practices": "Pratiques partenariales",
    "reports.section.methodology": "Annexe méthodologique",
    "reports.sentence.population": "{name} compte {population} habitants (population municipale INSEE).",
    "reports.sentence.no_index": "Aucun indice de fragilité objective n'est publié pour ce territoire.",
    "reports.sentence.no_survey": "Aucun chiffre d'enquête publié pour les {actor} sur ce territoire.",
    "reports.sentence.no_gap": "Aucune comparaison entre fragilités perçues et objectives n'est publiée pour ce territoire.",
    "reports.sentence.objective": "Domaines les plus fragiles selon les statistiques publiques : {items}.",
    "reports.sentence.objective_item": "{domain} ({rank} région sur {peers}, intervalle de rang {low}-{high})",
    "reports.sentence.source": "Enquête {study} {wave} : note de fragilité de 1 (pas fragile) à 10 (très fragile) par domaine.",
    "reports.sentence.priorities": "Premières priorités des {actor} : {domains}.",
    "reports.sentence.higher": "Significativement plus élevé que dans {against} : {domains}.",
    "reports.sentence.lower": "Significativement plus faible que dans {against} : {domains}.",
    "reports.sentence.no_difference": "Aucun domaine ne s'écarte significativement de {against}.",
    "reports.sentence.up": "En hausse significative depuis {wave} : {domains}.",
    "reports.sentence.down": "En baisse significative depuis {wave} : {domains}.",
    "reports.sentence.stable": "Aucune évolution significative depuis {wave}.",
    "reports.sentence.actor_top": "Pour les {actor} ({study} {wave}), les domaines les plus fragiles sont {domains}.",
    "reports.sentence.gap.fragile_sous_percu": "Objectivement fragiles mais peu perçus par les {actor} : {domains}.",
    "reports.sentence.gap.percu_non_fragile": "Perçus comme prioritaires par les {actor} sans être parmi les plus fragiles objectivement : {domains}.",
    "reports.sentence.gap.fragile_percu": "Objectivement fragiles et perçus comme tels par les {actor} : {domains}.",
    "reports.gap.fragile_sous_percu": "fragile mais sous-perçu",
    "reports.gap.percu_non_fragile": "perçu, pas objectivement fragile",
    "reports.gap.fragile_percu": "fragile et perçu",
    "reports.gap.ni_l_un_ni_l_autre": "ni l'un ni l'autre",
    "reports.sentence.alliance": "{value} des citoyens jugent les alliances entre acteurs nécessaires ou indispensables ({study} {wave}).",
    "reports.sentence.companies": "{value} des entreprises ont mis en place des relations partenariales ({study} {wave}).",
    "reports.sentence.associations": "{value} des associations ont un partenariat avec une entreprise ({study} {wave}).",
    "reports.sentence.share_higher": "C'est significativement plus que dans {against}.",
    "reports.sentence.share_lower": "C'est significativement moins que dans {against}.",
    "reports.sentence.share_up": "Hausse significative de {points} points depuis {wave}.",
    "reports.sentence.share_down": "Baisse significative de {points} points depuis {wave}.",
    "reports.sentence.share_stable": "Pas d'évolution significative depuis {wave}.",
    "reports.sentence.practices": "Part des organisations qui pratiquent chaque catégorie de partenariat.",
    "reports.chart.citizens": "Fragilités perçues par les citoyens ({study} {wave}) et indice objectif",
    "reports.chart.trend": "Évolution des premières fragilités perçues par les citoyens",
    "reports.chart.alliance": "Les alliances entre acteurs sont-elles nécessaires ? (citoyens)",
    "reports.chart.practices": "Catégories de partenariat pratiquées",
    "reports.col.actor": "Acteur",
    "reports.col.study": "Étude",
    "reports.col.place": "Territoire d'enquête",
    "reports.col.base": "Répondants (base)",
    "reports.col.rank": "Rang parmi les {peers} régions",
    "reports.col.rank_interval": "Intervalle de rang (5-95 %)",
    "reports.col.nation_index": "Indice France",
    "reports.table.indicators": "Indicateurs publics des domaines objectivement les plus fragiles",
    "reports.col.indicator": "Indicateur",
    "reports.col.value": "Valeur ({year})",
    "reports.col.france": "France",
    "reports.col.source": "Source",
    "reports.table.sources": "Enquêtes utilisées et territoire auquel elles sont lues",
    "reports.table.objective": "Indices de fragilité objective ({year}), 1 = peu fragile, 10 = très fragile",
    "reports.table.gap": "Classement des domaines : fragilité objective et perçue, par acteur",
    "reports.table.cooperation": "Rang de chaque domaine dans les priorités de coopération (1 = première priorité)",
    "reports.table.chart_data": "Données du graphique : {title}",
    "reports.tier.premieres": "premières priorités",
    "reports.tier.moyennes": "priorités moyennes",
    "reports.tier.faibles": "priorités faibles",
    "reports.method.levels": "Les chiffres d'enquête sont lus au niveau où les enquêtes sont échantillonnées et publiées : la région d'enquête (la région elle-même, sauf « Provence-Alpes-Côte d'Azur et Corse », réunies dans les enquêtes), à défaut la macro-région (études associations). Les indices objectifs et la comparaison perçu/objectif sont au niveau de la région.",
    "reports.method.tests": "Estimations pondérées tenant compte du plan de sondage (poids, strates, grappes ; linéarisation de Taylor), intervalles de confiance à 95 %. « + » / « − » : écart significatif avec le reste de la France (test de Student sur plan de sondage, bilatéral, seuil de 5 %) ; évolutions : différence entre vagues indépendantes, même seuil. Un écart non signalé n'est pas significatif.",
    "reports.method.suppression": "Un chiffre reposant sur moins de {min_base} répondants n'est pas publié : il est indiqué « base insuffisante ».",
    "reports.method.index": "Indice de fragilité objective : composite d'indicateurs publics (normalisation, pondération et agrégation selon le manuel OCDE/JRC), sur l'échelle 1-10 de la fragilité perçue ; l'intervalle de rang (5-95 %) vient d'une analyse d'incertitude Monte-Carlo. Priorités : premier quart des 16 domaines classés.",
    "reports.method.build": "Construction n° {id} ({label}), source : {source}, terminée le {date}, logiciel Observatoire {version}.",
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
