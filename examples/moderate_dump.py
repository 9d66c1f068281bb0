"""Moderate a JSON Lines file of comments and print one line per comment, then the totals.

Usage: python examples/moderate_dump.py COMMENTS.jsonl [commentguard.toml]

A small example of the Python API. ``commentguard check`` (what ``make demo`` runs) does the same
for whole exports (WordPress, Disqus, Isso, Commento, Remark42, Staticman, JSON, JSON Lines and
CSV), on all cores, with a report.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

from rich.console import Console
from rich.markup import escape

from commentguard import Guard, InvalidSubmission, Settings

STYLES = {
    "approve": "green",
    "hold": "yellow",
    "spam": "magenta",
    "discard": "red",
    "reject": "red",
    "invalid": "bright_black",
}


def main(path: Path, config: Path | None) -> int:
    console = Console(highlight=False, soft_wrap=True)
    guard = Guard(Settings.load(config))
    totals: Counter[str] = Counter()
    with path.open(encoding="utf-8") as lines:
        for number, line in enumerate(lines, start=1):
            if not line.strip():
                continue
            where = f"{path}:{number}"
            try:
                record = json.loads(line)
                decision = guard.moderate(record)
            except json.JSONDecodeError as exc:
                verdict, reasons = "invalid", f"not valid JSON: {exc.msg}"
                record = {}
            except InvalidSubmission as exc:
                verdict = "invalid"
                reasons = "; ".join(f"{e.field}: {e.message} ({e.code})" for e in exc.errors)
            else:
                verdict = decision.verdict.value
                reasons = (
                    "; ".join(f"{f.code}: {f.moderator_message}" for f in decision.findings)
                    or "no findings"
                )
            totals[verdict] += 1
            style = STYLES[verdict]
            record_id = escape(str(record.get("id", "-")))
            console.print(
                f"{where:<28} {record_id:<6} [{style}]{verdict:<8}[/{style}] {escape(reasons)}"
            )
    console.print()
    console.print(
        "  ".join(f"[{STYLES[v]}]{v}[/{STYLES[v]}]: {totals[v]}" for v in STYLES if totals[v])
        + f"  total: {sum(totals.values())}"
    )
    return 0


if __name__ == "__main__":
    if len(sys.argv) not in (2, 3):
        sys.exit(__doc__)
    sys.exit(main(Path(sys.argv[1]), Path(sys.argv[2]) if len(sys.argv) == 3 else None))
