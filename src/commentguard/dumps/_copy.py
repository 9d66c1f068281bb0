"""Writing a corrected copy of a dump next to it, never over it, and never half-written."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Mapping
from pathlib import Path

from commentguard._loaders import DumpError
from commentguard._loaders.rewrite import Rewriter, StatusChange


def same_file(path: Path, other: Path) -> bool:
    """Whether writing ``path`` would write ``other``: the same path, or a link to it."""
    if path.resolve() == other.resolve():
        return True
    return path.exists() and other.exists() and path.samefile(other)


def write_corrected_copy(
    source: Path, target: Path, rewriter: Rewriter, changes: Mapping[int, StatusChange]
) -> int:
    """Copy ``source`` to ``target`` with the status of the records in ``changes`` changed.

    The copy is written to a temporary file in ``target``'s folder and renamed over ``target``
    only when complete, so a failure leaves no partial file. Returns the records changed.

    Raises:
        DumpError: ``target`` is ``source`` (the input is never overwritten), or the copy failed.
    """
    if same_file(target, source):
        raise DumpError(f"{target}: --write-back would overwrite the input; choose another file")
    folder = target.resolve().parent
    descriptor, name = tempfile.mkstemp(dir=folder, prefix=f".{target.name}.", suffix=".tmp")
    temporary = Path(name)
    try:
        with open(descriptor, "wb") as handle, source.open("rb") as original:
            changed = rewriter(original, handle, changes)
            handle.flush()
            os.fsync(handle.fileno())
        shutil.copymode(source, temporary)
        temporary.replace(target)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    return changed
