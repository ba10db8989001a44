"""Dependencies point one way: only the app's edge imports Streamlit, the domain imports no I/O."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
PACKAGE = REPO / "lda_dash"
# The benchmark drives pages as a browser would (AppTest) and draws its bare floor page.
STREAMLIT_ALLOWED = (
    "app.py", "lda_dash/auth.py", "lda_dash/ui/", "lda_dash/pages/",
    "lda_dash/scale/bench_app.py", "lda_dash/scale/bench_pages/",
)  # fmt: skip
DOMAIN_FORBIDDEN = {"streamlit", "duckdb", "pandas"}


def imported_roots(path: Path) -> set[str]:
    """Top-level names of every module a file imports, wherever the import stands."""
    roots = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
        if isinstance(node, ast.Import):
            roots.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            roots.add(node.module.split(".")[0])
    return roots


def project_files() -> list[Path]:
    return [REPO / "app.py", *sorted(PACKAGE.rglob("*.py"))]


def relative(path: Path) -> str:
    return path.relative_to(REPO).as_posix()


def test_the_reader_sees_imports_inside_functions_too(tmp_path):
    sample = tmp_path / "sample.py"
    sample.write_text("import os.path\ndef f():\n    from streamlit import session_state\n")
    assert imported_roots(sample) == {"os", "streamlit"}


@pytest.mark.parametrize("path", sorted((PACKAGE / "domain").rglob("*.py")), ids=lambda p: p.name)
def test_domain_rules_import_no_ui_database_or_dataframes(path):
    assert not imported_roots(path) & DOMAIN_FORBIDDEN


def test_only_the_app_edge_imports_streamlit():
    importing = [relative(p) for p in project_files() if "streamlit" in imported_roots(p)]
    outside = [p for p in importing if not p.startswith(STREAMLIT_ALLOWED)]
    assert outside == []
    assert "app.py" in importing  # the check reads the files it means to


@pytest.mark.parametrize("path", sorted((PACKAGE / "charts").rglob("*.py")), ids=lambda p: p.name)
def test_charts_stay_free_of_streamlit(path):
    assert "streamlit" not in imported_roots(path)
