"""Questionnaires as data: versioned instruments (self-assessments, evaluation grids, consultations), their
loader with checks, the scoring, the peer statistics and the observatory's figures beside the answers.

No web framework here: the web, the API, the reports and the demo all call these functions.
"""

from observatoire.questionnaires.load import instrument, instruments, load_file, parse_instrument
from observatoire.questionnaires.scoring import Result, check_answers, score

__all__ = ["Result", "check_answers", "instrument", "instruments", "load_file", "parse_instrument", "score"]
