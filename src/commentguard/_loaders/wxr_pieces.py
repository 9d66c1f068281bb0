"""WordPress exports cut at ``<item>`` boundaries, so worker processes parse their own pieces.

The main process only scans the bytes for ``<item>`` and ``</item>`` tags, skipping CDATA
sections, comments and processing instructions, whose text may look like tags. A piece is the
document's header cut to what the items need (the XML declaration, then the start tag of each
element still open at the first item, ``<rss>`` with its namespace declarations and
``<channel>``, each on a line of its own), then the piece's items, then the end tags of those
elements. A worker parses it with the same reader, and so with the same refusals
(no DTD, no entity expansion, libxml2's size limits); line and column numbers are those of the
file. Checks that need the whole document are done here: the header is parsed before the
first piece goes out (a DTD is refused before any record is read), and the header with the
text after the last item is parsed at the end (a truncated file is an error, as when it is
read in one go).

What this scanner does not follow (a document not in an ASCII-compatible encoding, a DTD or a
malformed header; from some point on, markup between two items, an ``<item>`` that is not
closed, or more than :data:`_MAX_HELD` that no piece could take) is read in the main process
from there on, by the same reader.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import BinaryIO

from commentguard._loaders.base import DumpError, Lines, Record, RecordError, safe_iterparse
from commentguard._loaders.jsonfile import Joined
from commentguard._loaders.pieces import PIECE_BYTES, RecordList, record_lists, without_oversized
from commentguard._loaders.wxr import read_wxr
from commentguard._models.limits import RECORD_MAX_BYTES

_CHUNK = 1 << 20
_MAX_HELD = 1 << 24
"""The most the scanner holds unhanded (one huge post, or a long text no item follows): past
it the reader streams the rest, with libxml2's bounded memory and its limits."""
_OPENER = re.compile(rb"<(?:!\[CDATA\[|!--|\?|(/?)item(?=[\s>/]))")
_CLOSERS = {b"<![CDATA[": b"]]>", b"<!--": b"-->", b"<?": b"?>"}
_TAG_END = re.compile(rb"""(?:[^>"']|"[^"]*"|'[^']*')*>""")
_QUIET_GAP = re.compile(rb"(?:\s|<!--.*?-->|<\?.*?\?>)*", re.DOTALL)
_HEADER_TOKEN = re.compile(
    rb"""<!\[CDATA\[.*?\]\]>|<!--.*?-->|<\?.*?\?>|<![^>]*>
    |</(?P<end>[^\s>]+)\s*>
    |<(?P<start>[^\s/>!?]+)(?:[^>"']|"[^"]*"|'[^']*')*?(?P<empty>/?)>""",
    re.DOTALL | re.VERBOSE,
)
_ENCODING = re.compile(rb"""\A(?:\xef\xbb\xbf)?<\?xml[^>]*?encoding\s*=\s*["']([^"']+)""")
_CONTINUATION = re.compile(rb"[\x80-\xbf]")
_WIDE_ENCODINGS = (b"\xfe\xff", b"\xff\xfe", b"\x00\x00", b"\x00<", b"<\x00")


@dataclass(frozen=True, slots=True)
class _Header:
    """What every piece of one export starts and ends with."""

    text: bytes  # the XML declaration and the open elements' start tags, one per line
    lines: tuple[int, ...]  # the file's line of each of those lines
    closing: bytes  # their end tags, innermost first

    def piece(self, data: bytes, closing: bool = True) -> bytes:
        """``data`` after the header, on a line of its own, as a document."""
        return b"".join((self.text, b"\n", data, self.closing if closing else b""))

    def lines_of(self, line: int, column: int) -> Lines:
        """Where the lines of a piece whose data starts at ``line`` and ``column`` are.

        The data is not moved right with spaces to its column: a piece of a one-line export
        would start with millions of them, a text node over libxml2's limit.
        """
        return Lines(self.lines, line - (len(self.lines) + 1), column - 1)


@dataclass(frozen=True, slots=True)
class WxrBlock:
    """Consecutive ``<item>`` elements of a WXR export, read where they are moderated.

    ``line`` and ``column`` are where ``data`` starts in the file (both from 1).
    """

    source: str
    header: _Header
    line: int
    column: int
    data: bytes
    max_record_bytes: int

    def records(self) -> Iterator[Record | RecordError]:
        """Read the items' comments (see :func:`~commentguard.dumps.read_wxr`)."""
        text = self.header.piece(self.data)
        lines = self.header.lines_of(self.line, self.column)
        records = read_wxr(io.BytesIO(text), self.source, lines)
        return without_oversized(records, self.max_record_bytes)


@dataclass(slots=True)
class _Item:
    start: int  # offset in the file
    end: int
    line: int
    column: int


def split_wxr(
    stream: BinaryIO,
    source: str,
    size: int,
    max_bytes: int = PIECE_BYTES,
    max_record_bytes: int = RECORD_MAX_BYTES,
) -> Iterator[WxrBlock | RecordList]:
    """The export's items in :class:`WxrBlock` pieces of ``size`` items or about ``max_bytes``.

    A comment of more than ``max_record_bytes`` of text becomes an error, where it is read.

    Raises:
        DumpError: as :func:`~commentguard.dumps.read_wxr` would, at the same point of the
            run: a DTD before any piece, a malformed piece when a worker reads it, a malformed
            or truncated end after the last piece.
    """
    scanner = _Scanner(stream)
    items = scanner.items()
    first = next(items, None) if not scanner.peek(4).startswith(_WIDE_ENCODINGS) else None
    header = None if first is None else _header(scanner.slice(0, first.start), source)
    if first is None or header is None:
        # UTF-16 or UTF-32, no item, a DTD or a malformed header: the reader reads it all
        whole = scanner.rest(0)
        records = without_oversized(read_wxr(whole, source), max_record_bytes)
        yield from record_lists(records, size, max_bytes)
        return
    block_start, count, previous = first, 1, first
    followed = True
    for item in items:
        if _QUIET_GAP.fullmatch(scanner.slice(previous.end, item.start)) is None:
            followed = False  # markup between two items: no more cuts, the reader reads on
            break
        if count >= size or item.start - block_start.start >= max_bytes:
            data = scanner.slice(block_start.start, item.start)
            yield WxrBlock(
                source, header, block_start.line, block_start.column, data, max_record_bytes
            )
            scanner.forget(item.start)
            block_start, count = item, 0
        count += 1
        previous = item
    if scanner.unclosed or scanner.held_too_much or not followed:
        # What the scanner does not follow, or would have to hold: the reader streams the rest
        rest = scanner.rest(block_start.start, header.piece(b"", closing=False))
        records = read_wxr(rest, source, header.lines_of(block_start.line, block_start.column))
        yield from record_lists(without_oversized(records, max_record_bytes), size, max_bytes)
        return
    data = scanner.slice(block_start.start, previous.end)
    yield WxrBlock(source, header, block_start.line, block_start.column, data, max_record_bytes)
    line, column = scanner.position(previous.end)
    tail = io.BytesIO(header.piece(scanner.slice(previous.end, None), closing=False))
    for _ in safe_iterparse(tail, source, ("end",), "item", header.lines_of(line, column)):
        pass  # the text after the last item, after the header: a truncated end is an error


def _header(before: bytes, source: str) -> _Header | None:
    """What the pieces need of the text ``before`` the first item.

    ``None`` when the text has a DTD, or is not well-formed with the end tags of what it
    leaves open (the reader then reads the whole file and reports the error where it is).
    """
    if b"<!DOCTYPE" in before:
        return None
    declaration = b""
    if before.startswith((b"<?xml", b"\xef\xbb\xbf<?xml")):
        declaration = before[: before.index(b"?>") + 2]
    open_tags: list[tuple[bytes, bytes, int]] = []  # name, start tag, offset
    for token in _HEADER_TOKEN.finditer(before):
        if token["end"] is not None:
            if not open_tags or open_tags.pop()[0] != token["end"]:
                return None
        elif token["start"] is not None and not token["empty"]:
            open_tags.append((token["start"], token.group(), token.start()))
    closing = b"".join(b"</%s>" % name for name, _, _ in reversed(open_tags))
    try:
        for _ in safe_iterparse(io.BytesIO(before + closing), source, ("end",), "item"):
            pass
    except DumpError:
        return None
    flat = [_flat(declaration)] if declaration else []
    lines = [1] if declaration else []
    for _, tag, offset in open_tags:
        flat.append(_flat(tag))
        lines.append(before.count(b"\n", 0, offset) + 1)
    return _Header(b"\n".join(flat), tuple(lines), closing)


def _flat(markup: bytes) -> bytes:
    """``markup`` on one line: its line breaks (between attributes) made spaces."""
    return markup.replace(b"\r", b" ").replace(b"\n", b" ")


class _Scanner:
    """Reads a stream once, in chunks, finding its top-level ``<item>`` elements.

    Offsets are the file's; the buffer holds the file from :attr:`_base` on, and loses what a
    finished piece held (:meth:`forget`).
    """

    def __init__(self, stream: BinaryIO) -> None:
        self._stream = stream
        self._buffer = bytearray()
        self._base = 0
        self._eof = False
        self._cursor = (0, 1, 1)  # an offset, its line and its column
        self.unclosed = False
        """Whether the document ended inside an ``<item>`` (or inside a tag)."""
        self.held_too_much = False
        """Whether the scanner stopped, holding :data:`_MAX_HELD` that no piece could take."""
        declared = _ENCODING.search(self.peek(256))
        self.utf8 = declared is None or declared[1].lower() in (b"utf-8", b"utf8")
        """Whether columns count UTF-8 characters (the declaration names no other encoding)."""

    def peek(self, count: int) -> bytes:
        while len(self._buffer) < count and self._fill():
            pass
        return bytes(self._buffer[:count])

    def _fill(self) -> bool:
        if self._eof or self.held_too_much:
            return False
        if len(self._buffer) >= _MAX_HELD:
            self.held_too_much = True
            return False
        chunk = self._stream.read(_CHUNK)
        if not chunk:
            self._eof = True
            return False
        self._buffer += chunk
        return True

    def slice(self, start: int, end: int | None) -> bytes:
        """The file's bytes from ``start`` to ``end`` (``None``: to the end of the file)."""
        if end is None:
            while self._fill():
                pass
            return bytes(self._buffer[start - self._base :])
        return bytes(self._buffer[start - self._base : end - self._base])

    def rest(self, offset: int, prefix: bytes = b"") -> BinaryIO:
        """``prefix``, then the file from ``offset`` on, as a stream; the scanner is done."""
        head = prefix + bytes(self._buffer[offset - self._base :])
        self._buffer = bytearray()
        return io.BufferedReader(Joined(head, self._stream))

    def forget(self, offset: int) -> None:
        """Drop what lies before ``offset``: no piece needs it again."""
        del self._buffer[: offset - self._base]
        self._base = offset

    def position(self, offset: int) -> tuple[int, int]:
        """Line and column (from 1) of ``offset``, at or after the last one asked about.

        Columns count characters, as libxml2's do: in UTF-8, bytes that start one.
        """
        at, line, column = self._cursor
        between = self._buffer[at - self._base : offset - self._base]
        newlines = between.count(b"\n")
        if newlines:
            line += newlines
            between = between[between.rindex(b"\n") + 1 :]
            column = 1
        column += len(between) - (len(_CONTINUATION.findall(between)) if self.utf8 else 0)
        self._cursor = (offset, line, column)
        return line, column

    def items(self) -> Iterator[_Item]:
        """Each top-level ``<item>`` element: where it starts and ends, and its line."""
        depth = 0
        start = 0
        position = 0  # a file offset: the buffer may lose its start between two items
        while True:
            buffer, base = self._buffer, self._base
            found = _OPENER.search(buffer, position - base)
            if found is None:
                # Only an opener cut by the buffer's end can still be there: search on from it,
                # not from the start again, or 16 MB with no tag cost 16 searches of it.
                position = max(position, base + len(buffer) - len(b"<![CDATA["))
                if not self._fill():
                    self.unclosed = depth > 0
                    return
                continue
            if found.group(1) is None:  # CDATA, a comment or a processing instruction
                opener = found.group()
                closer = _CLOSERS[opener if opener in _CLOSERS else b"<?"]
                end = buffer.find(closer, found.end())
                if end < 0:
                    if self._fill():
                        continue
                    self.unclosed = depth > 0
                    return
                position = base + end + len(closer)
                continue
            tag_end = _TAG_END.match(buffer, found.end())
            if tag_end is None:
                if self._fill():
                    continue
                self.unclosed = True
                return
            position = base + tag_end.end()
            if buffer[tag_end.end() - 2 : tag_end.end()] == b"/>":
                continue  # <item/>: no content, no piece boundary
            if found.group(1) == b"":  # an opening tag
                if depth == 0:
                    start = base + found.start()
                depth += 1
            elif depth:
                depth -= 1
                if depth == 0:
                    line, column = self.position(start)
                    yield _Item(start, position, line, column)
