"""The default mode's curated list: better-profanity's, without ordinary words and names.

What was removed, and why, is ``commentguard/text/data/profanity_removed.txt``, shown as a
table in docs/word-matching.md; these tests keep the two equal, and keep abusive words in.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from commentguard.checks._profanity import ProfanityCheck, ProfanitySettings
from commentguard.testing import make_submission
from commentguard.text import WordMatcher
from commentguard.text._wordlist import curated_words, default_words, removed_words

DOCS = Path(__file__).resolve().parents[2] / "docs" / "word-matching.md"
REMOVED = [word for category in removed_words() for word in category.words]
DEFAULT = WordMatcher.better_profanity()
COMPAT = WordMatcher.better_profanity("compat")


def test_removed_words_are_better_profanitys_once_each() -> None:
    """Every removed word is on better-profanity's list, and is removed once."""
    assert sorted(set(REMOVED)) == sorted(REMOVED)
    assert set(REMOVED) <= set(default_words())


def test_the_curated_list_is_better_profanitys_without_the_removed_words() -> None:
    """Same order, nothing added."""
    assert curated_words() == tuple(word for word in default_words() if word not in REMOVED)
    assert DEFAULT.words == curated_words()
    assert COMPAT.words == default_words()


def test_the_docs_table_lists_each_category_and_its_words() -> None:
    """docs/word-matching.md shows every category with exactly its words."""
    rows = re.findall(r"^\| `(\w+)` \| .*? \| (.*?) \|$", DOCS.read_text("utf-8"), re.MULTILINE)
    documented = {key: re.findall(r"`([^`]+)`", words) for key, words in rows}
    assert documented == {category.key: list(category.words) for category in removed_words()}


@pytest.mark.parametrize("word", REMOVED)
def test_a_removed_word_matches_in_compat_mode_only(word: str) -> None:
    """The default mode leaves it alone; compatibility mode keeps better-profanity's answer."""
    assert not DEFAULT.contains(f"a {word} b")
    assert COMPAT.contains(f"a {word} b")


@pytest.mark.parametrize(
    "word",
    ["fuck", "shit", "cunt", "bitch", "whore", "slut", "nigger", "faggot", "retard", "twat",
     "wanker", "asshole", "motherfucker", "dick", "cock", "pussy", "bastard", "jap", "spic",
     "kike", "dyke", "tits", "porn", "moron", "scum", "rape", "piss", "bullshit"],
)  # fmt: skip
def test_abuse_stays_on_the_curated_list(word: str) -> None:
    """Swearing, slurs and sexual insults are what the list is for: they stay."""
    assert DEFAULT.contains(f"you {word}")


def test_a_site_puts_a_removed_word_back() -> None:
    """``extra_words`` brings a removed word back; ``mode = "compat"`` brings them all."""
    check = ProfanityCheck(ProfanitySettings(extra_words=("damn",)))
    assert check.check(make_submission(body="too damn high"))
    assert not ProfanityCheck().check(make_submission(body="too damn high"))
    compat = ProfanityCheck(ProfanitySettings(mode="compat"))
    assert compat.check(make_submission(body="oh my god"))
