"""Remark42's backup (its native export): a JSON header line, then one comment per line.

The shape is the one ``backend/app/migrator/native.go`` in umputun/remark42 writes and
imports: ``{"version": 1, "users": [...], "posts": [...]}`` on the first line, then each
comment as a JSON object on a line of its own: ``id``, ``pid`` (the parent, ``""`` for none),
``text`` (rendered HTML) and ``orig`` (what the author wrote), ``user`` (``name``, ``id``, and
``ip`` as an HMAC, never an address), ``locator`` (``site``, ``url``), ``time``, and ``delete``
for a deleted comment.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from commentguard._jsonread import JsonError, read_json
from commentguard._loaders.base import DumpError, Record, RecordError
from commentguard._loaders.fields import add_submitted_at, present, text, web_page

VERSIONS = frozenset({0, 1})
"""The backup versions Remark42 itself imports."""


def read_remark42(
    lines: Iterable[bytes | None], source: str, max_line_bytes: int
) -> Iterator[Record | RecordError]:
    """One record per comment line; the header line is checked and not counted.

    ``None`` stands for a line over ``max_line_bytes``, skipped unread: a header that long (a
    site with very many users) is skipped as well, a comment that long is an error.

    Raises:
        DumpError: the first line is not a Remark42 header of a version it imports.
    """
    header_seen = False
    for number, raw in enumerate(lines, start=1):
        if raw is not None and not raw.strip():
            continue
        if not header_seen:
            header_seen = True
            if raw is not None:
                _check_header(raw, source, number)
            continue
        yield _comment(raw, source, number, max_line_bytes)


def _check_header(raw: bytes, source: str, number: int) -> None:
    try:
        header = read_json(raw.decode("utf-8-sig"))
    except (JsonError, UnicodeDecodeError):
        header = None
    if not isinstance(header, dict) or "version" not in header:
        raise DumpError(
            f"{source}:{number}: a Remark42 backup starts with a header line "
            '({"version": 1, "users": [...], "posts": [...]})'
        )
    if header["version"] not in VERSIONS:
        raise DumpError(
            f"{source}:{number}: Remark42 backup version {header['version']!r} is unknown"
        )


def _comment(raw: bytes | None, source: str, number: int, limit: int) -> Record | RecordError:
    if raw is None:
        message = f"the line is over {limit:,} bytes, more than a comment can take"
        return RecordError(source, number, None, message)
    try:
        item = read_json(raw.decode("utf-8"))
    except UnicodeDecodeError as exc:
        return RecordError(source, number, None, f"not valid UTF-8 (byte {exc.start})")
    except JsonError as exc:
        return RecordError(source, number, None, f"not valid JSON: {exc.msg}")
    if not isinstance(item, dict):
        return RecordError(source, number, None, "a line must be a JSON object")
    record_id = text(item.get("id"))
    user = _object(item.get("user"))
    locator = _object(item.get("locator"))
    page = text(locator.get("url"))
    data: dict[str, Any] = {
        "id": record_id,
        "parent_id": text(item.get("pid")),
        "thread_id": page,
        "permalink": web_page(page),
        "name": text(user.get("name")),
        "body": text(item.get("orig")) or text(item.get("text")),
    }
    problem = add_submitted_at(data, item.get("time"), "time")
    if problem:
        return RecordError(source, number, record_id, problem)
    status = "deleted" if item.get("delete") is True else "approved"
    return Record(source, number, record_id, present(data), status=status)


def _object(value: object) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}
