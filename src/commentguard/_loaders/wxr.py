"""WordPress eXtended RSS (WXR 1.0-1.2), the export of Tools > Export."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any, BinaryIO

from commentguard._loaders.base import (
    SAME_LINES,
    Lines,
    Record,
    RecordError,
    local_name,
    safe_iterparse,
    text_of,
)

WXR_NAMESPACES = tuple(
    f"{scheme}://wordpress.org/export/{version}/"
    for scheme in ("http", "https")
    for version in ("1.0", "1.1", "1.2")
)
"""The ``wp:`` namespaces of WXR 1.0-1.2; real exports use http, the theme unit test https."""
_WP_DATE = re.compile(r"\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}", re.ASCII)
_POST_IDS = frozenset(f"{{{namespace}}}post_id" for namespace in WXR_NAMESPACES)
_COMMENTS = frozenset(f"{{{namespace}}}comment" for namespace in WXR_NAMESPACES)
_FIELD_NAMES = {
    f"{{{namespace}}}{name}": name
    for namespace in WXR_NAMESPACES
    for name in (
        "comment_id", "comment_author", "comment_author_email", "comment_author_url",
        "comment_author_IP", "comment_date", "comment_date_gmt", "comment_content",
        "comment_approved", "comment_type", "comment_parent", "comment_user_id",
    )
}  # fmt: skip
"""The local names of a comment's usual fields, looked up instead of cut from each tag."""
_TAGS = ("item", "link", *sorted(_POST_IDS), *sorted(_COMMENTS))
"""The only elements read: lxml skips the rest without a Python call."""


def read_wxr(
    stream: BinaryIO, source: str, lines: Lines = SAME_LINES
) -> Iterator[Record | RecordError]:
    """Read the comments of a WXR export, one record per ``<wp:comment>``.

    Each comment's thread is its post's ``wp:post_id`` and its permalink the post's
    ``<link>``; ``kind`` is ``pingback`` or ``trackback`` from ``wp:comment_type``. An
    ``<item>``, ``<link>`` or ``<wp:comment>`` inside a comment (in its body, say) is part of
    that comment's content, not a post or a comment of the export. ``lines`` says where the
    stream's lines are in the file when a worker reads a piece of it.

    Raises:
        DumpError: the XML itself is malformed (``file:line:column``).
    """
    post_id: str | None = None
    link: str | None = None
    for event, element in safe_iterparse(stream, source, ("start", "end"), _TAGS, lines):
        tag = element.tag
        if _inside_a_comment(element):
            continue  # read with the comment, as its content
        if event == "start":
            if tag == "item":
                post_id = link = None
            continue
        if tag == "item":
            element.clear()  # keep memory flat: a finished post is not needed again
            while element.getprevious() is not None:
                del element.getparent()[0]
        elif tag == "link":
            link = text_of(element)
        elif tag in _POST_IDS:
            post_id = text_of(element)
        else:  # a comment
            yield _record(element, source, post_id, link, lines)
            element.clear()


def _inside_a_comment(element: Any) -> bool:
    ancestor = element.getparent()
    while ancestor is not None:
        if ancestor.tag in _COMMENTS:
            return True
        ancestor = ancestor.getparent()
    return False


def _record(
    element: Any, source: str, post_id: str | None, link: str | None, lines: Lines
) -> Record | RecordError:
    fields = {}
    for child in element:
        tag = child.tag
        if not isinstance(tag, str):
            continue  # a comment or processing instruction among the fields
        # WordPress writes each field as text (a CDATA section): the usual case costs no call
        text = child.text if not len(child) else text_of(child)
        fields[_FIELD_NAMES.get(tag) or local_name(tag)] = (text.strip() or None) if text else None
    record_id = fields.get("comment_id")
    kind = fields.get("comment_type") or "comment"
    data: dict[str, Any] = {
        "id": record_id,
        "thread_id": post_id or link,  # some exports leave wp:post_id out
        "permalink": link,
        "parent_id": None
        if fields.get("comment_parent") in (None, "0")
        else fields["comment_parent"],
        "name": fields.get("comment_author"),
        "email": fields.get("comment_author_email"),
        "url": fields.get("comment_author_url"),
        "ip": fields.get("comment_author_IP"),
        "body": fields.get("comment_content"),
    }
    submitted = fields.get("comment_date_gmt")
    if submitted and not submitted.startswith("0000"):
        try:
            if not _WP_DATE.fullmatch(submitted):
                raise ValueError(submitted)
            # fromisoformat reads WordPress's "2014-01-14 17:32:12" ten times faster than strptime
            parsed = datetime.fromisoformat(submitted).replace(tzinfo=UTC)
        except ValueError:
            return RecordError(
                source, lines(element.sourceline), record_id, "comment_date_gmt is not a date"
            )
        data["submitted_at"] = parsed
    return Record(
        source,
        lines(element.sourceline),
        record_id,
        {key: value for key, value in data.items() if value is not None},
        kind=kind if kind in ("pingback", "trackback") else "comment",
        status=fields.get("comment_approved"),
    )
