"""Where ``commentguard check`` spends its time, per comment, in one process.

Usage: python benchmarks/check_stages.py [--count 20000]

Builds the same realistic comments as ``benchmarks/cli.py`` and times each stage a worker
process runs, with the CPU clock, divided by the number of comments: reading the JSON line,
validating the submission, each check of the default pipeline (through ``check_many``, as the
guard calls it), and deciding (the ``decide`` and ``comment_moderated`` hooks and the
decision's timings). The last line is the whole worker path for comparison: ``moderate_piece``
on the same lines. 25,000 comments/s on two cores leaves about 80 microseconds per comment for
all of it.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections.abc import Callable
from typing import TypeVar

sys.path.insert(0, os.path.dirname(__file__))
from cli import comments
from commentguard._loaders import LineBlock, Record
from commentguard.dumps._runner import DumpRun, moderate_piece

Result = TypeVar("Result")


def per_comment(count: int, work: Callable[[], Result]) -> tuple[float, Result]:
    """Microseconds of CPU per comment that ``work`` takes, and what it returned."""
    started = time.process_time()
    result = work()
    return (time.process_time() - started) / count * 1e6, result


def main() -> None:
    """Print the microseconds per comment of each stage."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=20_000, help="comments to time")
    count = parser.parse_args().count
    lines = [json.dumps(comment).encode() for comment in comments(count)]
    run = DumpRun(load_entry_points=False)
    with run.guard() as guard:
        block = LineBlock("bench.jsonl", 1, list(lines))
        rows: list[tuple[str, float]] = []
        spent, records = per_comment(count, lambda: list(block.records()))
        rows.append(("read the JSON line", spent))
        data = [record.data for record in records if isinstance(record, Record)]
        spent, submissions = per_comment(count, lambda: [guard.parse(item) for item in data])
        rows.append(("validate", spent))
        findings: list[list[object]] = [[] for _ in submissions]
        for check in guard.checks:
            spent, results = per_comment(count, lambda: check.check_many(submissions))  # noqa: B023 - called at once
            for found, result in zip(findings, results, strict=True):
                found.extend(result)
            rows.append((f"check {check.name}", spent))
        spent, _ = per_comment(
            count,
            lambda: [
                guard._conclude(submission, (), found, {})  # type: ignore[arg-type] # found holds Findings
                for submission, found in zip(submissions, findings, strict=True)
            ],
        )
        rows.append(("decide and notify plugins", spent))
        total = sum(spent for _, spent in rows)
        whole, _ = per_comment(count, lambda: moderate_piece(guard, block, False, frozenset()))
    print(f"{count:,} comments, microseconds of CPU per comment, one process")
    for stage, spent in rows:
        print(f"  {stage:<28} {spent:7.1f}")
    print(f"  {'sum of the stages':<28} {total:7.1f}")
    print(f"  {'moderate_piece, whole':<28} {whole:7.1f}  ({1e6 / whole:,.0f} comments/s a core)")


if __name__ == "__main__":
    main()
