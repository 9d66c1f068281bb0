"""Moderating whole comment dumps, the engine behind ``commentguard check``, and reading them.

For loader authors (the ``register_loaders`` hook): :class:`DumpFormat`, :class:`Record`,
:class:`RecordError`, :class:`DumpError`, :class:`ReadOptions`, the :class:`Piece` kinds, the
built-in readers (``read_jsonl`` ...) to build on, and the bounded JSON reader ``read_json``.

:func:`check_pieces` moderates the pieces of a dump that
:meth:`DumpFormat.pieces <commentguard._loaders.DumpFormat.pieces>` cuts (in worker processes
with ``jobs > 1``) and yields one :class:`Batch` per piece, in input order: its counts, and the
:class:`Outcome` of each record the caller asked for. :func:`check_dump` yields every record's
outcome from records already read. :class:`Summary` counts them; :mod:`commentguard.dumps._rows`
writes them for pipelines; :func:`write_corrected_copy` writes a dump with flagged comments'
status changed. :func:`moderate_rows` and :func:`replay_settings` are for engines of your own
(``commentguard.dask`` is one; ``docs/dask.md`` shows Spark).
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
    read_csv,
    read_disqus,
    read_json_array,
    read_jsonl,
    read_wxr,
)
from commentguard._loaders.pieces import PIECE_BYTES
from commentguard._models.limits import JSON_MAX_DEPTH, JSON_MAX_NUMBER_CHARS, record_max_bytes
from commentguard.dumps._copy import write_corrected_copy
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
    "Batch",
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
