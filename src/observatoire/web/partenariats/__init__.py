"""``/partenariats/`` (the typology and its advisor) and ``/evaluations/`` (the partnership evaluation:
each partner scores alone through its own link, then reads the mirror)."""
