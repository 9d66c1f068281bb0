"""Matching words in comment text: the word matcher, its folding, and link finding.

:class:`WordMatcher` is the engine the ``profanity`` and ``wordlists`` checks use, and plugins
may use it too. :class:`TermMatcher` matches literal keys that are not words (partial IP
addresses, domains) for the ``wordlists`` check. :class:`PreparedText` is a field as a reader
sees it (HTML decoded, tags dropped), prepared once per submission for every check
(``submission.prepared``), and :func:`find_links` finds the links of a text.
"""

from commentguard.text._links import BARE_HOST_TLDS, Link, find_links, registrable_domain
from commentguard.text._matcher import DEFAULT_ALLOWED, Mode, WordMatch, WordMatcher
from commentguard.text._prepared import PreparedFields, PreparedText, prepare
from commentguard.text._terms import TermMatch, TermMatcher, compile_terms

__all__ = [
    "BARE_HOST_TLDS",
    "DEFAULT_ALLOWED",
    "Link",
    "Mode",
    "PreparedFields",
    "PreparedText",
    "TermMatch",
    "TermMatcher",
    "WordMatch",
    "WordMatcher",
    "compile_terms",
    "find_links",
    "prepare",
    "registrable_domain",
]
