"""What ``observatoire evaluations …`` runs, on the workspace's database (set up and migrated)."""

from __future__ import annotations

from observatoire.web.setup import setup


def demo(count: int, seed: int) -> list[str]:
    """The synthetic partnership evaluations (``web.partenariats.demo``); their openers' tokens."""
    setup()
    from observatoire.web.partenariats.demo import create_demo

    return create_demo(count, seed)
