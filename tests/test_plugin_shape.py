"""Every plugin under plugins/ has the same shape, so `make test` and readers find each part.

The shape is the one ``docs/write-a-plugin.md`` walks through with ``commentguard-example``:
a ``pyproject.toml`` naming the distribution after the folder, depending on ``commentguard>=0.1``,
with an entry point in the ``commentguard`` group and a ``test`` dependency group; a typed
package ``src/commentguard_<name>/``; tests; and a README with the example's sections (plus
an optional Quality section for plugins with measured figures).
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from typing import Any

import pytest

PLUGINS = Path(__file__).resolve().parents[1] / "plugins"
FOLDERS = sorted(path for path in PLUGINS.glob("commentguard-*") if path.is_dir())
EXAMPLE = PLUGINS / "commentguard-example"
OPTIONAL_SECTIONS = {"Quality"}


def _name(folder: Path) -> str:
    return folder.name.removeprefix("commentguard-")


def _pyproject(folder: Path) -> dict[str, Any]:
    with (folder / "pyproject.toml").open("rb") as file:
        return tomllib.load(file)


def _headings(readme: Path) -> list[str]:
    """The Markdown headings of a README (``# Title``, ``## Section``), outside code fences."""
    headings, fenced = [], False
    for line in readme.read_text(encoding="utf-8").splitlines():
        if line.startswith(("```", "~~~")):
            fenced = not fenced
        elif not fenced and (match := re.match(r"(#{1,6}) (.+)", line)):
            headings.append(f"{match[1]} {match[2].strip()}")
    return headings


def test_the_plugins_folder_holds_the_four_plugins() -> None:
    assert {folder.name for folder in FOLDERS} >= {
        "commentguard-akismet",
        "commentguard-bayes",
        "commentguard-example",
        "commentguard-toxicity",
    }


@pytest.mark.parametrize("folder", FOLDERS, ids=_name)
def test_pyproject_names_the_plugin_depends_on_core_and_registers_it(folder: Path) -> None:
    name = _name(folder)
    pyproject = _pyproject(folder)
    project = pyproject["project"]
    assert project["name"] == f"commentguard-{name}"
    assert "commentguard>=0.1" in project["dependencies"]
    entry_points = project["entry-points"]["commentguard"]
    assert entry_points, "no entry point in the commentguard group"
    assert all(value.split(":")[0] == f"commentguard_{name}" for value in entry_points.values())
    test_group = pyproject["dependency-groups"]["test"]
    assert any(requirement.startswith("pytest") for requirement in test_group)


@pytest.mark.parametrize("folder", FOLDERS, ids=_name)
def test_the_package_is_typed_and_tested(folder: Path) -> None:
    package = folder / "src" / f"commentguard_{_name(folder)}"
    assert (package / "__init__.py").is_file()
    assert (package / "py.typed").is_file()
    assert list((folder / "tests").glob("test_*.py")), "no test file in tests/"


@pytest.mark.parametrize("folder", FOLDERS, ids=_name)
def test_the_readme_has_the_example_sections(folder: Path) -> None:
    """Same title form and sections, in the same order, as the example's; Quality optional."""
    expected = [
        f"# commentguard-{_name(folder)}",
        *(heading for heading in _headings(EXAMPLE / "README.md") if heading.startswith("## ")),
    ]
    found = [
        heading
        for heading in _headings(folder / "README.md")
        if heading.removeprefix("## ") not in OPTIONAL_SECTIONS
    ]
    assert found == expected
