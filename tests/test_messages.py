"""The message catalogue (:mod:`observatoire.messages`) against the code: every key the code asks for exists,
every key is asked for somewhere, and keys built at run time belong to a declared family.

Static reading of ``src/`` (no import of the modules that call ``t``): a key is "used" when it appears as a
string literal, or as a member of a family of :data:`~observatoire.messages.DYNAMIC_KEYS`. A literal that
looks like a key of a catalogue section (``pages.something``) and is no key is a typo the check reports.
"""

import ast
import importlib
import re
from pathlib import Path

import click
import pytest

from observatoire.messages import DYNAMIC_KEYS, MESSAGES

SRC = Path(__file__).resolve().parents[1] / "src" / "observatoire"
CLICK_PREFIX = "click:"
SECTIONS = {key.split(".")[0] for key in MESSAGES if not key.startswith(CLICK_PREFIX)}
KEY_LIKE = re.compile(r"^[a-z][a-z0-9_]*(\.[A-Za-z0-9_+\-]+)+$")
FILE_NAME = re.compile(r"\.(toml|csv|json|html|css|txt|pdf|xlsx|parquet|py)$")  # « partenariats.toml »


def _trees() -> dict[Path, ast.Module]:
    return {path: ast.parse(path.read_text(encoding="utf-8")) for path in sorted(SRC.rglob("*.py"))}


TREES = _trees()


def _literals(tree: ast.Module) -> list[ast.Constant]:
    return [node for node in ast.walk(tree) if isinstance(node, ast.Constant) and isinstance(node.value, str)]


def _catalogue_values() -> set[int]:
    """The ids of the literals that make the catalogue (MESSAGES, DYNAMIC_KEYS): declaring is not using."""
    found = set()
    for node in TREES[SRC / "messages.py"].body:
        if isinstance(node, ast.AnnAssign | ast.Assign):
            found |= {id(sub) for sub in ast.walk(node) if isinstance(sub, ast.Constant)}
    return found


def _used_literals() -> set[str]:
    texts = _catalogue_values()
    return {node.value for tree in TREES.values() for node in _literals(tree) if id(node) not in texts}


def _built_keys() -> list[tuple[str, int, str]]:
    """Every ``t(f"prefix{...}")``: file, line and the literal text before the first placeholder."""
    found = []
    for path, tree in TREES.items():
        for node in ast.walk(tree):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "t"):
                continue
            if node.args and isinstance(node.args[0], ast.JoinedStr):
                head = node.args[0].values[0]
                prefix = head.value if isinstance(head, ast.Constant) else ""
                found.append((str(path.relative_to(SRC)), node.lineno, str(prefix)))
    return found


def _members() -> set[str]:
    return {prefix + suffix for prefix, suffixes in DYNAMIC_KEYS.items() for suffix in suffixes}


def test_every_key_built_at_run_time_belongs_to_a_declared_family():
    built = _built_keys()
    assert len(built) > 10
    undeclared = [f"{path}:{line} {prefix!r}" for path, line, prefix in built if prefix not in DYNAMIC_KEYS]
    assert undeclared == [], "declare the family in messages.DYNAMIC_KEYS (or write the keys out)"
    unused = set(DYNAMIC_KEYS) - {prefix for _, _, prefix in built}
    assert unused == set(), "a family no code builds any more"


def test_every_member_of_a_family_exists():
    assert sorted(_members() - set(MESSAGES)) == []


def _unknown(text: str) -> bool:
    """A literal shaped like a key of a catalogue section that is neither a key nor a family's prefix."""
    return (
        KEY_LIKE.match(text) is not None
        and not FILE_NAME.search(text)
        and text.split(".")[0] in SECTIONS
        and text not in MESSAGES
        and text not in DYNAMIC_KEYS
    )


def test_every_literal_that_looks_like_a_key_is_one():
    texts = _catalogue_values()
    unknown = sorted(
        f"{path.relative_to(SRC)}:{node.lineno} {node.value!r}"
        for path, tree in TREES.items()
        if "migrations" not in path.parts  # app labels (« agir.catalyst ») are no messages
        for node in _literals(tree)
        if id(node) not in texts and _unknown(node.value)
    )
    assert unknown == []


def test_every_key_is_used():
    used = _used_literals() | _members()
    unused = [key for key in MESSAGES if key not in used and not key.startswith(CLICK_PREFIX)]
    assert unused == []


def test_every_click_text_is_one_click_writes():
    """``click:<English>`` keys translate click's own texts: each must be a text of the installed click."""
    modules = [
        ast.parse(path.read_text(encoding="utf-8")) for path in Path(click.__file__).parent.glob("*.py")
    ]
    written = {node.value for module in modules for node in _literals(module)}
    texts = [key[len(CLICK_PREFIX) :] for key in MESSAGES if key.startswith(CLICK_PREFIX)]
    stale = [text for text in texts if text not in written]
    assert stale == []


@pytest.mark.parametrize(
    ("prefix", "module", "name"),
    [
        ("map.lens.", "observatoire.web.map.data", "LENSES"),
        ("map.level.", "observatoire.web.map.data", "LEVELS"),
        ("autodiagnostics.peers.", "observatoire.questionnaires.peers", "SCOPES"),
        ("export.column.", "observatoire.diagnosis.schema", "FIGURE_COLUMNS"),
        ("reference.territory.level.", "observatoire.reference.territories", "LEVELS"),
    ],
)
def test_a_family_covers_the_codes_it_is_built_from(prefix, module, name):
    codes = getattr(importlib.import_module(module), name)
    assert set(DYNAMIC_KEYS[prefix]) >= set(codes)


def test_the_recommendation_rings_and_the_audit_tables_have_their_words():
    from observatoire.indices import audit
    from observatoire.recommend.proximity import Ring

    rings = {ring.name.lower() for ring in Ring if ring is not Ring.FRANCE}  # France has its own sentence
    assert rings <= set(DYNAMIC_KEYS["recommend.where."])
    assert set(audit._COLUMNS) <= set(DYNAMIC_KEYS["indices.audit."])
    columns = {column for names in audit._COLUMNS.values() for column in names}
    assert columns <= set(DYNAMIC_KEYS["indices.column."])
    assert set(audit.ASSUMPTION_CODES) <= set(DYNAMIC_KEYS["indices.code."])


def test_the_checks_catch_a_typo_and_an_undeclared_family():
    assert _unknown("pages.no_such_key")
    assert not _unknown("pages.suppressed")
    assert not _unknown("map.lens.")
    assert not _unknown("observatoire.web.settings")  # no catalogue section
    assert not _unknown("partenariats.toml")
    assert "pages.nothing." not in DYNAMIC_KEYS
