"""An Isso comment database (SQLite), read-only: its ``comments`` joined to their ``threads``."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import quote

from commentguard._loaders.base import DumpError, Record, RecordError
from commentguard._loaders.fields import present

ISSO_TABLES = frozenset({"comments", "threads"})
"""The tables that make a SQLite database Isso's."""
MODES = {1: "approved", 2: "pending", 4: "deleted"}
"""Isso's ``comments.mode``, as the status a report shows."""
_FIELDS = ("author", "email", "website", "remote_addr", "text")
_SIZE = " + ".join(f"coalesce(length(CAST(c.{field} AS BLOB)), 0)" for field in _FIELDS)
# A row over the bound is counted in SQL and never fetched: its text stays on disk. Only
# constants are formatted in; the bound is a parameter.
_QUERY = f"""
SELECT c.id, c.parent, c.created, c.mode, t.uri, ({_SIZE}) > :limit AS too_long,
       {", ".join(f"CASE WHEN ({_SIZE}) > :limit THEN NULL ELSE c.{f} END" for f in _FIELDS)}
FROM comments AS c LEFT JOIN threads AS t ON c.tid = t.id
ORDER BY c.id
"""  # noqa: S608 - constants only


def read_isso_sqlite(
    path: Path, source: str, max_record_bytes: int
) -> Iterator[Record | RecordError]:
    """One record per row of ``comments``, in id order; the database is opened read-only.

    A comment's thread is its thread's ``uri``; ``mode`` becomes the status ``approved``,
    ``pending`` or ``deleted``; ``created`` (a Unix time) the submission time. A row whose text
    fields hold more than ``max_record_bytes`` is an error, and is never read into memory.

    Raises:
        DumpError: the file is not a SQLite database, or has no Isso tables.
    """
    try:
        connection = sqlite3.connect(f"file:{quote(str(path.resolve()))}?mode=ro", uri=True)
    except sqlite3.Error as exc:
        raise DumpError(f"{source}: cannot open the database: {exc}") from None
    try:
        try:
            rows = connection.execute(_QUERY, {"limit": max_record_bytes})
        except sqlite3.DatabaseError as exc:
            raise DumpError(f"{source}: not an Isso database ({exc})") from None
        while True:
            try:
                row = rows.fetchone()
            except sqlite3.DatabaseError as exc:
                raise DumpError(f"{source}: the database is damaged ({exc})") from None
            if row is None:
                return
            yield _record(row, source, max_record_bytes)
    finally:
        connection.close()


def _record(row: tuple[Any, ...], source: str, limit: int) -> Record | RecordError:
    record_id, parent, created, mode, uri, too_long, author, email, website, ip, text = row
    record_id = None if record_id is None else str(record_id)
    if too_long:
        message = f"the record holds over {limit:,} bytes, more than a comment can take"
        return RecordError(source, None, record_id, message)
    data: dict[str, Any] = {
        "id": record_id,
        "parent_id": None if parent is None else str(parent),
        "thread_id": uri,
        "name": author,
        "email": email or None,
        "url": website or None,
        "ip": ip or None,
        "body": text,
    }
    if created is not None:
        try:
            data["submitted_at"] = datetime.fromtimestamp(float(created), UTC)
        except (TypeError, ValueError, OverflowError, OSError):
            return RecordError(source, None, record_id, "created is not a Unix time")
    status = MODES.get(mode, None if mode is None else str(mode))
    return Record(source, None, record_id, present(data), status=status)


def refuse_a_stream(source: str) -> DumpError:
    """The error for an Isso database given as a stream (standard input)."""
    return DumpError(
        f"{source}: an Isso database is read from its file, not from standard input or a "
        "compressed copy; give the path of the database itself"
    )
