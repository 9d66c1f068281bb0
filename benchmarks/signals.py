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
The last column, *spam new*, counts the spam the check holds that the default guard without
the signals does not (what turning the check on adds). ``website_in_body`` is off by default;
here it runs as Made Mistakes would configure it (``site_domains``). ``--show CHECK`` lists
each comment the check flags, legitimate or spam.
"""

from __future__ import annotations

import argparse
import os
import sys

sys.path.insert(0, os.path.dirname(__file__))
from corpora import DATA
from false_positives import _YOUTUBE, _YOUTUBE_COLUMNS, SIGNALS, legitimate_records

from commentguard import CommentSubmission, Guard, Settings, Verdict
from commentguard._loaders import Record, read_csv
from commentguard.dumps._runner import replay_settings, submission_data


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


def held_by(
    guard: Guard, records: list[tuple[str, Record]], check: str | None, show: bool
) -> list[bool]:
    """Whether ``check`` (any check, when ``None``) holds each record or worse."""
    held = [False] * len(records)
    parsed: list[tuple[int, CommentSubmission]] = []
    for index, (_, record) in enumerate(records):
        try:
            parsed.append((index, guard.parse(submission_data(record, require_email=False))))
        except ValueError:
            continue
    decisions = guard.moderate_many([submission for _, submission in parsed])
    for (index, submission), decision in zip(parsed, decisions, strict=True):
        findings = [
            finding
            for finding in decision.findings
            if check in (None, finding.check) and finding.verdict.severity >= Verdict.HOLD.severity
        ]
        held[index] = bool(findings)
        if show:
            for finding in findings:
                source = records[index][0]
                print(f"  [{source}] {finding.moderator_message}  |  {submission.body[:90]!r}")
    return held


def the_rest() -> Settings:
    """The default guard without the signals, as benchmarks/false_positives.py runs it."""
    checks = {name: {"enabled": False} for name in SIGNALS}
    return replay_settings(Settings(checks=checks), duplicates=False, require_email=False)


def _share(count: int, total: int) -> str:
    return f"{count:3d} {100 * count / total:5.1f}%" if total else "  -      -"


def main() -> int:
    """Run each signal check alone over the legitimate comments and the YouTube spam."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--show", metavar="CHECK", choices=SIGNALS, help="list what it flags")
    args = parser.parse_args()
    legitimate = list(legitimate_records())
    spam = spam_records()
    with Guard(the_rest(), load_entry_points=False) as guard:
        rest_spam = held_by(guard, spam, None, show=False)
    columns = ["legitimate", *(f"spam {source.removeprefix('youtube-')}" for source in _YOUTUBE)]
    columns += ["spam all", "spam new"]
    print(f"{'check':<19}" + "".join(f"{name:>15}" for name in columns))
    for check in SIGNALS:
        with Guard(only(check), load_entry_points=False) as guard:
            if check not in [found.name for found in guard.checks]:
                print(f"{check:<19}  (not a check of this guard)")
                continue
            if args.show == check:
                print(f"{check} flags:")
            good = held_by(guard, legitimate, check, args.show == check)
            bad = held_by(guard, spam, check, args.show == check)
        cells = [_share(sum(good), len(good))]
        for source in _YOUTUBE:
            mine = [found for (name, _), found in zip(spam, bad, strict=True) if name == source]
            cells.append(_share(sum(mine), len(mine)))
        cells.append(_share(sum(bad), len(bad)))
        new = sum(found and not rest for found, rest in zip(bad, rest_spam, strict=True))
        cells.append(_share(new, len(bad)))
        print(f"{check:<19}" + "".join(f"{cell:>15}" for cell in cells))
    print(
        f"\n{len(legitimate)} legitimate comments (benchmarks/false_positives.py's), {len(spam)} "
        "YouTube spam rows (CLASS 1). A cell counts the comments the check alone holds or "
        "worse;\n'spam new' those of them the default guard without the signals does not hold "
        f"(it holds {sum(rest_spam)} of the {len(spam)})."
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
