"""Click's own messages (usage errors, missing arguments, bad values, --help headings) in French.

Click words them through :mod:`gettext` (``_()`` and ``ngettext()`` imported into each of its modules), so
that a translation can be plugged in. :func:`install` replaces those two functions in click's modules by
lookups in :mod:`observatoire.messages` (keys ``click:<click's English text>``), leaving any text we do
not translate as click wrote it. It must run before the commands are declared: a few texts (the
``--version`` line) are read when a decorator runs.
"""

from __future__ import annotations

import importlib
from typing import Any

import click

from observatoire.messages import MESSAGES

_MODULES = (
    "core",
    "decorators",
    "exceptions",
    "formatting",
    "parser",
    "types",
    "termui",
    "utils",
    "shell_completion",
    "_termui_impl",
)
# Type names click shows in messages ("'x' is not a valid integer") and, upper-cased, as metavars.
_TYPE_NAMES: dict[type[click.ParamType[Any]], str] = {
    click.types.StringParamType: "texte",
    click.types.IntParamType: "entier",
    click.types.IntRange: "entier",
    click.types.FloatParamType: "nombre",
    click.types.FloatRange: "nombre",
    click.types.BoolParamType: "booléen",
    click.types.Choice: "choix",
    click.types.Path: "chemin",
    click.types.File: "fichier",
}


def gettext(message: str) -> str:
    """The French of one of click's texts (the text itself when we have none)."""
    return MESSAGES.get(f"click:{message}", message)


def ngettext(singular: str, plural: str, count: int) -> str:
    """The French of one of click's texts that depends on a count (French: plural from 2)."""
    return gettext(singular if count < 2 else plural)


def install() -> None:
    """Make click speak French, once per process (idempotent)."""
    for name in _MODULES:
        try:
            module = importlib.import_module(f"click.{name}")
        except ImportError:  # pragma: no cover - a module a click version does not have
            continue
        hooks: dict[str, object] = {"_": gettext, "ngettext": ngettext}
        for hook, replacement in hooks.items():
            if hook in module.__dict__:
                module.__dict__[hook] = replacement
    for kind, french in _TYPE_NAMES.items():
        kind.name = french
