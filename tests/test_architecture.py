"""The dependency rule of docs/ARCHITECTURE.md, checked on every test run."""

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_import_contracts_hold():
    lint_imports = Path(sys.executable).with_name("lint-imports")
    command = str(lint_imports) if lint_imports.exists() else shutil.which("lint-imports")
    assert command, "import-linter is not installed: pip install -e '.[dev]'"
    result = subprocess.run([command, "--no-cache"], cwd=ROOT, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


def test_no_django_import_outside_web():
    offenders = [
        str(path.relative_to(ROOT))
        for path in (ROOT / "src" / "observatoire").rglob("*.py")
        if "web" not in path.relative_to(ROOT / "src" / "observatoire").parts
        and any(
            line.lstrip().startswith(("import django", "from django"))
            for line in path.read_text(encoding="utf-8").splitlines()
        )
    ]
    assert offenders == []
