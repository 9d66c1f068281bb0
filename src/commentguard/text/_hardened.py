"""Word-list matching hardened against the ways people disguise words (the default mode).

On top of whole-word, case-insensitive matching with a leetspeak map it catches:

- look-alike and compatibility characters, accents and invisible characters (see ``normalize``);
- letters stretched by repetition (``fuuuuck``): a letter may be repeated when it appears three
  or more times in a row, so ``good`` does not become ``god``; and a word of letters only that
  is an ordinary word stretched is that word (``Gooooood`` is ``good``, see ``ordinary``);
- letters split by separators (``f.u.c.k``, ``f u c k``) and words written apart (``blow job``):
  up to ``window`` following words are joined, and single letters up to the longest listed
  word's length (``m o t h e r f u c k e r``); one star between each two letters separates
  them (``f*u*c*k``);
- leetspeak written with symbols inside a word (``sh!t``, ``f*ck``, ``@ss``), around it
  (``*fuck*``) or at its edges (``shi+``, ``|njun``), and digits the base map lacks beside a
  letter (``ni99er``).

Text is split into *atoms*: runs of letters, digits and the symbols that may stand inside a
word (``@ $ *``). Between atoms are separators and the symbols that may also separate (``! | +``).
At each atom a listed word may start; candidates are the atom itself (with edge symbols
stripped if needed, or with the separating symbols at its edges), and the atom joined with
following atoms, either dropping everything between them or keeping the symbols between them.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import partial
from itertools import accumulate, compress, groupby
from typing import NamedTuple, Protocol

from commentguard.text._charclass import equivalence_classes
from commentguard.text._memo import (
    MEMO_KEY_CHARS,
    MISSING,
    WINDOW_KEY_CHARS,
    WORD_MEMO_BYTES,
    Memo,
)
from commentguard.text._normalize import (
    IGNORABLE,
    NON_ASCII,
    SEPARATOR,
    Folded,
    shared_fold_table,
)
from commentguard.text._spellable import MAX_STEPS, SpellingAutomaton
from commentguard.text._stretch import Run, runs_of, spells
from commentguard.text._wordlist import CharMap

_SHORT_TEXT = 256  # characters: look-alikes in longer texts are found by a pattern
_MANY_SIGNS = 32  # signs in one text from which its atoms are cut at once (see _windows)
_EDGE_GAP = 8  # symbols standing for letters read at each edge of a word (shi+, |njun)

ATOM_SYMBOLS = frozenset("@$*")
"""Symbols that stand for letters and never separate words (better-profanity's word symbols)."""

HARDENED_EXTRAS: CharMap = {
    "a": ("4", "@", "*"),
    "b": ("8",),
    "e": ("3", "*", "€"),
    "g": ("9",),
    "i": ("1", "!", "|", "*", "l"),
    "l": ("1", "|"),
    "o": ("0", "*", "@"),
    "s": ("$", "5"),
    "t": ("7", "+"),
    "u": ("v", "*"),
    "v": ("u", "*"),
    "z": ("2",),
}
"""Substitutes added to the leetspeak map in the default mode."""

_REPEATS = re.compile(r"(.)\1+", re.DOTALL)
_RUNS = re.compile(r"(.)\1*", re.DOTALL)
_STRETCHED = re.compile(r"([a-zA-Z])\1\1")  # fuuuck, FUUUCK
_TRAILING = " \t\n\r.,;:!?\"')]*-_~\ufeff"
_LETTERS_APART_AT_END = re.compile(
    r"(?:(?<![a-z0-9])[a-z0-9@$*][^a-z0-9@$*\s]?\s*)+[a-z0-9@$*]$", re.IGNORECASE
)  # ... f.u.c.k


# Single letters set apart anywhere, more than the compatible scanner joins (it reads a
# word and 5 after it; ``a h a n d j o b``: the first is a word of its own). The pattern
# costs a fifth of a plain text's matching: it is tried only when the text's bytes as
# classes (see EvasionSigns) hold seven letters apart.
_LETTERS_APART = re.compile(r"(?<![^\W_])(?:[^\W_][\s._\-]+){6,}[^\W_](?![^\W_])")
_APART_SHAPE = b"a a a a a a a"
# Letters with one star between each (``f*u*c*k``): the stars separate, as dots would.
_STARRED = re.compile(r"(?<![^\W_*])[^\W_](?:\*[^\W_]){2,}(?![^\W_*])")
_SYMBOL_RUN = re.compile(r"[@$*]+")
_EDGE_CHAR = re.compile(r"[a-z0-9]", re.IGNORECASE)


def _collapse(text: str) -> str:
    """``text`` with each run of one character as that character (``_REPEATS.sub``, faster)."""
    if _REPEATS.search(text) is None:
        return text
    return "".join(char for char, _ in groupby(text))


def symbols_at_edges(text: str) -> list[int]:
    """Where a symbol sticks to a word's edge: ``*fuck*``, ``fuck$`` (an ``@`` only after one).

    The starts of the matches of ``finditer`` with the pattern
    ``[a-z0-9][@$*]+(?![a-z0-9@$*])|(?<![a-z0-9@$*])[$*]+[a-z0-9]`` (ignoring case), found
    from the runs of ``@ $ *`` instead of trying the pattern at every offset: runs are few
    (mostly @mentions), so this costs a fraction. Matches do not overlap, as with
    ``finditer``: ``$a$`` gives 0 only. A property-based test compares the two.
    """
    signs = []
    consumed = 0  # where the last match ended: finditer never starts one before it
    for run in _SYMBOL_RUN.finditer(text):
        start, end = run.span()
        letter_after = _EDGE_CHAR.match(text, end) is not None
        letter_before = start > 0 and _EDGE_CHAR.match(text, start - 1) is not None
        if letter_before and not letter_after and start - 1 >= consumed:  # fuck$
            signs.append(start - 1)
            consumed = end
        elif not letter_before and letter_after and "@" not in run.group():  # *fuck
            signs.append(start)
            consumed = end + 1
    return signs


def _symbol_runs(char: str, inside: str) -> re.Pattern[str]:
    r"""Runs of ``inside`` symbols from ``char`` on; group 1 or 2 when the run is a sign.

    Group 1: a letter or digit before, and one or the end of the text after (``sh!t``,
    ``shi+``), or but for ``!`` the end of the word (``cun+ off``: a ``!`` ending a word
    ends a sentence, "Naz!" is no ``nazi``); group 2: none before and a letter-like
    character after (``|diot``). The lookarounds are ``str.isalnum`` exactly (``[^\W_]``);
    the pattern starts with ``char`` itself, so the regular expression engine skips to each
    occurrence as ``str.find`` does.
    """
    own, rest = re.escape(char), "[" + re.escape(inside) + "]*+"
    after = "(?=[^\\W_]|\\Z)" if char == "!" else "(?!_)"
    return re.compile(
        f"{own}(?:(?<=[^\\W_]{own})({rest}){after}|(?<![^\\W_]{own})({rest})(?=[^\\W\\d_])|{rest})"
    )


class EvasionSigns:
    """Finds where ASCII text may hide a listed word from the compatible scanner.

    That scanner knows the base leetspeak map; the signs are what only the hardened map
    reads: stretched letters, substitutes the base map lacks (inside a word), symbols stuck
    to a word's edge, and single letters set apart at the very end of the text. Each sign is
    a separate, simple pattern, tried only when the characters it needs are in the text: one
    alternation of all of them costs several times more on every text.
    """

    def __init__(self, base_map: CharMap, hardened_map: CharMap) -> None:
        base = {sub for subs in base_map.values() for sub in subs}
        extra = {sub for subs in hardened_map.values() for sub in subs} - base
        self._inside_chars = "".join(sorted(char for char in extra if not char.isalnum()))
        self._runs_from = {
            char: _symbol_runs(char, self._inside_chars) for char in self._inside_chars
        }
        # Digits (8 for b, 9 for g, ...) are signs beside a letter, in a word-like word.
        digits = "".join(sorted(char for char in extra if char.isdigit()))
        self._digit_by_letter = (
            re.compile(f"[{digits}](?:(?<=[^\\W\\d_][{digits}])|(?=[^\\W\\d_]))")
            if digits
            else None
        )
        # The text's bytes as classes, one translation in C: ASCII letters "a", those digits
        # "d", other digits "0", separators " ", anything else "#". Letters set apart and a
        # digit beside a letter are then plain bytes searches; their patterns, tried on
        # every text, would cost a fifth of the matching.
        self._classes = bytes(
            ord("d")
            if chr(byte) in digits
            else ord("0")
            if chr(byte).isdigit() and byte < 128
            else ord("a")
            if chr(byte).isalpha() and byte < 128
            else ord(" ")
            if chr(byte) in " \t\n._-"
            else ord("#")
            for byte in range(256)
        )

    def __call__(self, text: str) -> list[int]:
        """Offsets in ``text`` where a word may be disguised, in no particular order."""
        signs = []
        if _STRETCHED.search(text):  # most texts have none: one search is cheaper than a scan
            signs = [
                found.start()
                for found in _STRETCHED.finditer(text)
                if found.group(1) not in "wW" or text[found.start() + 3 : found.start() + 4] == "w"
            ]  # a stretched letter, but not the www of a web address
        for char in self._inside_chars:
            if char in text:
                signs += self._symbols_inside(text, char)
        classes = text.encode("utf-8", "surrogatepass").translate(self._classes)
        if (
            self._digit_by_letter is not None
            and b"d" in classes
            and (b"ad" in classes or b"da" in classes)
        ):
            signs += [
                found.start()
                for found in self._digit_by_letter.finditer(text)
                if _digit_stands_for_letter(text, found.start())
            ]
        if "*" in text or "$" in text or "@" in text:
            signs += symbols_at_edges(text)
            if "*" in text:
                signs += [found.start() for found in _STARRED.finditer(text)]
        if _APART_SHAPE in classes:
            # each letter: the run may start with a word of its own ("a f u c k e r")
            for found in _LETTERS_APART.finditer(text):
                run = range(found.start(), found.end())
                signs += [index for index in run if text[index].isalnum()]
        core = text.rstrip(_TRAILING)
        # better-profanity never joins a one-letter last word: look closer at "... f.u.c.k"
        if len(core) >= 3 and core[-1].isalnum() and not core[-2].isalnum() and core[-3].isalnum():
            tail = core[-40:]
            apart = _LETTERS_APART_AT_END.search(tail)
            if apart is not None and apart.end() - apart.start() > 2:
                signs.append(len(core) - len(tail) + apart.start())
        return signs

    def _symbols_inside(self, text: str, char: str) -> list[int]:
        # A run of symbols inside a word (sh!t), ending one (shi+), or starting one (|diot).
        # Every run from an occurrence of ``char`` on is consumed; group 1 or 2 says it is a
        # sign (2 also needs a letter after it: \w without digits still admits "²").
        # The sign is the letter before the run, or the run's first symbol when none is.
        # (Digits are not among the symbols: see _digit_stands_for_letter.)
        return [
            run.start() - (run.lastindex == 1)
            for run in self._runs_from[char].finditer(text)
            if run.lastindex == 1 or (run.lastindex == 2 and text[run.end()].isalpha())
        ]


_NOT_WORDS = re.compile("[/=?&#%@]")


def _digit_stands_for_letter(text: str, position: int) -> bool:
    """Whether the digit ``text[position]``, beside a letter, may stand for one (``ni99er``).

    Not after a digit ("12th", "90s"), nor where its word does not read as a word:
    letters in more than one case but a capital and small letters (the random letters of
    "t.co/cOU2WQ5L"), or between spaces with one of ``/ = ? & # % @`` (a link, an
    entity, a mention: "@Bill215"); nor ending a word after fewer than three letters
    ("h1" is no "hi", "mp3"; "fuckin9" is "fucking").
    """
    if position > 0 and text[position - 1].isdigit():
        return False
    # Most such digits are in links and mentions: rule those out on the piece of text
    # between spaces first, in C.
    head = text[max(position - 32, 0) : position].rsplit(None, 1)
    tail = text[position : position + 32].split(None, 1)
    if _NOT_WORDS.search(head[-1] if head else "") or _NOT_WORDS.search(tail[0]):
        return False
    start = position
    while start > 0 and text[start - 1].isalnum() and position - start < 32:
        start -= 1
    end = position + 1
    while end < len(text) and text[end].isalnum() and end - position < 32:
        end += 1
    if end == position + 1 and end < len(text) and position - start < 3:
        return False  # ends a word (not the text) after fewer than three characters
    letters = "".join(char for char in text[start:end] if char.isalpha())
    return letters.islower() or letters.isupper() or letters.istitle()


class HardenedHit(NamedTuple):
    """One match: the listed word and its span in the folded text."""

    word: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class _Entry:
    word: str
    runs: tuple[Run, ...]


class Span(Protocol):
    """Where a match lies."""

    @property
    def start(self) -> int:
        """Where the match starts."""
        ...

    @property
    def end(self) -> int:
        """Where the match ends (exclusive)."""
        ...


def _outside(positions: list[int], spans: Sequence[tuple[int, int]]) -> list[int]:
    """The positions in none of ``spans``."""
    if len(positions) <= 8:
        starts = [start for start, _ in spans]
        return [
            position
            for position in positions
            if (index := bisect_right(starts, position) - 1) < 0 or spans[index][1] <= position
        ]
    inside = bytearray(max(positions) + 1)
    for start, end in spans:
        inside[start:end] = b"\x01" * (min(end, len(inside)) - min(start, len(inside)))
    return [position for position in positions if not inside[position]]


def _atom_index(atom_starts: list[int], position: int) -> int:
    """The index of the atom holding (or just before) ``position``; -1 before the first."""
    return bisect_right(atom_starts, position) - 1


def merge_char_maps(*maps: CharMap) -> CharMap:
    """Combine leetspeak maps: each letter gets every substitute any map gives it."""
    merged: dict[str, list[str]] = {}
    for char_map in maps:
        for letter, substitutes in char_map.items():
            known = merged.setdefault(letter, [letter])
            known += [sub for sub in substitutes if sub not in known]
    return {letter: tuple(substitutes) for letter, substitutes in merged.items()}


class HardenedScanner:
    """Evasion-hardened, whole-word matching of a word list. Thread-safe once built."""

    def __init__(
        self,
        words: Iterable[str],
        char_map: CharMap,
        *,
        base_map: CharMap | None = None,
        allow: Iterable[str] = (),
        ordinary: Iterable[str] = (),
        window: int = 6,
        ascii_only: bool | None = None,
        memo_bytes: int = WORD_MEMO_BYTES,
    ) -> None:
        """Index ``words`` for matching under ``char_map``.

        Args:
            words: The list.
            char_map: The hardened leetspeak map.
            base_map: The map the compatible scanner beside this one uses (for
                :meth:`scan_evasions`); none by default.
            allow: Words never to flag, compared with the folded text a match covers.
            ordinary: Ordinary words that, stretched, may also spell a listed word: a
                candidate of letters only that is one of them stretched is that word
                (``Gooooood`` is ``good``, not ``god``).
            window: How many following words a phrase may join.
            ascii_only: Whether every listed word is ASCII once folded (worked out from
                ``words`` by default); a part of a longer list keeps the list's own answer.
            memo_bytes: The bound of each table of remembered answers (the spelling
                automaton's steps are bounded in proportion).
        """
        self.window = window
        self._evasion_signs = EvasionSigns(base_map or {}, char_map)
        symbols = frozenset(sub for subs in char_map.values() for sub in subs if not sub.isalnum())
        self._atom_symbols = symbols & ATOM_SYMBOLS
        self._gap_symbols = symbols - ATOM_SYMBOLS
        self._gap_chars = "".join(sorted(self._gap_symbols))
        self._trailing_chars = self._gap_chars.replace("!", "")
        self._fold = shared_fold_table(symbols)
        groups: dict[str, list[str]] = {}
        for char, group in equivalence_classes(char_map).items():
            groups.setdefault(group, []).append(char)
        key_map: dict[str, str] = {}
        for members in groups.values():
            letter = min(char for char in members if char.isalpha())
            for char in members:
                key_map[char] = letter
        self._key_table = str.maketrans(key_map)
        self._keys: Memo[str, str] = Memo(
            max_bytes=memo_bytes, max_key_chars=MEMO_KEY_CHARS, value_bytes=64
        )
        self._accepts = {letter: frozenset({letter, *subs}) for letter, subs in char_map.items()}
        self._entries: dict[str, list[_Entry]] = {}
        spelled = set()  # each listed word as written
        # Plain spellings first, so a match reports "fuck" rather than "f_u_c_k".
        for word in sorted(set(words), key=lambda word: (not word.isalpha(), len(word), word)):
            compact = self._compact(self._fold.fold(word).text)
            if compact:
                spelled.add(compact)
                self._entries.setdefault(self._key(compact), []).append(
                    _Entry(word, runs_of(compact, self._accepts))
                )
        self._ascii_only = (
            all(key.isascii() for key in self._entries) if ascii_only is None else ascii_only
        )
        self._exact = frozenset(spelled)
        self._longest = max(map(len, spelled), default=0)  # letters set apart joined at most
        # Ordinary words are read letter for letter (no leetspeak): only repeated letters
        # may stand between a candidate and one of them.
        self._ordinary: dict[str, list[tuple[Run, ...]]] = {}
        for word in ordinary:
            compact = self._compact(self._fold.fold(word).text)
            key = self._key(compact)
            runs = runs_of(compact, {})
            if compact.isalpha() and key in self._entries and compact not in self._exact:
                self._ordinary.setdefault(key, []).append(runs)
        # Allowed words are compared with the exact stretch of folded text a match covers, so
        # allowing "sob" does not allow "s.o.b".
        self._allowed = frozenset(self._fold.fold(word).text for word in allow)
        # Whole keys too: a listed word's key may be another's prefix that a letter of its own
        # class extends without changing it ("ana" + "l" is "ana", the key of "anal").
        self._prefixes = frozenset(
            key[:length] for key in self._entries for length in range(1, len(key) + 1)
        )
        self._verdicts: Memo[str, str | None] = Memo(
            max_bytes=memo_bytes, max_key_chars=MEMO_KEY_CHARS
        )
        self._windowed: Memo[str, tuple[str, int, int] | None] = Memo(
            max_bytes=memo_bytes, max_key_chars=WINDOW_KEY_CHARS, value_bytes=64
        )
        self._atom_breaks = frozenset(SEPARATOR) | self._gap_symbols
        breaks = SEPARATOR + "".join(sorted(self._gap_symbols))
        self._atom = re.compile("[^" + re.escape(breaks) + "]+")
        self._pieces = re.compile("([^" + re.escape(breaks) + "]+)")  # split keeps the atoms
        self._spellable = SpellingAutomaton(
            [entry.runs for entries in self._entries.values() for entry in entries],
            edge_symbols="".join(sorted(self._atom_symbols)),
            ignored=IGNORABLE + SEPARATOR,
            max_steps=max(64, MAX_STEPS * memo_bytes // WORD_MEMO_BYTES),
            leading_symbols=self._gap_chars,
        )

    def scan_evasions(
        self, text: str, covered: Sequence[Span] = (), *, to_end: bool = False
    ) -> list[tuple[str, int, int]]:
        """Return ``(word, start, end)`` for each disguised word, spans in ``text``.

        ``covered`` are matches already found (sorted, apart), the last reaching to the end
        of the text if ``to_end``: signs and look-alikes inside them are not looked at, since
        a word found there would overlap them (64 KB of ``s.h.i.t`` are letters set apart
        all along, and the compatible scanner's to find).

        Meant to run beside the better-profanity-compatible scanner, which already finds
        plain and leetspeak spellings and words split by separators. Words are checked here
        only where they hold a non-ASCII character that folds to a letter or digit
        (look-alikes, fullwidth forms, accents; and the words just before, which a phrase may
        start at), a stretched letter, a symbol or digit inside, a symbol stuck to an edge,
        or where single letters stand apart at the end of the text.
        """
        signs = self._evasion_signs(text)
        lookalikes = self._letterlike_positions(text)
        if covered and (signs or lookalikes):
            spans = [(match.start, match.end) for match in covered]
            if to_end:
                spans[-1] = (spans[-1][0], len(text))
            signs, lookalikes = _outside(signs, spans), _outside(lookalikes, spans)
        if not signs and not lookalikes:
            return []
        folded = self._fold.fold(text)
        letters = folded.text
        if folded.origins is not None:  # some character folded to several: move the offsets
            moved = partial(bisect_left, folded.origins)
            signs, lookalikes = list(map(moved, signs)), list(map(moved, lookalikes))
        # Each sign and look-alike counts once per word: a 65,000-letter "aaaa..." is one word
        # with 21,000 stretch signs, and must cost one check, not 21,000.
        if len(signs) + len(lookalikes) >= _MANY_SIGNS:  # an attack, or a long text
            found = self._scan_many(letters, signs, lookalikes)
        else:
            found = self._scan_few(letters, signs, lookalikes)
        return [(hit.word, *folded.original_span(hit.start, hit.end)) for hit in found]

    def word_key(self, word: str) -> str:
        """The index key of a listed word: folded, without separators, substitutes unified."""
        return _collapse(self._compact(self._fold.fold(word).text).translate(self._key_table))

    def text_keys(self, text: str) -> list[tuple[str, frozenset[int], frozenset[int]]]:
        """``text`` as index keys, without and with the symbols that may separate letters.

        Each comes with where a candidate may start and end in it: the key of every
        candidate :meth:`scan_evasions` compares with the list (a word, a word without the
        symbols at its edges, or words joined) is a part of one of the two keys between
        such edges, so a listed word whose key is in neither cannot be found in ``text``.
        """
        signs = self._evasion_signs(text)
        lookalikes = self._letterlike_positions(text)
        if not signs and not lookalikes:
            return []  # scan_evasions would not look at this text at all
        folded = self._fold.fold(text)
        letters = folded.text
        atoms = list(self._atom.finditer(letters))
        tried = self._atoms_tried(folded, atoms, signs, lookalikes)
        # A candidate starts at an atom tried and reads at most ``window`` atoms after it:
        # only those stretches of the text are worth turning into keys.
        # (Letters set apart, as many as the longest listed word has.)
        singles = [0] * (len(atoms) + 1)
        for index in range(len(atoms) - 1, -1, -1):
            if atoms[index].end() - atoms[index].start() == 1:
                singles[index] = singles[index + 1] + 1
        stretches: list[list[int]] = []
        for first in sorted(tried):
            reach = max(self.window, min(self._longest, singles[first]))
            last = min(first + reach + 1, len(atoms))
            if stretches and first <= stretches[-1][1]:
                stretches[-1][1] = max(stretches[-1][1], last)
            else:
                stretches.append([first, last])
        forms = []
        for first, last in stretches:
            for keep_gaps in (False, True):
                forms.append(self._stretch_keys(letters, atoms, first, last, tried, keep_gaps))
        # Words read whole with what _find_at adds: symbols at their edges (shi+), stars
        # between their letters dropped (f*u*c*k).
        for index in sorted(tried):
            start, end = atoms[index].span()
            edged = self._edged(letters, start, end)
            words = [] if edged is None else [self._compact(letters[edged[0] : edged[1]])]
            starred = self._unstarred(self._compact(atoms[index].group()))
            for word in [*words, *([starred] if starred else [])]:
                key = _collapse(word.translate(self._key_table))
                forms.append((key, frozenset({0}), frozenset({len(key)})))
        return forms

    def _stretch_keys(
        self,
        letters: str,
        atoms: list[re.Match[str]],
        first: int,
        last: int,
        tried: set[int],
        keep_gaps: bool,
    ) -> tuple[str, frozenset[int], frozenset[int]]:
        """The key of ``atoms[first:last]``, with where candidates may start and end in it."""
        edge_symbols = "".join(self._atom_symbols)
        pieces: list[str] = []
        firsts: list[int] = []
        lasts: list[int] = []
        length = previous = 0
        carried = False  # an empty atom that is tried starts its candidates at the next
        for index in range(first, last):
            atom = atoms[index]
            if keep_gaps and pieces:
                gap = letters[previous : atom.start()]
                kept = "".join(char for char in gap if char in self._gap_symbols)
                pieces.append(kept)
                length += len(kept)
            previous = atom.end()
            compact = self._compact(atom.group())
            starts_here = carried or index in tried
            if not compact:
                carried = starts_here
                continue
            carried = False
            lasts.append(length + len(compact) - 1)
            if starts_here:
                firsts.append(length)
            stripped = compact.strip(edge_symbols)
            if stripped and stripped != compact:
                lead = len(compact) - len(compact.lstrip(edge_symbols))
                if starts_here:
                    firsts.append(length + lead)
                lasts.append(length + lead + len(stripped) - 1)
            pieces.append(compact)
            length += len(compact)
        keys = "".join(pieces).translate(self._key_table)
        runs = [found.start() for found in _RUNS.finditer(keys)]
        return (
            "".join(keys[run] for run in runs),
            frozenset(bisect_right(runs, start) - 1 for start in firsts),
            frozenset(bisect_right(runs, end) for end in lasts),
        )

    def _atoms_tried(
        self,
        folded: Folded,
        atoms: list[re.Match[str]],
        signs: list[int],
        lookalikes: list[int],
    ) -> set[int]:
        """The atoms :meth:`scan_evasions` may try a candidate at (a superset).

        Those holding a sign (or just before it), and the few before each look-alike.
        """
        if folded.origins is not None:
            moved = partial(bisect_left, folded.origins)
            signs, lookalikes = list(map(moved, signs)), list(map(moved, lookalikes))
        starts = [atom.start() for atom in atoms]
        tried = set()
        for sign in signs:
            index = _atom_index(starts, min(sign, len(folded.text)))
            if index >= 0 and atoms[index].end() >= sign:
                tried.add(index)
            elif index + 1 < len(atoms):  # symbols starting the next word (|diot)
                tried.add(index + 1)
        for position in lookalikes:
            index = _atom_index(starts, position)
            tried.update(range(max(index - self.window + 1, 0), index + 1))
        return tried

    def _scan_few(self, letters: str, signs: list[int], lookalikes: list[int]) -> list[HardenedHit]:
        """Try the words holding the signs, and those a phrase may start at before look-alikes."""
        starts = self._sign_words(letters, signs)
        if lookalikes:
            atom_starts = [found.start() for found in self._atom.finditer(letters)]
            for index in {_atom_index(atom_starts, position) for position in lookalikes}:
                # a phrase may start a few words before the look-alike
                starts.update(atom_starts[max(index - self.window + 1, 0) : index + 1])
        hits = []
        resume = 0
        for start in sorted(starts):
            if start < resume:
                continue
            hit = self._match_at(letters, start)
            if hit is not None and hit.start >= resume:  # |njun may start before its atom
                hits.append(hit)
                resume = hit.end
        return hits

    def _scan_many(
        self, letters: str, signs: list[int], lookalikes: list[int]
    ) -> list[HardenedHit]:
        """``_scan_few`` for a text with many signs (32,000 in 64 KB of ``|a|e|o...``).

        The text is cut into atoms in C; one pass of the spelling automaton (see
        ``spellable``) keeps the atoms where a listed word may start; of those, the ones
        holding a sign (or a few before a look-alike) are tried, each answer remembered by
        its window: what is found at an atom depends only on the text from it to the end of
        the ``window``-th atom after it (or, in a run of one-letter atoms, as many as the
        longest listed word has letters). Windows hold a whole number of atoms, so one cut
        short by the end of the text is never mistaken for one inside it.
        """
        parts = self._pieces.split(letters)  # gap, atom, gap, atom, ..., gap
        offsets = list(accumulate(map(len, parts), initial=0))
        starts, ends = offsets[1:-1:2], offsets[2::2]
        last = len(starts) - 1
        if last < 0:
            return []
        marks = self._spellable.may_start(parts[1::2], parts[0:-1:2], self.window)
        signs.sort()
        chosen = set()
        for index in compress(range(last + 1), marks):
            # a sign inside the atom, just after its end (as _sign_words reads it), or in
            # the symbols before it (|diot)
            nearest = bisect_right(signs, ends[index - 1]) if index else 0
            if nearest < len(signs) and signs[nearest] <= ends[index]:
                chosen.add(index)
        # Each atom holding look-alikes once (64 KB of "f\u200bu\u200bc..." has 16,000),
        # found by bisect mapped in C.
        for following in set(map(partial(bisect_right, starts), lookalikes)):
            index = following - 1
            before = range(max(index - self.window + 1, 0), index + 1)
            chosen.update(earlier for earlier in before if marks[earlier])
        # How many one-character atoms (letters set apart) run from each atom on, worked out
        # at the first one tried: a window of them reaches as far as _find_at joins them.
        singles: list[int] | None = None
        window_size, longest, far = self.window, self._longest, ends[last] + _EDGE_GAP + 1
        hits = []
        resume = 0
        for index in sorted(chosen):
            start = starts[index]
            if start < resume:
                continue
            reach = window_size
            if ends[index] - start == 1:
                if singles is None:
                    singles = self._singles(starts, ends)
                run = singles[index]
                reach = window_size if run < window_size else longest if run > longest else run
            # with the symbols before the atom and the character before them, and those after
            # it and the one after them when it is the last (shi+)
            edge = start if start < _EDGE_GAP + 1 else _EDGE_GAP + 1
            if index < last:
                end = ends[index + reach if index + reach < last else last]
                window = letters[start - edge : end if end < far else far]
            else:
                window = letters[start - edge : far]
            known = self._windowed.get(window, MISSING)
            if known is MISSING:
                hit = self._match_at(window, edge)
                known = None if hit is None else (hit.word, hit.start, hit.end)
                self._windowed.remember(window, known)
            if known is not None and start - edge + known[1] >= resume:
                word, lead, end = known
                hits.append(HardenedHit(word, start - edge + lead, start - edge + end))
                resume = start - edge + end
        return hits

    @staticmethod
    def _singles(starts: list[int], ends: list[int]) -> list[int]:
        """For each atom, how many one-character atoms run from it on."""
        singles = [0] * (len(starts) + 1)
        for index in range(len(starts) - 1, -1, -1):
            if ends[index] - starts[index] == 1:
                singles[index] = singles[index + 1] + 1
        return singles

    def _sign_words(self, letters: str, signs: list[int]) -> set[int]:
        # Where the words holding the signs start; each character is walked over once.
        starts: set[int] = set()
        covered = 0
        for sign in sorted(signs):
            position = min(sign, len(letters))
            if position < covered:
                continue
            start = position
            while start > covered and letters[start - 1] not in self._atom_breaks:
                start -= 1
            atom = self._atom.match(letters, start)
            starts.add(start)
            covered = atom.end() if atom is not None else position + 1
        return starts

    def _letterlike_positions(self, text: str) -> list[int]:
        # Where a non-ASCII character folds to a letter or digit a listed word could contain
        # (with an all-ASCII list, Korean or Arabic letters cannot be part of one), or is an
        # invisible character or combining mark, which better-profanity keeps inside words.
        if text.isascii() or text.replace("\ufeff", "").isascii():
            return []  # a byte-order mark separates words for both scanners
        fold, ascii_only = self._fold, self._ascii_only
        letterlike = {
            char
            for char in set(NON_ASCII.findall(text))
            if char != "\ufeff"  # a byte-order mark separates words for both scanners
            and any(
                piece == IGNORABLE or (piece.isalnum() and (piece.isascii() or not ascii_only))
                for piece in fold[ord(char)]
            )
        }
        if not letterlike:
            return []
        if len(text) <= _SHORT_TEXT:
            return [position for position, char in enumerate(text) if char in letterlike]
        # Every one, found in C: one position per run would not do, since a character may
        # fold to a separator before its letter ("⒡" is "(f)"), and the run's first position
        # then stands for the atom before it.
        one_of = re.compile("[" + "".join(map(re.escape, sorted(letterlike))) + "]")
        return [found.start() for found in one_of.finditer(text)]

    def _match_at(self, letters: str, position: int) -> HardenedHit | None:
        hit = self._find_at(letters, position)
        if hit is not None and letters[hit.start : hit.end] in self._allowed:
            return None
        return hit

    def _find_at(self, letters: str, position: int) -> HardenedHit | None:
        atom = self._atom.match(letters, position)
        if atom is None:  # at symbols starting a word (|njun)?
            gap = letters[position : position + _EDGE_GAP]
            skip = len(gap) - len(gap.lstrip(self._gap_chars))
            atom = self._atom.match(letters, position + skip) if skip else None
            if atom is None:
                return None
        start, end = atom.span()
        found = self._verify_atom(letters[start:end])
        if found is not None:
            word, lead, trail = found
            return HardenedHit(word, start + lead, end - trail)
        edged = self._edged(letters, start, end)
        if edged is not None:
            listed = self._listed(self._compact(letters[edged[0] : edged[1]]))
            if listed is not None:
                return HardenedHit(listed, *edged)
        joined = kept = self._compact(letters[start:end])
        if self._key(joined) not in self._prefixes:
            return None
        # Up to ``window`` following atoms; while every atom is one character (letters set
        # apart), as many as the longest listed word has letters.
        apart = end - start == 1
        for step in range(max(self.window, self._longest)):
            if step >= self.window and not apart:
                return None
            following = self._atom.search(letters, end)
            if following is None:
                return None
            apart = apart and following.end() - following.start() == 1
            gap = letters[end : following.start()]
            piece = self._compact(following.group())
            joined += piece
            kept += "".join(char for char in gap if char in self._gap_symbols) + piece
            end = following.end()
            for candidate in (joined, kept):
                listed = self._listed(candidate)
                if listed is not None:
                    return HardenedHit(listed, start, end)
            if self._key(joined) not in self._prefixes and self._key(kept) not in self._prefixes:
                return None
        return None

    def _edged(self, letters: str, start: int, end: int) -> tuple[int, int] | None:
        """The span of the atom ``letters[start:end]`` with the symbols at its edges, if any.

        Symbols that stand for letters (shi+, |njun), up to _EDGE_GAP of them each side
        (_scan_many's windows hold as many, and the character beyond), where they end the
        word: between two atoms (1+1) they are _find_at's to join. A ``!`` ending a word
        ends a sentence ("Naz!" is no "nazi").
        """
        before = letters[max(start - _EDGE_GAP, 0) : start]
        after = letters[end : end + _EDGE_GAP]
        lead = start - len(before) + len(before.rstrip(self._gap_chars))
        trail = end + len(after) - len(after.lstrip(self._trailing_chars))
        if lead < start and lead > 0 and letters[lead - 1] != SEPARATOR:
            lead = start
        if trail > end and trail < len(letters) and letters[trail] != SEPARATOR:
            trail = end
        return (lead, trail) if lead < start or trail > end else None

    @staticmethod
    def _unstarred(compact: str) -> str | None:
        """``f*u*c*k`` as ``fuck``: one star between each two letters separates them."""
        if len(compact) >= 5 and compact[1::2] == "*" * (len(compact) // 2):
            return compact[0::2]
        return None

    def _verify_atom(self, atom: str) -> tuple[str, int, int] | None:
        compact = self._compact(atom)
        word = self._listed(compact)
        if word is not None:
            return word, 0, 0
        unstarred = self._unstarred(compact)
        if unstarred is not None:
            word = self._listed(unstarred)
            if word is not None:
                return word, 0, 0
        stripped = compact.strip("".join(self._atom_symbols))
        if stripped and stripped != compact:
            word = self._listed(stripped)
            if word is not None:
                edges = "".join(self._atom_symbols) + IGNORABLE
                return (
                    word,
                    len(atom) - len(atom.lstrip(edges)),
                    len(atom) - len(atom.rstrip(edges)),
                )
        return None

    def _listed(self, candidate: str) -> str | None:
        known = self._verdicts.get(candidate, MISSING)
        if known is not MISSING:
            return known
        found = None
        key = self._key(candidate)
        for entry in self._entries.get(key, ()):
            if spells(candidate, entry.runs):
                found = entry.word
                break
        if found is not None and key in self._ordinary and self._only_stretched(candidate, key):
            found = None
        self._verdicts.remember(candidate, found)  # real text repeats its words a lot
        return found

    def _only_stretched(self, candidate: str, key: str) -> bool:
        """Whether ``candidate`` is an ordinary word with letters repeated, and no listed word.

        ``Gooooood`` is ``good`` stretched (though it also spells ``god``); ``fuuuuck`` is
        no ordinary word, and a listed word spelled out exactly (``booobs`` is on
        better-profanity's list) is never ordinary.
        """
        if not candidate.isalpha() or candidate in self._exact:
            return False
        return any(spells(candidate, runs) for runs in self._ordinary[key])

    def _key(self, compact: str) -> str:
        key = self._keys.get(compact)
        if key is None:
            key = _collapse(compact.translate(self._key_table))
            self._keys.remember(compact, key)
        return key

    def _compact(self, folded: str) -> str:
        return folded.replace(SEPARATOR, "").replace(IGNORABLE, "")
