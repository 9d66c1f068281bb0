"""At least 500 innocent words and names that contain listed words: none matches (default mode).

The list is ``data/innocent_words.txt``, written by ``scripts/generate_innocent_words.py``:
the frequent English words of ``wordfreq`` that hold a word of the curated list inside them
(``assessment``, ``therapist``, ``cocktail``), without better-profanity's own words and
without a listed word plus an ending (``molester``); the world's cities and the US counties
of GeoNames and the surnames and first names of faker's English locales that do (Slutsk,
Scunthorpe's kin; Dickinson, Cockburn, Hancock); and hand-written Scunthorpe-problem names
(Penistone, Shitterton, Clitheroe). Each is tried alone, in capitals, and in a sentence.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from commentguard.text import WordMatcher

DEFAULT = WordMatcher.better_profanity()
DATA = Path(__file__).parent / "data" / "innocent_words.txt"


def innocent_words() -> list[str]:
    """The entries of the data file, in its order."""
    lines = (line.strip() for line in DATA.read_text(encoding="utf-8").splitlines())
    return [line for line in lines if line and not line.startswith("#")]


WORDS = innocent_words()
SENTENCES = ["{} is lovely.", 'We met in "{}", then at {}!', "({}), {}; {}?"]


def test_there_are_at_least_500_innocent_words() -> None:
    """The list is big enough to mean something, and holds the classic cases."""
    assert len(WORDS) >= 500
    assert len(set(WORDS)) == len(WORDS)
    classic = {"assessment", "shiitake", "Scunthorpe", "Penistone", "Dickinson", "Cockburn"}
    assert classic | {"Sussex", "Essex", "Middlesex", "cocktail", "Hancock", "Shitterton"} <= set(
        WORDS
    )
    assert {"Lightwater", "Clitheroe", "Matsushita", "analyst", "therapist", "grape"} <= set(WORDS)
    assert {"butterscotch", "Kunming", "Slutsk", "Pakistan", "Nazilli"} <= set(WORDS)


def test_no_innocent_word_matches_in_the_default_mode() -> None:
    """Whole-word matching, the stretch rule and the curated list: 0 matches."""
    assert [word for word in WORDS if DEFAULT.contains(word)] == []
    capitalised = [word.capitalize() for word in WORDS] + [word.upper() for word in WORDS]
    assert [word for word in capitalised if DEFAULT.contains(word)] == []


@pytest.mark.parametrize("sentence", SENTENCES)
def test_no_innocent_word_matches_in_a_sentence(sentence: str) -> None:
    """Each entry beside other words, with punctuation, still nothing; and all in one text."""
    matched = [
        word for word in WORDS if DEFAULT.find(sentence.format(*[word] * sentence.count("{}")))
    ]
    assert matched == []


def test_no_innocent_word_matches_in_one_long_text() -> None:
    """All of them in one comment (the long-text paths of the matcher)."""
    assert DEFAULT.find(", ".join(WORDS) + ".") == []
