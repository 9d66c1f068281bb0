"""Dump formats: how ``commentguard check`` recognises, reads and rewrites each kind of export.

A :class:`DumpFormat` bundles a reader with a way to recognise its files. The built-in formats
are registered through the ``register_loaders`` hook like a plugin's, so a third party adds
Isso or Remark42 exports the same way (see ``docs/hooks.md``).
"""

from __future__ import annotations

import codecs
import io
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import PurePath
from typing import BinaryIO, Protocol

from commentguard.hookspecs import hookimpl
from commentguard.loaders.base import DumpError, Record, RecordError
from commentguard.loaders.csvfile import read_csv
from commentguard.loaders.disqus import read_disqus
from commentguard.loaders.jsonarray import read_json_array
from commentguard.loaders.jsonl import bounded_lines, read_jsonl, split_jsonl
from commentguard.loaders.pieces import PIECE_BYTES, Piece, record_lists, without_oversized
from commentguard.loaders.rewrite import Rewriter, rewrite_disqus, rewrite_wxr
from commentguard.loaders.wxr import read_wxr
from commentguard.models.limits import RECORD_MAX_BYTES

Records = Iterator[Record | RecordError]

SNIFF_BYTES = 64 * 1024
"""How much of the start of a dump a format's ``sniff`` is shown."""


@dataclass(frozen=True, slots=True)
class ReadOptions:
    """What the command line tells a reader.

    Attributes:
        mapping: Renames columns (``--map``): field name to column name.
        max_record_bytes: A record longer than this is an error: skipped unread where the
            format allows (a JSON Lines line, a JSON array element), or dropped once read.
            ``commentguard check`` sets it from the site's limits.
    """

    mapping: Mapping[str, str] = field(default_factory=dict)
    max_record_bytes: int = RECORD_MAX_BYTES


class PluginManagerLike(Protocol):
    """What the registry needs of :class:`commentguard.plugins.Plugins`."""

    def register_loaders(self, register: Callable[[DumpFormat], None]) -> None:
        """Call ``register`` with each format the plugins register."""
        ...


class Reader(Protocol):
    """Reads a binary stream into records and errors, in document order, one per comment."""

    def __call__(
        self, stream: BinaryIO, source: str, options: ReadOptions
    ) -> Iterator[Record | RecordError]:
        """Yield the dump's records; raise :class:`DumpError` if the document is unreadable."""
        ...


class Splitter(Protocol):
    """Cuts a dump into pieces of about ``size`` records that can be read independently."""

    def __call__(
        self, stream: BinaryIO, source: str, options: ReadOptions, size: int
    ) -> Iterator[Piece]:
        """Yield the pieces in document order; reading them all must equal ``read``."""
        ...


class Sniffer(Protocol):
    """Whether a dump is in this format, from its name and first :data:`SNIFF_BYTES` bytes."""

    def __call__(self, name: str, head: bytes) -> bool:
        """Whether the dump called ``name`` that starts with ``head`` is in this format."""
        ...


@dataclass(frozen=True, slots=True)
class DumpFormat:
    """One dump format.

    Attributes:
        name: What ``--format`` accepts (``wxr``).
        description: One line for ``commentguard check --help`` and the docs.
        read: The reader. It must yield exactly one item per comment, in document order,
            because ``--write-back`` finds comments again by their position.
        sniff: Recognises the format; formats are tried in registration order, plugins' first.
        rewrite: Writes a corrected copy (``--write-back``); ``None`` when the format has
            no moderation status to correct.
        split: Cuts the raw dump into pieces that worker processes read themselves (JSON
            Lines); ``None`` when records can only be read in order, in one process.
    """

    name: str
    description: str
    read: Reader
    sniff: Sniffer
    rewrite: Rewriter | None = None
    split: Splitter | None = None

    def pieces(
        self, stream: BinaryIO, source: str, options: ReadOptions, size: int
    ) -> Iterator[Piece]:
        """The dump in pieces of about ``size`` records, for :func:`~commentguard.dumps.check_dump`.

        With :attr:`split` the pieces are raw and read where they are moderated; otherwise
        :attr:`read` reads the records here and the pieces carry them. Either way a piece
        ends once it holds :data:`~commentguard.loaders.pieces.PIECE_BYTES`, so big records
        travel a few at a time.
        """
        if self.split is not None:
            return self.split(stream, source, options, size)
        records = without_oversized(self.read(stream, source, options), options.max_record_bytes)
        return record_lists(records, size)


def _text(stream: BinaryIO) -> io.TextIOWrapper:
    # A byte that is not UTF-8 becomes a lone surrogate, which validation refuses for that
    # record only, instead of a decoding error that would end the whole stream.
    return io.TextIOWrapper(stream, encoding="utf-8-sig", errors="surrogateescape", newline="")


def _read_jsonl(stream: BinaryIO, source: str, options: ReadOptions) -> Records:
    limit = options.max_record_bytes
    return read_jsonl(bounded_lines(stream, limit), source, max_line_bytes=limit)


def _split_jsonl(stream: BinaryIO, source: str, options: ReadOptions, size: int) -> Iterator[Piece]:
    return split_jsonl(stream, source, size, PIECE_BYTES, options.max_record_bytes)


def _read_json_array(stream: BinaryIO, source: str, options: ReadOptions) -> Records:
    decoder = codecs.getincrementaldecoder("utf-8-sig")()

    def chunks() -> Iterator[str]:
        while block := stream.read(1 << 16):
            try:
                yield decoder.decode(block)
            except UnicodeDecodeError as exc:
                raise DumpError(f"{source}: not valid UTF-8 (near byte {exc.start})") from None

    return read_json_array(chunks(), source, options.max_record_bytes)


def _read_csv(stream: BinaryIO, source: str, options: ReadOptions) -> Records:
    delimiter = "\t" if _suffix(source) == ".tsv" else ","
    return read_csv(_text(stream), source, options.mapping, delimiter=delimiter)


def _read_wxr(stream: BinaryIO, source: str, options: ReadOptions) -> Records:
    return read_wxr(stream, source)


def _read_disqus(stream: BinaryIO, source: str, options: ReadOptions) -> Records:
    return read_disqus(stream, source)


def _suffix(name: str) -> str:
    return PurePath(name).suffix.lower()


def _first_char(head: bytes) -> bytes:
    stripped = head.removeprefix(codecs.BOM_UTF8).lstrip()
    return stripped[:1]


def _is_xml(head: bytes) -> bool:
    return _first_char(head) == b"<"


def _sniff_wxr(name: str, head: bytes) -> bool:
    return _is_xml(head) and b"wordpress.org/export/" in head


def _sniff_disqus(name: str, head: bytes) -> bool:
    return _is_xml(head) and b"<disqus" in head


def _sniff_json_array(name: str, head: bytes) -> bool:
    return _first_char(head) == b"["


def _sniff_jsonl(name: str, head: bytes) -> bool:
    return _suffix(name) in (".jsonl", ".ndjson") or _first_char(head) == b"{"


def _sniff_csv(name: str, head: bytes) -> bool:
    return _suffix(name) in (".csv", ".tsv")


WXR = DumpFormat(
    "wxr",
    "WordPress eXtended RSS 1.0-1.2 (Tools > Export); pingbacks and trackbacks are kept apart",
    _read_wxr,
    _sniff_wxr,
    rewrite_wxr,
)
DISQUS = DumpFormat(
    "disqus", "Disqus XML export (threads and posts)", _read_disqus, _sniff_disqus, rewrite_disqus
)
JSON_ARRAY = DumpFormat(
    "json", "A JSON array of comment objects", _read_json_array, _sniff_json_array
)
JSONL = DumpFormat(
    "jsonl",
    "JSON Lines: one comment object per line",
    _read_jsonl,
    _sniff_jsonl,
    split=_split_jsonl,
)
CSV = DumpFormat("csv", "CSV with a header row (--map renames columns)", _read_csv, _sniff_csv)

BUILTIN_FORMATS: tuple[DumpFormat, ...] = (WXR, DISQUS, JSON_ARRAY, JSONL, CSV)
"""The formats commentguard reads itself, in the order they are tried."""


@hookimpl
def register_loaders(register: Callable[[DumpFormat], None]) -> None:
    """Register the built-in formats."""
    for dump_format in BUILTIN_FORMATS:
        register(dump_format)


class FormatRegistry:
    """The formats known to a run: plugins' first, then the built-ins, by name."""

    @classmethod
    def from_plugins(cls, plugins: PluginManagerLike) -> FormatRegistry:
        """The formats the loaded plugins register (the built-ins are a plugin too)."""
        formats: list[DumpFormat] = []
        plugins.register_loaders(formats.append)
        return cls(formats)

    def __init__(self, formats: list[DumpFormat]) -> None:
        for dump_format in formats:
            if not isinstance(dump_format, DumpFormat):
                raise DumpError(
                    f"a plugin registered {type(dump_format).__name__!r} as a dump format; "
                    "register_loaders takes commentguard.loaders.DumpFormat objects"
                )
        # A stable sort: plugins' formats first, each group in registration order.
        self._formats = sorted(formats, key=lambda dump_format: dump_format in BUILTIN_FORMATS)

    @property
    def names(self) -> list[str]:
        """Every format name, in the order formats are tried."""
        return [dump_format.name for dump_format in self._formats]

    def get(self, name: str) -> DumpFormat:
        """The format called ``name``.

        Raises:
            DumpError: no format has that name.
        """
        for dump_format in self._formats:
            if dump_format.name == name:
                return dump_format
        raise DumpError(f"unknown format {name!r}; known formats: {', '.join(self.names)}")

    def detect(self, name: str, head: bytes) -> DumpFormat:
        """The first format whose ``sniff`` accepts the dump.

        Raises:
            DumpError: no format recognises it (the message says how to choose one).
        """
        for dump_format in self._formats:
            if dump_format.sniff(name, head):
                return dump_format
        raise DumpError(
            f"{name}: cannot tell the format of this dump; choose one with --input-format "
            f"({', '.join(self.names)})"
        )
