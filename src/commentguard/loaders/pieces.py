"""Pieces of a dump: what the main process hands to a worker process to moderate.

A format whose records can be read independently of each other (JSON Lines) splits its raw
bytes into pieces that the workers read themselves, so the main process neither parses nor
sends parsed records. Every other format is read in the main process, and its records travel
in a :class:`RecordList`.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import islice
from typing import Protocol

from commentguard.loaders.base import Record, RecordError


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


def record_lists(records: Iterable[Record | RecordError], size: int) -> Iterator[RecordList]:
    """``records`` in :class:`RecordList` pieces of ``size`` (the last may be shorter)."""
    iterator = iter(records)
    while items := list(islice(iterator, size)):
        yield RecordList(items)
