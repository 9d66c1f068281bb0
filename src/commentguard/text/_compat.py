"""A scanner that gives exactly better-profanity's answers, hundreds of times faster.

better-profanity splits text into words (runs of its word characters), and at each word
checks whether that word, or that word joined with up to N following words (with or without the
separators between them), equals a listed word under its leetspeak map. N is the largest number
of non-word characters in any listed word (5 for its default list). It compares each candidate
against every listed word in Python, which is what makes it slow.

This module keeps the same walk over the words but indexes the list: a candidate is reduced to a
key in which interchangeable characters (``a``, ``@``, ``4``, ``*`` ...) are one symbol, and only
the listed words with that key are compared. It also reproduces better-profanity's edge cases
(a one-character word at the very end is never joined to a phrase; a phrase that runs to the end
of the text loses its last character from the censored output), so both the verdict and the
censored text are identical. The differential tests in ``tests/text`` hold it to that.
"""

from __future__ import annotations

import re
import string
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache
from typing import NamedTuple

from commentguard.text._charclass import equivalence_classes
from commentguard.text._memo import (
    MEMO_KEY_CHARS,
    MISSING,
    WINDOW_KEY_CHARS,
    WORD_MEMO_BYTES,
    Memo,
)
from commentguard.text._normalize import CharTable
from commentguard.text._trie import trie_pattern
from commentguard.text._wordlist import CharMap


class CompatHit(NamedTuple):
    """One match: the listed word, its span, and the span better-profanity replaces."""

    word: str
    start: int
    end: int
    replace_end: int


@dataclass(frozen=True, slots=True)
class _Entry:
    word: str  # lower-cased, as compared
    spelling: str  # as listed
    substitutes: tuple[str, ...]  # per position, every character that may stand there


_FOLDED_WORD = re.compile("[^\\x00]+")


def _folder(coarse: dict[int, str], word_chars: frozenset[str]) -> Callable[[str], str]:
    def fold(char: str) -> str:
        if char not in word_chars:
            return "\x00"
        lowered = char.lower()
        # One character per character keeps offsets: U+0130 lowers to two characters (and no
        # listed word can contain that pair's dot), sigma's lower case depends on context.
        return _fold_sigma(lowered.translate(coarse)) if len(lowered) == 1 else "\x1f"

    return fold


def _char_class(chars: Iterable[str]) -> str:
    return "[" + "".join(re.escape(char) for char in sorted(set(chars))) + "]"


def phrase_window(words: Iterable[str], word_chars: frozenset[str]) -> int:
    """better-profanity's MAX_NUMBER_COMBINATIONS for ``words`` (lower-cased)."""
    return max([1, *(_non_word_chars(word, word_chars) for word in words)])


_ASCII_WORD_CHARS = dict.fromkeys(map(ord, string.ascii_letters + string.digits + "@$*\"'"))


def _non_word_chars(word: str, word_chars: frozenset[str]) -> int:
    if word.isascii() and word_chars >= _ASCII_WORD_SET:  # counted in C
        return len(word.translate(_ASCII_WORD_CHARS))
    return sum(char not in word_chars for char in word)


@cache
def lower_table(word_chars: frozenset[str]) -> CharTable:
    """Text lower-cased as the scanner reads it, each character not in ``word_chars`` a NUL."""
    return CharTable(_folder({}, word_chars))


_ASCII_WORD_SET = frozenset(map(chr, _ASCII_WORD_CHARS))


def _fold_sigma(text: str) -> str:
    return text.replace("\u03c2", "\u03c3")  # final sigma to sigma


_MANY_PHRASES = 32  # phrase searches in one text before their answers are remembered


class CompatScanner:
    """better-profanity's matching, indexed. Thread-safe (its memos are bounded)."""

    def __init__(
        self,
        words: Iterable[str],
        char_map: CharMap,
        word_chars: frozenset[str],
        *,
        window: int | None = None,
        memo_bytes: int = WORD_MEMO_BYTES,
    ) -> None:
        """Index ``words`` (lower-cased, as better-profanity does) under ``char_map``.

        ``window`` overrides how many following words a phrase may join (by default, the most
        non-word characters in one listed word): a part of a longer list keeps the list's own.
        ``memo_bytes`` bounds each table of remembered answers.

        Raises:
            ValueError: when a substitute is not exactly one character (better-profanity allows
                that; its default map does not use it, and this index does not support it).
        """
        if any(len(sub) != 1 for subs in char_map.values() for sub in subs):
            raise ValueError("compatibility mode supports single-character substitutes only")
        # better-profanity compares lower-cased words; matches report the first spelling given.
        spelling: dict[str, str] = {}
        for word in words:
            spelling.setdefault(word.lower(), word)
        lowered = list(spelling)  # the list's order, not a set's: the same answer in every process
        # better-profanity's MAX_NUMBER_COMBINATIONS: at least 1, else the most non-word
        # characters in one listed word. It is how many following words a phrase may join.
        self.window = window or phrase_window(lowered, word_chars)
        classes = equivalence_classes(char_map)
        self._coarse = str.maketrans(classes)
        self._entries: dict[str, list[_Entry]] = {}
        for word in lowered:
            substitutes = tuple("".join(char_map.get(char, (char,))) for char in word)
            self._entries.setdefault(word.translate(self._coarse), []).append(
                _Entry(word, spelling[word], substitutes)
            )
        self._prefixes = frozenset(
            key[:length] for key in self._entries for length in range(1, len(key))
        )
        # True when every substitutable character is a word character, so separators keep
        # their own characters in keys (the ASCII shortcut in _folded_phrase relies on it).
        self._plain_separators = all(char in word_chars for char in classes)
        self._verdicts: Memo[str, str | None] = Memo(
            max_bytes=memo_bytes, max_key_chars=MEMO_KEY_CHARS
        )
        self._window_words = re.compile(f"(?:\\x00+[^\\x00]+){{0,{self.window}}}")
        self._phrases: Memo[str, tuple[str, int] | None] = Memo(
            max_bytes=memo_bytes, max_key_chars=WINDOW_KEY_CHARS, value_bytes=64
        )
        # Without substitutes, folding is lower-casing: the table is shared.
        self._fold_table = (
            CharTable(_folder(self._coarse, word_chars)) if classes else lower_table(word_chars)
        )
        # The candidates are found in the text lower-cased, each separator a NUL: there each
        # position of a listed word can be held to its own substitutes ("vulva" starts with a
        # "v"), where a key only knows its group ("a a a a a" has the key of "vulva").
        self._lower_table = lower_table(word_chars)
        members: dict[str, list[str]] = {}
        for char, symbol in classes.items():
            members.setdefault(symbol, []).append(char)

        def group(symbol: str) -> str:
            return _char_class(members[symbol]) if symbol in members else re.escape(symbol)

        def standing_for(char: str) -> str:
            return _char_class({char, *char_map.get(char, ())})

        def stripped(word: str) -> str:
            return _fold_sigma("".join(c for c in word if c in word_chars or ord(c) < 32))

        # Where a listed word may start: each position one of its letter's substitutes, with any
        # run of separators allowed between letters (a superset of better-profanity's phrases);
        # then, as group 1, the same for the words' keys: the match the trie finds there,
        # deepest branch first, ends inside the first word when no phrase can start there.
        # (The keys' groups are disjoint, which keeps that answer; substitutes overlap.)
        self._candidates = re.compile(
            "(?<![^\\x00])(?="
            + trie_pattern(
                map(stripped, lowered),
                between="\\x00*",
                after="(?![^\\x00])",
                spell=standing_for,
            )
            + ")(?=("
            + trie_pattern(
                map(stripped, self._entries),
                between="\\x00*",
                after="(?![^\\x00])",
                spell=group,
            )
            + "))"
        )

    def scan(self, text: str, limit: int | None = None) -> list[CompatHit]:
        """Return the matches better-profanity would censor in ``text``, left to right.

        With ``limit``, only the first ``limit`` (the scan stops there).
        """
        folded = self._fold(text)
        size = len(text)
        first = _FOLDED_WORD.search(folded)
        if first is None or first.start() >= size - 1:
            return []  # better-profanity returns such texts untouched
        # For ASCII text the folded text holds every word's key at the word's own offsets.
        lowered = text.lower() if text.isascii() and self._plain_separators else None
        hits: list[CompatHit] = []
        skip = -1
        phrases_tried = 0
        for candidate in self._candidates.finditer(self._lower_table.translate_text(text)):
            if len(hits) == limit:
                break
            start = candidate.start()
            if start < skip:
                continue
            end = _FOLDED_WORD.match(folded, start).end()  # type: ignore[union-attr] # a word starts here
            if lowered is not None:
                word, key = lowered[start:end], folded[start:end]
            else:
                word = text[start:end].lower()
                key = word.translate(self._coarse)
            if end < size:  # better-profanity decides at the separator after the word
                phrase = None
                if candidate.end(1) > end and key in self._prefixes:
                    phrases_tried += 1
                    if phrases_tried <= _MANY_PHRASES:
                        phrase = self._folded_phrase(text, folded, lowered, end, word, key)
                    else:  # many phrases to try (an attack, or a long text): remember them
                        phrase = self._remembered_phrase(
                            text, folded, lowered, (start, end), word, key
                        )
                if phrase is not None:
                    listed, last_end = phrase
                    # Its scan resumes at the phrase's end index, which is the last character
                    # itself when the phrase runs to the end of the text.
                    skip = last_end if last_end < size else size - 1
                    hits.append(CompatHit(listed, start, last_end, last_end))
                    continue
            elif skip >= size - 1:
                continue
            listed_word = self._listed(word, key)
            if listed_word is not None:
                hits.append(CompatHit(listed_word, start, end, end))
        return hits

    def _fold(self, text: str) -> str:
        """Lower-case and coarsen word characters, turn separators into NUL; keep every offset.

        The folded text only says where a listed word *may* start (see ``_candidates``); the
        words themselves are then lower-cased exactly as better-profanity does.
        """
        return self._fold_table.translate_text(text)

    def _remembered_phrase(
        self,
        text: str,
        folded: str,
        lowered: str | None,
        span: tuple[int, int],
        word: str,
        key: str,
    ) -> tuple[str, int] | None:
        """``_folded_phrase``, remembered by the text it reads.

        A phrase search reads the word and at most ``window`` words after it, so the answer
        depends on that stretch of text alone, unless it reaches the text's last character
        (where better-profanity joins no one-character word): those are worked out each time.
        Inside the text the stretch holds exactly ``window`` words after the first, so it is
        never mistaken for one that the end of the text cut short.
        """
        start, end = span
        stop = self._window_words.match(folded, end).end()  # type: ignore[union-attr] # {0,n}
        if stop >= len(text) - 1:
            return self._folded_phrase(text, folded, lowered, end, word, key)
        window = ("a" if lowered is not None else "u") + text[start:stop]
        known = self._phrases.get(window, MISSING)
        if known is MISSING:
            found = self._folded_phrase(text, folded, lowered, end, word, key)
            known = None if found is None else (found[0], found[1] - start)
            self._phrases.remember(window, known)
        return None if known is None else (known[0], start + known[1])

    def _folded_phrase(
        self, text: str, folded: str, lowered: str | None, end: int, word: str, key: str
    ) -> tuple[str, int] | None:
        """Find the shortest listed phrase starting with ``word`` (which ends at ``end``)."""
        size, entries, prefixes = len(text), self._entries, self._prefixes
        joined, joined_key, spaced, spaced_key, previous_end = word, key, word, key, end
        for _ in range(self.window):
            following = _FOLDED_WORD.search(folded, previous_end)
            if following is None or following.start() >= size - 1:
                return None  # a last one-character word is not a "next word" to it
            next_start, next_end = following.span()
            if lowered is not None:  # ASCII: separators have no case and no substitutes
                joined += lowered[next_start:next_end]
                joined_key += folded[next_start:next_end]
                spaced += lowered[previous_end:next_end]
                spaced_key += text[previous_end:next_start] + folded[next_start:next_end]
            else:  # better-profanity lower-cases the separators and the word together
                next_word = text[next_start:next_end].lower()
                joined += next_word
                joined_key += next_word.translate(self._coarse)
                spaced += text[previous_end:next_end].lower()
                spaced_key = spaced.translate(self._coarse)
            if joined_key in entries:
                listed = self._listed(joined, joined_key)
                if listed is not None:
                    return listed, next_end
            if spaced_key in entries:
                listed = self._listed(spaced, spaced_key)
                if listed is not None:
                    return listed, next_end
            if joined_key not in prefixes and spaced_key not in prefixes:
                return None
            previous_end = next_end
        return None

    def censor(self, text: str, hits: list[CompatHit], censor_char: str = "*") -> str:
        """Replace each hit as better-profanity does: four ``censor_char`` per match."""
        if not hits:
            return text
        pieces, position = [], 0
        for hit in hits:
            pieces += [text[position : hit.start], censor_char * 4]
            position = hit.replace_end
        pieces.append(text[position:])
        return "".join(pieces)

    def _listed(self, candidate: str, key: str) -> str | None:
        """Return the listed word ``candidate`` stands for (same key, every character allowed)."""
        entries = self._entries.get(key)
        if entries is None:
            return None
        known = self._verdicts.get(candidate, MISSING)
        if known is not MISSING:
            return known
        found = None
        for entry in entries:
            if all(char in subs for char, subs in zip(candidate, entry.substitutes, strict=True)):
                if entry.word == candidate:
                    found = entry.spelling  # an exact spelling beats a leetspeak reading
                    break
                found = found or entry.spelling
        self._verdicts.remember(candidate, found)  # real text repeats its words a lot
        return found
