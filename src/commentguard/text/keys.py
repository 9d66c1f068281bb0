"""Matching a site's own keys: words and phrases, plus literal keys such as IPs and domains."""

from __future__ import annotations

import re
from collections.abc import Iterable

from commentguard.text.matcher import WordMatcher
from commentguard.text.terms import TermMatch, compile_terms

_WORDS_ONLY = re.compile(r"[^\W_]+(?:\s+[^\W_]+)*")


class KeyMatcher:
    """WordPress-style keys, matched whole-word and ignoring case.

    Keys made of words (``casino``, ``free spins``) go through :class:`WordMatcher` in its
    default mode, so disguised spellings (``c@sino``, ``ｃａｓｉｎｏ``, ``c.a.s.i.n.o``) match too.
    Other keys (``192.0.2.``, ``.ru``, ``spam@example.com``) are matched literally.
    """

    def __init__(self, keys: Iterable[str]) -> None:
        cleaned = [key.strip() for key in keys if key.strip()]
        word_keys = [key for key in cleaned if _WORDS_ONLY.fullmatch(key)]
        self._words = WordMatcher(word_keys) if word_keys else None
        self._literals = compile_terms(key for key in cleaned if not _WORDS_ONLY.fullmatch(key))
        self._all_literal = compile_terms(cleaned)

    def __bool__(self) -> bool:
        return bool(self._all_literal)

    def search(self, text: str, *, prose: bool = True) -> TermMatch | None:
        """Return the first key found in ``text``, or ``None``.

        With ``prose=False`` (email addresses, URLs, IP addresses) every key is matched
        literally: there ``@`` and ``.`` separate words rather than spell them.
        """
        if not prose:
            return self._all_literal.search(text)
        found = []
        if self._words is not None:
            found += [TermMatch(m.word, m.start, m.end) for m in self._words.find(text, limit=1)]
        literal = self._literals.search(text)
        if literal is not None:
            found.append(literal)
        return min(found, key=lambda match: match.start, default=None)
