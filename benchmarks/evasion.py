"""Recall on disguised words, per evasion family, and the innocent list's matches.

Usage: python benchmarks/evasion.py [--seed N] [--misses K]

Builds the cases of ``tests/text/evasions.py`` (every letters-only word of the curated list,
disguised by each family, in a short clean sentence) and prints, per family, how many the
default mode finds (a match overlapping the disguised word), beside compatibility mode's
figure; the HTML families on the prepared text (``prepare_html``: what the profanity check
reads, ``commentguard.text.prepare``) and raw. Then the matches on
``tests/text/data/innocent_words.txt``. ``--misses K`` prints K missed cases per family. The test
(``tests/text/test_evasion_recall.py``) asserts these; this prints them.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

from commentguard.text import WordMatcher

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "text"))
from evasions import FAMILIES, HTML_FAMILIES, SEED, Case, cases, prepare_html

TESTS = Path(__file__).resolve().parents[1] / "tests" / "text"


def overlaps(matcher: WordMatcher) -> Callable[[Case], bool]:
    """Whether a match of ``matcher`` overlaps the disguised word."""
    return lambda case: any(
        m.start < case.end and m.end > case.start for m in matcher.find(case.text)
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=SEED, help="the generator's seed")
    parser.add_argument("--misses", type=int, default=0, help="missed cases shown per family")
    args = parser.parse_args()
    default, compat = WordMatcher.better_profanity(), WordMatcher.better_profanity("compat")

    rows = []
    for family_set, prepared in ((FAMILIES, False), (HTML_FAMILIES, True)):
        all_cases = cases(family_set, seed=args.seed)
        for family in family_set:
            mine = [case for case in all_cases if case.family == family]
            if prepared:
                found = [case for case in mine if default.contains(prepare_html(case.text))]
                raw = sum(map(overlaps(default), mine))
                note = f"raw (not prepared): {raw}/{len(mine)}"
            else:
                found = [case for case in mine if overlaps(default)(case)]
                note = ""
            old = sum(map(overlaps(compat), mine))
            rows.append((family, len(found), len(mine), old, note))
            missed = [case for case in mine if case not in found][: args.misses]
            for case in missed:
                note += f"\n      missed: {case.word!r} as {case.disguised!r}"
            rows[-1] = (family, len(found), len(mine), old, note)

    print(f"{'family':<16} {'default':>15} {'compat':>15}")
    for family, found, total, old, note in rows:
        print(
            f"{family:<16} {found:>5}/{total:<4} {found / total:>5.1%} "
            f"{old:>5}/{total:<4} {old / total:>5.1%}  {note}"
        )
    plain = [row for row in rows if row[0] not in HTML_FAMILIES]
    found, total = sum(row[1] for row in plain), sum(row[2] for row in plain)
    old = sum(row[3] for row in plain)
    print(
        f"{'overall':<16} {found:>5}/{total:<4} {found / total:>5.1%} "
        f"{old:>5}/{total:<4} {old / total:>5.1%}  (without the HTML families)"
    )
    everything = found + sum(row[1] for row in rows if row[0] in HTML_FAMILIES)
    cases_all = total + sum(row[2] for row in rows if row[0] in HTML_FAMILIES)
    print(
        f"{'with HTML':<16} {everything:>5}/{cases_all:<4} {everything / cases_all:>5.1%}"
        "  (HTML families on the prepared text)"
    )

    lines = (TESTS / "data" / "innocent_words.txt").read_text(encoding="utf-8").splitlines()
    innocent = [line for line in lines if line and not line.startswith("#")]
    matched = [word for word in innocent if default.contains(word)]
    sentence = [
        word for word in innocent if default.contains(f'We met in "{word}", then at {word}!')
    ]
    print(
        f"\ninnocent words and names: {len(innocent)}; matched alone: {len(matched)}, "
        f"in a sentence: {len(sentence)}"
    )


if __name__ == "__main__":
    main()
