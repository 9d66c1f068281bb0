"""Building compact regular-expression character classes from sets of characters."""

from __future__ import annotations

import re
from collections.abc import Iterable


def char_class(chars: Iterable[str]) -> str:
    """Return ``[...]`` matching exactly ``chars``, with consecutive code points as ranges."""
    points = sorted({ord(char) for char in chars})
    if not points:
        raise ValueError("a character class needs at least one character")
    parts: list[str] = []
    start = previous = points[0]
    for point in [*points[1:], -1]:
        if point == previous + 1:
            previous = point
            continue
        first, last = re.escape(chr(start)), re.escape(chr(previous))
        if start == previous:
            parts.append(first)
        elif previous == start + 1:
            parts.append(first + last)
        else:
            parts.append(f"{first}-{last}")
        start = previous = point
    return "[" + "".join(parts) + "]"


def equivalence_classes(char_map: dict[str, tuple[str, ...]]) -> dict[str, str]:
    """Group characters that may stand for each other, mapping each to one control character.

    Two characters are in one group when one is among the other's substitutes, directly or
    through a chain (``a``, ``@``, ``o`` ...). A candidate can only match a word when both map
    to the same string, which makes that string a cheap index key.
    """
    parent: dict[str, str] = {}

    def find(char: str) -> str:
        while parent.setdefault(char, char) != char:
            char = parent[char]
        return char

    for letter, substitutes in char_map.items():
        for substitute in substitutes:
            parent[find(substitute)] = find(letter)
    roots = sorted({find(char) for char in parent})
    # Control characters as representatives keep keys ASCII, so bytes.translate can build them.
    if len(roots) > 31:
        raise ValueError("too many groups of interchangeable characters")
    representative = {root: chr(1 + index) for index, root in enumerate(roots)}
    return {char: representative[find(char)] for char in parent}
