"""Compiling a word list into one regular expression shaped like a trie.

Python's ``re`` tries alternatives one by one; factoring common prefixes (``a(?:nal|ss)``)
makes a long list cost about as much as its longest word at each position, all in C.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

_END = ""
_Node = dict[str, "_Node"]


def trie_pattern(
    words: Iterable[str],
    *,
    between: str = "",
    after: str = "",
    spell: Callable[[str], str] = re.escape,
) -> str:
    r"""Return a pattern matching any of ``words``.

    Args:
        words: The words; empty ones are ignored.
        between: A pattern allowed between any two characters of a word (``"\\x00*"``).
        after: A pattern each match must be followed by (usually a lookahead).
        spell: The pattern for one character of a word (the character itself by default; a
            class such as ``[a@4]`` to accept its substitutes too).
    """
    root: _Node = {}
    for word in words:
        if not word:
            continue
        node = root
        for char in word:
            node = node.setdefault(char, {})
        node[_END] = {}
    if not root:
        return "(?!)"  # matches nothing
    return _node_pattern(root, between, after, spell, first=True)


def _node_pattern(
    node: _Node, between: str, after: str, spell: Callable[[str], str], *, first: bool
) -> str:
    branches = [
        spell(char) + _node_pattern(child, between, after, spell, first=False)
        for char, child in sorted(node.items())
        if char != _END
    ]
    if _END in node:
        branches.append(after)
    if not branches:
        return ""
    prefix = "" if first else between
    if len(branches) == 1 and not prefix:
        return branches[0]
    return f"{prefix}(?:{'|'.join(branches)})"
