"""Disqus XML exports: threads, then posts that point at them."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from typing import Any, BinaryIO

from commentguard._loaders.base import Record, RecordError, safe_iterparse, text_of

DISQUS_NAMESPACE = "http://disqus.com"
"""The namespace of a Disqus export's elements."""
_DISQUS = f"{{{DISQUS_NAMESPACE}}}"
_INTERNALS = "{http://disqus.com/disqus-internals}id"


def read_disqus(stream: BinaryIO, source: str) -> Iterator[Record | RecordError]:
    """Read the posts of a Disqus export, one record per ``<post>``.

    A post's thread is its ``<thread>``'s own ``<id>`` (or its Disqus id when that is empty);
    ``status`` is ``deleted``, ``spam`` or ``approved`` from ``isDeleted`` and ``isSpam``.

    Raises:
        DumpError: the XML itself is malformed (``file:line:column``).
    """
    threads: dict[str, tuple[str | None, str | None]] = {}  # Disqus id -> (own id, link)
    for _, element in safe_iterparse(
        stream, source, ("end",), (f"{_DISQUS}thread", f"{_DISQUS}post")
    ):
        parent = element.getparent()
        if parent is None or parent.tag != f"{_DISQUS}disqus" or parent.getparent() is not None:
            continue  # a post's <thread dsq:id=".."/> reference, or inside a body: read with it
        if element.tag == f"{_DISQUS}thread":
            threads[element.get(_INTERNALS, "")] = (
                text_of(element.find(f"{_DISQUS}id")),
                text_of(element.find(f"{_DISQUS}link")),
            )
        else:
            yield _record(element, source, threads)
        element.clear()  # keep memory flat: a read thread or post is not needed again
        while element.getprevious() is not None:
            del parent[0]


def _record(
    element: Any, source: str, threads: dict[str, tuple[str | None, str | None]]
) -> Record | RecordError:
    record_id = element.get(_INTERNALS)
    thread = element.find(f"{_DISQUS}thread")
    thread_key = thread.get(_INTERNALS) if thread is not None else None
    own_id, link = threads.get(thread_key or "", (None, None))
    parent = element.find(f"{_DISQUS}parent")
    author = element.find(f"{_DISQUS}author")
    data: dict[str, Any] = {
        "id": record_id,
        "thread_id": own_id or thread_key,
        "permalink": link,
        "parent_id": parent.get(_INTERNALS) if parent is not None else None,
        "name": text_of(author.find(f"{_DISQUS}name")) if author is not None else None,
        "email": text_of(author.find(f"{_DISQUS}email")) if author is not None else None,
        "ip": text_of(element.find(f"{_DISQUS}ipAddress")),
        "body": text_of(element.find(f"{_DISQUS}message")),
    }
    created = text_of(element.find(f"{_DISQUS}createdAt"))
    if created:
        try:
            data["submitted_at"] = datetime.fromisoformat(created.replace("Z", "+00:00"))
        except ValueError:
            return RecordError(source, element.sourceline, record_id, "createdAt is not a date")
    deleted = text_of(element.find(f"{_DISQUS}isDeleted")) == "true"
    spam = text_of(element.find(f"{_DISQUS}isSpam")) == "true"
    return Record(
        source,
        element.sourceline,
        record_id,
        {key: value for key, value in data.items() if value is not None},
        status="deleted" if deleted else "spam" if spam else "approved",
    )
