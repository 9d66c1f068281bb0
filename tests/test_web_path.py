"""A web worker's path is light: building a guard imports no CLI, no dump reader, no lxml, no
numpy, and no redis package unless the store is Redis (every module's objects make each full
garbage collection dearer: a 64 KB hostile body cost twice as much with redis or numpy)."""

from __future__ import annotations

import json
import subprocess
import sys

WORKER = """
import json, sys
from commentguard import Guard, Settings
guard = Guard(Settings(secret_key="web-path-test-secret-0123456789abcdef"), load_entry_points=False)
guard.moderate({"name": "Reader", "email": "r@example.org", "body": "Nice <b>post</b> bit.ly/x"})
print(json.dumps(sorted(sys.modules)))
"""
HEAVY = ("click", "rich", "lxml", "redis", "numpy")
DUMPS = ("commentguard._loaders", "commentguard.cli", "commentguard.dumps", "commentguard.dask")


def test_building_a_guard_and_moderating_imports_no_cli_reader_or_lxml() -> None:
    """A fresh process, as a worker starts: none of these modules is loaded."""
    done = subprocess.run(
        [sys.executable, "-c", WORKER], capture_output=True, text=True, check=True
    )
    modules = json.loads(done.stdout)
    assert [name for name in modules if name.split(".")[0] in HEAVY] == []
    assert [name for name in modules if name.startswith(DUMPS)] == []


def test_the_command_line_still_knows_every_built_in_format() -> None:
    """The formats are added where dumps are read, after any plugin's."""
    from commentguard._loaders.formats import BUILTIN_FORMATS, FormatRegistry
    from commentguard._plugins import load_plugins

    registry = FormatRegistry.from_plugins(load_plugins(load_entry_points=False))
    assert registry.names == [dump_format.name for dump_format in BUILTIN_FORMATS]


DUMP_WORKER = """
import json, sys
from commentguard._loaders import LineBlock
from commentguard.dumps._runner import DumpRun, moderate_piece
with DumpRun(load_entry_points=False).guard() as guard:
    line = json.dumps({"name": "Reader", "email": "r@example.org", "body": "Nice post"})
    moderate_piece(guard, LineBlock("dump.jsonl", 1, [line.encode()]), False, frozenset())
print(json.dumps(sorted(sys.modules)))
"""


def test_a_dump_worker_counts_without_the_terminal_libraries() -> None:
    """A ``commentguard check`` worker moderates and counts; only the main process prints."""
    done = subprocess.run(
        [sys.executable, "-c", DUMP_WORKER], capture_output=True, text=True, check=True
    )
    modules = json.loads(done.stdout)
    assert [name for name in modules if name.split(".")[0] in ("click", "rich")] == []
