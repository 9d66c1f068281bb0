"""Records and errors that loaders produce."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from lxml import etree

from commentguard.errors import CommentguardError


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


def safe_iterparse(source: Any, events: tuple[str, ...], tags: Any = None) -> Any:
    """``lxml.etree.iterparse`` with entity expansion, DTD loading and network access off."""
    return etree.iterparse(
        source,
        events=events,
        tag=tags,
        resolve_entities=False,
        load_dtd=False,
        no_network=True,
        huge_tree=False,
        remove_comments=True,
    )


def xml_error(source: str, error: etree.XMLSyntaxError) -> DumpError:
    """A :class:`DumpError` saying ``file:line:column: message``."""
    line, column = error.position if error.position else (None, None)
    return DumpError(f"{source}:{line}:{column}: malformed XML: {error.msg}")


def text_of(element: Any) -> str | None:
    """The stripped text of an element, ``None`` when empty or absent."""
    if element is None or element.text is None:
        return None
    text = str(element.text).strip()
    return text or None
