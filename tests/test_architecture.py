"""The layer contracts of pyproject.toml hold (import-linter), and the domain stays pure: both
checked here too, so that a plain `pytest` run catches a forbidden import."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
PACKAGE = REPO / "lda_dash"
DOMAIN_FORBIDDEN = {"streamlit", "duckdb", "pandas", "plotly", "lda_dash"}


def imported_modules(path: Path) -> set[str]:
    """Every module a file imports, wherever the import stands (inside functions too)."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
    return found


def test_the_reader_sees_imports_inside_functions_too(tmp_path):
    sample = tmp_path / "sample.py"
    sample.write_text("import os.path\ndef f():\n    from streamlit import session_state\n")
    assert imported_modules(sample) == {"os.path", "streamlit"}


@pytest.mark.parametrize("path", sorted((PACKAGE / "domain").rglob("*.py")), ids=lambda p: p.name)
def test_domain_rules_import_nothing_but_the_domain_and_the_standard_library(path):
    outside = {
        module
        for module in imported_modules(path)
        if module.split(".")[0] in DOMAIN_FORBIDDEN and not module.startswith("lda_dash.domain")
    }
    assert outside == set()


def test_the_layer_contracts_hold():
    linter = Path(sys.executable).parent / "lint-imports"
    done = subprocess.run(
        [str(linter), "--no-cache"], cwd=REPO, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stdout[-3000:]
    assert "0 broken" in done.stdout
