"""JSON Lines: one comment object per line."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import BinaryIO

from commentguard._jsonread import JsonError, read_json
from commentguard._loaders.base import Record, RecordError
from commentguard._loaders.pieces import PIECE_BYTES, cut
from commentguard._models.limits import RECORD_MAX_BYTES

MAX_LINE_BYTES = RECORD_MAX_BYTES
"""A line longer than this is reported and skipped unread: with the default limits (a body of
at most 65,525 bytes) no comment takes 1 MiB. ``commentguard check`` uses the site's limits."""


def bounded_lines(stream: BinaryIO, limit: int = MAX_LINE_BYTES) -> Iterator[bytes | None]:
    """The stream's lines; ``None`` for one longer than ``limit`` bytes, read past in pieces."""
    while line := stream.readline(limit + 1):
        if len(line) <= limit or line.endswith(b"\n"):
            yield line
            continue
        while (rest := stream.readline(limit)) and not rest.endswith(b"\n"):
            pass  # the rest of the overlong line, never held whole
        yield None


def read_jsonl(
    lines: Iterable[bytes | str | None],
    source: str,
    first_line: int = 1,
    max_line_bytes: int = MAX_LINE_BYTES,
) -> Iterator[Record | RecordError]:
    """Read JSON Lines; a bad line becomes a :class:`RecordError` and reading goes on.

    ``None`` stands for a line over ``max_line_bytes`` that was skipped unread (see
    :func:`bounded_lines`). A UTF-8 byte order mark at the start of the file's first line is
    ignored. ``first_line`` is the number of the first of ``lines`` in the file, for reading a
    file in pieces.
    """
    for number, raw in enumerate(lines, start=first_line):
        if raw is None:
            message = f"the line is over {max_line_bytes:,} bytes, more than a comment can take"
            yield RecordError(source, number, None, message)
            continue
        try:
            line = raw.decode("utf-8") if isinstance(raw, bytes) else raw
        except UnicodeDecodeError as exc:
            yield RecordError(source, number, None, f"not valid UTF-8 (byte {exc.start})")
            continue
        if number == 1:
            line = line.removeprefix("\ufeff")
        if not line.strip():
            continue
        try:
            data = read_json(line)
        except JsonError as exc:
            yield RecordError(source, number, None, f"not valid JSON: {exc.msg}")
            continue
        if not isinstance(data, dict):
            yield RecordError(source, number, None, "a line must be a JSON object")
            continue
        record_id = data.get("id")
        yield Record(source, number, None if record_id is None else str(record_id), data)


@dataclass(frozen=True, slots=True)
class LineBlock:
    """Consecutive raw lines of a JSON Lines file, read where they are moderated."""

    source: str
    first_line: int
    lines: list[bytes | None]
    max_line_bytes: int = MAX_LINE_BYTES

    def records(self) -> Iterator[Record | RecordError]:
        """Read the lines (see :func:`read_jsonl`)."""
        return read_jsonl(self.lines, self.source, self.first_line, self.max_line_bytes)


def split_jsonl(
    stream: BinaryIO,
    source: str,
    size: int,
    max_bytes: int = PIECE_BYTES,
    max_line_bytes: int = MAX_LINE_BYTES,
) -> Iterator[LineBlock]:
    """The stream's lines in blocks of ``size`` lines or about ``max_bytes``, unparsed.

    Each line is bounded as it is read: one over ``max_line_bytes`` is skipped unread.
    """
    first_line = 1
    for block in cut(bounded_lines(stream, max_line_bytes), size, max_bytes, _line_size):
        yield LineBlock(source, first_line, block, max_line_bytes)
        first_line += len(block)


def _line_size(line: bytes | None) -> int:
    return 0 if line is None else len(line)
