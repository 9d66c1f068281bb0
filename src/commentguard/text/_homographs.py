"""Host names that imitate others: scripts mixed in one label, or letters that only look Latin.

The mixing rule is Unicode TR39's "highly restrictive" profile, which browsers also apply
before they show a host in Unicode rather than as ``xn--`` (Chromium's IDN display policy):
a label is written in one script, or in Latin together with the scripts Japanese, Chinese or
Korean write beside Han. Digits, the hyphen and combining marks belong to every script.

A label in one script can still imitate an ASCII name: Cyrillic ``аррӏе`` reads as
``apple``. Such a label, whose every letter outside ASCII looks like an ASCII one (TR39's
confusables, as :mod:`commentguard.text._confusables` holds them), is a look-alike unless the
top-level domain is not ASCII either: under ``.рф`` a reader expects Cyrillic.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from typing import Literal

import idna
from confusable_homoglyphs.categories import alias

from commentguard.text._confusables import CONFUSABLES

_SHARED_SCRIPTS = frozenset({"COMMON", "INHERITED"})
_ALLOWED_MIXES = (
    frozenset({"LATIN", "HAN", "HIRAGANA", "KATAKANA"}),  # Japanese
    frozenset({"LATIN", "HAN", "BOPOMOFO"}),  # Chinese
    frozenset({"LATIN", "HAN", "HANGUL"}),  # Korean
)


@dataclass(frozen=True, slots=True)
class Homograph:
    """A label of a host that imitates another name.

    Attributes:
        kind: ``"mixed_scripts"`` (``аpple``, a Cyrillic ``а``) or ``"lookalike"``
            (``аррӏе``, all Cyrillic).
        label: The label, in Unicode.
        scripts: The scripts of its letters, title-cased and sorted (``("Cyrillic", "Latin")``).
        ascii_host: The whole host as a browser sends it (``xn--80ak6aa92e.com``).
    """

    kind: Literal["mixed_scripts", "lookalike"]
    label: str
    scripts: tuple[str, ...]
    ascii_host: str


def find_homograph(host: str) -> Homograph | None:
    """The first label of ``host`` that imitates another name, or ``None`` when none does.

    ``host`` may be in Unicode or have ``xn--`` labels; it is mapped as browsers map it (case,
    width, normalisation). A label IDNA refuses is skipped: validation refuses such hosts.
    """
    labels = [_unicode_label(label) for label in host.removesuffix(".").split(".")]
    ascii_host = ".".join(_ascii_label(label) for label in labels)
    foreign_tld = not labels[-1].isascii()
    for label in labels:
        if label.isascii():
            continue
        scripts = frozenset(alias(char) for char in label) - _SHARED_SCRIPTS
        named = tuple(sorted(script.title() for script in scripts))
        if len(scripts) > 1 and not any(scripts <= allowed for allowed in _ALLOWED_MIXES):
            return Homograph("mixed_scripts", label, named, ascii_host)
        if not foreign_tld and _looks_ascii(label):
            return Homograph("lookalike", label, named, ascii_host)
    return None


def _looks_ascii(label: str) -> bool:
    """Whether every character of ``label`` outside ASCII looks like an ASCII letter or digit."""
    return all(
        char.isascii() or unicodedata.normalize("NFKC", char).casefold() in CONFUSABLES
        for char in label
    )


def _unicode_label(label: str) -> str:
    """``label`` as a browser shows it: mapped by UTS 46 and decoded from ``xn--``."""
    if label.isascii() and not label.lower().startswith("xn--"):
        return label.lower()  # keeps labels IDNA refuses but browsers take (my_blog)
    try:
        return str(idna.decode(idna.encode(label, uts46=True)))
    except idna.IDNAError:
        return label


def _ascii_label(label: str) -> str:
    if label.isascii():
        return label
    try:
        return idna.encode(label).decode("ascii")
    except idna.IDNAError:
        return label
