"""A JSON array of comment objects, read one object at a time (never the whole array)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from commentguard.jsonread import BEYOND_BOUNDS, JsonError, read_json_at
from commentguard.loaders.base import DumpError, Record, RecordError

_WHITESPACE = " \t\r\n"

MAX_ELEMENT_CHARS = 16 * 2**20
"""An element longer than this is refused (a comment body is at most 64 KB)."""


class _Buffer:
    """Text from the chunks, with the line number of its start."""

    def __init__(self, chunks: Iterable[str]) -> None:
        self._chunks = iter(chunks)
        self.text = ""
        self.index = 0
        self.line = 1
        self.exhausted = False

    def more(self, at_least: int = 1) -> bool:
        """Append chunks until ``at_least`` characters were added; ``False`` at the end."""
        self.text, self.index = self.text[self.index :], 0  # drop what was read, once a chunk
        added = 0
        while added < at_least:
            chunk = next(self._chunks, None)
            if chunk is None:
                self.exhausted = True
                return added > 0
            self.text += chunk
            added += len(chunk)
        return True

    def skip_whitespace(self) -> str | None:
        """The next character that is not whitespace (not consumed), ``None`` at the end."""
        while True:
            while self.index < len(self.text) and self.text[self.index] in _WHITESPACE:
                self.line += self.text[self.index] == "\n"
                self.index += 1
            if self.index < len(self.text):
                return self.text[self.index]
            if self.exhausted or not self.more():
                return None

    def consume(self, end: int) -> None:
        """Move past the text before ``end``, counting its lines."""
        self.line += self.text.count("\n", self.index, end)
        self.index = end


def read_json_array(chunks: Iterable[str], source: str) -> Iterator[Record | RecordError]:
    """Read ``[{...}, {...}]`` from text chunks; an element that is not an object is an error.

    So is an element nested too deeply or with too long a number (the bounds of
    :func:`~commentguard.jsonread.read_json`); reading goes on after it. Reading more text for
    an element doubles what is buffered, so a long element costs linear time, and one over
    :data:`MAX_ELEMENT_CHARS` is refused.

    Raises:
        DumpError: the array itself is malformed (where, by line).
    """
    buffer = _Buffer(chunks)
    if buffer.skip_whitespace() != "[":
        raise DumpError(f"{source}:{buffer.line}: expected a JSON array ('[')")
    buffer.index += 1
    expecting_value = True  # after "[" or ","; after a value: "," or "]"
    first = True
    while True:
        char = buffer.skip_whitespace()
        if char is None:
            raise DumpError(f"{source}:{buffer.line}: the JSON array is not closed")
        if char == "]" and (not expecting_value or first):
            buffer.index += 1
            if buffer.skip_whitespace() is not None:
                raise DumpError(f"{source}:{buffer.line}: text after the end of the JSON array")
            return
        if not expecting_value:
            if char != ",":
                raise DumpError(f"{source}:{buffer.line}: expected ',' or ']' after an element")
            buffer.index += 1
            expecting_value = True
            continue
        if char in ",]":
            raise DumpError(f"{source}:{buffer.line}: expected an element, found {char!r}")
        value, end, problem = _decode(buffer, source)
        element_line = buffer.line
        buffer.consume(end)
        expecting_value, first = False, False
        if problem is not None:
            yield RecordError(source, element_line, None, problem)
        elif isinstance(value, dict):
            record_id = value.get("id")
            yield Record(source, element_line, None if record_id is None else str(record_id), value)
        else:
            yield RecordError(source, element_line, None, "an element must be a JSON object")


def _decode(buffer: _Buffer, source: str) -> tuple[object, int, str | None]:
    """Decode the element at the buffer's index, reading more text while it is incomplete.

    Returns the value, the index after it, and what is wrong with an element that is
    well-formed but beyond the bounds (its value is then ``None``).
    """
    while True:
        problem = None
        try:
            value, end = read_json_at(buffer.text, buffer.index)
        except JsonError as exc:
            if exc.end is None:
                # A value cut off by the end of the buffer reads as an error near its end, as
                # an unterminated string, or as a value beyond the bounds that does not end;
                # anything else is a real error, reported at once.
                truncated = (
                    exc.pos >= len(buffer.text) - 1
                    or exc.msg.startswith("Unterminated")
                    or exc.msg in BEYOND_BOUNDS
                )
                if truncated and not buffer.exhausted:
                    _grow(buffer, source)
                    continue
                line = buffer.line + buffer.text.count("\n", buffer.index, exc.pos)
                raise DumpError(f"{source}:{line}: not valid JSON: {exc.msg}") from None
            value, end, problem = None, exc.end, f"not valid JSON: {exc.msg}"
        if end == len(buffer.text) and not buffer.exhausted and buffer.more():
            continue  # a number or literal may go on in the next chunk
        return value, end, problem


def _grow(buffer: _Buffer, source: str) -> None:
    if len(buffer.text) - buffer.index > MAX_ELEMENT_CHARS:
        raise DumpError(
            f"{source}:{buffer.line}: an element is longer than {MAX_ELEMENT_CHARS:,} characters"
        )
    buffer.more(at_least=max(1, len(buffer.text) - buffer.index))
