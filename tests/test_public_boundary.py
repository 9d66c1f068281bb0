"""The repository's plugins and the newsroom example use only commentguard's public API.

Public is what a name without a leading underscore reaches: ``commentguard`` and its documented
sub-namespaces (``commentguard.text``, ``commentguard.stores``, ``commentguard.checks``,
``commentguard.dumps``, ``commentguard.testing``, ``commentguard.cli``, the adapters). Modules
and attributes whose name starts with ``_`` are internal and may change in any release; our own
plugins are written as a third party's would be, so what they need is published.
"""

from __future__ import annotations

import ast
import importlib
import inspect
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

import commentguard

ROOT = Path(__file__).resolve().parent.parent
PLUGIN_SOURCES = sorted((ROOT / "plugins").glob("*/src/*"))
NEWSROOM = ROOT / "examples" / "newsroom"
CODE = [*sorted((ROOT / "plugins").glob("*")), NEWSROOM]


def _python_files() -> list[Path]:
    return sorted(
        path
        for folder in CODE
        for path in folder.rglob("*.py")
        if ".venv" not in path.parts and "build" not in path.parts
    )


def _is_private(part: str) -> bool:
    return part.startswith("_") and not (part.startswith("__") and part.endswith("__"))


def private_uses(source: str) -> Iterator[tuple[int, str]]:
    """Every use of a private commentguard name in ``source``: line and dotted name."""
    tree = ast.parse(source)
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                parts = alias.name.split(".")
                if parts[0] == "commentguard" and any(_is_private(part) for part in parts):
                    yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            parts = node.module.split(".")
            if parts[0] != "commentguard":
                continue
            if any(_is_private(part) for part in parts):
                yield node.lineno, node.module
            for alias in node.names:
                if _is_private(alias.name):
                    yield node.lineno, f"{node.module}.{alias.name}"
        elif isinstance(node, ast.Attribute) and _is_private(node.attr):
            chain = [node.attr]
            value: ast.expr = node.value
            while isinstance(value, ast.Attribute):
                chain.append(value.attr)
                value = value.value
            if isinstance(value, ast.Name) and value.id == "commentguard":
                yield node.lineno, ".".join(["commentguard", *reversed(chain)])


def test_the_scan_finds_private_imports_and_attributes() -> None:
    """The checker itself: each way of reaching inside is caught, public ways are not."""
    source = (
        "import commentguard._pipeline\n"
        "from commentguard._models import CommentSubmission\n"
        "from commentguard.text import _links\n"
        "import commentguard\n"
        "commentguard._settings.settings_error\n"
        "from commentguard.text import find_links\n"
        "from commentguard import __version__\n"
    )
    assert [name for _, name in private_uses(source)] == [
        "commentguard._pipeline",
        "commentguard._models",
        "commentguard.text._links",
        "commentguard._settings",
    ]


@pytest.mark.parametrize("path", [str(path.relative_to(ROOT)) for path in _python_files()])
def test_plugins_and_the_newsroom_example_import_nothing_private(path: str) -> None:
    found = list(private_uses((ROOT / path).read_text(encoding="utf-8")))
    assert found == [], f"{path} reaches inside commentguard: {found}"


def _plugin_modules() -> list[str]:
    names = []
    for package in [*PLUGIN_SOURCES, NEWSROOM / "newsroom"]:
        for path in sorted(package.rglob("*.py")):
            relative = path.relative_to(package.parent).with_suffix("")
            parts = list(relative.parts)
            if parts[-1] == "__init__":
                parts.pop()
            if parts[-1] == "__main__":
                continue
            names.append(".".join(parts))
    return names


def _commentguard_private_attributes(cls: type) -> set[str]:
    """Private attributes commentguard's own classes in ``cls``'s ancestry define or set."""
    names: set[str] = set()
    for base in cls.__mro__:
        if not base.__module__.startswith("commentguard."):
            continue
        names.update(name for name in vars(base) if _is_private(name))
        try:
            tree = ast.parse(inspect.getsource(base))
        except (OSError, TypeError):
            continue
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Attribute)
                and isinstance(node.value, ast.Name)
                and node.value.id == "self"
                and _is_private(node.attr)
                and isinstance(node.ctx, ast.Store)
            ):
                names.add(node.attr)
    return names


@pytest.mark.parametrize("module_name", _plugin_modules())
def test_plugin_classes_read_no_private_state_of_commentguard_classes(module_name: str) -> None:
    """A plugin's subclass of a commentguard class uses no ``self._x`` that the base owns.

    Importing the module is part of the test: every plugin module imports with only the
    public API. (The newsroom package's folder is put on the path as its tests do.)
    """
    if str(NEWSROOM) not in sys.path:
        sys.path.insert(0, str(NEWSROOM))
    module = importlib.import_module(module_name)
    for _, cls in inspect.getmembers(module, inspect.isclass):
        if cls.__module__ != module.__name__:
            continue
        owned = _commentguard_private_attributes(cls) - set(vars(cls))
        if not owned:
            continue
        tree = ast.parse(inspect.getsource(cls))
        used = {
            node.attr
            for node in ast.walk(tree)
            if isinstance(node, ast.Attribute)
            and isinstance(node.value, ast.Name)
            and node.value.id == "self"
            and node.attr in owned
        }
        assert used == set(), f"{cls.__qualname__} uses commentguard's private {sorted(used)}"


def test_every_public_name_is_importable_and_documented_in_all() -> None:
    """``commentguard.__all__`` names only what exists; nothing in it is private."""
    for name in commentguard.__all__:
        assert hasattr(commentguard, name), name
        assert not _is_private(name), name
