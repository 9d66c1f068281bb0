"""better-profanity's word list, character map and word characters, read from its package.

commentguard reads the data files better-profanity ships (never a download) and copies its
leetspeak map; a test keeps the copy equal to ``better_profanity.Profanity().CHARS_MAPPING``.
"""

from __future__ import annotations

import json
import string
from functools import cache
from importlib.resources import files

CharMap = dict[str, tuple[str, ...]]

BETTER_PROFANITY_CHAR_MAP: CharMap = {
    "a": ("a", "@", "*", "4"),
    "i": ("i", "*", "l", "1"),
    "o": ("o", "*", "0", "@"),
    "u": ("u", "*", "v"),
    "v": ("v", "*", "u"),
    "l": ("l", "1"),
    "e": ("e", "*", "3"),
    "s": ("s", "$", "5"),
    "t": ("t", "7"),
}
"""better-profanity's leetspeak map: each letter and the characters that may stand for it."""


@cache
def default_words() -> tuple[str, ...]:
    """better-profanity's default word list (916 words and phrases), in file order."""
    text = files("better_profanity").joinpath("profanity_wordlist.txt").read_text("utf-8")
    return tuple(line.strip() for line in text.splitlines() if line.strip())


@cache
def better_profanity_word_chars() -> frozenset[str]:
    """The characters better-profanity treats as part of a word; everything else separates.

    ASCII letters and digits, ``@ $ * " '``, and the alphabetic characters of its
    ``alphabetic_unicode.json``.
    """
    unicode_letters = json.loads(
        files("better_profanity").joinpath("alphabetic_unicode.json").read_text("utf-8")
    )
    return frozenset(
        {*string.ascii_letters, *string.digits, "@", "$", "*", '"', "'", *unicode_letters}
    )
