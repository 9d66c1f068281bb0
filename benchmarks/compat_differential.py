"""Compare commentguard's compatibility mode with better-profanity on every shared text.

Usage: python benchmarks/compat_differential.py [--jobs N] [--limit N]

For each text of ../shared/data/toxicity/davidson-labeled-data.csv and
../shared/data/spam/*.csv it checks that ``contains_profanity`` and ``censor`` agree exactly.
better-profanity needs about 30 ms a text, so the whole corpus (about 25,500 texts) takes
several minutes even spread over all cores. Prints the number of texts, of disagreements, and
the first few disagreements.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from concurrent.futures import ProcessPoolExecutor

from better_profanity import Profanity

from commentguard.text import WordMatcher

sys.path.insert(0, os.path.dirname(__file__))
from corpora import all_texts

_reference: Profanity | None = None
_matcher: WordMatcher | None = None


def _compare(texts: list[str]) -> list[tuple[str, str, str]]:
    global _reference, _matcher
    if _reference is None or _matcher is None:
        _reference = Profanity()
        _matcher = WordMatcher.better_profanity(mode="compat")
    mismatches = []
    for text in texts:
        expected = _reference.censor(text)
        actual = _matcher.censor(text)
        if expected != actual or _matcher.contains(text) != (expected != text):
            mismatches.append((text, expected, actual))
    return mismatches


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--limit", type=int, default=None, help="Compare only the first N texts.")
    args = parser.parse_args()
    texts = [text for _, text in all_texts()][: args.limit]
    chunks = [texts[start : start + 200] for start in range(0, len(texts), 200)]
    started = time.perf_counter()
    mismatches: list[tuple[str, str, str]] = []
    with ProcessPoolExecutor(args.jobs) as pool:
        for found in pool.map(_compare, chunks):
            mismatches.extend(found)
    elapsed = time.perf_counter() - started
    print(f"compared {len(texts)} texts in {elapsed:.0f} s on {args.jobs} processes")
    print(f"disagreements: {len(mismatches)}")
    for text, expected, actual in mismatches[:10]:
        print(f"  text:             {text!r}")
        print(f"  better-profanity: {expected!r}")
        print(f"  commentguard:     {actual!r}")
    return 1 if mismatches else 0


if __name__ == "__main__":
    sys.exit(main())
