"""What every loader shares: the records and errors it yields, and XML parsing that refuses DTDs."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from html import escape
from typing import Any

from lxml import etree

from commentguard._errors import CommentguardError


@dataclass(frozen=True, slots=True)
class Record:
    """One comment of a dump: submission fields, and where it came from.

    ``kind`` is ``comment``, ``pingback`` or ``trackback``; ``status`` is the dump's own
    moderation status (WordPress ``1``/``0``/``spam``/``trash``; Disqus ``approved``,
    ``spam`` or ``deleted``).
    """

    source: str
    line: int | None
    record_id: str | None
    data: dict[str, Any] = field(repr=False)  # holds the email: never in a repr
    kind: str = "comment"
    status: str | None = None


@dataclass(frozen=True, slots=True)
class RecordError:
    """A record that could not be read; the stream goes on after it."""

    source: str
    line: int | None
    record_id: str | None
    message: str

    def __str__(self) -> str:
        where = f"{self.source}:{self.line}" if self.line is not None else self.source
        record = f" (record {self.record_id!r})" if self.record_id else ""
        return f"{where}{record}: {self.message}"


class DumpError(CommentguardError):
    """The dump as a whole cannot be read (malformed XML); the message says where."""


@dataclass(frozen=True, slots=True)
class Lines:
    """Where the lines of a text are in the file: the identity, unless the text is a piece.

    A piece that a worker reads starts with a few lines of the file's header, then goes on
    with lines further down the file: line ``n`` of the piece is ``header[n - 1]`` for the
    first ``len(header)`` lines, and ``n + offset`` after them. The first of those later lines
    starts ``column_offset`` characters into its line of the file (a piece of a one-line
    export starts far to the right).
    """

    header: tuple[int, ...] = ()
    offset: int = 0
    column_offset: int = 0

    def __call__(self, line: int) -> int:
        """The file's line number of the text's line ``line``."""
        if line <= len(self.header):
            return self.header[line - 1] if line >= 1 else line
        return line + self.offset

    def column(self, line: int, column: int) -> int:
        """The file's column of column ``column`` (from 1) of the text's line ``line``."""
        return column + self.column_offset if line == len(self.header) + 1 else column


SAME_LINES = Lines()
"""A text that is the whole file."""
_LINE_REFERENCE = re.compile(r"\bline (\d+)(?:, column (\d+))?")


def safe_iterparse(
    stream: Any,
    source: str,
    events: tuple[str, ...],
    tags: Any = None,
    lines: Lines = SAME_LINES,
) -> Iterator[tuple[str, Any]]:
    """``lxml.etree.iterparse`` that refuses what a comment export never has but an attack does.

    Only ``tags`` (libxml2 filters them, so other elements cost no Python work) produce
    events. Entity expansion, DTD loading and network access are off; a document that declares
    a DTD at all (the carrier of "billion laughs" and external-entity attacks) is refused at
    the first event, before any record is read; a text node over 10 MB is refused by libxml2's
    own limit, so memory stays bounded. ``lines`` says where the stream's lines are in the
    file (a piece of it, read by a worker), for the line numbers of errors.

    Raises:
        DumpError: the document declares a DTD, or is malformed (``file:line:column``).
    """
    parser = etree.iterparse(
        stream,
        events=events,
        tag=tags,
        resolve_entities=False,
        load_dtd=False,
        no_network=True,
        huge_tree=False,
        remove_comments=True,
    )
    checked = False
    try:
        for event, element in parser:
            if not checked:  # the first event comes before any record is yielded
                checked = True
                _refuse_a_dtd(element, source, lines)
            yield event, element
        if not checked and parser.root is not None:  # no element of interest at all
            _refuse_a_dtd(parser.root, source, lines)
    except etree.XMLSyntaxError as error:
        raise xml_error(source, error, lines) from None


def _refuse_a_dtd(element: Any, source: str, lines: Lines = SAME_LINES) -> None:
    docinfo = element.getroottree().docinfo
    if docinfo.internalDTD is not None or docinfo.doctype:
        raise DumpError(
            f"{source}:{lines(element.sourceline)}: the document declares a DTD (<!DOCTYPE ...>); "
            "comment exports never do, and a DTD can hide entity bombs or references to "
            "local files, so it is refused"
        )


def xml_error(source: str, error: etree.XMLSyntaxError, lines: Lines = SAME_LINES) -> DumpError:
    """A :class:`DumpError` saying ``file:line:column: message``.

    ``lines`` maps the parsed text's lines to the file's, in the position and in libxml2's
    message, which names lines too ("tag channel line 5").
    """
    line, column = error.position if error.position else (None, None)
    if line is not None:
        column = None if column is None else lines.column(line, column)
        line = lines(line)
    message = error.msg
    if lines is not SAME_LINES:
        message = _LINE_REFERENCE.sub(lambda found: _placed(found, lines), message)
    if "huge" in message.lower() or "too long" in message.lower():
        return DumpError(
            f"{source}:{line}:{column}: a text or name in the XML is over libxml2's safety "
            "limit (10 MB); no comment is that long, so the dump is refused"
        )
    return DumpError(f"{source}:{line}:{column}: malformed XML: {message}")


def _placed(found: re.Match[str], lines: Lines) -> str:
    """A "line N" or "line N, column M" of libxml2's message, where it is in the file."""
    line = int(found[1])
    if found[2] is None:
        return f"line {lines(line)}"
    return f"line {lines(line)}, column {lines.column(line, int(found[2]))}"


def text_of(element: Any) -> str | None:
    """The stripped content of an element, children included; ``None`` when empty or absent.

    WordPress writes a body's HTML as text in a CDATA section, but an export made by hand or by
    another tool may hold real child elements (``Nice<br/>buy ...``). Those are kept as markup,
    so the body reads as the HTML it is and every word and link in it is moderated, not only
    the text before the first child.
    """
    if element is None:
        return None
    text = _content(element) if len(element) else element.text
    if text is None:
        return None
    return str(text).strip() or None


def local_name(tag: str) -> str:
    """``comment`` for ``{http://wordpress.org/export/1.2/}comment``."""
    return tag[tag.rfind("}") + 1 :]


def _content(element: Any) -> str:
    """An element's text with each child element written as a tag, without namespaces."""
    parts = [element.text or ""]
    for child in element:
        if isinstance(child.tag, str):  # processing instructions keep only their tail
            name = local_name(child.tag)
            attributes = "".join(
                f' {local_name(key)}="{escape(value)}"' for key, value in child.attrib.items()
            )
            inner = _content(child)  # libxml2 stops documents nested over 256 deep
            parts.append(
                f"<{name}{attributes}>{inner}</{name}>" if inner else f"<{name}{attributes}/>"
            )
        parts.append(child.tail or "")
    return "".join(parts)
