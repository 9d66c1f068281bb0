"""The key matcher as it was before the automaton (commit fb7216d): the oracle of the tests.

A faithful copy of ``text/keys.py`` and ``text/terms.py`` of that commit: word keys through
one :class:`WordMatcher` of the whole list, other keys through one regular expression
alternation. Slow at real-world sizes (25 s to compile splorp's 65,371 keys), which is why it
was replaced; kept here only so that ``test_keyset_differential.py`` can compare answers.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from commentguard.text.matcher import WordMatcher
from commentguard.text.terms import TermMatch

_WHITESPACE = re.compile(r"\s+")
_WORDS_ONLY = re.compile(r"[^\W_]+(?:\s+[^\W_]+)*")


class OracleTerms:
    """``TermMatcher`` of fb7216d: one alternation, the longest terms first."""

    def __init__(self, terms: Iterable[str]) -> None:
        cleaned = sorted(
            {_WHITESPACE.sub(" ", term.strip()) for term in terms if term.strip()},
            key=lambda term: (-len(term), term),
        )
        self.terms = tuple(cleaned)
        self._by_key = {_key(term): term for term in cleaned}
        pattern = "|".join(_term_pattern(term) for term in cleaned)
        self._regex = re.compile(pattern, re.IGNORECASE) if cleaned else None

    def search(self, text: str) -> TermMatch | None:
        if self._regex is None:
            return None
        found = self._regex.search(text)
        if found is None:
            return None
        term = self._by_key.get(_key(found.group()), found.group())
        return TermMatch(term=term, start=found.start(), end=found.end())


def _key(text: str) -> str:
    return _WHITESPACE.sub(" ", text).casefold()


def _term_pattern(term: str) -> str:
    body = r"\s+".join(re.escape(part) for part in term.split(" "))
    before = r"(?<!\w)" if _is_word_char(term[0]) else ""
    after = r"(?!\w)" if _is_word_char(term[-1]) else ""
    return f"{before}{body}{after}"


def _is_word_char(char: str) -> bool:
    return char.isalnum() or char == "_"


class OracleKeys:
    """``KeyMatcher`` of fb7216d."""

    def __init__(self, keys: Iterable[str]) -> None:
        cleaned = [key.strip() for key in keys if key.strip()]
        word_keys = [key for key in cleaned if _WORDS_ONLY.fullmatch(key)]
        self._words = WordMatcher(word_keys) if word_keys else None
        self._literals = OracleTerms(key for key in cleaned if not _WORDS_ONLY.fullmatch(key))
        self._all_literal = OracleTerms(cleaned)

    def search(self, text: str, *, prose: bool = True) -> TermMatch | None:
        if not prose:
            return self._all_literal.search(text)
        found = []
        if self._words is not None:
            found += [TermMatch(m.word, m.start, m.end) for m in self._words.find(text, limit=1)]
        literal = self._literals.search(text)
        if literal is not None:
            found.append(literal)
        return min(found, key=lambda match: match.start, default=None)
