"""Observatoire: territorial fragilities, partnerships and a shared diagnosis, for any French territory.

The analytics core (everything but :mod:`observatoire.web`) is a plain Python library usable from a notebook;
see ``docs/ARCHITECTURE.md`` for the layers and the dependency rule.
"""

__version__ = "0.1.0"
