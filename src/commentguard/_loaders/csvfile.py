"""CSV with a header row; ``mapping`` renames columns (``{"name": "AUTHOR", ...}``)."""

from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator, Mapping

from commentguard._loaders.base import DumpError, Record, RecordError
from commentguard._models import CommentSubmission

_FIELDS = frozenset(CommentSubmission.model_fields)


def read_csv(
    lines: Iterable[str],
    source: str,
    mapping: Mapping[str, str] | None = None,
    *,
    delimiter: str = ",",
) -> Iterator[Record | RecordError]:
    """Read CSV; a row with the wrong number of columns becomes a :class:`RecordError`.

    Columns named like submission fields are read as those fields; ``mapping`` names other
    columns (``{"body": "CONTENT"}``). An empty cell is an absent value.

    Raises:
        DumpError: ``mapping`` names a column the header does not have.
    """
    columns = dict(mapping or {})
    reader = csv.reader(lines, delimiter=delimiter)
    try:
        header = next(reader)
    except StopIteration:
        return
    except csv.Error as exc:
        raise DumpError(f"{source}:1: the header row is not valid CSV: {exc}") from None
    header = [name.strip().lstrip("\ufeff") for name in header]
    missing = sorted(column for column in columns.values() if column not in header)
    if missing:
        raise DumpError(
            f"{source}: --map names columns the header does not have: {', '.join(missing)} "
            f"(the columns are {', '.join(header)})"
        )
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:  # a field over the csv module's size limit, a stray NUL
            yield RecordError(source, reader.line_num, None, f"not valid CSV: {exc}")
            continue
        number = reader.line_num
        if not row:
            continue
        if len(row) != len(header):
            yield RecordError(
                source, number, None, f"{len(row)} columns where the header has {len(header)}"
            )
            continue
        values = {name: value for name, value in zip(header, row, strict=True) if value != ""}
        data = {field: values[column] for field, column in columns.items() if column in values}
        for name, value in values.items():
            if name in _FIELDS and name not in columns.values():
                data.setdefault(name, value)
        record_id = data.get("id")
        yield Record(source, number, record_id or None, data)
