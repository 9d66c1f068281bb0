"""At least 500 innocent words and names that contain listed words: none matches (default mode).

The words are the frequent English words of ``wordfreq`` that hold a word of the curated list
inside them (``assessment``, ``therapist``, ``cocktail``), without better-profanity's own
words and without a listed word plus an ending (``molester``); the names are British and
American places and people that do (Scunthorpe, Penistone, Dickinson, Cockburn).
"""

from __future__ import annotations

import re

import pytest

from commentguard.text import WordMatcher
from commentguard.text.wordlist import curated_words, default_words

wordfreq = pytest.importorskip("wordfreq")

DEFAULT = WordMatcher.better_profanity()
_ENDINGS = re.compile(r"(s|es|ed|er|ers|ing|ings|in|y|ie|ies|ier|iest|ish|head|heads|face)?")

NAMES = """
Scunthorpe Penistone Dickinson Cockburn Middlesex Sussex Essex Wessex Dickens Dickenson
Cockermouth Cockfosters Cockington Shitterton Clitheroe Arsenal Hancock Babcock Glasscock
Alcock Peacock Woodcock Hitchcock Cockrell Cockroft Dickson Dickerson Cumberland Cumbria
Cummings Cumnock Cumwhitton Cummertrees Cumberbatch Assisi Passaic Massachusetts Manassas
Lassiter Bassett Assange Assington Assynt Titicaca Tittensor Titchfield Titchmarsh Titusville
Wetwang Wankel Wankhede Spicer Spickernell Shittu Hitchens Bitche Twatt Analomink Assawoman
Dickeyville Cockeysville Sexton Shitake Scrabster Lightwater Penrith Pennington Hornsea
Horsham Fanshawe Hoareau Cuntis Arsenault Buttercup Rapides Therapist Documentary Grappa
Matsushita Cockayne Pissarro Wankie Kumquat Cockatoo Scrotton Blackpool Dickerman Pratt
shiitake assessment
"""  # fmt: skip


def innocent_words() -> list[str]:
    """Frequent words holding a listed word inside, and the names."""
    whole = {word.casefold() for word in default_words()}
    listed = sorted({word.casefold() for word in curated_words() if word.isalpha()})
    longer = [word for word in listed if len(word) >= 3]
    found = []
    for word in wordfreq.top_n_list("en", 50_000):
        if not word.isalpha() or word in whole:
            continue
        inside = [part for part in longer if part in word]
        inflected = any(
            word.startswith(part) and _ENDINGS.fullmatch(word[len(part) :]) for part in listed
        )
        if inside and not inflected:
            found.append(word)
    return found + NAMES.split()


WORDS = innocent_words()


def test_there_are_at_least_500_innocent_words() -> None:
    """The list is big enough to mean something, and holds the classic cases."""
    assert len(WORDS) >= 500
    assert {"assessment", "shiitake", "Scunthorpe", "Penistone", "Dickinson"} <= set(WORDS)


def test_no_innocent_word_matches_in_the_default_mode() -> None:
    """Whole-word matching, the stretch rule and the curated list: 0 matches."""
    assert [word for word in WORDS if DEFAULT.contains(word)] == []
    capitalised = [word.capitalize() for word in WORDS] + [word.upper() for word in WORDS]
    assert [word for word in capitalised if DEFAULT.contains(word)] == []


def test_no_innocent_word_matches_in_a_sentence() -> None:
    """Beside other words, and with punctuation, still nothing."""
    text = ", ".join(WORDS[:400]) + "."
    assert DEFAULT.find(text) == []
