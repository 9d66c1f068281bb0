"""A JSON array of comment objects, read one object at a time (never the whole array)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from commentguard._jsonread import BEYOND_BOUNDS, JsonError, read_json_at
from commentguard._loaders.base import DumpError, Record, RecordError
from commentguard._models.limits import RECORD_MAX_BYTES

_WHITESPACE = " \t\r\n"
_OUTSIDE_STRINGS = re.compile(r'["\[\]{}]')
_STRING_BODY = re.compile(r'[^"\\]*(?:\\.[^"\\]*)*', re.DOTALL)
_AFTER_A_SCALAR = re.compile(r"[\s,\]}]")
_NUMBER_TAIL = re.compile(r"[0-9.eE+-]*")
_DIGITS = "0123456789"
_NEAR_THE_END = 12
r"""Characters of the longest token a chunk can cut: the escape pair ``\ud83d\ude00``."""

MAX_ELEMENT_CHARS = RECORD_MAX_BYTES
"""An element longer than this is skipped unread: with the default limits no comment is."""


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
        # What was read is dropped, and the text joined once: adding chunk by chunk copied the
        # whole buffer for each, quadratic in time and twice the memory for a long element.
        parts = [self.text[self.index :]]
        added = 0
        while added < at_least:
            chunk = next(self._chunks, None)
            if chunk is None:
                self.exhausted = True
                break
            parts.append(chunk)
            added += len(chunk)
        self.text, self.index = "".join(parts), 0
        return added > 0

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


def read_json_array(
    chunks: Iterable[str], source: str, max_element_chars: int = MAX_ELEMENT_CHARS
) -> Iterator[Record | RecordError]:
    """Read ``[{...}, {...}]`` from text chunks; an element that is not an object is an error.

    So is an element nested too deeply or with too long a number (the bounds of
    :func:`~commentguard._jsonread.read_json`), and one longer than ``max_element_chars``,
    which is skipped without being held; reading goes on after each. Reading more text for an
    element doubles what is buffered, so a long element costs linear time.

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
        element_line = buffer.line
        value, end, problem = _decode(buffer, source, max_element_chars)
        buffer.consume(end)
        expecting_value, first = False, False
        if problem is not None:
            yield RecordError(source, element_line, None, problem)
        elif isinstance(value, dict):
            record_id = value.get("id")
            yield Record(source, element_line, None if record_id is None else str(record_id), value)
        else:
            yield RecordError(source, element_line, None, "an element must be a JSON object")


def _decode(buffer: _Buffer, source: str, max_chars: int) -> tuple[object, int, str | None]:
    """Decode the element at the buffer's index, reading more text while it is incomplete.

    Returns the value, the index after it, and what is wrong with an element that is too
    long or beyond the bounds (its value is then ``None``).
    """
    while True:
        try:
            value, end = read_json_at(buffer.text, buffer.index)
            problem = None
        except JsonError as exc:
            if exc.end is not None:  # well-formed, but beyond the bounds
                value, end, problem = None, exc.end, f"not valid JSON: {exc.msg}"
            elif buffer.exhausted or not _cut_off(buffer, exc):
                line = buffer.line + buffer.text.count("\n", buffer.index, exc.pos)
                raise DumpError(f"{source}:{line}: not valid JSON: {exc.msg}") from None
            else:
                value, end, problem = None, len(buffer.text), None
        too_long = f"the element is over {max_chars:,} characters, more than a comment can take"
        if buffer.exhausted or not _may_go_on(buffer.text, end):
            # However much happened to be buffered, a long element is the same error.
            return (
                (None, end, too_long) if end - buffer.index > max_chars else (value, end, problem)
            )
        if len(buffer.text) - buffer.index > max_chars:
            return None, _skip_value(buffer, source), too_long
        buffer.more(at_least=max(1, len(buffer.text) - buffer.index))


def _may_go_on(text: str, end: int) -> bool:
    """Whether the value that ends at ``end`` may go on in text not buffered yet.

    It does when it reaches the end of the buffer (cut off), or is a number followed by
    nothing but what a number may go on with (``1`` of ``1e5``, cut after the ``e``).
    """
    return end == len(text) or (
        text[end - 1] in _DIGITS and bool(_NUMBER_TAIL.fullmatch(text, end))
    )


def _cut_off(buffer: _Buffer, error: JsonError) -> bool:
    r"""Whether the error may come from the end of the buffer cutting the value off.

    That reads as an error near its end (``nu`` of ``null``, ``\u00`` of an escape), as an
    unterminated string, or as a value beyond the bounds that does not end; anything else is a
    real error. A real error near the end is found again once more text is read.
    """
    return (
        error.pos >= len(buffer.text) - _NEAR_THE_END
        or error.msg.startswith("Unterminated")
        or error.msg in BEYOND_BOUNDS
    )


def _skip_value(buffer: _Buffer, source: str) -> int:
    """Move past the value at the buffer's index without holding it; the index after it.

    Only strings and brackets are followed, to find where the value ends: it is reported as
    too long, not read, and the text after it is read as usual.

    Raises:
        DumpError: the text ends inside the value.
    """
    scalar = buffer.text[buffer.index] not in '"[{'
    depth, in_string, position = 0, False, buffer.index
    while True:
        text = buffer.text
        if in_string:  # to the closing quote, escapes and all, in one match
            body = _STRING_BODY.match(text, position)  # always matches, if only ""
            position = body.end() if body else position
            found = text[position] if position < len(text) and text[position] == '"' else None
        else:
            match = (_AFTER_A_SCALAR if scalar else _OUTSIDE_STRINGS).search(text, position)
            position, found = (match.start(), match.group()) if match else (len(text), None)
        if found is None:
            # Read on, keeping what is left to look at (a backslash and what it escapes).
            buffer.consume(position)
            if not buffer.more():
                raise DumpError(f"{source}:{buffer.line}: the JSON array is not closed")
            position = buffer.index
            continue
        if scalar:
            return position
        position += 1
        if found == '"':
            in_string = not in_string
        else:
            depth += 1 if found in "[{" else -1
        if depth == 0 and not in_string:
            return position
