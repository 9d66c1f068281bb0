"""The language check on the shared real comments: its cost, and what it holds of legitimate ones.

Usage: python benchmarks/language.py [--languages en ...] [--min-probability P] [--show]

Loads py3langid's model (the time is printed: once per process), then runs the ``language``
check alone, with the site's ``--languages`` (``en`` by default), over every comment of the
shared data: the legitimate comments of ``false_positives.py`` (Staticman, the approved
WordPress and Disqus comments, YouTube's ham rows) and YouTube's spam rows. It prints the
check's cost per comment (best of three passes; bodies under ten words cost only their word
count) and, per source, how many comments it held: on the legitimate ones those are false
holds unless the comment is really in another language, which ``--show`` lets one read.
The target read here: at most 1% of the legitimate comments held.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections import Counter

sys.path.insert(0, os.path.dirname(__file__))
from corpora import DATA
from false_positives import legitimate_records

from commentguard import CommentSubmission, Guard, Settings
from commentguard._loaders import Record, read_csv
from commentguard.checks._language import (
    LanguageCheck,
    LanguageSettings,
    count_words,
    identifier,
)
from commentguard.dumps._runner import replay_settings, submission_data

TARGET = 0.01


def spam_records() -> list[tuple[str, Record]]:
    """YouTube's spam rows, as ``youtube spam``."""
    columns = {"body": "CONTENT", "name": "AUTHOR", "id": "COMMENT_ID", "label": "CLASS"}
    found = []
    for path in sorted((DATA / "spam").glob("*.csv")):
        with path.open(encoding="utf-8-sig", newline="") as lines:
            for item in read_csv(lines, path.name, columns):
                if isinstance(item, Record) and item.data.get("label") == "1":
                    data = {key: value for key, value in item.data.items() if key != "label"}
                    found.append(("youtube spam", Record(item.source, item.line, "", data)))
    return found


def main() -> int:
    """Print the model's load time, the cost per comment and the holds per source."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--languages", nargs="+", default=["en"], metavar="CODE")
    parser.add_argument("--min-probability", type=float, default=None)
    parser.add_argument("--show", action="store_true", help="print each held comment")
    args = parser.parse_args()
    started = time.perf_counter()
    identifier()
    print(f"py3langid model loaded in {time.perf_counter() - started:.2f} s (once per process)")
    options: dict[str, object] = {"enabled": True, "languages": args.languages}
    if args.min_probability is not None:
        options["min_probability"] = args.min_probability
    check = LanguageCheck(LanguageSettings.model_validate(options))
    settings = replay_settings(Settings(), duplicates=False, require_email=False)
    parse_guard = Guard(settings, load_entry_points=False)
    comments: list[tuple[str, CommentSubmission]] = []
    for source, record in [*legitimate_records(), *spam_records()]:
        try:
            data = submission_data(record, require_email=False)
            comments.append((source, parse_guard.parse(data)))
        except ValueError:
            continue
    best = float("inf")
    for _ in range(3):
        started = time.perf_counter()
        for _, submission in comments:
            check.check(submission)
        best = min(best, time.perf_counter() - started)
    print(
        f"{len(comments)} comments: {1e6 * best / len(comments):.0f} µs a comment "
        f"(best of 3 passes, {len(comments) / best:,.0f} comments/s, one core)"
    )
    looked_at = [s for _, s in comments if count_words(s.body) >= check.settings.min_words]
    best = float("inf")
    for _ in range(3):
        started = time.perf_counter()
        for submission in looked_at:
            check.check(submission)
        best = min(best, time.perf_counter() - started)
    print(
        f"{len(looked_at)} of them of 10 words or more (the others are skipped): "
        f"{1e6 * best / len(looked_at):.0f} µs each"
    )
    totals: Counter[str] = Counter()
    held: Counter[str] = Counter()
    looked: Counter[str] = Counter()
    for source, submission in comments:
        totals[source] += 1
        findings = check.check(submission)
        looked[source] += count_words(submission.body) >= check.settings.min_words
        if findings:
            held[source] += 1
            if args.show:
                print(f"  [{source}] {findings[0].moderator_message} | {submission.body[:90]!r}")
    print(f"\nsite languages {', '.join(args.languages)}; held by the language check:")
    print(f"{'source':<20}{'comments':>9}{'10+ words':>11}{'held':>7}{'share':>8}")
    legitimate = legitimate_held = 0
    for source in totals:
        share = held[source] / totals[source]
        print(
            f"{source:<20}{totals[source]:>9}{looked[source]:>11}{held[source]:>7}"
            f"{100 * share:>7.1f}%"
        )
        if source != "youtube spam":
            legitimate += totals[source]
            legitimate_held += held[source]
    share = legitimate_held / max(legitimate, 1)
    met = share <= TARGET
    print(
        f"\nLegitimate comments held: {legitimate_held} of {legitimate} ({100 * share:.1f}%; "
        f"target <= {100 * TARGET:.0f}%): {'met' if met else 'MISSED'}"
    )
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
