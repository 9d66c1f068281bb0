"""Dump formats: how ``commentguard check`` recognises, reads and rewrites each kind of export.

A :class:`DumpFormat` bundles a reader with a way to recognise its files. A third party adds
formats through the ``register_loaders`` hook (see ``docs/hooks.md``); the built-in ones are
the same kind of object, added by :meth:`FormatRegistry.from_plugins` after the plugins' (not
as a plugin, so a web worker's guard never imports a reader). Formats are recognised by
content: the tests they are made of are in :mod:`commentguard._loaders.sniff`.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path, PurePath
from typing import TYPE_CHECKING, BinaryIO

from commentguard._loaders import sniff
from commentguard._loaders._write_back import StatusRewriter, rewrite_disqus, rewrite_wxr
from commentguard._loaders.base import DumpError, Record, RecordError
from commentguard._loaders.commento import read_commento
from commentguard._loaders.csvfile import read_csv
from commentguard._loaders.disqus import read_disqus
from commentguard._loaders.isso_json import read_isso_json
from commentguard._loaders.isso_sqlite import ISSO_TABLES, read_isso_sqlite, refuse_a_stream
from commentguard._loaders.jsonfile import read_json_file, utf8_chunks
from commentguard._loaders.jsonl import bounded_lines, read_jsonl, split_jsonl
from commentguard._loaders.pieces import (
    MARKUP_PIECE_BYTES,
    PIECE_BYTES,
    Piece,
    record_lists,
    without_oversized,
)
from commentguard._loaders.remark42 import read_remark42
from commentguard._loaders.sniff import SNIFF_BYTES as SNIFF_BYTES
from commentguard._loaders.staticman import (
    SUFFIXES,
    holds_comments,
    read_staticman_file,
    read_staticman_folder,
)
from commentguard._loaders.wxr import read_wxr
from commentguard._loaders.wxr_pieces import split_wxr
from commentguard._models.limits import RECORD_MAX_BYTES

if TYPE_CHECKING:
    from commentguard._plugins import Plugins

Records = Iterator[Record | RecordError]
"""What a reader yields: one item per comment, in document order."""


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


@dataclass(frozen=True, slots=True)
class DumpFormat:
    """One dump format.

    Attributes:
        name: What ``--format`` accepts (``wxr``).
        description: One line for ``commentguard check --help`` and the docs.
        read: ``read(stream, source, options)``, the reader. It must yield exactly one item
            per comment, in document order, because ``--write-back`` finds comments again by
            their position; it raises :class:`DumpError` if the document is unreadable.
        sniff: ``sniff(name, head)``: whether the dump called ``name`` that starts with the
            bytes ``head`` (:data:`SNIFF_BYTES` at most) is in this format; formats are tried
            in registration order, plugins' first.
        rewrite: Where an XML format keeps a comment's moderation status, and which status a
            verdict sets, for a corrected copy (``--write-back``); ``None`` when the format has
            no moderation status to correct.
        split: ``split(stream, source, options, size)`` cuts the raw dump into pieces of about
            ``size`` records that worker processes read themselves (JSON Lines); reading them
            all must equal ``read``. ``None`` when records can only be read in order.
        read_path: ``read_path(path, source, options)`` reads the dump from its path, used
            instead of :attr:`read` whenever the dump is a file or a folder rather than a
            stream (an SQLite database, a folder of YAML files); ``None`` when a stream is all
            the format needs.
        sniff_folder: ``sniff_folder(folder)``: whether a folder is a dump in this format;
            ``None`` for a format whose dumps are single files.
    """

    name: str
    description: str
    read: Callable[[BinaryIO, str, ReadOptions], Records]
    sniff: Callable[[str, bytes], bool]
    rewrite: StatusRewriter | None = None
    split: Callable[[BinaryIO, str, ReadOptions, int], Iterator[Piece]] | None = None
    read_path: Callable[[Path, str, ReadOptions], Records] | None = None
    sniff_folder: Callable[[Path], bool] | None = None

    def pieces(
        self, stream: BinaryIO, source: str, options: ReadOptions, size: int
    ) -> Iterator[Piece]:
        """The dump in pieces of about ``size`` records, for :func:`~commentguard.dumps.check_dump`.

        With :attr:`split` the pieces are raw and read where they are moderated; otherwise
        :attr:`read` reads the records here and the pieces carry them. Either way a piece
        ends once it holds :data:`~commentguard._loaders.pieces.PIECE_BYTES`, so big records
        travel a few at a time.
        """
        if self.split is not None:
            return self.split(stream, source, options, size)
        records = without_oversized(self.read(stream, source, options), options.max_record_bytes)
        return record_lists(records, size)

    def pieces_at(
        self, path: Path, source: str, options: ReadOptions, size: int
    ) -> Iterator[Piece]:
        """The dump at ``path`` (a file or a folder) in pieces, as :meth:`pieces` gives them.

        Only for a format with :attr:`read_path`; the records are read here.
        """
        if self.read_path is None:
            raise DumpError(f"{source}: the {self.name} format reads streams, not paths")
        records = self.read_path(path, source, options)
        return record_lists(without_oversized(records, options.max_record_bytes), size)


def _text(stream: BinaryIO) -> io.TextIOWrapper:
    # A byte that is not UTF-8 becomes a lone surrogate, which validation refuses for that
    # record only, instead of a decoding error that would end the whole stream.
    return io.TextIOWrapper(stream, encoding="utf-8-sig", errors="surrogateescape", newline="")


def _read_jsonl(stream: BinaryIO, source: str, options: ReadOptions) -> Records:
    limit = options.max_record_bytes
    return read_jsonl(bounded_lines(stream, limit), source, max_line_bytes=limit)


def _split_jsonl(stream: BinaryIO, source: str, options: ReadOptions, size: int) -> Iterator[Piece]:
    return split_jsonl(stream, source, size, PIECE_BYTES, options.max_record_bytes)


def _read_json(stream: BinaryIO, source: str, options: ReadOptions) -> Records:
    return read_json_file(stream, source, options.max_record_bytes)


def _read_isso_json(stream: BinaryIO, source: str, options: ReadOptions) -> Records:
    return read_isso_json(utf8_chunks(stream, source), source, options.max_record_bytes)


def _read_isso_sqlite_stream(stream: BinaryIO, source: str, options: ReadOptions) -> Records:
    raise refuse_a_stream(source)


def _read_isso_sqlite(path: Path, source: str, options: ReadOptions) -> Records:
    return read_isso_sqlite(path, source, options.max_record_bytes)


def _read_commento(stream: BinaryIO, source: str, options: ReadOptions) -> Records:
    return read_commento(stream, source)


def _read_remark42(stream: BinaryIO, source: str, options: ReadOptions) -> Records:
    limit = options.max_record_bytes
    return read_remark42(bounded_lines(stream, limit), source, limit)


def _read_staticman(stream: BinaryIO, source: str, options: ReadOptions) -> Records:
    return read_staticman_file(stream, source, options.max_record_bytes)


def _read_staticman_path(path: Path, source: str, options: ReadOptions) -> Records:
    if path.is_dir():
        return read_staticman_folder(path, source, options.max_record_bytes)
    with path.open("rb") as stream:
        return iter(list(read_staticman_file(stream, source, options.max_record_bytes)))


def _read_csv(stream: BinaryIO, source: str, options: ReadOptions) -> Records:
    delimiter = "\t" if _suffix(source) == ".tsv" else ","
    return read_csv(_text(stream), source, options.mapping, delimiter=delimiter)


def _read_wxr(stream: BinaryIO, source: str, options: ReadOptions) -> Records:
    return read_wxr(stream, source)


def _split_wxr(stream: BinaryIO, source: str, options: ReadOptions, size: int) -> Iterator[Piece]:
    return split_wxr(stream, source, size, MARKUP_PIECE_BYTES, options.max_record_bytes)


def _read_disqus(stream: BinaryIO, source: str, options: ReadOptions) -> Records:
    return read_disqus(stream, source)


def _suffix(name: str) -> str:
    return PurePath(name).suffix.lower()


def _sniff_wxr(name: str, head: bytes) -> bool:
    return sniff.looks_like_xml(head) and b"wordpress.org/export/" in head


def _sniff_disqus(name: str, head: bytes) -> bool:
    return sniff.looks_like_xml(head) and b"<disqus" in head


def _sniff_isso_sqlite(name: str, head: bytes) -> bool:
    return sniff.sqlite_tables(head) >= ISSO_TABLES


def _sniff_isso_json(name: str, head: bytes) -> bool:
    return "comments" in (sniff.first_element_keys(head) or ())


def _sniff_commento(name: str, head: bytes) -> bool:
    keys = sniff.object_keys(head) or ()
    return "commenters" in keys or ("comments" in keys and b'"commentHex"' in head)


def _sniff_remark42(name: str, head: bytes) -> bool:
    keys = sniff.object_keys(head) or ()
    return "version" in keys and ("users" in keys or "posts" in keys) and "comments" not in keys


def _is_jsonl(name: str, head: bytes) -> bool:
    return _suffix(name) in (".jsonl", ".ndjson") or sniff.looks_like_jsonl(head)


def _sniff_json(name: str, head: bytes) -> bool:
    first = sniff.first_char(head)
    return first == b"[" or (first == b"{" and not _is_jsonl(name, head))


def _sniff_staticman(name: str, head: bytes) -> bool:
    return _suffix(name) in SUFFIXES


def _sniff_staticman_folder(folder: Path) -> bool:
    return holds_comments(folder)


def _sniff_csv(name: str, head: bytes) -> bool:
    return _suffix(name) in (".csv", ".tsv")


WXR = DumpFormat(
    "wxr",
    "WordPress eXtended RSS 1.0-1.2 (Tools > Export); pingbacks and trackbacks are kept apart",
    _read_wxr,
    _sniff_wxr,
    rewrite_wxr,
    split=_split_wxr,
)
DISQUS = DumpFormat(
    "disqus", "Disqus XML export (threads and posts)", _read_disqus, _sniff_disqus, rewrite_disqus
)
ISSO_SQLITE = DumpFormat(
    "isso-db",
    "Isso's comment database (SQLite, read-only)",
    _read_isso_sqlite_stream,
    _sniff_isso_sqlite,
    read_path=_read_isso_sqlite,
)
ISSO_JSON = DumpFormat(
    "isso", "Isso's generic import JSON: threads, each with its comments", _read_isso_json,
    _sniff_isso_json,
)  # fmt: skip
COMMENTO = DumpFormat(
    "commento", "Commento's JSON export (comments joined to their commenters)", _read_commento,
    _sniff_commento,
)  # fmt: skip
REMARK42 = DumpFormat(
    "remark42", "Remark42's backup: a header line, then one comment per line", _read_remark42,
    _sniff_remark42,
)  # fmt: skip
JSON = DumpFormat(
    "json", "A JSON array of comment objects, or one comment object", _read_json, _sniff_json
)
JSONL = DumpFormat(
    "jsonl",
    "JSON Lines: one comment object per line",
    _read_jsonl,
    _is_jsonl,
    split=_split_jsonl,
)
STATICMAN = DumpFormat(
    "staticman",
    "Staticman YAML comments: a folder of post folders, one file per comment",
    _read_staticman,
    _sniff_staticman,
    read_path=_read_staticman_path,
    sniff_folder=_sniff_staticman_folder,
)
CSV = DumpFormat("csv", "CSV with a header row (--map renames columns)", _read_csv, _sniff_csv)

BUILTIN_FORMATS: tuple[DumpFormat, ...] = (
    WXR, DISQUS, ISSO_SQLITE, ISSO_JSON, COMMENTO, REMARK42, JSON, JSONL, STATICMAN, CSV,
)  # fmt: skip
"""The formats commentguard reads itself, in the order they are tried."""


def register_loaders(register: Callable[[DumpFormat], None]) -> None:
    """Register the built-in formats (:meth:`FormatRegistry.from_plugins`: after the plugins')."""
    for dump_format in BUILTIN_FORMATS:
        register(dump_format)


class FormatRegistry:
    """The formats known to a run: plugins' first, then the built-ins, by name."""

    @classmethod
    def from_plugins(cls, plugins: Plugins) -> FormatRegistry:
        """The formats the loaded plugins register, then the built-in ones."""
        formats: list[DumpFormat] = []
        plugins.register_loaders(formats.append)
        register_loaders(formats.append)
        return cls(formats)

    def __init__(self, formats: list[DumpFormat]) -> None:
        for dump_format in formats:
            if not isinstance(dump_format, DumpFormat):
                raise DumpError(
                    f"a plugin registered {type(dump_format).__name__!r} as a dump format; "
                    "register_loaders takes commentguard._loaders.DumpFormat objects"
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
            DumpError: no format recognises it (the message says what it looks like and how
                to choose a format).
        """
        for dump_format in self._formats:
            if dump_format.sniff(name, head):
                return dump_format
        raise DumpError(
            f"{name}: cannot tell the format of this dump; choose one with --input-format "
            f"({', '.join(self.names)}). It looks like {sniff.describe(head)}."
        )

    def detect_folder(self, folder: Path, name: str) -> DumpFormat:
        """The first format whose ``sniff_folder`` accepts the folder.

        Raises:
            DumpError: no format reads such a folder.
        """
        for dump_format in self._formats:
            if dump_format.sniff_folder is not None and dump_format.sniff_folder(folder):
                return dump_format
        readers = [f.name for f in self._formats if f.read_path is not None and f.sniff_folder]
        raise DumpError(
            f"{name}: a folder that no format reads; folders are read by "
            f"{', '.join(readers) or 'no format'} (Staticman: a folder of .yml files)"
        )

    def unreadable(self, name: str, head: bytes, dump_format: DumpFormat, records: int) -> str:
        """Why not one of a dump's ``records`` could be read as ``dump_format``, and what to try.

        The other formats that recognise the dump are suggested, or all of them.
        """
        others = [
            f.name for f in self._formats if f is not dump_format and head and f.sniff(name, head)
        ]
        suggestion = (
            ", ".join(others)
            if others
            else ", ".join(f for f in self.names if f != dump_format.name)
        )
        return (
            f"{name}: none of its {records:,} records could be read as {dump_format.name}: "
            f"it looks like {sniff.describe(head)}; try --input-format {suggestion}"
        )
