"""The README's map is true: every top-level package, every command and every LDA_DASH_* setting
the code reads is named there (as datasette's tests/test_docs.py keeps its docs honest)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from lda_dash.cli.main import command_names

REPO = Path(__file__).resolve().parents[1]
README = (REPO / "README.md").read_text(encoding="utf-8")
ARCHITECTURE = (REPO / "docs" / "architecture.md").read_text(encoding="utf-8")
PACKAGE = REPO / "lda_dash"


def top_level_parts() -> list[str]:
    folders = [p.name + "/" for p in PACKAGE.iterdir() if (p / "__init__.py").is_file()]
    modules = [p.name for p in PACKAGE.glob("*.py") if p.name != "__init__.py"]
    return sorted(folders + modules)


def settings_read_by_the_code() -> list[str]:
    found = set()
    for path in [REPO / "app.py", *PACKAGE.rglob("*.py")]:
        found.update(re.findall(r"LDA_DASH_[A-Z_]+", path.read_text(encoding="utf-8")))
    return sorted(found)


def test_the_lists_read_what_they_mean_to():
    assert "storage/" in top_level_parts() and "config.py" in top_level_parts()
    assert "progress" in command_names() and "init" in command_names()
    assert "LDA_DASH_DB" in settings_read_by_the_code()


@pytest.mark.parametrize("part", top_level_parts())
def test_every_top_level_package_is_on_the_readme_map(part):
    assert f"  {part}" in README, f"README « How it is built » does not name lda_dash/{part}"


@pytest.mark.parametrize("part", top_level_parts())
def test_every_top_level_package_is_in_the_architecture_notes(part):
    assert part.removesuffix(".py").removesuffix("/") in ARCHITECTURE


@pytest.mark.parametrize("command", command_names())
def test_every_command_is_in_the_readme(command):
    assert f"`{command}" in README, f"the command {command} is missing from the README"


@pytest.mark.parametrize("variable", settings_read_by_the_code())
def test_every_setting_is_in_the_readme(variable):
    assert f"`{variable}`" in README, f"the setting {variable} is missing from the README"
