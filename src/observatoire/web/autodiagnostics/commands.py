"""What ``observatoire autodiagnostics …`` runs: Django set up on the workspace's database, migrated."""

from __future__ import annotations

from observatoire.web.setup import setup


def demo(count: int, seed: int) -> int:
    setup()
    from observatoire.web.autodiagnostics.demo import create_demo

    return create_demo(count, seed)
