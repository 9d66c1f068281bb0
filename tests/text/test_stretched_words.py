"""Repeated letters alone never make a match; stretched listed words still do (default mode).

A letter repeated three or more times reads as one letter stretched (``fuuuuck``). A word
that is an ordinary word with letters repeated (``Gooooood``, ``soooo``, ``Helllooo``) is
that word, even where it also spells a listed word (``Gooooood`` spells ``god``): the
shipped ordinary words (``commentguard/text/data/ordinary_words.txt``) say which. The one
exception, documented: when the listed word is the longer one, the stretched letter may be
its double (``asssss`` is ``ass`` stretched as well as ``as``, ``niggggger`` is not
``niger``), and it matches.
"""

from __future__ import annotations

from itertools import groupby

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from commentguard.text import DEFAULT_ALLOWED, WordMatcher
from commentguard.text._wordlist import BETTER_PROFANITY_CHAR_MAP, curated_words, ordinary_words

wordfreq = pytest.importorskip("wordfreq")

DEFAULT = WordMatcher.better_profanity()
# The whole of better-profanity's list, so "god" is listed and "Gooooood" is a real test.
WHOLE_LIST = WordMatcher.better_profanity("compat").words
HARDENED_WHOLE = WordMatcher(WHOLE_LIST, char_map=BETTER_PROFANITY_CHAR_MAP)
CLEAN = [
    word
    for word in wordfreq.top_n_list("en", 20_000)
    if word.isalpha() and word not in DEFAULT_ALLOWED and not HARDENED_WHOLE.contains(word)
]
LISTED = sorted({word for word in curated_words() if word.isalpha() and len(word) > 2})
# The shipped ordinary words as a list of their own: a stretched one is not a listed word.
ORDINARY = WordMatcher(ordinary_words(), ordinary=(), allow=())


def stretch(word: str, index: int, times: int) -> str:
    """``word`` with its ``index``-th run of letters repeated ``times`` times."""
    runs = [(char, len(list(group))) for char, group in groupby(word)]
    return "".join(
        char * (times if number == index % len(runs) else count)
        for number, (char, count) in enumerate(runs)
    )


@pytest.mark.parametrize(
    "text",
    ["Gooooood song", "GOOOOOOD", "soooo good", "Helllooo", "heyyyy", "yessss", "nooooo",
     "pleeeease", "coooool", "Ｇｏｏｏｏｏｄ", "xxxx", "sooooooooooooooooooo much"],
)  # fmt: skip
def test_ordinary_words_with_repeated_letters_do_not_match(text: str) -> None:
    """Repeated letters alone make no match, in the default list and in the whole one."""
    assert DEFAULT.find(text) == []
    assert HARDENED_WHOLE.find(text) == []


@pytest.mark.parametrize(
    ("text", "word"),
    [("fuuuuck", "fuck"), ("shiiiit", "shit"), ("FUUUUUCK you", "fuck"), ("biiiitch", "bitch"),
     ("cuuuunt", "cunt"), ("whoooore", "whore"), ("sluuuut", "slut"), ("f u u u c k", "fuck"),
     ("fuuuck1ng", "fucking"), ("niggggger", "nigger"), ("asssss", "ass")],
)  # fmt: skip
def test_stretched_listed_words_still_match(text: str, word: str) -> None:
    """A listed word stretched, however far, is found."""
    assert [match.word for match in DEFAULT.find(text)] == [word]


def test_a_listed_spelling_with_repeated_letters_is_listed() -> None:
    """better-profanity lists ``boooobs``: spelled so, it matches, ordinary ``bobs`` or not."""
    assert [match.word for match in DEFAULT.find("boooobs")] == ["boooobs"]
    matcher = WordMatcher(["boooobs"], ordinary=["bobs"])
    assert matcher.contains("boooobs")
    assert not matcher.contains("booooobs")  # bobs stretched


def test_without_ordinary_words_the_stretch_rule_reads_every_run() -> None:
    """The ordinary words are what keeps ``Gooooood`` clean when ``god`` is listed."""
    assert WordMatcher(["god"], ordinary=()).contains("Gooooood")
    assert not WordMatcher(["god"]).contains("Gooooood")


def test_ordinary_words_apply_to_letters_only() -> None:
    """Symbols for letters are a disguise, not an ordinary word: ``g0ooood`` is ``god``."""
    matcher = WordMatcher(["god"], char_map=BETTER_PROFANITY_CHAR_MAP)
    assert matcher.contains("g0ooood")
    assert not matcher.contains("gooooood")


@settings(max_examples=1500, deadline=None)
@given(word=st.sampled_from(CLEAN), index=st.integers(0, 20), times=st.integers(3, 12))
def test_a_frequent_clean_word_stretched_matches_only_a_longer_listed_word(
    word: str, index: int, times: int
) -> None:
    """Stretch one letter of one of 20,000 frequent clean words: no match, unless the matched
    listed word is longer (its double is the stretched letter: ``asssss``)."""
    for match in HARDENED_WHOLE.find(stretch(word, index, times)):
        assert len(match.word.replace("-", "").replace(".", "")) > len(word), match


@settings(max_examples=1500, deadline=None)
@given(word=st.sampled_from(LISTED), index=st.integers(0, 20), times=st.integers(3, 12))
def test_a_listed_word_stretched_matches(word: str, index: int, times: int) -> None:
    """Stretch one letter of a listed word: it matches, unless it is an ordinary word then.

    (Exactly three ``w`` read as the ``www`` of a web address, never as a stretch.)
    """
    stretched = stretch(word, index, times)
    assume("www" not in stretched or "wwww" in stretched)
    if not ORDINARY.contains(stretched):
        assert DEFAULT.contains(stretched)
