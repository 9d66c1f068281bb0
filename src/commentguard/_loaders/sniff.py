"""What the start of a dump looks like: the content tests that format detection is made of.

Every function here reads only the first bytes of a dump (``head``, at most
:data:`~commentguard._loaders.formats.SNIFF_BYTES`), which may end in the middle of a value: a
JSON text cut off is read as far as it goes, never parsed whole.
"""

from __future__ import annotations

import codecs
import json
import re

from commentguard._jsonread import JsonError, read_json

SNIFF_BYTES = 64 * 1024
"""How much of the start of a dump a format's ``sniff`` is shown."""
SQLITE_MAGIC = b"SQLite format 3\x00"
"""The first 16 bytes of every SQLite 3 database file."""
GZIP_MAGIC = b"\x1f\x8b"
"""The first bytes of gzip-compressed data (how Remark42 writes its backups)."""

_XML_START = re.compile(rb"<(\?xml|rss|disqus|!--)", re.IGNORECASE)
_XML_NEAR_THE_START = 256
"""How far into a dump an XML declaration or root may be found after stray bytes."""
_JSON_STRING = re.compile(r'"(?:[^"\\]|\\.)*"', re.DOTALL)
_STRUCTURE = re.compile(r'["\[\]{}]')
_STRING_TAIL = re.compile(r'(?:[^"\\]|\\.)*"', re.DOTALL)
_TABLE = re.compile(rb'CREATE TABLE\s+"?(\w+)"?\s*\(', re.IGNORECASE)
_KEYS_SHOWN = 6
_LINES_LOOKED_AT = 20


def text_start(head: bytes) -> bytes:
    """``head`` without a UTF-8 byte order mark and leading whitespace."""
    return head.removeprefix(codecs.BOM_UTF8).lstrip()


def first_char(head: bytes) -> bytes:
    """The first byte that is not whitespace (or a byte order mark); ``b""`` for none."""
    return text_start(head)[:1]


def looks_like_xml(head: bytes) -> bool:
    """Whether the dump is XML, or meant to be.

    It is when it starts with ``<``, or has an XML declaration or a known root near the start
    after a few stray bytes (an editor's backtick, say): the XML parser, not detection, then
    says what is wrong with it.
    """
    start = text_start(head)
    return start[:1] == b"<" or bool(_XML_START.search(start, 0, _XML_NEAR_THE_START))


def is_sqlite(head: bytes) -> bool:
    """Whether the dump is a SQLite 3 database."""
    return head.startswith(SQLITE_MAGIC)


def sqlite_tables(head: bytes) -> frozenset[str]:
    """The tables whose ``CREATE TABLE`` statement is in ``head`` (lower case).

    SQLite keeps its schema in the database's first page, so for a database with a handful of
    tables the statements are in the first few kilobytes.
    """
    if not is_sqlite(head):
        return frozenset()
    return frozenset(name.decode("ascii", "replace").lower() for name in _TABLE.findall(head))


def _text(head: bytes) -> str:
    return text_start(head).decode("utf-8", "replace")


def looks_like_jsonl(head: bytes) -> bool:
    """Whether the dump is JSON Lines: objects one per line, not one object over many lines.

    It is when its first line is a whole object, or runs past ``head`` (no pretty-printed
    object has so long a first line), or when the first line is broken but one of the next
    lines that starts at its first column is a whole object: a pretty-printed object indents
    every line but its first and last.
    """
    text = _text(head)
    if not text.startswith("{"):
        return False
    lines = text.split("\n")
    if len(head) >= SNIFF_BYTES:
        lines.pop()  # it may be cut off
        if not lines:
            return True
    return any(
        line.startswith("{") and isinstance(_object_or_none(line), dict)
        for line in lines[:_LINES_LOOKED_AT]
    )


def _object_or_none(line: str) -> object:
    try:
        return read_json(line)
    except JsonError:
        return None


def object_keys(head: bytes) -> list[str] | None:
    """The keys of the JSON object the dump starts with, as far as ``head`` shows them.

    ``None`` when it does not start with ``{``. Values are skipped without being parsed (a
    value may go on past the head), so ``{"version": 1, "comments": [...`` gives ``version``
    and ``comments``.
    """
    text = _text(head)
    if not text.startswith("{"):
        return None
    return _keys_at(text, 0)


def first_element_keys(head: bytes) -> list[str] | None:
    """The keys of the first element of the JSON array the dump starts with, if an object."""
    text = _text(head)
    if not text.startswith("["):
        return None
    start = len(text) - len(text[1:].lstrip())
    if not text.startswith("{", start):
        return None
    return _keys_at(text, start)


def _keys_at(text: str, start: int) -> list[str]:
    """The keys of the object at ``text[start]`` (a ``{``), until the text or the object ends."""
    keys: list[str] = []
    position = start + 1
    while True:
        position = _skip_space(text, position)
        key = _JSON_STRING.match(text, position)
        if key is None:
            return keys
        try:
            keys.append(json.loads(key.group()))
        except ValueError:
            return keys
        position = _skip_space(text, key.end())
        if not text.startswith(":", position):
            return keys
        end = _skip_value(text, position + 1)
        if end is None:
            return keys
        position = _skip_space(text, end)
        if not text.startswith(",", position):
            return keys
        position += 1


def _skip_space(text: str, position: int) -> int:
    while position < len(text) and text[position] in " \t\r\n":
        position += 1
    return position


def _skip_value(text: str, position: int) -> int | None:
    """The index after the value at ``position``; ``None`` when the text ends inside it."""
    position = _skip_space(text, position)
    if position >= len(text):
        return None
    if text[position] not in '"[{':  # a number, true, false or null
        end = position
        while end < len(text) and text[end] not in ",}] \t\r\n":
            end += 1
        return end if end < len(text) else None
    depth = 0
    while True:
        found = _STRUCTURE.search(text, position)
        if found is None:
            return None
        position = found.end()
        if found.group() == '"':
            tail = _STRING_TAIL.match(text, position)
            if tail is None:
                return None
            position = tail.end()
            if depth == 0:
                return position
            continue
        depth += 1 if found.group() in "[{" else -1
        if depth == 0:
            return position


def describe(head: bytes) -> str:
    """A few words on what the dump looks like, for messages.

    Such as ``a JSON object with the keys version, comments`` or ``XML (<rss>)``.
    """
    start = text_start(head)
    if not start:
        return "nothing: the dump is empty"
    if head.startswith(GZIP_MAGIC):
        return "gzip-compressed data"
    if is_sqlite(head):
        tables = sorted(sqlite_tables(head))
        listed = f" with the tables {', '.join(tables)}" if tables else ""
        return f"a SQLite database{listed}"
    if looks_like_xml(head):
        root = re.search(rb"<([A-Za-z_][\w:.-]*)", start)
        named = f" (<{root.group(1).decode('ascii', 'replace')}>)" if root else ""
        return f"XML{named}"
    if looks_like_jsonl(head) and start.count(b"\n") > 0:
        return "JSON Lines (one object per line)"
    keys = object_keys(head)
    if keys is not None:
        return _with_keys("a JSON object", keys)
    if start[:1] == b"[":
        element = first_element_keys(head)
        return "a JSON array" if element is None else _with_keys("a JSON array of objects", element)
    if b"\x00" in start[:1024]:
        return "binary data"
    first = start.split(b"\n", 1)[0][:60].decode("utf-8", "replace")
    return f"text starting {first!r}"


def _with_keys(what: str, keys: list[str]) -> str:
    if not keys:
        return what
    shown = ", ".join(keys[:_KEYS_SHOWN]) + (", ..." if len(keys) > _KEYS_SHOWN else "")
    return f"{what} with the keys {shown}"
