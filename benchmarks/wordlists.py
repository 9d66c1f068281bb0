"""Build time and throughput of the wordlists check with real-size key lists (issue 16).

Usage: python benchmarks/wordlists.py [--sizes 0,7,1000,20000,65371] [--rounds N] [--hostile]

A guard is built with the first N keys of splorp's comment blocklist (65,371 keys, the list
WordPress owners paste into "Disallowed Comment Keys", ../shared/data/wordlists/) as
``disallowed_keys``, then moderates the shared real comments: the Staticman folder's 267
comments (through commentguard's Staticman loader), the comments of the WordPress and Disqus
dumps, and the YouTube files' CONTENT (as bodies). Each size prints its build time and its
comments per second, and the whole list's throughput is printed beside that of the same guard
with no keys, measured in the same run. The targets: the whole list builds in 1 s or less,
and moderates at least half as fast as no keys. ``--hostile`` also times the whole-list guard
on 64 KB bodies made to hurt a key automaton (repeated key prefixes, keys split by
separators). Exit status 1 when a target is missed. Single process, single core.
"""

from __future__ import annotations

import argparse
import csv
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from commentguard import CommentSubmission, Guard
from commentguard._loaders import read_disqus, read_wxr
from commentguard._loaders.base import Record
from commentguard._loaders.staticman import read_staticman_folder
from commentguard.dumps._runner import submission_data
from commentguard.testing import guard_with, make_settings

DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
SPLORP = DATA / "wordlists" / "splorp-comment-blocklist.txt"
SIZES = (0, 7, 1_000, 20_000, 65_371)
BUILD_TARGET = 1.0  # seconds, the whole list
RATIO_TARGET = 0.5  # the whole list's throughput over no keys'
# Checks that remember comments would reject every pass after the first before the wordlists
# check runs: they are off, so that each pass runs the same checks on the same comments.
STATEFUL = ("duplicate", "flood", "trusted_author")
OFF = {"enabled": False}


def splorp_keys() -> list[str]:
    """The blocklist's keys, one a line, as the ``*_keys_file`` settings read them."""
    lines = SPLORP.read_text(encoding="utf-8-sig").splitlines()
    return [line.strip() for line in lines if line.strip()]


def shared_records() -> list[dict[str, object]]:
    """The submission fields of every shared real comment (see the module docstring)."""
    records: list[Record] = []
    folder = DATA / "dumps" / "staticman-made-mistakes"
    records += [
        r for r in read_staticman_folder(folder, folder.name, 2**20) if isinstance(r, Record)
    ]
    for name, read in (
        ("wordpress-theme-unit-test.xml", read_wxr),
        ("wordpress-isso-fixture.xml", read_wxr),
        ("disqus-isso-fixture.xml", read_disqus),
    ):
        with (DATA / "dumps" / name).open("rb") as stream:
            records += [r for r in read(stream, name) if isinstance(r, Record)]
    data = [submission_data(record, require_email=False) for record in records]
    for path in sorted((DATA / "spam").glob("Youtube*.csv")):
        with path.open(encoding="utf-8") as file:
            data += [
                {"name": row["AUTHOR"] or "Anonymous", "body": row["CONTENT"]}
                for row in csv.DictReader(file)
            ]
    return data


def shared_submissions(guard: Guard) -> list[CommentSubmission]:
    """The shared comments that make valid submissions (a deleted Disqus post has no body)."""
    submissions = []
    for data in shared_records():
        try:
            submissions.append(guard.parse(data))
        except ValueError:
            continue
    return submissions


def build(keys: Sequence[str]) -> tuple[Guard, float]:
    """A guard with ``keys`` as disallowed keys, and its build time (stateless checks on)."""
    settings = make_settings(
        email={"required": False},  # old comments often have no address
        checks={"wordlists": {"disallowed_keys": list(keys)}, **dict.fromkeys(STATEFUL, OFF)},
    )
    started = time.perf_counter()
    guard = guard_with(settings=settings)
    return guard, time.perf_counter() - started


def throughput(guard: Guard, submissions: Sequence[CommentSubmission], rounds: int) -> float:
    """Comments per second, the best of ``rounds`` passes over ``submissions``."""
    best = float("inf")
    for _ in range(rounds):
        started = time.perf_counter()
        for submission in submissions:
            guard.moderate(submission)
        best = min(best, time.perf_counter() - started)
    return len(submissions) / best


HOSTILE_UNITS = {
    "key prefixes": "cheap viagr ",
    "one key prefix, no spaces": "xanaxxana",
    "keys split by dots": "c.a.s.i.n.o ",
    "keys in one word": "viagracialispoker",
    "digits and dots": "192.168.1.",
    "long-key prefix": "_abercrom",
}


def hostile(guard: Guard, size: int = 64_000) -> dict[str, float]:
    """Seconds to moderate a ``size``-byte body of each hostile unit, repeated."""
    times = {}
    for name, unit in HOSTILE_UNITS.items():
        body = (unit * (size // len(unit.encode()) + 1)).encode()[:size].decode("utf-8", "ignore")
        submission = guard.parse({"name": "Reader", "email": "r@example.com", "body": body})
        started = time.perf_counter()
        guard.moderate(submission)
        times[name] = time.perf_counter() - started
    return times


def main(argv: Sequence[str] | None = None) -> int:
    """Print the table; return 1 when a target is missed."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default=",".join(map(str, SIZES)))
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--hostile", action="store_true")
    args = parser.parse_args(argv)
    sizes = [int(size) for size in args.sizes.split(",")]
    keys = splorp_keys()
    submissions: list[CommentSubmission] = []
    rates: dict[int, float] = {}
    whole: Guard | None = None
    print(f"{'keys':>7}  {'build s':>8}  {'comments/s':>11}")
    for size in sizes:
        guard, seconds = build(keys[:size])
        if not submissions:
            submissions = shared_submissions(guard)
        rates[size] = throughput(guard, submissions, args.rounds)
        print(f"{size:>7,}  {seconds:>8.3f}  {rates[size]:>11,.0f}", flush=True)
        if size == len(keys):
            whole, whole_build = guard, seconds
    print(f"({len(submissions)} shared comments, best of {args.rounds} passes)")
    missed = False
    if whole is not None:
        no_keys = rates.get(0) or throughput(build([])[0], submissions, args.rounds)
        ratio = rates[len(keys)] / no_keys
        print(
            f"whole list: build {whole_build:.3f} s (target <= {BUILD_TARGET} s); "
            f"{rates[len(keys)]:,.0f}/s against {no_keys:,.0f}/s with no keys: "
            f"ratio {ratio:.2f} (target >= {RATIO_TARGET})"
        )
        missed = whole_build > BUILD_TARGET or ratio < RATIO_TARGET
        if args.hostile:
            for name, seconds in hostile(whole).items():
                print(f"  64 KB of {name!r}: {seconds * 1000:.1f} ms")
    print("MISSED a target" if missed else "targets met")
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
