"""Throughput of the word matcher against better-profanity, on the same real texts, one core.

Usage: python benchmarks/word_matcher.py [--sample N]

better-profanity (the anchor) is timed on a fixed random sample of each corpus, because it
needs about 40 ms a text; commentguard's matcher is timed on every text of each corpus, after
one warm-up pass (its per-word caches fill on first sight, as they would in a running site).
Prints texts per second for each, and the ratio, for both modes, plus the time to build the
matcher for the default list.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import time
from collections.abc import Callable

from better_profanity import Profanity

from commentguard.text import WordMatcher
from commentguard.text._wordlist import BETTER_PROFANITY_CHAR_MAP, default_words

sys.path.insert(0, os.path.dirname(__file__))
from corpora import davidson_tweets, youtube_comments


def throughput(check: Callable[[str], object], texts: list[str]) -> float:
    """Texts per second for ``check`` over ``texts``."""
    started = time.perf_counter()
    for text in texts:
        check(text)
    return len(texts) / (time.perf_counter() - started)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sample", type=int, default=500, help="texts for better-profanity")
    args = parser.parse_args()

    # The first build also reads better-profanity's files; the default mode goes first.
    for mode in ("default", "compat"):
        started = time.perf_counter()
        WordMatcher(default_words(), char_map=BETTER_PROFANITY_CHAR_MAP, mode=mode)
        print(
            f"build the {mode} matcher for the default list: {time.perf_counter() - started:.3f} s"
        )
    print()

    reference = Profanity()
    matchers = {mode: WordMatcher.better_profanity(mode) for mode in ("compat", "default")}
    print(f"{'corpus':<10}{'texts':>7}{'better-profanity':>18}{'compat':>10}{'ratio':>8}"
          f"{'default':>10}{'ratio':>8}")  # fmt: skip
    for name, texts in (("davidson", davidson_tweets()), ("youtube", youtube_comments())):
        sample = random.Random(0).sample(texts, min(args.sample, len(texts)))
        anchor = throughput(reference.contains_profanity, sample)
        row = f"{name:<10}{len(texts):>7}{anchor:>15.1f}/s "
        for matcher in matchers.values():
            throughput(matcher.contains, texts)  # warm-up
            speed = throughput(matcher.contains, texts)
            row += f"{speed:>8.0f}/s{speed / anchor:>7.0f}x"
        print(row)


if __name__ == "__main__":
    main()
