"""Gzip-compressed dumps, as Disqus (``.xml.gz``) and Remark42 (its backups) hand them out.

They are read through a decompressing stream, so every format reads one as the plain file.
"""

from __future__ import annotations

import gzip
import io
import zlib
from typing import Any

from commentguard._loaders.base import DumpError
from commentguard._loaders.sniff import GZIP_MAGIC, SNIFF_BYTES


def decompressed(stream: io.BufferedReader[Any], source: str) -> io.BufferedReader[Any] | None:
    """The decompressed dump when ``stream`` holds gzip data; ``None`` when it does not.

    Decompression streams, as reading does: memory does not grow with the dump. Damaged gzip
    data raises :class:`DumpError` where it is found.
    """
    if not stream.peek(len(GZIP_MAGIC)).startswith(GZIP_MAGIC):
        return None
    return io.BufferedReader(
        _Checked(gzip.GzipFile(None, "rb", fileobj=stream), source), SNIFF_BYTES
    )


class _Checked(io.RawIOBase):
    """A decompressing stream whose errors are a :class:`DumpError` naming the dump."""

    def __init__(self, stream: gzip.GzipFile, source: str) -> None:
        self._stream = stream
        self._source = source

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: memoryview) -> int:  # type: ignore[override] # io passes a memoryview; typeshed's any-buffer has no len or slicing
        try:
            data = self._stream.read(len(buffer))
        except (OSError, EOFError, zlib.error) as exc:
            raise DumpError(f"{self._source}: the gzip data is damaged ({exc})") from None
        buffer[: len(data)] = data
        return len(data)
