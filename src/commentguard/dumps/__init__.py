"""Moderating whole comment dumps: the engine behind ``commentguard check``.

:func:`check_dump` reads a dump with a :class:`~commentguard.loaders.DumpFormat`, moderates its
records in batches (in worker processes with ``jobs > 1``) and yields one :class:`Outcome` per
record, in input order. :class:`Summary` counts them; :mod:`commentguard.dumps.rows` writes them
for pipelines; :func:`write_corrected_copy` writes a dump with flagged comments' status changed.
"""

from commentguard.dumps.copy import write_corrected_copy
from commentguard.dumps.outcome import FindingRow, Outcome
from commentguard.dumps.runner import DumpRun, check_dump
from commentguard.dumps.summary import Summary

__all__ = [
    "DumpRun",
    "FindingRow",
    "Outcome",
    "Summary",
    "check_dump",
    "write_corrected_copy",
]
