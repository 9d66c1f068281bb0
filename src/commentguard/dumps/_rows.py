"""One row per record for pipelines: ``--format json``, ``jsonl`` or ``csv``."""

from __future__ import annotations

import csv
import json
from typing import IO, Any

from commentguard.dumps._outcome import Outcome

ROW_FORMATS = ("json", "jsonl", "csv")
"""The values ``--format`` takes for rows (``summary`` prints totals only)."""

COLUMNS = (
    "source",
    "line",
    "record_id",
    "thread_id",
    "kind",
    "status",
    "verdict",
    "codes",
    "messages",
    "name",
    "email",
)
"""The columns of a row, in order. ``status`` is the dump's own; ``messages`` are for moderators."""


def row(outcome: Outcome) -> dict[str, Any]:
    """The row of one record; ``messages`` holds the findings' messages or why it is invalid."""
    return {
        "source": outcome.source,
        "line": outcome.line,
        "record_id": outcome.record_id,
        "thread_id": outcome.thread_id,
        "kind": outcome.kind,
        "status": outcome.status,
        "verdict": str(outcome.verdict),  # the value, as text from here on
        "codes": list(outcome.codes),
        "messages": [finding.message for finding in outcome.findings] + list(outcome.problems),
        "name": outcome.name,
        "email": outcome.email,
    }


class RowWriter:
    """Writes rows as they come, so nothing is held in memory (a JSON array is streamed too)."""

    def __init__(self, output: IO[str], row_format: str) -> None:
        if row_format not in ROW_FORMATS:
            raise ValueError(f"unknown row format {row_format!r}")
        self._output = output
        self._format = row_format
        self._rows = 0
        self._csv = csv.writer(output, lineterminator="\n") if row_format == "csv" else None
        if self._csv is not None:
            self._csv.writerow(COLUMNS)
        elif row_format == "json":
            output.write("[")

    def write(self, outcome: Outcome) -> None:
        """Write one record's row."""
        values = row(outcome)
        if self._csv is not None:
            self._csv.writerow(
                "; ".join(value) if isinstance(value, list) else value for value in values.values()
            )
        else:
            text = json.dumps(values, ensure_ascii=False)
            if self._format == "jsonl":
                self._output.write(text + "\n")
            else:
                self._output.write(("\n  " if self._rows == 0 else ",\n  ") + text)
        self._rows += 1

    def close(self) -> None:
        """End the output (closes a JSON array) and flush it."""
        if self._format == "json":
            self._output.write("\n]\n" if self._rows else "]\n")
        self._output.flush()
