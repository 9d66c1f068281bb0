"""Grouping characters that may stand for each other (a leetspeak map's classes)."""

from __future__ import annotations


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
