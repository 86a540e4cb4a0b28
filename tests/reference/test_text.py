from observatoire.reference.text import closest, fold


def test_fold_ignores_accents_case_and_punctuation():
    assert fold("Provence-Alpes-Côte d'Azur") == "provence alpes cote d azur"
    assert fold("  ÉDUCATION ") == fold("education")
    assert fold("Cœur") == "coeur"


def test_closest_returns_original_spelling_best_first():
    assert closest("educaton", ["emploi", "éducation", "santé"])[0] == "éducation"
    assert closest("zzzz", ["emploi", "santé"]) == []
