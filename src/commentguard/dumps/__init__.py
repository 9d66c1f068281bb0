"""Moderating whole comment dumps, the engine behind ``commentguard check``, and reading them.

:class:`DumpCheck` checks one dump file as the command does: it recognises the format, yields
one :class:`Batch` per piece (its counts, and the :class:`Outcome` of each record asked for),
totals them in a :class:`Summary`, and writes the corrected copy of ``--write-back``.
Underneath, :func:`check_pieces` moderates the pieces that :meth:`DumpFormat.pieces
<commentguard._loaders.DumpFormat.pieces>` cuts (in worker processes with ``jobs > 1``), and
:func:`check_dump` yields every record's outcome from records already read.
:mod:`commentguard.dumps._rows` writes outcomes for pipelines; :func:`write_corrected_copy`
writes a dump with flagged comments' status changed. :func:`moderate_rows` and
:func:`replay_settings` are for engines of your own (``commentguard.dask`` is one;
``docs/dask.md`` shows Spark).

For loader authors (see the ``register_loaders`` hook): :class:`DumpFormat`, what its reader
yields (:class:`Record`, :class:`RecordError`, or :class:`DumpError` for a dump that cannot be
read), :class:`ReadOptions`, the pieces worker processes read (:class:`Piece`,
:class:`LineBlock`, :class:`RecordList`, :data:`PIECE_BYTES`), :class:`StatusRewriter` for
a format with a moderation status to correct, the built-in readers to build on
(``read_jsonl`` ...) and the bounded JSON reader (``read_json``) a reader of JSON should use.
"""

from commentguard._jsonread import JsonError, read_json, read_json_at
from commentguard._loaders import (
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
    read_csv,
    read_disqus,
    read_json_array,
    read_jsonl,
    read_wxr,
)
from commentguard._loaders._write_back import write_corrected_copy
from commentguard._loaders.pieces import PIECE_BYTES
from commentguard._loaders.sniff import SNIFF_BYTES
from commentguard._models.limits import JSON_MAX_DEPTH, JSON_MAX_NUMBER_CHARS, record_max_bytes
from commentguard.dumps._dump_check import DumpCheck
from commentguard.dumps._outcome import FindingRow, Outcome
from commentguard.dumps._runner import (
    Batch,
    DumpRun,
    check_dump,
    check_pieces,
    moderate_piece,
    moderate_rows,
    replay_settings,
)
from commentguard.dumps._summary import Summary

__all__ = [
    "JSON_MAX_DEPTH",
    "JSON_MAX_NUMBER_CHARS",
    "PIECE_BYTES",
    "SNIFF_BYTES",
    "Batch",
    "DumpCheck",
    "DumpError",
    "DumpFormat",
    "DumpRun",
    "FindingRow",
    "FormatRegistry",
    "JsonError",
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
    "read_csv",
    "read_disqus",
    "read_json",
    "read_json_array",
    "read_json_at",
    "read_jsonl",
    "read_wxr",
    "record_max_bytes",
    "replay_settings",
    "write_corrected_copy",
]
