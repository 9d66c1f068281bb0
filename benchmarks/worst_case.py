"""Time Guard.moderate on families of hostile comment bodies at 1, 8 and 64 KB; flag slow ones.

Usage: python benchmarks/worst_case.py [--plugins] [--keys PATH] [--languages CODE ...]
       [--limit SECONDS] [--only NAME ...]

Every field of a comment form is written by whoever wants to hurt the site, so each loop and
regular expression in ``text/``, ``checks/`` and ``models/`` has a worst input. Each family is
one such input: a short unit repeated up to 1, 8 and 64 thousand UTF-8 bytes of body (within
the default limit of 65,525), moderated in its own process so that a hang cannot stall the
rest. The first twenty families are those of the workplace's ``worst_case.py``; the others are
ours, one for each loop or pattern we found a worst input for.

The targets (issue 13): every family's 64 KB body within ``--limit`` (0.05 s with the built-in
checks, 0.25 s with the repository's plugins), and no family growing super-linearly (more
than 16x from 8 to 64 KB, where linear is 8x; ignored under 20 ms, where noise dominates).
Each figure is one cold read, as the workplace's tool takes it; a family that misses is run
again in a fresh process, up to ``--tries`` times in all, and the best run counts (another
program on the same two cores can double a read; a real regression misses every time).
better-profanity's ``contains_profanity`` on the same 1 KB body is printed beside each family
as the anchor (it needs seconds for 8 KB). With ``--plugins`` the Akismet check is left out:
it sends the comment over the network, which nothing here reaches. With ``--keys PATH`` the
guard also has the keys of PATH (one a line) as disallowed keys, as a WordPress site with
splorp's blocklist does (``--keys ../shared/data/wordlists/splorp-comment-blocklist.txt``).
With ``--languages all`` (or some codes) the profanity check also searches those languages'
lists (``text/languages.py``). Exit status 1 when a target is missed.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path

from better_profanity import Profanity

WORKPLACE_FAMILIES: dict[str, str] = {
    "one letter": "a",
    "one symbol": "*",
    "symbol runs": "*@$!#",
    "letter-symbol": "a*",
    "symbol-letter pairs": "|a",
    "combining marks": "e\u0301\u0302\u0303",
    "mark then symbols": "\u0301****",
    "zero-width in words": "f\u200bu\u200bc\u200bk ",
    "spaced letters": "a ",
    "separated letters": "s.h.i.t ",
    "many links": "see http://a.example/x ",
    "markdown links": "[x](http://b.example/) ",
    "html tags": "<b>x</b><br/>",
    "entities": "&#102;&amp;&lt; ",
    "short words": "ok so I think ",
    "long word": "b",
    "mixed scripts": "\u0430a\u03bfo\u0435e",
    "digits": "1234567890",
    "emoji": "\U0001f600\u200d\U0001f4a9 ",
    "stretched word": "goooooood ",
}
OUR_FAMILIES: dict[str, str] = {
    # text/prepared.py: markup never closed, references never ended, tags between letters
    "unclosed tags": "<a x",
    "comment openers": "<!--",
    "long references": "&#1234567",
    "tags in words": "f<b></b>u<i></i>ck ",
    "long tag names": "<abcdefghijklmnopqrstu",
    # text/links.py: hosts without a scheme, dotted runs that never reach a domain
    "dotted labels": "a.b.c.d.e.f.g.h.i.j.",
    "hosts with paths": "bit.ly/x ",
    # text/keyset.py: keys short of their end, and whole keys, for the automaton of --keys
    "key prefixes": "cheap viagr xanaxxana _abercro ",
    "whole keys": "casino poker viagra thanks for sharing ",
    # text/stretch.py: one symbol accepted by every vowel, split between letters many ways
    "stars for vowels": "*",
    "stars then a letter": "****v",
    # text/compat.py: one-letter words a phrase may be made of, in varying order
    "spaced vowels": "a e i o u v l ",
    "spaced leetspeak": "4 3 1 0 v * @ ",
    "phrase prefixes": "s h i ",
    # text/hardened.py: gap symbols, edge symbols, symbols inside words
    "pipes and vowels": "|a|e|i|o|u",
    "edge symbols": "*a* ",
    "dollar words": "a$ $a ",
    "plus inside": "t+t+",
    "stretch signs": "aaab ",
    "letters apart at the end": "x x x x ",
    # text/normalize.py: characters that fold to several, or to nothing
    "sharp s": "\u00df",
    "ligatures": "\ufb01\ufb02",
    "dotted capital I": "\u0130",
    "byte-order marks": "a\ufeff",
    "bidi controls": "\u202ea\u202c",
    "fullwidth letters": "\uff46\uff55\uff43\uff4b ",
    "CJK text": "\u6f22\u5b57\u304b\u306a ",
    # text/links.py and checks/links.py: link markers without links, and links without ends
    "schemes without hosts": "http://",
    "www without spaces": "www.",
    "dotted names": "a.",
    "bare domains": "a.example ",
    "shorteners": "bit.ly/a ",
    "ip addresses": "http://1.2.3.4/ ",
    "unclosed markdown": "[a](",
    "nested brackets": "[[((",
    "anchor tags": '<a href="http://c.example/">x</a>',
    "at signs": "a@b.c ",
    # checks/bbcode_links.py, disguised_links.py and link_ratio.py: issue 17's link signals
    "bbcode links": "[url=http://d.example/]x[/url] ",
    "unclosed url tags": "[url=http://e.example/]",
    "link tags": "[link=",
    "disguised anchors": '<a href="http://f.example/">https://g.example/</a>',
    "anchors showing hosts": '<a href="http://h.example/">i.example</a>',
    "anchors in anchors": '<a href="http://j.example/">' * 30 + "k.example </a>",
    # checks/invisible_text.py and checks/duplicate.py (MinHash of 4-grams, words)
    "invisible runs": "\u200b\u200c\u200d\u2060",
    "one long line of words": "lorem ipsum dolor sit amet ",
    "newlines": "a\r\n",
    "tabs and spaces": "a\t \t ",
    # text/languages.py (with --languages): listed words of many lists, short of their end,
    # a one-character Chinese word repeated, a listed word inside longer words
    "language words": "siktir arschloch \u4e09\u7ea7\u7247 \u0628\u0632 ",
    "language prefixes": "sikti arschloc \u4e09\u7ea7 ",
    "one listed ideograph": "\u4e73",
    "listed inside words": "amcamam ",
}
FAMILIES = {**WORKPLACE_FAMILIES, **OUR_FAMILIES}
SIZES = (1000, 8000, 64000)  # UTF-8 bytes of body; the default limit is 65,525

WORKER = r"""
import json, sys, time
from commentguard import Guard, Settings
unit, sizes, plugins, keys, languages = json.loads(sys.argv[1])
# Akismet answers over the network, which no test here reaches: it is left out.
checks = {"akismet": {"enabled": False}} if plugins else {}
if keys:
    checks["wordlists"] = {"disallowed_keys_file": keys}
if languages:
    checks["profanity"] = {"languages": languages}
settings = Settings(secret_key="worst-case-benchmark-secret-0123456789", checks=checks)
guard = Guard(settings, load_entry_points=plugins)
guard.moderate({"name": "Warm Up", "email": "warm@example.org", "body": "warm up"})
for i, size in enumerate(sizes):
    body = unit * (size // len(unit.encode("utf-8")))
    started = time.perf_counter()
    try:
        guard.moderate({"name": "Reader", "email": f"reader{i}@example.org", "body": body,
                        "ip": f"198.51.100.{i + 1}"})
    except Exception as exc:  # every body here is within the limits: an error is a finding
        print(json.dumps({"size": size, "error": type(exc).__name__}), flush=True)
        continue
    print(json.dumps({"size": size, "seconds": time.perf_counter() - started}), flush=True)
"""


def run_family(
    unit: str,
    plugins: bool,
    timeout: float,
    keys: str | None = None,
    languages: list[str] | None = None,
) -> dict[int, float | str]:
    """Seconds per body size for one family, or what went wrong (key 0: the whole run)."""
    args = json.dumps([unit, SIZES, plugins, keys, languages or []])
    try:
        done = subprocess.run(
            [sys.executable, "-c", WORKER, args], capture_output=True, text=True, timeout=timeout
        )
        out = done.stdout
        if done.returncode != 0:
            return {0: "crashed: " + (done.stderr.strip().splitlines() or ["?"])[-1][:120]}
    except subprocess.TimeoutExpired as exc:
        out = exc.stdout.decode() if isinstance(exc.stdout, bytes) else (exc.stdout or "")
    times: dict[int, float | str] = {}
    for line in out.splitlines():
        row = json.loads(line)
        times[row["size"]] = row.get("seconds", row.get("error", "?"))
    return times


def anchor_seconds(profanity: Profanity, unit: str) -> float:
    """better-profanity's ``contains_profanity`` on the family's 1 KB body."""
    body = unit * (1000 // len(unit.encode("utf-8")))
    started = time.perf_counter()
    profanity.contains_profanity(body)
    return time.perf_counter() - started


def verdict(times: dict[int, float | str], limit: float) -> str:
    """ "ok", or why the family misses its target."""
    small, big = times.get(8000), times.get(64000)
    if 0 in times:
        return str(times[0])
    if not isinstance(big, float):
        return "did not finish 64 KB" if big is None else f"error {big}"
    if big > limit:
        return f"too slow: {big * 1000:.0f} ms at 64 KB"
    if isinstance(small, float) and small > 0 and big / small > 16 and big > 0.02:
        return f"super-linear: x{big / small:.0f} from 8 to 64 KB"
    return "ok"


def _seconds_at_64(times: dict[int, float | str]) -> float:
    big = times.get(64000)
    return big if isinstance(big, float) and 0 not in times else float("inf")


def cell(value: float | str | None) -> str:
    """A table cell: milliseconds, or a short word for what happened."""
    if isinstance(value, float):
        return f"{value * 1000:8.1f}ms"
    return f"{str(value or 'hung')[:9]:>10}"


def main() -> int:
    """Run every family; the exit status is 1 when one misses its target."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--plugins", action="store_true", help="load the installed plugins")
    parser.add_argument("--limit", type=float, help="seconds allowed at 64 KB")
    parser.add_argument("--timeout", type=float, default=60, help="seconds per family")
    parser.add_argument("--only", nargs="+", metavar="NAME", help="run only these families")
    parser.add_argument("--tries", type=int, default=3, help="fresh runs of a family that misses")
    parser.add_argument("--keys", metavar="PATH", help="disallowed keys, one a line")
    parser.add_argument(
        "--languages", nargs="+", metavar="CODE", help="profanity lists of these (or all) languages"
    )
    args = parser.parse_args()
    languages = args.languages
    if languages == ["all"]:
        from commentguard.text._languages import LANGUAGES

        languages = list(LANGUAGES)
    keys = None if args.keys is None else str(Path(args.keys).resolve())
    limit = args.limit if args.limit is not None else (0.25 if args.plugins else 0.05)
    families = {name: FAMILIES[name] for name in args.only} if args.only else FAMILIES
    profanity = Profanity()
    checks = "the repository's plugins" if args.plugins else "the built-in checks"
    if keys is not None:
        checks += f" and the disallowed keys of {Path(keys).name}"
    if languages:
        checks += f" and the profanity lists of {len(languages)} languages"
    print(f"Guard.moderate with {checks}; limit {limit * 1000:.0f} ms at 64 KB")
    print(
        f"{'family':<26}{'1 KB':>10}{'8 KB':>10}{'64 KB':>10}{'64/8':>7}{'b-p 1 KB':>11}  verdict"
    )
    missed = []
    for name, unit in families.items():
        times = run_family(unit, args.plugins, args.timeout, keys, languages)
        for _ in range(args.tries - 1):  # a miss is read again in a fresh process: the best counts
            if verdict(times, limit) == "ok":
                break
            again = run_family(unit, args.plugins, args.timeout, keys, languages)
            if _seconds_at_64(again) < _seconds_at_64(times):
                times = again
        small, big = times.get(8000), times.get(64000)
        growth = big / small if isinstance(big, float) and isinstance(small, float) else None
        outcome = verdict(times, limit)
        if outcome != "ok":
            missed.append(name)
        print(
            f"{name:<26}{''.join(cell(times.get(size)) for size in SIZES)}"
            f"{f'{growth:6.1f}x' if growth else '      -'}"
            f"{anchor_seconds(profanity, unit) * 1000:9.1f}ms  {outcome}"
        )
    target = f"every family's 64 KB body within {limit * 1000:.0f} ms and linear"
    print(
        f"{'MISSED' if missed else 'met   '} {target}"
        + (f": {', '.join(missed)}" if missed else "")
    )
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
