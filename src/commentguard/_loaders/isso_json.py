"""Isso's "generic" import JSON: an array of threads, each with its list of comments.

The shape is the one ``isso.migrate.Generic`` reads: ``[{"id": "/post/", "title": "...",
"comments": [{"id": 0, "author": "...", "email": "...", "website": "...", "remote_addr":
"...", "created": "2005-02-24 04:03:37", "text": "..."}]}]``. A comment's id is unique only
within its thread.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import UTC, datetime
from typing import Any

from commentguard._loaders.base import Record, RecordError
from commentguard._loaders.fields import present
from commentguard._loaders.jsonarray import read_json_array

THREAD_RECORDS = 64
"""A thread element may be this many times a record's bound: it holds all its comments."""
_DATE_FORMAT = "%Y-%m-%d %H:%M:%S"


def read_isso_json(
    chunks: Iterable[str], source: str, max_record_bytes: int
) -> Iterator[Record | RecordError]:
    """One record per comment of every thread, in document order.

    A thread that is not an object with a ``comments`` list is one :class:`RecordError`; so is
    a thread over ``THREAD_RECORDS`` times ``max_record_bytes``, skipped unread. ``created``
    is read as UTC (Isso's importer reads it in the server's time zone).

    Raises:
        DumpError: the array itself is malformed.
    """
    for item in read_json_array(chunks, source, max_record_bytes * THREAD_RECORDS):
        if isinstance(item, RecordError):
            not_an_object = item.message == "an element must be a JSON object"
            message = "a thread must be a JSON object" if not_an_object else item.message
            yield RecordError(item.source, item.line, None, message)
            continue
        thread = item.data
        comments = thread.get("comments")
        thread_id = thread.get("id")
        if not isinstance(comments, list):
            yield RecordError(source, item.line, _text(thread_id), "a thread needs a comments list")
            continue
        for comment in comments:
            yield _record(comment, source, item.line, thread_id)


def _record(
    comment: object, source: str, line: int | None, thread_id: object
) -> Record | RecordError:
    if not isinstance(comment, dict):
        return RecordError(source, line, None, "a comment must be a JSON object")
    record_id = _text(comment.get("id"))
    data: dict[str, Any] = {
        "id": record_id,
        "thread_id": _text(thread_id),
        "name": comment.get("author"),
        "email": comment.get("email") or None,
        "url": comment.get("website") or None,
        "ip": comment.get("remote_addr") or None,
        "body": comment.get("text"),
    }
    created = comment.get("created")
    if created is not None:
        try:
            data["submitted_at"] = datetime.strptime(str(created), _DATE_FORMAT).replace(tzinfo=UTC)
        except ValueError:
            return RecordError(source, line, record_id, f"created is not a date ({_DATE_FORMAT})")
    return Record(source, line, record_id, present(data))


def _text(value: object) -> str | None:
    return None if value is None else str(value)
