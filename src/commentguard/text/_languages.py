"""Word lists of other languages (LDNOOBW), matched with each script's own word boundaries.

The lists ship in ``data/ldnoobw/`` (CC BY 4.0, see ``ATTRIBUTION.md`` there). English is
not among them: commentguard's English list is better-profanity's (``WordMatcher``).

A listed word is matched letter for letter, ignoring case, compatibility forms (``ＡＲＳＣＨ``
is ``arsch``) and invisible characters (zero-width spaces and joiners, soft hyphens), never
accents: in these languages an accent or a dotless ``ı`` makes another
word, and the default mode's folding would make innocent words listed ones (Turkish ``şık``,
chic, and ``sık``, often, would be ``sik``; English ``got`` and ``gotten`` would be ``göt``
and ``götten``; Spanish ``cono``, cone, ``coño``). Where a script separates words with spaces
(Latin, Cyrillic, Greek, Arabic, Devanagari, Hangul, ...) a listed word counts only as a whole
word. A listed word written in a script without spaces (Chinese characters, kana, Thai)
counts wherever it appears, as a substring: in practice the lists of Chinese (``zh``),
Japanese (``ja``) and Thai (``th``), whose few Latin entries (``sm``, ``3p``) are still
whole words.

The text is read once, in C, by one Aho-Corasick automaton (``ahocorasick-rs``) of the
chosen lists, so the cost grows with the text, not with the lists.
"""

from __future__ import annotations

import re
import threading
import unicodedata
from bisect import bisect_right
from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from operator import itemgetter

from ahocorasick_rs import AhoCorasick

from commentguard.text._confusables import CONFUSABLES
from commentguard.text._matcher import SHORT_TEXT_CHARS, SHORT_TEXTS_BYTES
from commentguard.text._memo import Memo
from commentguard.text._normalize import CharTable

LANGUAGES: dict[str, str] = {
    "ar": "Arabic",
    "cs": "Czech",
    "da": "Danish",
    "de": "German",
    "en": "English",
    "eo": "Esperanto",
    "es": "Spanish",
    "fa": "Persian",
    "fi": "Finnish",
    "fil": "Filipino",
    "fr": "French",
    "fr-CA": "Québécois French",
    "hi": "Hindi",
    "hu": "Hungarian",
    "it": "Italian",
    "ja": "Japanese",
    "kab": "Kabyle",
    "ko": "Korean",
    "nl": "Dutch",
    "no": "Norwegian",
    "pl": "Polish",
    "pt": "Portuguese",
    "ru": "Russian",
    "sv": "Swedish",
    "th": "Thai",
    "tlh": "Klingon",
    "tr": "Turkish",
    "zh": "Chinese",
}
"""The language codes the profanity check accepts, with their names.

``en`` is better-profanity's list, always searched; the others are LDNOOBW's lists.
"""

SUBSTRING_LANGUAGES = ("ja", "th", "zh")
"""The languages whose lists are written in scripts without spaces, matched as substrings."""

_NO_SPACES = re.compile(
    "[\u0e00-\u0e7f"  # Thai
    "\u3040-\u30ff\u31f0-\u31ff\uff66-\uff9f"  # kana, and half-width katakana
    "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003ffff]"  # CJK ideographs
)
_SPACES = re.compile(r"\s+")
_AM_APART = "\u0e4d\u0e32"  # Thai nikhahit and sara aa: sara am (U+0E33) decomposed
_IGNORED = "\x1e"  # what an invisible character folds to: matching skips it
# Dropped from the folded text: invisible characters, and each run of whitespace but its first.
_DROPPED = re.compile(f"{_IGNORED}+| [ {_IGNORED}]+")
_RUNS_OF_SPACE = re.compile("  +")
_MATCH_BYTES = 180  # a LanguageMatch and its slot in a tuple (estimated)


def _fold(char: str) -> str:
    """One character as matching compares it: never more or fewer (offsets survive)."""
    if char.isspace():
        return " "
    if unicodedata.category(char) == "Cf":  # zero-width spaces and joiners, soft hyphens
        return _IGNORED
    if char == "İ":  # Turkish capital dotted i; lower() makes it "i" and a combining dot
        return "i"
    normal = unicodedata.normalize("NFKC", char)
    if len(normal) != 1:
        normal = char
    for folded in (normal.casefold(), normal.lower()):
        if len(folded) == 1:
            return folded
    return normal


_FOLD = CharTable(_fold)
# Letters of other scripts that look like Latin ones (TR39), as the folded text has them;
# Latin letters such as Turkish dotless ı are letters of their own here.
_LOOKALIKES = {
    ord(char): latin
    for char, latin in CONFUSABLES.items()
    if latin.isalpha() and not unicodedata.name(char, "LATIN").startswith("LATIN")
}


def _is_word_char(char: str) -> bool:
    return unicodedata.category(char)[0] in "LMN"


def matched_as_substring(word: str) -> bool:
    """Whether ``word`` is matched wherever it appears (it holds a letter of no-space script)."""
    return _NO_SPACES.search(word) is not None


def language_words(code: str) -> tuple[str, ...]:
    """The words of one shipped LDNOOBW list, in file order (``en`` has none here)."""
    if code not in LANGUAGES:
        raise ValueError(unknown_languages_message([code]))
    if code == "en":
        return ()
    return _read_list(code)


@cache
def _read_list(code: str) -> tuple[str, ...]:
    path = files("commentguard.text").joinpath("data", "ldnoobw", f"{code}.txt")
    lines = (line.strip() for line in path.read_text("utf-8").splitlines())
    return tuple(line for line in lines if line)


def unknown_languages_message(codes: list[str]) -> str:
    """The settings error for language codes without a list, naming the valid ones."""
    unknown = ", ".join(repr(code) for code in codes)
    return f"no word list for language {unknown}; valid codes: {', '.join(LANGUAGES)}"


@dataclass(frozen=True, slots=True)
class LanguageMatch:
    """A listed word of a language's list found in a text, at ``text[start:end]``."""

    word: str
    language: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class _Entry:
    word: str
    language: str
    substring: bool


class LanguageLists:
    """Some languages' lists compiled into one automaton; safe to share between threads.

    The lists and the automaton never change once built. Answers for short texts (names,
    one-line comments) are remembered in a :class:`~commentguard.text._memo.Memo` bounded in
    bytes: a race between threads there costs a recomputation, never a wrong answer.
    """

    def __init__(self, codes: tuple[str, ...], allowed: tuple[str, ...] = ()) -> None:
        """Compile the lists of ``codes`` (``en`` adds nothing; see :data:`LANGUAGES`).

        Words of ``allowed`` are left out (compared ignoring case, as the text is).
        """
        self.languages = codes
        skip = {_key(word) for word in allowed}
        entries: dict[str, list[_Entry]] = {}
        for code in codes:
            for word in language_words(code):
                if _key(word) in skip:
                    continue
                entry = _Entry(word, code, matched_as_substring(word))
                # The word as written, with its accents as combining marks (NFD text), and
                # with Thai's sara am as one character, as it is typed: the list writes it
                # as the two that NFKC makes of it.
                forms = {
                    word,
                    unicodedata.normalize("NFD", word),
                    word.replace(_AM_APART, "\u0e33"),
                }
                for form in forms:
                    entries.setdefault(_key(form), []).append(entry)
        self._patterns = list(entries)
        # A word in several lists is reported with the first language the site named.
        self._entries = [entries[pattern][0] for pattern in self._patterns]
        self._automaton = AhoCorasick(self._patterns) if self._patterns else None
        self._short_texts: Memo[str, tuple[LanguageMatch, ...]] = Memo(
            max_bytes=SHORT_TEXTS_BYTES, max_key_chars=SHORT_TEXT_CHARS
        )

    def __bool__(self) -> bool:
        return self._automaton is not None

    def find(self, text: str, limit: int | None = None) -> list[LanguageMatch]:
        """Every match in ``text``, left to right, not overlapping; spans in ``text``.

        At one place the longest listed word wins.
        """
        if self._automaton is None or not text:
            return []
        if len(text) > SHORT_TEXT_CHARS:
            return self._find(text, limit)
        # Names and one-line comments come back, as for the English matcher.
        known = self._short_texts.get(text)
        if known is None:
            known = tuple(self._find(text, None))
            self._short_texts.remember(text, known, _MATCH_BYTES * (len(known) + 1))
        return list(known if limit is None else known[:limit])

    def _find(self, text: str, limit: int | None) -> list[LanguageMatch]:
        folded = _FOLD.translate_text(text)
        origins: _Origins | None = None
        if "  " in folded or _IGNORED in folded:
            # Invisible characters are skipped (Arsch\u200bloch), and a phrase matches across
            # any run of whitespace: both dropped (in C), offsets mapped back on demand.
            origins = _Origins(folded)
            folded = _RUNS_OF_SPACE.sub(" ", folded.replace(_IGNORED, ""))
        found = self._scan(text, folded, origins, limit)
        if text.isascii():
            return found
        looks = folded.translate(_LOOKALIKES)
        if looks == folded:
            return found
        # Look-alike letters of other scripts inside a Latin word (Cyrillic а in аrschloch):
        # read again with them as Latin letters, keeping what mixes scripts and is new.
        taken = [(match.start, match.end) for match in found]
        for match in self._scan(text, looks, origins, limit, folded):
            if not any(match.start < end and start < match.end for start, end in taken):
                found.append(match)
        found.sort(key=lambda match: match.start)
        return found if limit is None else found[:limit]

    def _scan(
        self,
        text: str,
        folded: str,
        origins: _Origins | None,
        limit: int | None,
        unmixed: str | None = None,
    ) -> list[LanguageMatch]:
        """Matches in ``folded``; with ``unmixed``, only those mixing scripts there."""
        assert self._automaton is not None  # noqa: S101 - find checks it
        # The automaton reports by end, and at one end the longest first: reversed, then
        # sorted by start (stable, in C), each place has its longest word first.
        hits = self._automaton.find_matches_as_indexes(folded, overlapping=True)
        hits.reverse()
        hits.sort(key=itemgetter(1))
        found: list[LanguageMatch] = []
        resume = 0
        for pattern, start, end in hits:
            if start < resume:
                continue
            if unmixed is not None and not _mixes_scripts(unmixed[start:end], folded[start:end]):
                continue
            entry = self._entries[pattern]
            begin, stop = start, end
            if origins is not None:
                begin, stop = origins.original(start), origins.original(end - 1) + 1
            if not entry.substring and not _whole_word(text, begin, stop):
                continue
            found.append(LanguageMatch(entry.word, entry.language, begin, stop))
            resume = end
            if limit is not None and len(found) >= limit:
                break
        return found


def _mixes_scripts(before: str, after: str) -> bool:
    """Whether a match read with look-alikes replaced holds a replaced and a kept letter."""
    pairs = list(zip(before, after, strict=True))
    return any(old != new for old, new in pairs) and any(
        old == new and old.isalpha() for old, new in pairs
    )


def _key(word: str) -> str:
    return _SPACES.sub(" ", _FOLD.translate_text(word.strip()).replace(_IGNORED, ""))


def _whole_word(text: str, start: int, end: int) -> bool:
    before = start == 0 or not _is_word_char(text[start - 1])
    return before and (end == len(text) or not _is_word_char(text[end]))


class _Origins:
    """Where each character of the folded text, with its dropped runs taken out, came from.

    Worked out as far as asked only: a text of 64 KB of zero-width characters and words needs
    the runs before its first few matches, not all of them.
    """

    def __init__(self, folded: str) -> None:
        self._runs = _DROPPED.finditer(folded)
        # For each run read: from which compacted offset on it counts, and the characters
        # dropped up to and including it.
        self._after: list[int] = []
        self._dropped: list[int] = [0]
        self._done = False

    def original(self, position: int) -> int:
        """The original offset of the compacted text's character at ``position``."""
        while not self._done and (not self._after or self._after[-1] <= position):
            run = next(self._runs, None)
            if run is None:
                self._done = True
                break
            kept = run.group()[0] == " "  # a run of whitespace keeps its first
            self._after.append(run.start() - self._dropped[-1] + kept)
            self._dropped.append(self._dropped[-1] + len(run.group()) - kept)
        return position + self._dropped[bisect_right(self._after, position)]


_COMPILED: dict[tuple[tuple[str, ...], tuple[str, ...]], LanguageLists] = {}
# Sets of languages kept compiled, each with its remembered short texts (4 MB at the most);
# past that they are compiled afresh.
_COMPILED_KEPT = 4
_COMPILING = threading.Lock()


def compile_languages(codes: tuple[str, ...], allowed: tuple[str, ...] = ()) -> LanguageLists:
    """:class:`LanguageLists` for ``codes`` less ``allowed``, compiled once per process."""
    compiled = _COMPILED.get((codes, allowed))
    if compiled is None:
        with _COMPILING:
            compiled = _COMPILED.get((codes, allowed))
            if compiled is None:
                if len(_COMPILED) >= _COMPILED_KEPT:
                    _COMPILED.clear()
                compiled = _COMPILED[codes, allowed] = LanguageLists(codes, allowed)
    return compiled
