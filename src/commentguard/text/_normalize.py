"""Folding text for matching: one output character per input character, so offsets survive.

Each character becomes what it looks like, as a lower-case letter or digit wherever possible:

- compatibility forms are unified (NFKC: fullwidth ``ｆ``, mathematical ``𝐟``, circled ``ⓕ``);
- case is folded (``ß`` becomes ``ss``; ``Σ`` and ``ς`` both ``σ``);
- accents are dropped (``ü`` becomes ``u``);
- letters from other scripts that look like Latin ones become those (Cyrillic ``а``, Greek
  ``ο``, capital ``Ν``; Unicode TR39 confusables, see ``_confusables.py``), and so do small
  capitals (``ᴀ``) and letters with a hook or stroke (``ƒ``, ``ħ``);
- invisible format characters and lone combining marks (zero-width joiners, soft hyphens,
  U+FEFF, bidi controls) become :data:`IGNORABLE`, which matching skips;
- everything that is not a letter, a digit or a listed symbol becomes :data:`SEPARATOR`.

A character that folds to several (``ß``, ``ﬁ``) makes the folded text longer; :func:`fold`
then also returns where each folded character came from.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from functools import cache
from itertools import chain, repeat
from typing import NamedTuple

from commentguard.text._confusables import CONFUSABLES, UPPER_CONFUSABLES

NON_ASCII = re.compile("[^\\x00-\\x7f]")
"""Matches one character outside ASCII."""
CHARS_REMEMBERED = 1 << 14
"""How many characters a :class:`CharTable` keeps folded (about 2 MB); others are folded anew.

Enough for the characters of any one script in everyday use, CJK included; a text cycling
through all of Unicode costs time, not memory.
"""
SEPARATOR = "\x00"
IGNORABLE = "\x1e"


class Folded(NamedTuple):
    """Folded text, and for each of its characters the offset of the original one."""

    text: str
    origins: tuple[int, ...] | None  # None: the offsets are the same as the original's

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """Map a span of the folded text back to the original text."""
        if self.origins is None:
            return start, end
        return self.origins[start], self.origins[end - 1] + 1


def fold_char(char: str, symbols: frozenset[str]) -> str:
    """Fold one character (see the module docstring); ``symbols`` are kept as themselves."""
    if char in symbols:
        return char
    category = unicodedata.category(char)
    if category == "Cf" or category in ("Mn", "Me"):
        return IGNORABLE
    pieces = []
    compatible = unicodedata.normalize("NFKC", char)
    letters = [piece for piece in compatible if piece.isalnum()]
    if len(letters) == 1 and len(compatible) > 1:
        # One character a reader sees as one letter in brackets or with a stop ("⒡" is
        # "(f)", "⒈" is "1."): the letter alone, so "⒡uk" is one word, as it reads.
        compatible = letters[0]
    if compatible in UPPER_CONFUSABLES:  # Greek "Ν" looks like "N", its "ν" like "v"
        return UPPER_CONFUSABLES[compatible]
    for normal in compatible.casefold():
        if normal in symbols:
            pieces.append(normal)
            continue
        # Drop accents, then recompose what is left (Hangul syllables decompose into jamo).
        base = unicodedata.normalize(
            "NFC",
            "".join(
                part
                for part in unicodedata.normalize("NFD", normal)
                if not unicodedata.combining(part)
            ),
        )
        for letter in base:
            letter = CONFUSABLES.get(letter, letter)
            pieces.append(letter if letter.isalnum() or letter in symbols else SEPARATOR)
    return "".join(pieces) or IGNORABLE


class CharTable(dict[int, str]):
    """A ``str.translate`` table that folds each character once, then answers from C.

    ``fold`` maps one character to its folded form. ASCII text is folded through a bytes
    table, which is many times faster than ``str.translate``; so is text whose few non-ASCII
    characters fold to ASCII characters the bytes table leaves as they are (``keep`` lists
    outputs of ``fold`` that must survive a second pass through it).
    """

    def __init__(self, fold: Callable[[str], str], keep: str = "") -> None:
        super().__init__()
        self._fold = fold
        table = bytearray(
            ord(folded) if len(folded := fold(chr(byte))) == 1 and folded.isascii() else 0
            for byte in range(128)
        ) + bytearray(128)
        for char in keep:
            table[ord(char)] = ord(char)
        self.ascii = bytes(table)

    def __missing__(self, point: int) -> str:
        folded = self._fold(chr(point))
        if len(self) < CHARS_REMEMBERED:
            self[point] = folded
        return folded

    def translate_text(self, text: str) -> str:
        """Fold every character of ``text`` (the result is longer if one folds to several)."""
        if not text.isascii():
            # str.translate leaves its fast path at the first non-ASCII character; when the
            # few there are (a byte-order mark, an emoji) fold to one ASCII character that
            # folds to itself, replace them first and fold the rest as bytes.
            outside = {char: self[ord(char)] for char in set(NON_ASCII.findall(text))}
            if len(outside) > 4 or not all(
                len(new) == 1 and new.isascii() and self.ascii[ord(new)] == ord(new)
                for new in outside.values()
            ):
                return text.translate(self)
            for char, new in outside.items():
                text = text.replace(char, new)
        return text.encode("ascii").translate(self.ascii).decode("ascii")


class FoldTable(CharTable):
    """The folding of the module docstring, with the offsets of the original text."""

    def __init__(self, symbols: frozenset[str]) -> None:
        # IGNORABLE is kept: translate_text may put it in before the bytes pass.
        super().__init__(lambda char: fold_char(char, symbols), keep=IGNORABLE)
        # How many characters each one folds to, as a character (at most a few).
        self._lengths = CharTable(lambda char: chr(len(fold_char(char, symbols))))

    def fold(self, text: str) -> Folded:
        """Fold ``text``; offsets are kept unless some character folds to several."""
        folded = self.translate_text(text)
        if len(folded) == len(text):
            return Folded(folded, None)
        # Each original offset once per character it folds to, counted in C (a Python loop
        # over 64 KB of "ß" cost more than the matching).
        lengths = text.translate(self._lengths).encode("latin-1")
        origins = tuple(chain.from_iterable(map(repeat, range(len(text)), lengths)))
        return Folded(folded, origins)


@cache
def shared_fold_table(symbols: frozenset[str]) -> FoldTable:
    """One :class:`FoldTable` per set of symbols, shared by every scanner that folds so."""
    return FoldTable(symbols)
