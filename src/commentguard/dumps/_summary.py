"""The totals of a ``commentguard check`` run, and their rendering for a terminal."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

from commentguard._models import Decision, Finding, Verdict
from commentguard.dumps._outcome import INVALID, FindingRow, Outcome

if TYPE_CHECKING:
    from rich.console import Console

VERDICT_STYLES: dict[Verdict | Literal["invalid"], str] = {
    Verdict.APPROVE: "green",
    Verdict.HOLD: "yellow",
    Verdict.SPAM: "magenta",
    Verdict.DISCARD: "red",
    Verdict.REJECT: "red",
    INVALID: "bright_black",
}
"""Verdicts in the order a summary lists them, with their colours."""

TOP = 10
"""How many matched words and domains a summary lists."""


@dataclass
class Summary:
    """Counts per verdict, kind, check and finding code, and the words and domains matched."""

    verdicts: Counter[Verdict | Literal["invalid"]] = field(default_factory=Counter)
    kinds: Counter[str] = field(default_factory=Counter)
    checks: Counter[str] = field(default_factory=Counter)
    codes: Counter[str] = field(default_factory=Counter)
    matched: Counter[tuple[str, str]] = field(default_factory=Counter)  # (check, word)
    kind_verdicts: Counter[tuple[str, Verdict | Literal["invalid"]]] = field(
        default_factory=Counter
    )

    @property
    def total(self) -> int:
        """Records seen, whatever became of them."""
        return sum(self.verdicts.values())

    def add(self, outcome: Outcome) -> None:
        """Count one record."""
        self._count(outcome.verdict, outcome.kind, outcome.findings)

    def add_decided(self, kind: str, decision: Decision) -> None:
        """Count one moderated record from its decision (no :class:`Outcome` needed)."""
        self._count(decision.verdict, kind, decision.findings)

    def update(self, other: Summary) -> None:
        """Add the counts of ``other`` (a worker's summary of one batch) to these."""
        self.verdicts.update(other.verdicts)
        self.kinds.update(other.kinds)
        self.checks.update(other.checks)
        self.codes.update(other.codes)
        self.matched.update(other.matched)
        self.kind_verdicts.update(other.kind_verdicts)

    def _count(
        self,
        verdict: Verdict | Literal["invalid"],
        kind: str,
        findings: Iterable[Finding] | Iterable[FindingRow],
    ) -> None:
        self.verdicts[verdict] += 1
        self.kinds[kind] += 1
        self.kind_verdicts[(kind, verdict)] += 1
        for finding in findings:
            self.checks[finding.check] += 1
            self.codes[finding.code] += 1
            if finding.matched:
                self.matched[(finding.check, finding.matched.casefold())] += 1

    def as_dict(self) -> dict[str, Any]:
        """The counts as plain data, verdicts as text, for programs that moderate dumps."""
        return {
            "total": self.total,
            "verdicts": _as_text(self.verdicts),
            "kinds": dict(self.kinds),
            "verdicts_by_kind": {kind: _as_text(self.verdicts_of(kind)) for kind in self.kinds},
            "checks": dict(self.checks.most_common()),
            "codes": dict(self.codes.most_common()),
            "top_matched": [
                {"check": check, "matched": word, "count": count}
                for (check, word), count in self.matched.most_common(TOP)
            ],
        }

    def verdicts_of(self, kind: str) -> Counter[Verdict | Literal["invalid"]]:
        """The counts per verdict of the records of one kind (``pingback``, ...)."""
        return Counter(
            {verdict: n for (of, verdict), n in self.kind_verdicts.items() if of == kind}
        )

    def render(self, console: Console, *, seconds: float) -> None:
        """Print the summary tables with rich (imported here: a worker process never prints)."""
        from commentguard.dumps._summary_view import render_summary

        render_summary(self, console, seconds=seconds)


def _as_text(counts: Counter[Verdict | Literal["invalid"]]) -> dict[str, int]:
    return {str(verdict): count for verdict, count in counts.items()}
