"""JSON dumps: an array of comment objects read one at a time, or a document read whole."""

from __future__ import annotations

import codecs
import io
from collections.abc import Iterator
from typing import Any, BinaryIO

from commentguard._jsonread import JsonError, read_json
from commentguard._loaders.base import DumpError, Record, RecordError
from commentguard._loaders.jsonarray import read_json_array
from commentguard._loaders.sniff import SNIFF_BYTES, first_char

Records = Iterator[Record | RecordError]


def utf8_chunks(stream: BinaryIO, source: str) -> Iterator[str]:
    """The stream decoded as UTF-8 (a byte order mark dropped), 64 KiB at a time.

    Raises:
        DumpError: a byte that is not UTF-8.
    """
    decoder = codecs.getincrementaldecoder("utf-8-sig")()
    while block := stream.read(1 << 16):
        try:
            yield decoder.decode(block)
        except UnicodeDecodeError as exc:
            raise DumpError(f"{source}: not valid UTF-8 (near byte {exc.start})") from None


def read_json_file(stream: BinaryIO, source: str, max_record_bytes: int) -> Records:
    """An array of comment objects, streamed; or one comment object, read whole.

    Raises:
        DumpError: the array is malformed, or the object longer than ``max_record_bytes``.
    """
    head = stream.peek(SNIFF_BYTES) if isinstance(stream, io.BufferedReader) else None
    if head is None:  # a stream that cannot peek: look at its first bytes, then go on after them
        first = stream.read(SNIFF_BYTES)
        stream = io.BufferedReader(Joined(first, stream))
        head = first
    if first_char(head[:SNIFF_BYTES]) == b"{":
        return _one_object(stream, source, max_record_bytes)
    return read_json_array(utf8_chunks(stream, source), source, max_record_bytes)


class Joined(io.RawIOBase):
    """Bytes already read, then the rest of the stream they came from."""

    def __init__(self, first: bytes, rest: BinaryIO) -> None:
        self._first = first
        self._rest = rest

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: memoryview) -> int:  # type: ignore[override] # io passes a memoryview; typeshed's any-buffer has no len or slicing
        if self._first:
            count = min(len(buffer), len(self._first))
            buffer[:count] = self._first[:count]
            self._first = self._first[count:]
            return count
        data = self._rest.read(len(buffer))
        buffer[: len(data)] = data
        return len(data)


def _one_object(stream: BinaryIO, source: str, limit: int) -> Records:
    value = read_document(stream, source, limit, "a comment can take")
    if isinstance(value, dict):
        record_id = value.get("id")
        yield Record(source, 1, None if record_id is None else str(record_id), value)
    else:
        yield RecordError(source, 1, None, "the document must be a JSON array or object")


def read_document(stream: BinaryIO, source: str, max_bytes: int, what: str) -> Any:
    """The value of the JSON document ``stream`` holds, if it is at most ``max_bytes`` long.

    ``what`` names the document in the message for a longer one (``a comment``).

    Raises:
        DumpError: the document is longer, not UTF-8, or not JSON (where, by line).
    """
    data = stream.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise DumpError(
            f"{source}: the JSON document is over {max_bytes:,} bytes, more than {what}"
        )
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise DumpError(f"{source}: not valid UTF-8 (near byte {exc.start})") from None
    try:
        return read_json(text)
    except JsonError as exc:
        raise DumpError(f"{source}:{exc.lineno}:{exc.colno}: not valid JSON: {exc.msg}") from None
