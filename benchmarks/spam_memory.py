"""spam_memory on the YouTube Spam Collection: report the first half of the spam, test the rest.

Usage: python benchmarks/spam_memory.py

For each of the three files of ``../shared/data/spam`` (a video's comments, labelled spam,
``CLASS`` 1, or ham), taken as one site with a store of its own, and for the three taken as
one site: the spam comments in the order they were posted (``DATE``), the first half reported
as spam through ``Guard.report``, then the second half of the spam and every ham comment
moderated. It prints, for the ``spam_memory`` check alone:

- recall: the share of the second half of the spam it holds;
- the share of that half that links a domain at all (the most a memory of domains can hold:
  the files carry no email address and no IP address, so only the domain signal is measured);
- false holds: the share of the ham it holds.

A second table replays each site as a moderator would work it: every comment in the order
posted is moderated, then reported as what it is (spam as ``spam``, ham as ``approve``, which
forgets what the ham carries), and it prints the share of the spam held by the memory of the
spam reported before it, and of the ham held falsely.

Each is printed with the shipped list of common domains and without it (``COMMON_DOMAINS``
emptied), which shows what the list is for: YouTube spam links youtube.com, and so does ham.
"""

from __future__ import annotations

import csv
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

sys.path.insert(0, os.path.dirname(__file__))
from corpora import DATA

from commentguard import CommentSubmission, Guard, Settings, Verdict
from commentguard.checks import _spam_memory as spam_memory
from commentguard.dumps._runner import replay_settings

FILES = ("Youtube01-Psy.csv", "Youtube02-KatyPerry.csv", "Youtube03-LMFAO.csv")


@dataclass
class Site:
    """One site's comments in the order posted, each with whether it is spam."""

    name: str
    comments: list[tuple[bool, dict[str, str]]]

    @property
    def spam(self) -> list[dict[str, str]]:
        return [data for is_spam, data in self.comments if is_spam]

    @property
    def ham(self) -> list[dict[str, str]]:
        return [data for is_spam, data in self.comments if not is_spam]


def read(name: str) -> list[tuple[bool, dict[str, str]]]:
    """The rows of one file, oldest first, as submission data."""
    with (DATA / "spam" / name).open(encoding="utf-8-sig", newline="") as lines:
        rows = sorted(csv.DictReader(lines), key=lambda row: row["DATE"])
    return [
        (
            row["CLASS"] == "1",
            {"name": row["AUTHOR"].strip() or "Anonymous", "body": row["CONTENT"]},
        )
        for row in rows
    ]


def sites() -> list[Site]:
    """Each file as a site, then the three as one site."""
    read_files = {name: read(name) for name in FILES}
    each = [Site(name.removesuffix(".csv"), read_files[name]) for name in FILES]
    # The videos' comments are from 2013, 2014 and 2015, in that order.
    every = [comment for name in FILES for comment in read_files[name]]
    return [*each, Site("all three as one site", every)]


@contextmanager
def common_domains(domains: frozenset[str]) -> Iterator[None]:
    """Run with ``domains`` as the check's list of common domains."""
    shipped = spam_memory.COMMON_DOMAINS
    spam_memory.COMMON_DOMAINS = domains
    try:
        yield
    finally:
        spam_memory.COMMON_DOMAINS = shipped


def remembered(guard: Guard, submission: CommentSubmission) -> bool:
    """Whether the spam_memory check holds ``submission`` (or worse)."""
    decision = guard.moderate(submission)
    return any(
        finding.check == "spam_memory" and finding.verdict.severity >= Verdict.HOLD.severity
        for finding in decision.findings
    )


def new_guard() -> Guard:
    """The default guard as for a replayed dump (flood and duplicate off), no address needed."""
    settings = replay_settings(Settings(), duplicates=False, require_email=False)
    return Guard(settings, load_entry_points=False)


def run(site: Site) -> tuple[int, int, int, int, int]:
    """Report the first half of the spam; count what the check holds of the rest and of ham."""
    with new_guard() as guard:
        half = len(site.spam) // 2
        for data in site.spam[:half]:
            guard.report(data, Verdict.SPAM)
        later = [guard.parse(data) for data in site.spam[half:]]
        check = next(c for c in guard.checks if isinstance(c, spam_memory.SpamMemoryCheck))
        linking = sum(bool(check._domains(submission)) for submission in later)
        caught = sum(remembered(guard, submission) for submission in later)
        false = sum(remembered(guard, guard.parse(data)) for data in site.ham)
    return len(later), caught, linking, len(site.ham), false


def replay(site: Site) -> tuple[int, int, int, int]:
    """Moderate each comment in order, then report it as what it is; count the holds."""
    spam = caught = ham = false = 0
    with new_guard() as guard:
        for is_spam, data in site.comments:
            submission = guard.parse(data)
            held = remembered(guard, submission)
            spam, ham = spam + is_spam, ham + (not is_spam)
            caught, false = caught + (held and is_spam), false + (held and not is_spam)
            guard.report(submission, Verdict.SPAM if is_spam else Verdict.APPROVE)
    return spam, caught, ham, false


def _share(count: int, total: int) -> str:
    return f"{count:4d} {100 * count / total:5.1f}%" if total else "   -      -"


def main() -> int:
    """Print the table."""
    print(
        f"{'site':<24} {'common domains':<15} {'later spam':>10} {'held':>11} "
        f"{'links one':>11} {'ham':>5} {'false holds':>11}"
    )
    for site in sites():
        for label, domains in (("shipped", spam_memory.COMMON_DOMAINS), ("none", frozenset())):
            with common_domains(domains):
                later, caught, linking, ham, false = run(site)
            print(
                f"{site.name:<24} {label:<15} {later:>10} {_share(caught, later):>11} "
                f"{_share(linking, later):>11} {ham:>5} {_share(false, ham):>11}"
            )
    print()
    print(f"{'replayed in order':<24} {'common domains':<15} {'spam':>10} {'held':>11} "
          f"{'ham':>11} {'false holds':>11}")  # fmt: skip
    for site in sites():
        for label, domains in (("shipped", spam_memory.COMMON_DOMAINS), ("none", frozenset())):
            with common_domains(domains):
                spam, caught, ham, false = replay(site)
            print(
                f"{site.name:<24} {label:<15} {spam:>10} {_share(caught, spam):>11} "
                f"{ham:>11} {_share(false, ham):>11}"
            )
    print(
        "\n'links one': later spam that links a domain the check may remember (the files hold "
        "no email or IP address, so only domains are measured)."
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
