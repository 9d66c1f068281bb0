"""Run a documentation page's Python code as written: its blocks become one module of an app.

Used by the tests of the framework pages, so what a reader copies from ``docs/`` is what CI
runs.
"""

from __future__ import annotations

import importlib.util
import re
import sys
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from importlib.metadata import entry_points
from pathlib import Path
from types import ModuleType

import pytest

from commentguard._hookspecs import PROJECT_NAME
from commentguard.testing import isolate_settings

DOCS = Path(__file__).parents[1] / "docs"
PYTHON_BLOCK = re.compile(r"^```python\n(.*?)^```", flags=re.MULTILINE | re.DOTALL)


def python_blocks(page: str) -> list[str]:
    """The fenced ``python`` blocks of ``docs/<page>``, in order."""
    return python_blocks_in((DOCS / page).read_text(encoding="utf-8"))


def python_blocks_in(text: str) -> list[str]:
    """The fenced ``python`` blocks of a Markdown text, in order."""
    return PYTHON_BLOCK.findall(text)


def console_session(page: str, command: str) -> list[tuple[str, list[str]]]:
    """The commands and outputs of the page's console block that runs ``command``, in order."""
    text = (DOCS / page).read_text(encoding="utf-8")
    blocks = re.findall(r"^```console\n(.*?)^```", text, flags=re.MULTILINE | re.DOTALL)
    session = next(block for block in blocks if command + "\n" in block)
    commands: list[tuple[str, list[str]]] = []
    for line in session.splitlines():
        if line.startswith("$ "):
            commands.append((line, []))
        else:
            commands[-1][1].append(line)
    return commands


def as_a_new_user(monkeypatch: pytest.MonkeyPatch, workdir: Path) -> None:
    """Run from the empty ``workdir``, without configuration or third-party plugins.

    A new user has only commentguard installed: the repository's own plugins, installed in
    this virtualenv, are disabled (``COMMENTGUARD_DISABLE_PLUGINS``).
    """
    isolate_settings(monkeypatch, workdir)
    third_party = sorted(entry.name for entry in entry_points(group=PROJECT_NAME))
    monkeypatch.setenv("COMMENTGUARD_DISABLE_PLUGINS", ",".join(third_party))


@contextmanager
def page_module(
    page: str,
    workdir: Path,
    monkeypatch: pytest.MonkeyPatch,
    *,
    environ: Mapping[str, str] | None = None,
    blocks: slice = slice(None),
) -> Iterator[ModuleType]:
    """Import the page's code blocks (all, or a slice) as one module, run from ``workdir``.

    ``environ`` is the reader's environment (``COMMENTGUARD_SECRET_KEY``, ...), set after
    any developer's own ``COMMENTGUARD_*`` variables are cleared.

    The reader's environment is :func:`as_a_new_user`'s.
    """
    as_a_new_user(monkeypatch, workdir)
    for key, value in (environ or {}).items():
        monkeypatch.setenv(key, value)
    name = "doc_" + re.sub(r"\W", "_", page.removesuffix(".md"))
    path = workdir / f"{name}.py"
    path.write_text("\n\n".join(python_blocks(page)[blocks]), encoding="utf-8")
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    try:
        spec.loader.exec_module(module)
        yield module
    finally:
        del sys.modules[name]
