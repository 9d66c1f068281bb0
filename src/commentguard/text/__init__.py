"""Reading comment text for the checks: the prepared text, the word matchers, link finding.

:class:`PreparedText` is a field as a reader sees it (HTML decoded, tags dropped), prepared
once per submission for every check (``submission.prepared``). :class:`WordMatcher` finds
disguised listed words: the ``profanity`` check's matcher, and the ``wordlists`` check's for
its word keys; plugins may use it too. :class:`TermMatcher` matches literal terms that are not
words (partial IP addresses, domains) as the ``wordlists`` check matches its literal keys.
:func:`find_links` finds the links of a text.
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
