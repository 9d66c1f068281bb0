"""Compatibility mode gives exactly better-profanity's answers; the default mode finds more.

The default mode runs a curated list (better-profanity's without ordinary words and names):
it finds everything compatibility mode finds *with that list*.

The slow side (better-profanity, about 30 ms a text) runs on a fixed sample of the shared
real-world texts and on generated texts here; benchmarks/compat_differential.py compares the
whole corpus.
"""

from __future__ import annotations

import csv

import pytest
from better_profanity import Profanity
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from commentguard.text import WordMatcher
from commentguard.text._wordlist import BETTER_PROFANITY_CHAR_MAP, curated_words, default_words
from shared_data import shared_data

REFERENCE = Profanity()
COMPAT = WordMatcher.better_profanity("compat")
DEFAULT = WordMatcher.better_profanity()
CURATED_COMPAT = WordMatcher(curated_words(), char_map=BETTER_PROFANITY_CHAR_MAP, mode="compat")


def real_texts(every: int) -> list[str]:
    """Every ``every``-th Davidson tweet and YouTube comment (a fixed, varied sample)."""
    texts = []
    with shared_data("toxicity/davidson-labeled-data.csv").open(encoding="utf-8") as file:
        texts += [row["tweet"] for row in csv.DictReader(file)][::every]
    for path in sorted(shared_data("spam").glob("*.csv")):
        with path.open(encoding="utf-8") as file:
            texts += [row["CONTENT"] for row in csv.DictReader(file)][:: every // 20 or 1]
    return texts


def test_char_map_is_better_profanitys() -> None:
    """The leetspeak map commentguard ships is the one better-profanity uses."""
    assert {
        letter: tuple(subs) for letter, subs in REFERENCE.CHARS_MAPPING.items()
    } == BETTER_PROFANITY_CHAR_MAP


def test_word_list_is_better_profanitys() -> None:
    """The default list is read from better-profanity's own file."""
    assert {word.lower() for word in default_words()} == {
        str(word) for word in REFERENCE.CENSOR_WORDSET
    }


@pytest.mark.parametrize("text", real_texts(every=200))
def test_compat_mode_equals_better_profanity_on_real_texts(text: str) -> None:
    """Same verdict and same censored text as better-profanity on shared real texts."""
    expected = REFERENCE.censor(text)
    assert COMPAT.censor(text) == expected
    assert COMPAT.contains(text) is (expected != text)


@pytest.mark.parametrize("text", real_texts(every=200))
def test_default_mode_flags_everything_compat_flags_on_real_texts(text: str) -> None:
    """The default mode is stricter: it never misses what compatibility mode finds."""
    if CURATED_COMPAT.contains(text):
        assert DEFAULT.contains(text)


# -- generated texts ------------------------------------------------------------------------

LISTED = sorted(default_words())
SEPARATORS = [" ", "  ", ".", "-", "_", "!", ", ", "\n", "' ", "*", "", "+", "|", " - "]


@st.composite
def leetspeak(draw: st.DrawFn) -> str:
    """A listed word, possibly upper-cased, with substitutions from better-profanity's map."""
    word = draw(st.sampled_from(LISTED))
    chars = []
    for char in word:
        subs = BETTER_PROFANITY_CHAR_MAP.get(char.lower())
        if subs and draw(st.booleans()):
            char = draw(st.sampled_from(subs))
        elif draw(st.integers(0, 4)) == 0:
            char = char.upper()
        chars.append(char)
    return "".join(chars)


plain_words = st.sampled_from(
    ["the", "a", "Scunthorpe", "class", "assassin", "hello", "I", "x", "blow", "job", "son",
     "of", "Zoë", "naïve", "Straße", "日本", "Ωmega", "@user", "$5", "2", "don't", '"quoted"']
)  # fmt: skip
pieces = st.one_of(leetspeak(), plain_words, st.text(min_size=1, max_size=3))
texts = st.lists(st.tuples(pieces, st.sampled_from(SEPARATORS)), min_size=1, max_size=8).map(
    lambda parts: "".join(piece + separator for piece, separator in parts)
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts)
def test_compat_mode_equals_better_profanity_on_generated_texts(text: str) -> None:
    """Listed words with leetspeak, separators, punctuation and other scripts: same answers."""
    expected = REFERENCE.censor(text)
    assert COMPAT.censor(text) == expected
    assert COMPAT.contains(text) is (expected != text)


@settings(max_examples=300, deadline=None)
@given(texts)
def test_default_mode_flags_everything_compat_flags_on_generated_texts(text: str) -> None:
    """Whatever compatibility mode flags with the curated list, the default mode flags."""
    if CURATED_COMPAT.contains(text):
        assert DEFAULT.contains(text)


@pytest.mark.parametrize(
    ("text", "censored"),
    [
        ("what the f.u.c.k", "what the f.u.c.k"),  # a one-letter last word is never joined
        ("you are a f.u.c.k.", "you are a ****."),
        ("blow job", "****"),  # a phrase ending the text swallows its last character
        ("blow job now", "**** now"),
        ('"fuck"', '"fuck"'),  # quotes are word characters to better-profanity
        ("FUCK!!", "****!!"),
        ("a", "a"),
    ],
)
def test_compat_mode_keeps_better_profanitys_quirks(text: str, censored: str) -> None:
    """Edge cases where better-profanity's output is surprising are reproduced, not fixed."""
    assert REFERENCE.censor(text) == censored
    assert COMPAT.censor(text) == censored
