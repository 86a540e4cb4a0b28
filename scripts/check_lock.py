"""Fail when requirements/*.txt no longer satisfy pyproject.toml's dependencies (run `make lock`).

The lock files pin every package the venv and CI install; a dependency added to or tightened in
pyproject.toml without refreshing them would otherwise go unnoticed until a fresh clone fails to start.
Each declared requirement must be pinned in its lock (runtime ones in both) at a version its specifier
accepts. Run by `make lint` and by tests/test_lock.py.
"""

from __future__ import annotations

import sys
import tomllib
from pathlib import Path

from packaging.markers import default_environment
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parents[1]


def pins(lock: Path) -> dict[str, list[tuple[str, str]]]:
    """Package name -> [(version, marker)] pinned in a `uv pip compile` output (a universal lock may pin
    one package twice, under exclusive markers)."""
    found: dict[str, list[tuple[str, str]]] = {}
    for line in lock.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line or line.startswith(("#", "-")):
            continue
        requirement, _, marker = line.partition(";")
        name, _, version = requirement.partition("==")
        found.setdefault(canonicalize_name(name.split("[")[0]), []).append((version.strip(), marker.strip()))
    return found


def problems(root: Path = ROOT) -> list[str]:
    """What is missing or stale in the lock files, one sentence per requirement; empty when in step."""
    project = tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    wanted = {
        "runtime": list(project["dependencies"]),
        "dev": list(project["dependencies"]) + list(project["optional-dependencies"]["dev"]),
    }
    environment = default_environment()
    issues = []
    for lock_name, declared in wanted.items():
        lock = root / "requirements" / f"{lock_name}.txt"
        if not lock.exists():
            issues.append(f"{lock.relative_to(root)} is missing")
            continue
        pinned = pins(lock)
        for text in declared:
            requirement = Requirement(text)
            if requirement.marker is not None and not requirement.marker.evaluate(environment):
                continue
            versions = pinned.get(canonicalize_name(requirement.name), [])
            if not versions:
                issues.append(f"{text!r} is not in {lock.relative_to(root)}")
            elif not any(requirement.specifier.contains(pin, prereleases=True) for pin, _ in versions):
                pinned_text = ", ".join(version for version, _ in versions)
                issues.append(f"{text!r} does not accept {pinned_text} pinned in {lock.relative_to(root)}")
    return issues


def main() -> int:
    issues = problems()
    for issue in issues:
        print(f"lock out of date: {issue}", file=sys.stderr)
    if issues:
        advice = "pyproject.toml changed since the lock files: run `make lock` and commit requirements/"
        print(advice, file=sys.stderr)
    return 1 if issues else 0


if __name__ == "__main__":
    sys.exit(main())
