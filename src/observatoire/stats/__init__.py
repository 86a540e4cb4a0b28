"""Design-based survey estimation (as R's survey package), tests and calibration.

- :mod:`~observatoire.stats.design`: :class:`Design` (strata, PSU, SSU, FPC, lonely-PSU policy,
  calibration steps) and its Taylor-linearised ``variance`` (R's ``svyrecvar``).
- :mod:`~observatoire.stats.estimators`: mean, total, ratio, proportions, quantile, one domain at a time.
- :mod:`~observatoire.stats.table`: :func:`estimate`, the tidy table of many statistics overall and by
  domains (SE, CI, n, weighted n, deff, Kish base, optional domain-vs-rest test).
- :mod:`~observatoire.stats.cells`: the fast path for small-integer items (same numbers, one pass).
- :mod:`~observatoire.stats.command`: the ``observatoire estimate`` contract.
- :mod:`~observatoire.stats.tests` and the calibration modules: significance tests, post-stratification,
  raking, GREG.
"""
