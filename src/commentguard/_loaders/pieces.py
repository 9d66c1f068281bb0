"""Pieces of a dump: what the main process hands to a worker process to moderate.

A format whose records can be read independently of each other (JSON Lines) splits its raw
bytes into pieces that the workers read themselves, so the main process neither parses nor
sends parsed records. Every other format is read in the main process, and its records travel
in a :class:`RecordList`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Protocol, TypeVar

from commentguard._loaders.base import Record, RecordError

PIECE_BYTES = 2**20
"""About the most text a piece holds: with comments of a few kilobytes, records are counted
first; with big ones (a 10 MB body is invalid but must still be read) this keeps the pieces in
flight, and so memory, small."""

MARKUP_PIECE_BYTES = 2**18
"""About the most raw XML a piece of a markup export (WXR) holds, unparsed: a quarter of
:data:`PIECE_BYTES`, because its posts' markup and fields around each comment take as much
room as the comments' text. A WordPress export's 256 KB hold about 400 comments, as many as
512 JSON lines do; with 1 MB pieces each worker held 1,500 comments at once, and the run's
processes together 20 MB more (``benchmarks/cli.py``, 50,000 WXR comments)."""

Item = TypeVar("Item")


class Piece(Protocol):
    """Consecutive records of a dump, as they are sent to a worker process (picklable)."""

    def records(self) -> Iterable[Record | RecordError]:
        """Read the piece: one item per record, in document order."""
        ...


@dataclass(frozen=True, slots=True)
class RecordList:
    """Records a reader has already read."""

    items: list[Record | RecordError]

    def records(self) -> list[Record | RecordError]:
        """The records themselves."""
        return self.items


def cut(
    items: Iterable[Item], size: int, max_bytes: int, measure: Callable[[Item], int]
) -> Iterator[list[Item]]:
    """``items`` in lists of at most ``size`` items, each ended once it holds ``max_bytes``.

    A list is handed on as soon as it is full, never after reading the next item (so one
    process writes what it has before reading further), which means the item that reaches
    ``max_bytes`` is the list's last: a list holds less than ``max_bytes`` before its last item.
    When ``items`` raises (a dump malformed further on), the items read before are handed on
    first, then the error: nothing read is lost.
    """
    block: list[Item] = []
    held = 0
    try:
        for item in items:
            block.append(item)
            held += measure(item)
            if len(block) >= size or held >= max_bytes:
                yield block
                block, held = [], 0
    except Exception:
        if block:
            yield block
        raise
    if block:
        yield block


def record_size(item: Record | RecordError) -> int:
    """About the memory a record holds: the characters of its text fields (or its message)."""
    if isinstance(item, RecordError):
        return len(item.message)
    return sum(len(value) for value in item.data.values() if isinstance(value, str))


def without_oversized(
    records: Iterable[Record | RecordError], max_record_bytes: int
) -> Iterator[Record | RecordError]:
    """``records``, with one that holds more than ``max_record_bytes`` of text as an error.

    No comment within the limits is that long (see ``record_max_bytes``), so it is invalid
    anyway; dropping its text here, where it was read, keeps it from travelling to a worker.
    """
    for item in records:
        if isinstance(item, Record) and record_size(item) > max_record_bytes:
            message = (
                f"the record holds over {max_record_bytes:,} characters, "
                "more than a comment can take"
            )
            yield RecordError(item.source, item.line, item.record_id, message)
        else:
            yield item


def record_lists(
    records: Iterable[Record | RecordError], size: int, max_bytes: int = PIECE_BYTES
) -> Iterator[RecordList]:
    """``records`` in :class:`RecordList` pieces of ``size`` records or about ``max_bytes``."""
    for items in cut(records, size, max_bytes, record_size):
        yield RecordList(items)
