"""Recall of the default mode on disguised spellings of its own words (issue 16, "Evasion").

The cases are ``evasions.py``'s: every letters-only word of the curated list, disguised by
each family, in a short clean sentence. A case is found when a match of
``WordMatcher.better_profanity()`` overlaps the disguised word. The target is 95% overall;
each family has a floor a little under what it reaches, so that a regression in one family
shows even while the overall figure holds. ``python benchmarks/evasion.py`` prints the table.
"""

from __future__ import annotations

import re

from evasions import FAMILIES, HTML_FAMILIES, TEMPLATES, Case, cases, prepare_html, recall

from commentguard.text import WordMatcher

DEFAULT = WordMatcher.better_profanity()
OVERALL = 0.95
FLOORS = {
    "cyrillic": 0.99,
    "greek": 0.99,
    "small capitals": 0.99,
    "f with hook": 0.99,
    "zero-width": 0.99,
    "combining marks": 0.99,
    "separators": 0.98,
    "fullwidth": 0.99,
    "mathematical": 0.99,
    "leetspeak": 0.85,  # digits at a word's start before digits (80ob), symbols in runs
    "mixed case": 0.99,
    "stretched": 0.98,  # the ordinary words stretched: "noooooob" is "noob", not "nob"
    "html entities": 0.99,
    "html tags": 0.99,
}


def found(case: Case) -> bool:
    """Whether a match overlaps the disguised word."""
    return any(m.start < case.end and m.end > case.start for m in DEFAULT.find(case.text))


def found_prepared(case: Case) -> bool:
    """Whether the prepared text (entities decoded, tags dropped) holds a match."""
    return DEFAULT.contains(prepare_html(case.text))


def _report(counts: dict[str, tuple[int, int]]) -> str:
    return ", ".join(f"{family} {hits}/{total}" for family, (hits, total) in counts.items())


def test_the_sentences_are_clean() -> None:
    """Without a disguised word in them, the templates match nothing."""
    for template in TEMPLATES:
        assert DEFAULT.find(template.format("hello")) == []


def test_the_set_is_deterministic_and_covers_every_family() -> None:
    """The same seed gives the same cases; each family disguises most words."""
    assert cases(words=["fuck", "shit"]) == cases(words=["fuck", "shit"])
    assert cases(words=["fuck"], seed=1) != cases(words=["fuck"], seed=2)
    counts = recall(lambda case: True, cases())
    assert set(counts) == set(FAMILIES)
    assert all(total >= 150 for _, total in counts.values())


def test_recall_per_family_and_overall() -> None:
    """At least 95% of the disguised words are found, and each family keeps its floor."""
    counts = recall(found, cases())
    print("\n" + _report(counts))
    hits = sum(hit for hit, _ in counts.values())
    total = sum(total for _, total in counts.values())
    assert hits / total >= OVERALL, _report(counts)
    low = {f: (h, t) for f, (h, t) in counts.items() if h / t < FLOORS[f]}
    assert low == {}


def test_recall_of_html_families_on_the_prepared_text() -> None:
    """Entities and tags inside words, read as the profanity check reads the body.

    ``submission.prepared.body.text``: references decoded, tags dropped with their text kept.
    The word matcher itself does not decode HTML, so the raw texts are mostly missed (checked
    below).
    """
    all_cases = cases(HTML_FAMILIES)
    counts = recall(found_prepared, all_cases)
    print("\n" + _report(counts))
    low = {f: (h, t) for f, (h, t) in counts.items() if h / t < FLOORS[f]}
    assert low == {}
    raw = recall(found, all_cases)
    assert all(hits < total for hits, total in raw.values())


def test_the_stand_in_decodes_entities_and_drops_tags() -> None:
    """What the HTML families rely on from the preparation layer."""
    assert prepare_html("&#102;u&#x63;&#X6B;") == "fuck"
    assert prepare_html("f&uuml;ck s&shy;hit") == "fück s\u00adhit"
    assert prepare_html("f<b></b>uck f<span>u</span>ck a<!-- x -->ss") == "fuck fuck ass"
    assert re.fullmatch(r"\w+", prepare_html("b<i>it</i>ch"))
