"""Moderating whole comment dumps: the engine behind ``commentguard check``.

:class:`DumpCheck` checks one dump file as the command does: it recognises the format, yields
one :class:`Batch` per piece (its counts, and the :class:`Outcome` of each record asked for),
totals them in a :class:`Summary`, and writes the corrected copy of ``--write-back``.
Underneath, :func:`check_pieces` moderates the pieces that :meth:`DumpFormat.pieces
<commentguard.loaders.DumpFormat.pieces>` cuts (in worker processes with ``jobs > 1``), and
:func:`check_dump` yields every record's outcome from records already read.
:mod:`commentguard.dumps.rows` writes outcomes for pipelines; :func:`write_corrected_copy`
writes a dump with flagged comments' status changed. :func:`moderate_rows` and
:func:`replay_settings` are for engines of your own (``commentguard.dask`` is one;
``docs/dask.md`` shows Spark).

For loader authors (see the ``register_loaders`` hook): :class:`DumpFormat`, what its reader
yields (:class:`Record`, :class:`RecordError`, or :class:`DumpError` for a dump that cannot be
read), :class:`ReadOptions`, the pieces worker processes read (:class:`Piece`,
:class:`LineBlock`, :class:`RecordList`, :data:`PIECE_BYTES`), and :class:`StatusRewriter` for
a format with a moderation status to correct.
"""

from commentguard.dumps._dump_check import DumpCheck
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
from commentguard.loaders import (
    DumpError,
    DumpFormat,
    FormatRegistry,
    LineBlock,
    Piece,
    ReadOptions,
    Record,
    RecordError,
    RecordList,
    StatusChange,
    StatusRewriter,
)
from commentguard.loaders._write_back import write_corrected_copy
from commentguard.loaders.pieces import PIECE_BYTES
from commentguard.loaders.sniff import SNIFF_BYTES

__all__ = [
    "PIECE_BYTES",
    "SNIFF_BYTES",
    "Batch",
    "DumpCheck",
    "DumpError",
    "DumpFormat",
    "DumpRun",
    "FindingRow",
    "FormatRegistry",
    "LineBlock",
    "Outcome",
    "Piece",
    "ReadOptions",
    "Record",
    "RecordError",
    "RecordList",
    "StatusChange",
    "StatusRewriter",
    "Summary",
    "check_dump",
    "check_pieces",
    "moderate_piece",
    "moderate_rows",
    "replay_settings",
    "write_corrected_copy",
]
