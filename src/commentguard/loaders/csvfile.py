"""CSV with a header row; ``mapping`` renames columns (``{"name": "AUTHOR", ...}``)."""

from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator, Mapping

from commentguard.loaders.base import Record, RecordError
from commentguard.models import CommentSubmission

_FIELDS = frozenset(CommentSubmission.model_fields)


def read_csv(
    lines: Iterable[str], source: str, mapping: Mapping[str, str] | None = None
) -> Iterator[Record | RecordError]:
    """Read CSV; a row with the wrong number of columns becomes a :class:`RecordError`."""
    columns = dict(mapping or {})
    reader = csv.reader(lines)
    try:
        header = next(reader)
    except StopIteration:
        return
    header = [name.strip().lstrip("\ufeff") for name in header]
    for row in reader:
        number = reader.line_num
        if not row:
            continue
        if len(row) != len(header):
            yield RecordError(
                source, number, None, f"{len(row)} columns where the header has {len(header)}"
            )
            continue
        values = dict(zip(header, row, strict=True))
        data = {field: values[column] for field, column in columns.items() if column in values}
        for name, value in values.items():
            if name in _FIELDS and name not in columns.values():
                data.setdefault(name, value)
        record_id = data.get("id")
        yield Record(source, number, record_id or None, data)
