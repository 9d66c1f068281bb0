"""better-profanity's word list, character map and word characters, read from its package.

commentguard reads the data files better-profanity ships (never a download) and copies its
leetspeak map; a test keeps the copy equal to ``better_profanity.Profanity().CHARS_MAPPING``.
The default mode's curated list is better-profanity's list without the words of
``data/profanity_removed.txt``, and its stretch rule knows the ordinary words of
``data/ordinary_words.txt``; both files ship in the package.
"""

from __future__ import annotations

import json
import string
from dataclasses import dataclass
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


@dataclass(frozen=True, slots=True)
class RemovedWords:
    """One category of words the curated list leaves out, and why."""

    key: str
    reason: str
    words: tuple[str, ...]


@cache
def removed_words() -> tuple[RemovedWords, ...]:
    """The words of better-profanity's list that the default mode leaves out, by category."""
    categories: list[RemovedWords] = []
    for line in _data_lines("profanity_removed.txt"):
        if line.startswith("## "):
            key, _, reason = line[3:].partition(": ")
            categories.append(RemovedWords(key, reason, ()))
        else:
            last = categories[-1]
            categories[-1] = RemovedWords(last.key, last.reason, (*last.words, line))
    return tuple(categories)


@cache
def curated_words() -> tuple[str, ...]:
    """The default mode's list: better-profanity's, without :func:`removed_words`, in file order."""
    removed = {word for category in removed_words() for word in category.words}
    return tuple(word for word in default_words() if word not in removed)


@cache
def ordinary_words() -> tuple[str, ...]:
    """Frequent English words that, stretched, also spell a word of better-profanity's list.

    ``good`` (``Gooooood`` also spells ``god``), ``public`` (``pubic``), ``noob`` (``nob``):
    a stretched word of letters only that spells one of these is that word, not the listed
    one. Each is longer than the listed word it shadows, or as long and more frequent: where
    the listed word is longer (``as`` and ``ass``), the stretched letter may be its double,
    and it matches. Generated from ``wordfreq`` by ``scripts/generate_ordinary_words.py``.
    """
    return tuple(_data_lines("ordinary_words.txt"))


def _data_lines(name: str) -> list[str]:
    text = files("commentguard.text").joinpath("data", name).read_text("utf-8")
    lines = (line.strip() for line in text.splitlines())
    # "#" starts a comment; "## key: reason" starts a category of profanity_removed.txt
    return [line for line in lines if line and (line[0] != "#" or line.startswith("## "))]
