"""Literal terms matched whole-word and ignoring case: :class:`TermMatcher` and its patterns.

No built-in check runs a :class:`TermMatcher` (public in :mod:`commentguard.text` for
plugins); the ``wordlists`` check's key automaton (:mod:`.keyset`) uses :func:`term_text` and
:func:`term_pattern` to confirm the literal keys it finds, so both answer alike.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from commentguard.text._memo import COMPILED_LIST_CHARS, CompiledLists

_WHITESPACE = re.compile(r"\s+")


@dataclass(frozen=True, slots=True)
class TermMatch:
    """One occurrence of a listed term: which term, and where in the searched text."""

    term: str
    start: int
    end: int


class TermMatcher:
    """A compiled list of words and phrases, matched as whole words, ignoring case.

    A term's edge only needs a word boundary when that edge is a word character, so partial IP
    addresses like ``192.168.1.`` or keys like ``.ru`` work as WordPress users expect.
    Whitespace inside a phrase matches any run of whitespace. Instances are immutable and safe to
    share between threads.
    """

    def __init__(self, terms: Iterable[str]) -> None:
        cleaned = sorted(
            {term_text(term) for term in terms if term.strip()},
            key=lambda term: (-len(term), term),
        )
        self.terms: tuple[str, ...] = tuple(cleaned)
        self._by_key = {_key(term): term for term in cleaned}
        pattern = "|".join(term_pattern(term) for term in cleaned)
        self._regex = re.compile(pattern, re.IGNORECASE) if cleaned else None

    def find(self, text: str) -> list[TermMatch]:
        """Return every non-overlapping match in ``text``, left to right."""
        if self._regex is None:
            return []
        return [self._match(found) for found in self._regex.finditer(text)]

    def search(self, text: str) -> TermMatch | None:
        """Return the first match in ``text``, or ``None``."""
        if self._regex is None:
            return None
        found = self._regex.search(text)
        return self._match(found) if found else None

    def __bool__(self) -> bool:
        return bool(self.terms)

    def __len__(self) -> int:
        return len(self.terms)

    def _match(self, found: re.Match[str]) -> TermMatch:
        term = self._by_key.get(_key(found.group()), found.group())
        return TermMatch(term=term, start=found.start(), end=found.end())


def _key(text: str) -> str:
    return _WHITESPACE.sub(" ", text).casefold()


def term_text(term: str) -> str:
    """A listed term as matched: trimmed, each run of whitespace one space."""
    return " ".join(term.split())  # str.split and \\s agree on what is whitespace


def term_pattern(term: str) -> str:
    """The pattern of one cleaned term (see :func:`term_text`), to compile ignoring case."""
    body = r"\s+".join(re.escape(part) for part in term.split(" "))
    before = r"(?<!\w)" if _is_word_char(term[0]) else ""
    after = r"(?!\w)" if _is_word_char(term[-1]) else ""
    return f"{before}{body}{after}"


def _is_word_char(char: str) -> bool:
    return char.isalnum() or char == "_"


_COMPILED: CompiledLists[tuple[str, ...], TermMatcher] = CompiledLists(
    TermMatcher, lambda terms: sum(map(len, terms)), max_chars=COMPILED_LIST_CHARS
)


def compile_terms(terms: Iterable[str]) -> TermMatcher:
    """Return a matcher for ``terms``, reusing one already compiled for the same list."""
    return _COMPILED.get(tuple(terms))
