"""Commento's JSON export: ``{"version": 1, "comments": [...], "commenters": [...]}``.

A comment names its author by ``commenterHex``, joined here with the ``commenters`` list (which
an export writes after the comments, so the document is read whole, within
:data:`COMMENTO_MAX_BYTES`). Commento writes ``"undefined"`` for an anonymous commenter's email
and link, and ``"root"`` as the parent of a top-level comment.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, BinaryIO

from commentguard._loaders.base import DumpError, Record, RecordError
from commentguard._loaders.fields import add_submitted_at, present, text
from commentguard._loaders.jsonfile import read_document

COMMENTO_MAX_BYTES = 64 * 2**20
"""The longest Commento export read (it is one JSON document, held whole while it is read, in
about five times its size): some 140,000 comments of the size Commento writes."""
ANONYMOUS = "anonymous"
"""The ``commenterHex`` of a comment posted without an account."""
_UNSET = frozenset({"", "undefined", "null"})


def read_commento(
    stream: BinaryIO, source: str, max_bytes: int = COMMENTO_MAX_BYTES
) -> Iterator[Record | RecordError]:
    """One record per element of ``comments``, in document order.

    A comment's thread is its ``domain`` and ``url`` (``example.com/post``); ``state``
    (``approved``, ``unapproved``, ``flagged``) is its status, or ``deleted`` for a deleted one.
    Its body is the ``markdown`` the author wrote (the ``html`` when that is empty).

    Raises:
        DumpError: the document is not JSON, too long, or not a Commento export.
    """
    what = "a Commento export is read whole: split it by domain, or convert it to JSON Lines"
    document = read_document(stream, source, max_bytes, what)
    if not isinstance(document, dict) or not isinstance(document.get("comments"), list):
        raise DumpError(f"{source}: a Commento export is an object with a comments list")
    authors = _commenters(document.get("commenters"))
    for index, comment in enumerate(document["comments"]):
        yield _record(comment, index, source, authors)


def _commenters(commenters: object) -> dict[str, dict[str, Any]]:
    if not isinstance(commenters, list):
        return {}
    return {
        str(commenter.get("commenterHex")): commenter
        for commenter in commenters
        if isinstance(commenter, dict)
    }


def _record(
    comment: object, index: int, source: str, authors: dict[str, dict[str, Any]]
) -> Record | RecordError:
    if not isinstance(comment, dict):
        return RecordError(source, None, None, f"comments[{index}] must be a JSON object")
    record_id = _value(comment.get("commentHex"))
    commenter_id = _value(comment.get("commenterHex"))
    author = authors.get(commenter_id or "", {})
    name = "Anonymous" if commenter_id == ANONYMOUS else _value(author.get("name"))
    parent = _value(comment.get("parentHex"))
    domain, path = _value(comment.get("domain")), _value(comment.get("url"))
    data: dict[str, Any] = {
        "id": record_id,
        "thread_id": f"{domain or ''}{path or ''}" or None,
        "parent_id": None if parent == "root" else parent,
        "name": name,
        "email": _value(author.get("email")),
        "url": _value(author.get("link")),
        "body": _value(comment.get("markdown")) or _value(comment.get("html")),
    }
    problem = add_submitted_at(data, comment.get("creationDate"), "creationDate")
    if problem:
        return RecordError(source, None, record_id, problem)
    status = "deleted" if comment.get("deleted") is True else _value(comment.get("state"))
    return Record(source, None, record_id, present(data), status=status)


def _value(value: object) -> str | None:
    """A string field, ``None`` for what Commento writes when there is none."""
    return text(value, _UNSET)
