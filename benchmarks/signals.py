"""Cost and benefit of issue 17's cheap signals, each check on its own.

Usage: python benchmarks/signals.py [--show CHECK]

For each signal check (``disposable_mailbox``, ``bbcode_links``, ``link_ratio``,
``disguised_links``, ``website_in_body``), a guard running that check alone moderates

- every legitimate comment of ../shared/data that benchmarks/false_positives.py reads (the
  *cost*: each one the check holds is a false hold), and
- every spam row (``CLASS`` 1) of each YouTube Spam Collection file (the *benefit*: the share
  it catches, per file: Psy is where thresholds were chosen, KatyPerry and LMFAO are held out).

The YouTube rows have no email address and no website, and YouTube renders no markup, so
``disposable_mailbox`` and ``website_in_body`` cannot catch anything there and ``bbcode_links``
and ``disguised_links`` rarely can: a zero in their spam columns says what the data holds, not
that the checks do nothing (their tests hold them on the spam they are meant for).
``--show CHECK`` lists each comment the check flags, legitimate or spam.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections import Counter

sys.path.insert(0, os.path.dirname(__file__))
from corpora import DATA
from false_positives import _YOUTUBE, _YOUTUBE_COLUMNS, SIGNALS, legitimate_records

from commentguard import CommentSubmission, Guard, Settings, Verdict
from commentguard.dumps.runner import replay_settings, submission_data
from commentguard.loaders import Record, read_csv


def spam_records() -> list[tuple[str, Record]]:
    """The spam rows of each YouTube file, with the name of its source."""
    records = []
    for source, name in _YOUTUBE.items():
        with (DATA / "spam" / name).open(encoding="utf-8-sig", newline="") as lines:
            for item in read_csv(lines, name, _YOUTUBE_COLUMNS):
                if isinstance(item, Record) and item.data.get("label") == "1":
                    data = {key: value for key, value in item.data.items() if key != "label"}
                    records.append((source, Record(item.source, item.line, item.record_id, data)))
    return records


SITE_SETTINGS = {"website_in_body": {"site_domains": ["mademistakes.com"]}}
"""What the sites would configure: Made Mistakes' owner links his own site (Staticman's
comments have no permalink to tell it from)."""


def only(check: str) -> Settings:
    """Replay settings with ``check`` on (as the sites would set it), every other check off."""
    signals_on = Settings(checks={name: {"enabled": True} for name in SIGNALS})
    with Guard(signals_on, load_entry_points=False) as guard:  # website_in_body is off
        names = [found.name for found in guard.checks]
    checks: dict[str, dict[str, object]] = {name: {"enabled": name == check} for name in names}
    checks[check].update(SITE_SETTINGS.get(check, {}))
    return replay_settings(Settings(checks=checks), duplicates=False, require_email=False)


def flagged(
    guard: Guard, records: list[tuple[str, Record]], check: str, show: bool
) -> tuple[Counter[str], Counter[str]]:
    """Per source: how many comments there are, and how many ``check`` holds or worse."""
    totals: Counter[str] = Counter()
    held: Counter[str] = Counter()
    parsed: list[tuple[str, CommentSubmission]] = []
    for source, record in records:
        totals[source] += 1
        try:
            parsed.append((source, guard.parse(submission_data(record, require_email=False))))
        except ValueError:
            continue
    decisions = guard.moderate_many([submission for _, submission in parsed])
    for (source, submission), decision in zip(parsed, decisions, strict=True):
        findings = [
            finding
            for finding in decision.findings
            if finding.check == check and finding.verdict.severity >= Verdict.HOLD.severity
        ]
        held[source] += bool(findings)
        if show:
            for finding in findings:
                print(f"  [{source}] {finding.moderator_message}  |  {submission.body[:90]!r}")
    return totals, held


def _share(count: int, total: int) -> str:
    return f"{count:3d} {100 * count / total:5.1f}%" if total else "  -      -"


def main() -> int:
    """Run each signal check alone over the legitimate comments and the YouTube spam."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--show", metavar="CHECK", choices=SIGNALS, help="list what it flags")
    args = parser.parse_args()
    legitimate = list(legitimate_records())
    spam = spam_records()
    columns = ["legitimate", *(f"spam {source.removeprefix('youtube-')}" for source in _YOUTUBE)]
    columns.append("spam all")
    print(f"{'check':<18}" + "".join(f"{name:>15}" for name in columns))
    for check in SIGNALS:
        with Guard(only(check), load_entry_points=False) as guard:
            if check not in [found.name for found in guard.checks]:
                print(f"{check:<18}  (not a check of this guard)")
                continue
            if args.show == check:
                print(f"{check} flags:")
            good_totals, good_held = flagged(guard, legitimate, check, args.show == check)
            spam_totals, spam_held = flagged(guard, spam, check, args.show == check)
        cells = [_share(sum(good_held.values()), sum(good_totals.values()))]
        cells += [_share(spam_held[source], spam_totals[source]) for source in _YOUTUBE]
        cells.append(_share(sum(spam_held.values()), sum(spam_totals.values())))
        print(f"{check:<18}" + "".join(f"{cell:>15}" for cell in cells))
    print(
        f"\n{sum(1 for _ in legitimate)} legitimate comments (benchmarks/false_positives.py's), "
        f"{len(spam)} YouTube spam rows; a cell is comments held or worse by the check alone."
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
