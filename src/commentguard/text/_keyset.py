"""A site's key lists compiled into one tagged Aho-Corasick automaton.

WordPress owners paste lists of tens of thousands of keys (splorp's blocklist has 65,371)
into "Disallowed Comment Keys". One regular expression alternation of them costs time in
proportion to the number of keys at every position of every text, and compiling a word
matcher over all of them takes seconds. Here every key of every list is one or more patterns
of one automaton (``ahocorasick-rs``), each tagged with what it stands for, and a text is read
once per form in C:

- **literally** (``L``): the key folded as :data:`re.IGNORECASE` compares characters (case
  folded, ``İ`` and ``ı`` as ``i``, so ``ß`` stands for ``ss``), each whitespace character a
  space. Every overlapping occurrence is a candidate, checked after with the key's own
  whole-word pattern on the original text (a longest match could hide a shorter whole word),
  so the answer is exactly the one alternation's: the leftmost match, and at one place the
  longest key.
- **as words** (``C`` and ``H``): a key made of words matches disguised spellings through
  :class:`~commentguard.text._matcher.WordMatcher`. Its patterns are the key lower-cased
  without separators (``C``, what better-profanity's walk can join) and the key's index key
  in the hardened scanner (``H``, folded, substitutes unified, repeats collapsed); the text
  is read in the same forms. Only the few keys found there can match, so a word matcher is
  compiled for those alone, with the whole list's shape (:class:`ListShape`), and gives the
  answer the whole list's matcher would.
"""

from __future__ import annotations

import gc
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from itertools import accumulate, chain, repeat
from operator import itemgetter
from typing import Final

from ahocorasick_rs import AhoCorasick

from commentguard.text._compat import lower_table
from commentguard.text._matcher import (
    DEFAULT_ALLOWED,
    ListShape,
    WordMatcher,
    _key_scanner,
    list_shape,
    phrase_variants,
)
from commentguard.text._memo import COMPILED_LIST_CHARS, CompiledLists, Memo
from commentguard.text._normalize import SEPARATOR, CharTable
from commentguard.text._terms import TermMatch, term_pattern, term_text
from commentguard.text._wordlist import better_profanity_word_chars

_FOLDED_WORD = re.compile("[^\\x00]+")
WORDS_ONLY = re.compile(r"[^\W_]+(?:\s+[^\W_]+)*")
"""Keys made of words and whitespace: matched as words, disguised spellings included."""

ONE_BY_ONE = 8
"""Up to this many candidate word keys in a text, each is matched by a matcher of its own."""
MAX_CANDIDATE_WORDS = 64
"""Word keys one word matcher is compiled for at once; a text showing more is read in parts."""
CANDIDATE_MEMO_BYTES = 4 * 2**10
"""The bound of each table of remembered answers of a candidates' word matcher."""
MATCHER_BYTES_PER_CHAR = 2_000
"""What a word matcher's patterns and indexes take per character of its words (estimated)."""
CANDIDATE_MATCHERS_BYTES = 64 * 2**20
"""The bound of the candidates' word matchers kept for reuse, their tables at their bounds."""
_PATTERNS_BYTES = 2 * 2**20  # compiled whole-word patterns of literal keys kept
_PATTERN_BYTES = 2_000  # one compiled pattern of a short key (estimated)


def is_word_key(key: str) -> bool:
    """Whether a trimmed key matches :data:`WORDS_ONLY` (letters and digits between spaces)."""
    # \w less "_" is what str.isalnum accepts; str.split and \s agree on whitespace.
    return key.replace(" ", "").isalnum() or "".join(key.split()).isalnum()


def _literal_fold(char: str) -> str:
    if char.isspace():
        return " "
    if char in "İı":  # re.IGNORECASE takes both for "i"; casefold does not
        return "i"
    return char.casefold()


_LITERAL = CharTable(_literal_fold)
_LITERAL_LENGTHS = CharTable(lambda char: chr(len(_literal_fold(char))))


@dataclass(frozen=True, slots=True)
class _Folded:
    text: str
    origins: tuple[int, ...] | None  # for each folded character, its original offset

    def origin(self, index: int) -> int:
        return index if self.origins is None else self.origins[index]


def _fold_literal(text: str) -> _Folded:
    folded = _LITERAL.translate_text(text)
    if len(folded) == len(text):
        return _Folded(folded, None)
    lengths = text.translate(_LITERAL_LENGTHS).encode("latin-1")
    return _Folded(folded, tuple(chain.from_iterable(map(repeat, range(len(text)), lengths))))


# A literal key as the alternation knows it: its text, its rank there (the alternation tries
# the longest keys first), and the lists that match it literally in every field and in prose
# too (not a word key), as bits (1 << index). A plain tuple of a string and numbers, which the
# collector stops looking into: splorp's list makes 65,000 of them.
_Term = tuple[str, int, int, int]
_TEXT: Final = 0
_RANK: Final = 1
_IN_LISTS: Final = 2
_IN_PROSE: Final = 3


@dataclass(frozen=True, slots=True)
class _WordKeys:
    """One list's word keys, in the list's order, with what the whole list makes of them."""

    words: tuple[str, ...]
    shape: ListShape
    variants: dict[str, tuple[str, ...]]  # the extra spellings the whole list gives a word
    order: dict[str, int]  # each word's first place in the list


class KeySet:
    """Named key lists, each searched as WordPress-style keys; compiled once, thread-safe.

    ``search`` gives, for each list, its first match in a text: the answer of
    :class:`~commentguard.text._keys.KeyMatcher` over that list alone.
    """

    def __init__(self, lists: Mapping[str, Iterable[str]]) -> None:
        """Compile ``lists`` (name: keys); empty keys are ignored, as empty lists are."""
        # Hundreds of thousands of small objects, none of them garbage: the collector's
        # passes over them would take half the time (0.6 s of 1.2 s for splorp's list).
        collecting = gc.isenabled()
        gc.disable()
        try:
            self._compile(lists)
        finally:
            if collecting:
                gc.enable()

    def _compile(self, lists: Mapping[str, Iterable[str]]) -> None:
        self.names: tuple[str, ...] = tuple(lists)
        cleaned = [[key.strip() for key in keys if key.strip()] for keys in lists.values()]
        self._sizes = tuple(len(keys) for keys in cleaned)
        terms: dict[str, tuple[set[int], set[int]]] = {}
        word_keys: list[list[str]] = []
        for index, keys in enumerate(cleaned):
            words = []
            for key in keys:
                every, prose = terms.setdefault(term_text(key), (set(), set()))
                every.add(index)
                if is_word_key(key):
                    words.append(key)
                else:
                    prose.add(index)
            word_keys.append(words)
        # The alternation tries the longest keys first (see TermMatcher): that is the rank.
        ordered = sorted(sorted(terms), key=len, reverse=True)  # a stable sort keeps ties
        every_terms: dict[str, list[_Term]] = {}
        prose_terms: dict[str, list[_Term]] = {}
        self._reported: list[dict[str, str]] = [{} for _ in cleaned]
        self._reported_prose: list[dict[str, str]] = [{} for _ in cleaned]
        for rank, text in enumerate(ordered):
            every, prose = terms[text]
            term: _Term = (text, rank, _bits(every), _bits(prose))
            first, space, _ = text.partition(" ")
            piece = first + space
            folded = piece.lower() if piece.isascii() else _fold_literal(piece).text
            every_terms.setdefault(folded, []).append(term)
            reported = text.lower() if text.isascii() else _report_key(text)
            for index in every:
                self._reported[index][reported] = text  # the last wins
            if prose:
                prose_terms.setdefault(folded, []).append(term)
                for index in prose:
                    self._reported_prose[index][reported] = text
        self._lower = lower_table(better_profanity_word_chars())
        scanner = _key_scanner()
        self._words: list[_WordKeys | None] = []
        plain: dict[str, list[tuple[int, int]]] = {}
        disguised: dict[str, list[tuple[int, int]]] = {}
        whole: dict[str, list[tuple[int, int]]] = {}  # one ASCII word, no character dropped
        for index, words in enumerate(word_keys):
            keys = [scanner.word_key(word) for word in words]
            spellings: dict[str, list[str]] = {}
            for variant, word in phrase_variants(words, DEFAULT_ALLOWED).items():
                spellings.setdefault(word, []).append(variant)
            order: dict[str, int] = {}
            for position, word in enumerate(words):
                order.setdefault(word, position)
            variants = {word: tuple(found) for word, found in spellings.items()}
            shape = list_shape(words, keys=keys, variants=spellings)
            entry = _WordKeys(tuple(words), shape, variants, order)
            self._words.append(entry if words else None)
            for position, (word, key) in enumerate(zip(words, keys, strict=True)):
                tag = (index, position)
                for spelling in {word, *variants.get(word, ())}:
                    compact = _compact_lower(self._lower, spelling)
                    if compact:
                        plain.setdefault(compact, []).append(tag)
                        if compact.isascii() and compact == spelling.lower():
                            whole.setdefault(compact, []).append(tag)
                if key:
                    disguised.setdefault(key, []).append(tag)
        patterns = list({**every_terms, **plain, **disguised})
        self._every_terms = [tuple(every_terms.get(pattern, ())) for pattern in patterns]
        self._prose_terms = [tuple(prose_terms.get(pattern, ())) for pattern in patterns]
        self._plain_words = [tuple(plain.get(pattern, ())) for pattern in patterns]
        self._disguised_words = [tuple(disguised.get(pattern, ())) for pattern in patterns]
        self._whole_words = [tuple(whole.get(pattern, ())) for pattern in patterns]
        self._automaton = AhoCorasick(patterns) if patterns else None
        self._compiled: Memo[str, re.Pattern[str]] = Memo(
            max_bytes=_PATTERNS_BYTES, max_key_chars=256, value_bytes=_PATTERN_BYTES
        )

    def __bool__(self) -> bool:
        return any(self._sizes)

    def search(self, text: str, *, prose: bool = True) -> dict[str, TermMatch]:
        """Each list's first key in ``text`` (lists without one are left out).

        With ``prose=False`` (email addresses, URLs, IP addresses, user agents) every key is
        matched literally.
        """
        if self._automaton is None or not text:
            return {}
        found = self._literal(text, prose)
        if prose:
            for index, match in self._as_words(text).items():
                literal = found.get(index)
                if literal is None or match.start <= literal.start:
                    found[index] = match
        return {self.names[index]: match for index, match in sorted(found.items())}

    def _hits(self, text: str) -> list[tuple[int, int, int]]:
        assert self._automaton is not None  # noqa: S101 - search checks it
        return self._automaton.find_matches_as_indexes(text, overlapping=True)

    def _literal(self, text: str, prose: bool) -> dict[int, TermMatch]:
        folded = _fold_literal(text)
        table = self._prose_terms if prose else self._every_terms
        candidates = [
            (start, term[_RANK], term)
            for pattern, start, _ in self._hits(folded.text)
            for term in table[pattern]
        ]
        if not candidates:
            return {}
        candidates.sort(key=itemgetter(0, 1))
        found: dict[int, TermMatch] = {}
        pending = _bits(index for index, size in enumerate(self._sizes) if size)
        for start, _, term in candidates:
            lists = (term[_IN_PROSE] if prose else term[_IN_LISTS]) & pending
            if not lists:
                continue
            origin = folded.origin(start)
            matched = self._pattern(term[_TEXT]).match(text, origin)
            if matched is None:
                continue
            for index in _indexes(lists):
                reported = (self._reported_prose if prose else self._reported)[index]
                word = reported.get(_report_key(matched.group()), matched.group())
                found[index] = TermMatch(word, origin, matched.end())
            pending &= ~lists
            if not pending:
                break
        return found

    def _pattern(self, term: str) -> re.Pattern[str]:
        compiled = self._compiled.get(term)
        if compiled is None:
            compiled = re.compile(term_pattern(term), re.IGNORECASE)
            self._compiled.remember(term, compiled)
        return compiled

    def _as_words(self, text: str) -> dict[int, TermMatch]:
        """Each list's first word key in ``text``, through word matchers of its candidates."""
        candidates: dict[int, set[int]] = {}
        # Plain spellings: whole words of the text, joined (see compat). One listed ASCII
        # word that is a whole word of the text is a match there for sure: a key found only
        # after the first of those cannot give the first match.
        text_words = list(_FOLDED_WORD.finditer(self._lower.translate_text(text)))
        compact = "".join(word.group() for word in text_words).replace("\u03c2", "\u03c3")
        plain_words = self._plain_words
        hits = [hit for hit in self._hits(compact) if plain_words[hit[0]]]
        if hits:
            # Where each word of the text starts in ``compact`` (and where the last ends): a
            # hit is a run of whole words when both its ends are such places.
            edges = accumulate((len(word.group()) for word in text_words), initial=0)
            word_at = {edge: number for number, edge in enumerate(edges)}
            plain: list[tuple[int, bool, int]] = []
            for pattern, start, end in hits:
                first, last = word_at.get(start), word_at.get(end)
                if first is not None and last is not None and last > first:
                    sure = last == first + 1 and bool(self._whole_words[pattern])
                    plain.append((text_words[first].start(), sure, pattern))
            bound: dict[int, int] = {}
            for start, sure, pattern in plain:
                if sure:
                    for index, _ in self._whole_words[pattern]:
                        bound[index] = min(bound.get(index, start), start)
            taken: set[int] = set()
            for start, _, pattern in plain:
                if pattern in taken:
                    continue
                taken.add(pattern)  # its first place is the one that counts
                for index, position in self._plain_words[pattern]:
                    if start <= bound.get(index, start):
                        candidates.setdefault(index, set()).add(position)
        scanner = _key_scanner()
        # Disguised spellings (see hardened): a text without signs of disguise has no keys.
        seen: set[int] = set()  # a short key may be found thousands of times
        for form, starts, ends in scanner.text_keys(text):
            for pattern, start, end in self._hits(form):
                if pattern in seen or not self._disguised_words[pattern]:
                    continue
                if start in starts and end in ends:
                    seen.add(pattern)
                    for index, position in self._disguised_words[pattern]:
                        candidates.setdefault(index, set()).add(position)
        found = {}
        for index, positions in candidates.items():
            match = self._first_match(text, index, sorted(positions))
            if match is not None:
                found[index] = match
        return found

    def _first_match(self, text: str, index: int, positions: list[int]) -> TermMatch | None:
        """The whole list's first match, from matchers of parts of its candidate keys.

        A few candidates get a matcher each (kept for the next text that holds them); more
        (a long text, or an attack) are taken :data:`MAX_CANDIDATE_WORDS` at a time. The
        answers are merged as the whole list's :meth:`WordMatcher.find` merges its
        scanners': the first compatible match (at one place a phrase before a single word,
        the shortest phrase, then the list's order), and the disguised matches walked left
        to right as one scanner would (each one taken hides those starting inside it), less
        those that overlap the compatible match.
        """
        keys = self._words[index]
        assert keys is not None  # noqa: S101 - a word tag belongs to a list with words
        size = 1 if len(positions) <= ONE_BY_ONE else MAX_CANDIDATE_WORDS
        firsts: list[tuple[int, bool, int, tuple[bool, int], str]] = []
        evasions: list[tuple[int, int, tuple[bool, int, str], str]] = []
        for part in range(0, len(positions), size):
            words = tuple(keys.words[i] for i in positions[part : part + size])
            variants = tuple(
                (variant, word) for word in words for variant in keys.variants.get(word, ())
            )
            first, disguised = _matcher(words, variants, keys.shape).first_and_evasions(text)
            if first is not None:
                single = SEPARATOR not in self._lower.translate_text(text[first.start : first.end])
                # At one place and length, a phrase joined is tried before one spaced.
                joined = not any(map(str.isspace, first.word)) or first.word in keys.variants
                order = (not joined, keys.order[first.word])
                firsts.append((first.start, single, first.end, order, first.word))
            # At one place and length, the hardened scanner tries plain spellings first.
            evasions += [
                (hit.start, hit.end, (not hit.word.isalpha(), len(hit.word), hit.word), hit.word)
                for hit in disguised
            ]
        plain = min(firsts, default=None)
        if plain is not None:
            at_start = [first for first in firsts if first[0] == plain[0]]
            phrases = [first for first in at_start if not first[1]]
            plain = min(phrases or at_start, key=lambda first: (first[2], first[3]))
        resume = 0
        for start, end, _, word in sorted(evasions):
            if start < resume:
                continue
            resume = end
            if plain is not None and start >= plain[0]:
                break  # the compatible match comes first
            if plain is not None and end > plain[0]:
                continue  # it overlaps the compatible match: dropped
            return TermMatch(word, start, end)
        return None if plain is None else TermMatch(plain[4], plain[0], plain[2])


def _bits(indexes: Iterable[int]) -> int:
    return sum({1 << index for index in indexes})


def _indexes(bits: int) -> list[int]:
    return [index for index in range(bits.bit_length()) if bits >> index & 1]


def _compact_lower(table: CharTable, text: str) -> str:
    folded = table.translate_text(text).replace(SEPARATOR, "")
    return folded if folded.isascii() else folded.replace("\u03c2", "\u03c3")


def _report_key(text: str) -> str:
    return " ".join(text.split()).casefold()


_Part = tuple[tuple[str, ...], tuple[tuple[str, str], ...], ListShape]


def _build_words(part: _Part) -> WordMatcher:
    words, variants, shape = part
    return WordMatcher(words, shape=shape, variants=dict(variants), memo_bytes=CANDIDATE_MEMO_BYTES)


def _matcher_bytes(part: _Part) -> int:
    # What one matcher may come to: its tables at their bounds, and its compiled patterns.
    words, variants, _ = part
    chars = sum(map(len, words)) + sum(len(variant) for variant, _ in variants)
    return 8 * CANDIDATE_MEMO_BYTES + MATCHER_BYTES_PER_CHAR * chars


# Word matchers of the few keys a text holds, kept for the next text that holds them (real
# comments repeat their words), within CANDIDATE_MATCHERS_BYTES in all.
_WORD_MATCHERS: CompiledLists[_Part, WordMatcher] = CompiledLists(
    _build_words, _matcher_bytes, max_chars=CANDIDATE_MATCHERS_BYTES
)


def _matcher(
    words: tuple[str, ...], variants: tuple[tuple[str, str], ...], shape: ListShape
) -> WordMatcher:
    return _WORD_MATCHERS.get((words, variants, shape))


_COMPILED: CompiledLists[tuple[tuple[str, tuple[str, ...]], ...], KeySet] = CompiledLists(
    lambda lists: KeySet(dict(lists)),
    lambda lists: sum(len(key) for _, keys in lists for key in keys),
    max_chars=COMPILED_LIST_CHARS,
)


def compile_keys(lists: Mapping[str, Iterable[str]]) -> KeySet:
    """A :class:`KeySet` for ``lists``, reusing one already compiled for the same lists."""
    return _COMPILED.get(tuple((name, tuple(keys)) for name, keys in lists.items()))
