"""What a long-running worker's memory does when it is sent many distinct long comments.

Usage: python benchmarks/memo_memory.py [--comments N]

Each comment is 60 KB of distinct words, disguised words, pipes between vowels and look-alike
letters, so that every table the matcher remembers (see docs/word-matching.md) meets new keys
all the time. The resident memory of the process is read after 100 comments (the anchor: the
tables are filling) and after ``--comments``; the target (issue 13) is that the growth in
between stays under 40 MB. Before the tables were bounded in bytes, 1,000 such comments added
about 125 MB. Exit status 1 on a miss.
"""

from __future__ import annotations

import argparse
import gc
import os
import random
import sys

from commentguard import Guard, Settings

SECRET = "memo-memory-benchmark-secret-0123456789"
PAGE_BYTES = os.sysconf("SC_PAGE_SIZE")


def resident_bytes() -> int:
    """This process's resident memory."""
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * PAGE_BYTES


def word_pool(rng: random.Random, size: int = 20_000) -> list[str]:
    """Random words of three to nine letters."""
    letters = "abcdefghijklmnopqrstuvwxyz"
    return ["".join(rng.choices(letters, k=rng.randint(3, 9))) for _ in range(size)]


def comment(number: int, rng: random.Random, pool: list[str]) -> str:
    """About 60 KB that no earlier comment holds."""
    shapes = (
        "{w}{n} ",
        "sh!t{w} ",
        "|{a}|{b}|e ",
        "{a}{b}\u0430{w} ",
        "{w}ooooo{m} ",
    )
    pieces, size = [], 0
    for word, shape in zip(rng.choices(pool, k=12_000), rng.choices(shapes, k=12_000), strict=True):
        piece = shape.format(w=word, n=number, m=number % 97, a=word[0], b=word[1])
        pieces.append(piece)
        size += len(piece)
        if size >= 60_000:
            break
    return "".join(pieces)


def main() -> int:
    """Moderate the comments; the exit status is 1 when the target is missed."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--comments", type=int, default=1_000)
    args = parser.parse_args()
    rng = random.Random(13)
    pool = word_pool(rng)
    settings = Settings(secret_key=SECRET, checks={"flood": {"enabled": False}})
    with Guard(settings, load_entry_points=False) as guard:
        anchor = 0
        for number in range(args.comments):
            guard.moderate(
                {
                    "name": f"Reader {number}",
                    "email": f"r{number}@example.org",
                    "body": comment(number, rng, pool),
                }
            )
            if number == 99:
                gc.collect()
                anchor = resident_bytes()
        gc.collect()
        grown = resident_bytes() - anchor
    print(f"resident memory after 100 comments: {anchor / 2**20:.1f} MB")
    print(f"grown by {args.comments:,} comments of 60 KB: {grown / 2**20:.1f} MB")
    met = grown < 40 * 2**20
    print(f"{'met   ' if met else 'MISSED'} growth from 100 to {args.comments:,} comments < 40 MB")
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
