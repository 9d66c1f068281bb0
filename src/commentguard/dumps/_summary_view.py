"""The rich rendering of a :class:`~commentguard.dumps.Summary`, for a terminal.

Apart from the counts, so a worker process that only counts never imports rich.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import Any, Literal

from rich.console import Console, Group
from rich.table import Table
from rich.text import Text

from commentguard._models import Verdict
from commentguard.dumps._summary import TOP, VERDICT_STYLES, Summary


def _kind_line(summary: Summary, kind: str) -> Text:
    """One kind's verdicts, such as ``pingbacks: approve 2  spam 1``."""
    return Text.assemble(f"{kind}s: ", *_verdict_parts(summary.verdicts_of(kind)))


def render_summary(summary: Summary, console: Console, *, seconds: float) -> None:
    """Print ``summary``'s tables (what :meth:`Summary.render` does)."""
    rate = summary.total / seconds if seconds > 0 else 0.0
    verdicts = Text.assemble(*_verdict_parts(summary.verdicts))
    kinds = ", ".join(
        f"{count:,} {kind}{'' if count == 1 else 's'}"
        for kind, count in sorted(summary.kinds.items())
    )
    parts: list[Any] = [
        Text(
            f"{summary.total:,} record{'' if summary.total == 1 else 's'} ({kinds}) "
            f"in {seconds:.1f} s, {rate:,.0f}/s"
            if summary.total
            else "The dump holds no records."
        ),
        verdicts,
    ]
    for kind in sorted(kind for kind in summary.kinds if kind != "comment"):
        parts.append(_kind_line(summary, kind))
    if summary.checks:
        parts.append(_table("Findings by check", "check", summary.checks.most_common()))
        parts.append(_table("Findings by code", "code", summary.codes.most_common()))
    if summary.matched:
        top = [
            (Text.assemble(word, (f"  ({check})", "dim")), count)
            for (check, word), count in summary.matched.most_common(TOP)
        ]
        parts.append(_table("Top matched words and domains", "matched", top))
    console.print(Group(*parts))


def _verdict_parts(counts: Counter[Verdict | Literal["invalid"]]) -> list[tuple[str, str]]:
    """``approve 3  hold 1`` as styled parts, in the summary's verdict order."""
    return [
        part
        for verdict, style in VERDICT_STYLES.items()
        if counts[verdict]
        for part in ((f"{verdict} ", style), (f"{counts[verdict]:,}  ", "bold"))
    ]


def _table(title: str, label: str, rows: Sequence[tuple[str | Text, int]]) -> Table:
    table = Table(title=title, title_justify="left", box=None, pad_edge=False)
    table.add_column(label)
    table.add_column("count", justify="right")
    for name, count in rows:
        # Text, never markup: a matched word or a plugin's code may contain "[".
        table.add_row(Text(name) if isinstance(name, str) else name, f"{count:,}")
    return table
