"""WordMatcher: matching a word list whole-word, through the disguises people use.

It is what the ``profanity`` check runs over better-profanity's list, and what the
``wordlists`` check's key automaton (:mod:`.keyset`) compiles for the word keys a text may
hold. Other languages' lists have their own automaton (:mod:`.languages`).

Two modes:

``"compat"``
    Exactly better-profanity's answers (``contains_profanity``) and censored text (``censor``)
    for the same word list and leetspeak map, hundreds of times faster.
``"default"``
    Everything compatibility mode finds, plus the evasions it misses: look-alike letters from
    other scripts, fullwidth and mathematical letters, accents, invisible characters, stretched
    letters, and more symbols and digits standing for letters.

Both match whole words only, so "Scunthorpe", "assassin" and "cocktail" are clean.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Literal

from commentguard.text._compat import CompatScanner, phrase_window
from commentguard.text._hardened import HARDENED_EXTRAS, HardenedScanner, merge_char_maps
from commentguard.text._memo import COMPILED_LIST_CHARS, WORD_MEMO_BYTES, CompiledLists, Memo
from commentguard.text._wordlist import (
    BETTER_PROFANITY_CHAR_MAP,
    CharMap,
    better_profanity_word_chars,
    curated_words,
    default_words,
    ordinary_words,
)

Mode = Literal["default", "compat"]
_SEPARATORS = re.compile(r"[\s._-]+")

DEFAULT_ALLOWED: tuple[str, ...] = ("sob",)
"""Clean words the default mode's extra rules would otherwise flag.

Found by running both modes over the 50,000 most frequent English words (``wordfreq``); the
test ``tests/text/test_clean_words.py`` keeps this list complete and each entry needed.
``sob`` is listed as ``s.o.b.``. (Stretched words such as ``xxxx``, a stretched ``xx``, are
the shipped ordinary words' business: see :func:`~commentguard.text._wordlist.ordinary_words`.)
"""


SHORT_TEXT_CHARS = 64
"""Texts up to this length have their matches remembered by :meth:`WordMatcher.find`."""
_MATCHES_BYTES = 160  # a WordMatch with its two offsets, and its slot in a tuple (measured)
SHORT_TEXTS_BYTES = 4 * 2**20
"""The bound of the short texts a matcher remembers, with their matches; then it starts afresh."""


@dataclass(frozen=True, slots=True)
class WordMatch:
    """A listed word found in a text: which word, and where (``text[start:end]``)."""

    word: str
    start: int
    end: int
    field: str | None = None


class WordMatcher:
    """A word list compiled for fast whole-word matching. Thread-safe; what it remembers is bounded.

    Example:
        >>> matcher = WordMatcher.better_profanity()
        >>> matcher.contains("What the f.u.c.k")
        True
        >>> matcher.censor("Scunthorpe is not shit")
        'Scunthorpe is not ****'
    """

    def __init__(
        self,
        words: Iterable[str],
        *,
        char_map: CharMap | None = None,
        mode: Mode = "default",
        allow: Iterable[str] = DEFAULT_ALLOWED,
        ordinary: Iterable[str] | None = None,
        shape: ListShape | None = None,
        variants: Mapping[str, str] | None = None,
        memo_bytes: int = WORD_MEMO_BYTES,
    ) -> None:
        """Compile ``words``.

        Args:
            words: Words and phrases to find, in any case.
            char_map: Leetspeak map: each letter and the characters that may stand for it.
                ``None`` means no substitutions at all.
            mode: ``"default"`` (hardened) or ``"compat"`` (better-profanity's behaviour).
            allow: Words the default mode's extra rules must never flag.
            ordinary: Ordinary words the default mode's stretch rule must not read as
                listed words when their letters are repeated (``Gooooood`` is ``good``,
                not ``god``). ``None`` means the shipped ones
                (:func:`~commentguard.text._wordlist.ordinary_words`).
            shape: When ``words`` are part of a longer list, that list's shape (see
                :func:`list_shape`), so that they match as they do in the whole list.
            variants: The extra spellings of the default mode with their words, when
                ``words`` are part of a longer list (see :func:`phrase_variants`).
            memo_bytes: The bound of each table of remembered answers (see
                docs/word-matching.md, "Memory").
        """
        self.mode: Mode = mode
        self.words = tuple(words)
        base_map = dict(char_map or {})
        allow = tuple(allow)
        if mode != "default":
            self._phrase_of: dict[str, str] = {}
        else:
            self._phrase_of = (
                phrase_variants(self.words, allow) if variants is None else dict(variants)
            )
        self._short_texts: Memo[str, tuple[WordMatch, ...]] = Memo(
            max_bytes=min(SHORT_TEXTS_BYTES, memo_bytes), max_key_chars=SHORT_TEXT_CHARS
        )
        self._compat = CompatScanner(
            [*self.words, *self._phrase_of],
            base_map,
            better_profanity_word_chars(),
            window=None if shape is None else shape.phrase_window,
            memo_bytes=memo_bytes,
        )
        self._hardened = (
            HardenedScanner(
                self.words,
                merge_char_maps(base_map, HARDENED_EXTRAS),
                base_map=base_map,
                allow=allow,
                ordinary=ordinary_words() if ordinary is None else ordinary,
                ascii_only=None if shape is None else shape.ascii_only,
                memo_bytes=memo_bytes,
            )
            if mode == "default"
            else None
        )

    @classmethod
    def better_profanity(
        cls,
        mode: Mode = "default",
        *,
        extra_words: Iterable[str] = (),
        allowed_words: Iterable[str] = (),
    ) -> WordMatcher:
        """better-profanity's word list and leetspeak map, with optional site changes.

        Compatibility mode uses better-profanity's list exactly; the default mode its curated
        list (:func:`~commentguard.text._wordlist.curated_words`: without the ordinary words
        and names of :func:`~commentguard.text._wordlist.removed_words`).

        Args:
            mode: ``"default"`` or ``"compat"``.
            extra_words: Words to add to the list (in the default mode, a removed word
                comes back this way).
            allowed_words: Words to remove from the list (compared case-insensitively).
        """
        return _BETTER_PROFANITY.get((mode, tuple(extra_words), tuple(allowed_words)))

    def find(self, text: str, limit: int | None = None) -> list[WordMatch]:
        """Return every match in ``text``, left to right, spans in ``text``'s own offsets.

        Args:
            text: The text to search.
            limit: Return only the first ``limit`` matches (the search stops there: a text of
                16,000 listed words costs what its first few do).

        Answers for short texts (names, one-line comments) are remembered, up to
        :data:`SHORT_TEXTS_BYTES`: the same readers' names come back on comment after comment.
        """
        if len(text) > SHORT_TEXT_CHARS:
            return self._find(text, limit)
        known = self._short_texts.get(text)
        if known is None:
            known = tuple(self._find(text, None))
            self._short_texts.remember(text, known, _MATCHES_BYTES * (len(known) + 1))
        return list(known if limit is None else known[:limit])

    def _find(self, text: str, limit: int | None) -> list[WordMatch]:
        phrase_of = self._phrase_of
        found = [
            WordMatch(phrase_of.get(hit.word, hit.word), hit.start, hit.end)
            for hit in self._compat.scan(text, limit)
        ]
        # An evasion overlapping a compatible match is dropped: no need to look inside those;
        # with ``limit`` of them, none after the last can make the first ``limit`` either.
        evasions = (
            self._hardened.scan_evasions(
                text, found, to_end=limit is not None and len(found) >= limit
            )
            if self._hardened is not None
            else None
        )
        if evasions:
            # Compatible matches are sorted and never overlap: bisect for a clash. With a
            # limit, an evasion that clashes only with a compatible match past the last one
            # found starts after it, so it never makes the first ``limit``.
            compatible = list(found)
            starts = [match.start for match in compatible]
            for word, start, end in evasions:
                index = bisect_right(starts, start) - 1
                clash = (index >= 0 and compatible[index].end > start) or (
                    index + 1 < len(compatible) and compatible[index + 1].start < end
                )
                if not clash:
                    found.append(WordMatch(word, start, end))
            found.sort(key=lambda match: match.start)
        return found if limit is None else found[:limit]

    def first_and_evasions(self, text: str) -> tuple[WordMatch | None, list[WordMatch]]:
        """The first compatible match and every disguised one, before :meth:`find` merges them.

        For combining the answers of matchers of parts of one list (see ``keyset``).
        """
        phrase_of = self._phrase_of
        first = next(
            (
                WordMatch(phrase_of.get(hit.word, hit.word), hit.start, hit.end)
                for hit in self._compat.scan(text, 1)
            ),
            None,
        )
        if self._hardened is None:
            return first, []
        return first, [WordMatch(*hit) for hit in self._hardened.scan_evasions(text)]

    def find_in(self, fields: Mapping[str, str | None]) -> list[WordMatch]:
        """Search several named texts; each match carries the name of its field."""
        return [
            WordMatch(match.word, match.start, match.end, field)
            for field, text in fields.items()
            if text
            for match in self.find(text)
        ]

    def contains(self, text: str) -> bool:
        """Whether ``text`` contains a listed word."""
        if self._hardened is None:
            return self._compat.censor(text, self._compat.scan(text)) != text
        return bool(self._compat.scan(text)) or bool(self._hardened.scan_evasions(text))

    def censor(self, text: str, censor_char: str = "*") -> str:
        """Replace each match with four ``censor_char``; the rest of the text is unchanged.

        In compatibility mode the result is byte for byte what better-profanity's ``censor``
        returns, including its quirk of swallowing the last character of a phrase that ends
        the text.
        """
        if self._hardened is None:
            return self._compat.censor(text, self._compat.scan(text), censor_char)
        pieces, position = [], 0
        for match in self.find(text):
            pieces += [text[position : match.start], censor_char * 4]
            position = match.end
        pieces.append(text[position:])
        return "".join(pieces)


@dataclass(frozen=True, slots=True)
class ListShape:
    """What matching one word depends on in the rest of its list (default mode, no char map)."""

    phrase_window: int
    """How many following words a phrase may join in the compatible scanner."""
    ascii_only: bool
    """Whether every listed word is ASCII once folded (the hardened scanner's shortcut)."""


def list_shape(
    words: Iterable[str],
    allow: Iterable[str] = DEFAULT_ALLOWED,
    *,
    keys: Iterable[str] | None = None,
    variants: Mapping[str, Iterable[str]] | None = None,
) -> ListShape:
    """The shape of ``words`` compiled in the default mode without a leetspeak map.

    ``keys`` are the words' index keys (:meth:`HardenedScanner.word_key`) and ``variants``
    each word's extra spellings (:func:`phrase_variants`, by word), if known.
    """
    words = tuple(words)
    if variants is None:
        extra: Iterable[str] = phrase_variants(words, tuple(allow))
    else:
        extra = [variant for spellings in variants.values() for variant in spellings]
    if keys is None:
        keys = map(_key_scanner().word_key, words)
    return ListShape(
        phrase_window((word.lower() for word in (*words, *extra)), better_profanity_word_chars()),
        all(key.isascii() for key in keys),
    )


@cache
def _key_scanner() -> HardenedScanner:
    """An empty default-mode scanner without a base map: its folding, keys and signs.

    Its signs are those of a list with non-ASCII words, the most a list can see.
    """
    return HardenedScanner((), merge_char_maps({}, HARDENED_EXTRAS), ascii_only=False)


def phrase_variants(words: Sequence[str], allow: Sequence[str]) -> dict[str, str]:
    """The extra spellings the default mode lists, each with its listed word.

    Each word without separators and folded (so "cheap   pills" and "cheap-pills" match
    "cheap pills", which better-profanity wants with the exact separators, and "STRASSE"
    matches "straße", which lower-casing keeps), unless that spelling is listed or allowed.
    """
    skip = {word.lower() for word in (*words, *allow)}
    variants: dict[str, str] = {}
    for word in words:
        for variant in (_SEPARATORS.sub("", word), _plain(word)):
            if variant and variant.lower() not in skip:
                variants.setdefault(variant, word)
    return variants


def _plain(word: str) -> str:
    """``word`` in compatibility forms, case-folded, without accents (``straße``: strasse)."""
    if word.isascii():
        return word.lower()  # already in its compatibility form, and without accents
    decomposed = unicodedata.normalize("NFKD", word.casefold())
    return unicodedata.normalize(
        "NFC", "".join(c for c in decomposed if not unicodedata.combining(c))
    )


def _build_better_profanity(
    variant: tuple[Mode, tuple[str, ...], tuple[str, ...]],
) -> WordMatcher:
    mode, extra_words, allowed_words = variant
    # Allowing "shit" also allows its spellings with separators in the list ("s_h_i_t").
    allowed = {_SEPARATORS.sub("", word).casefold() for word in allowed_words}
    listed = curated_words() if mode == "default" else default_words()
    words = [word for word in listed if _SEPARATORS.sub("", word).casefold() not in allowed]
    return WordMatcher(
        [*words, *extra_words],
        char_map=BETTER_PROFANITY_CHAR_MAP,
        mode=mode,
        allow=(*DEFAULT_ALLOWED, *allowed_words),
    )


# Each matcher also holds its own remembered answers (about 36 MB at the most, see
# docs/word-matching.md): four variants of the list are kept, the least recently used dropped.
_BETTER_PROFANITY: CompiledLists[tuple[Mode, tuple[str, ...], tuple[str, ...]], WordMatcher] = (
    CompiledLists(
        _build_better_profanity, lambda _: COMPILED_LIST_CHARS // 4, max_chars=COMPILED_LIST_CHARS
    )
)
