"""Clean words stay clean: the default mode's extra rules on a real English word corpus.

The corpus is the 50,000 most frequent English words of ``wordfreq`` (data shipped inside
that package). The default mode may flag more words than compatibility mode only where the
word is a possessive of a word compatibility mode flags (``god's``); anything else means a
clean word is flagged and belongs in ``DEFAULT_ALLOWED``.
"""

from __future__ import annotations

import pytest

from commentguard.text import DEFAULT_ALLOWED, WordMatcher
from commentguard.text._wordlist import BETTER_PROFANITY_CHAR_MAP, default_words

wordfreq = pytest.importorskip("wordfreq")

COMPAT = WordMatcher.better_profanity("compat")
DEFAULT = WordMatcher.better_profanity()


def test_default_mode_flags_no_clean_word_of_the_corpus() -> None:
    """Among 50,000 frequent words, only possessives of listed words are newly flagged."""
    words = wordfreq.top_n_list("en", 50_000)
    newly_flagged = [word for word in words if DEFAULT.contains(word) and not COMPAT.contains(word)]
    unexplained = [
        word
        for word in newly_flagged
        if not (word.endswith("'s") and COMPAT.contains(word.removesuffix("'s")))
    ]
    assert unexplained == []


@pytest.mark.parametrize("word", DEFAULT_ALLOWED)
def test_allowed_words_are_not_flagged(word: str) -> None:
    """Each shipped allow-list entry works, and is needed: without it the word is flagged."""
    assert not DEFAULT.contains(word)
    unguarded = WordMatcher(default_words(), char_map=BETTER_PROFANITY_CHAR_MAP, allow=())
    assert unguarded.contains(word)


@pytest.mark.parametrize(
    "word",
    [
        "Scunthorpe", "assassin", "cocktail", "Essex", "specialist", "class", "Dickens",
        "therapist", "Penistone", "Middlesex", "shitake", "grapefruit", "cockpit", "passage",
        "assume", "analysis", "bass", "Sussex", "title", "hello", "button", "peacock",
    ],
)  # fmt: skip
def test_words_containing_listed_ones_are_clean(word: str) -> None:
    """Whole-word matching: a listed word inside a longer clean word does not count."""
    assert not DEFAULT.contains(word)
    assert not COMPAT.contains(word)
