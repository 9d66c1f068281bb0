"""JSON Lines: one comment object per line."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator

from commentguard.loaders.base import Record, RecordError


def read_jsonl(lines: Iterable[bytes | str], source: str) -> Iterator[Record | RecordError]:
    """Read JSON Lines; a bad line becomes a :class:`RecordError` and reading goes on."""
    for number, raw in enumerate(lines, start=1):
        try:
            line = raw.decode("utf-8") if isinstance(raw, bytes) else raw
        except UnicodeDecodeError as exc:
            yield RecordError(source, number, None, f"not valid UTF-8 (byte {exc.start})")
            continue
        if not line.strip():
            continue
        try:
            data = json.loads(line)
        except json.JSONDecodeError as exc:
            yield RecordError(source, number, None, f"not valid JSON: {exc.msg}")
            continue
        except RecursionError:
            yield RecordError(source, number, None, "the JSON is nested too deeply")
            continue
        if not isinstance(data, dict):
            yield RecordError(source, number, None, "a line must be a JSON object")
            continue
        record_id = data.get("id")
        yield Record(source, number, None if record_id is None else str(record_id), data)
