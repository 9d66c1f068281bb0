"""A JSON document read whole, within a size bound: for formats that are one object."""

from __future__ import annotations

from typing import Any, BinaryIO

from commentguard.jsonread import JsonError, read_json
from commentguard.loaders.base import DumpError


def read_document(stream: BinaryIO, source: str, max_bytes: int) -> Any:
    """The value of the JSON document ``stream`` holds, if it is at most ``max_bytes`` long.

    Raises:
        DumpError: the document is longer, not UTF-8, or not JSON (where, by line).
    """
    data = stream.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise DumpError(
            f"{source}: the JSON document is over {max_bytes:,} bytes, more than this format "
            "is read whole; split the export, or convert it to JSON Lines"
        )
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise DumpError(f"{source}: not valid UTF-8 (near byte {exc.start})") from None
    try:
        return read_json(text)
    except JsonError as exc:
        raise DumpError(f"{source}:{exc.lineno}:{exc.colno}: not valid JSON: {exc.msg}") from None
