"""What the loader tests count in a dump: records, threads, replies, statuses, fields."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from commentguard._loaders import Record, RecordError
from commentguard._loaders.formats import BUILTIN_FORMATS, DumpFormat, FormatRegistry, ReadOptions
from shared_data import shared_data

FIXTURES = Path(__file__).parent / "fixtures"
REGISTRY = FormatRegistry(list(BUILTIN_FORMATS))


def shared(name: str) -> Path:
    """The shared dump ``name`` (see shared_data.py: a skip, or a failure in CI, without it)."""
    return shared_data(f"dumps/{name}")


@dataclass(frozen=True)
class Counts:
    """Verdict-independent counts of what a loader read."""

    records: int
    errors: int
    threads: int
    replies: int
    statuses: dict[str | None, int]


def read(dump_format: DumpFormat, path: Path) -> list[Record | RecordError]:
    """Everything ``dump_format`` reads from ``path``, by path when it can, else as a stream."""
    options = ReadOptions()
    if dump_format.read_path is not None:
        return list(dump_format.read_path(path, path.name, options))
    with path.open("rb") as stream:
        return list(dump_format.read(stream, path.name, options))


def count(items: list[Record | RecordError]) -> Counts:
    records = [item for item in items if isinstance(item, Record)]
    return Counts(
        records=len(records),
        errors=len(items) - len(records),
        threads=len({record.data.get("thread_id") for record in records}),
        replies=sum(1 for record in records if record.data.get("parent_id")),
        statuses=dict(Counter(record.status for record in records)),
    )
