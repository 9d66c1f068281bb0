"""Matching words in comment text: the word matcher, its folding, and link finding.

:class:`WordMatcher` is the engine the ``profanity`` and ``wordlists`` checks use, and plugins
may use it too. :class:`TermMatcher` matches literal keys that are not words (partial IP
addresses, domains) for the ``wordlists`` check.
"""

from commentguard.text.matcher import DEFAULT_ALLOWED, Mode, WordMatch, WordMatcher
from commentguard.text.terms import TermMatch, TermMatcher, compile_terms

__all__ = [
    "DEFAULT_ALLOWED",
    "Mode",
    "TermMatch",
    "TermMatcher",
    "WordMatch",
    "WordMatcher",
    "compile_terms",
]
