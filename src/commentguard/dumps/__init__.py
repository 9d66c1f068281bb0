"""Moderating whole comment dumps: the engine behind ``commentguard check``.

:func:`check_pieces` moderates the pieces of a dump that
:meth:`DumpFormat.pieces <commentguard.loaders.DumpFormat.pieces>` cuts (in worker processes
with ``jobs > 1``) and yields one :class:`Batch` per piece, in input order: its counts, and the
:class:`Outcome` of each record the caller asked for. :func:`check_dump` yields every record's
outcome from records already read. :class:`Summary` counts them; :mod:`commentguard.dumps.rows`
writes them for pipelines; :func:`write_corrected_copy` writes a dump with flagged comments'
status changed. :func:`moderate_rows` and :func:`replay_settings` are for engines of your own
(``commentguard.dask`` is one; ``docs/dask.md`` shows Spark).
"""

from commentguard.dumps.copy import write_corrected_copy
from commentguard.dumps.outcome import FindingRow, Outcome
from commentguard.dumps.runner import (
    Batch,
    DumpRun,
    check_dump,
    check_pieces,
    moderate_piece,
    moderate_rows,
    replay_settings,
)
from commentguard.dumps.summary import Summary

__all__ = [
    "Batch",
    "DumpRun",
    "FindingRow",
    "Outcome",
    "Summary",
    "check_dump",
    "check_pieces",
    "moderate_piece",
    "moderate_rows",
    "replay_settings",
    "write_corrected_copy",
]
