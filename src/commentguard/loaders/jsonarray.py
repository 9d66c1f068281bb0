"""A JSON array of comment objects, read one object at a time (never the whole array)."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator

from commentguard.loaders.base import DumpError, Record, RecordError

_DECODER = json.JSONDecoder()
_WHITESPACE = " \t\r\n"


def read_json_array(chunks: Iterable[str], source: str) -> Iterator[Record | RecordError]:
    """Read ``[{...}, {...}]`` from text chunks; an element that is not an object is an error.

    Raises:
        DumpError: the array itself is malformed (where, by line and column).
    """
    buffer, line, started = "", 1, False
    chunks = iter(chunks)
    exhausted = False

    def more() -> bool:
        nonlocal buffer, exhausted
        chunk = next(chunks, None)
        if chunk is None:
            exhausted = True
            return False
        buffer += chunk
        return True

    index = 0
    while True:
        while index < len(buffer) and buffer[index] in _WHITESPACE:
            line += buffer[index] == "\n"
            index += 1
        if index >= len(buffer):
            if exhausted or not more():
                if not started:
                    raise DumpError(f"{source}:{line}: expected a JSON array ('[')")
                raise DumpError(f"{source}:{line}: the JSON array is not closed")
            continue
        char = buffer[index]
        if not started:
            if char != "[":
                raise DumpError(f"{source}:{line}: expected a JSON array ('[')")
            started, index = True, index + 1
            continue
        if char == "]":
            return
        if char == ",":
            index += 1
            continue
        try:
            value, end = _DECODER.raw_decode(buffer, index)
        except json.JSONDecodeError as exc:
            if not exhausted and more():
                continue  # the element may go on in the next chunk
            raise DumpError(f"{source}:{line}: not valid JSON: {exc.msg}") from None
        if end == len(buffer) and not exhausted and more():
            continue  # a number or literal may go on in the next chunk
        element_line = line
        line += buffer.count("\n", index, end)
        buffer, index = buffer[end:], 0
        if isinstance(value, dict):
            record_id = value.get("id")
            yield Record(source, element_line, None if record_id is None else str(record_id), value)
        else:
            yield RecordError(source, element_line, None, "an element must be a JSON object")
