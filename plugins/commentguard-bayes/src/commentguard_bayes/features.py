"""What the filter reads in a comment: its words, word pairs, links and shape, as hashed tokens.

Every token is hashed (MurmurHash3 of its UTF-8, 32 bits, unsigned: ``mmh3``, the same
numbers as scikit-learn's ``murmurhash3_32``, which its hashing vectorizer uses) into one of
:data:`N_FEATURES` slots, so the model kept in the store has a bounded size and holds no text.
A comment is a set of tokens, each weighing ``1/sqrt(n)`` (binary, L2-normalised), so a long
comment does not outvote a short one by length alone.
"""

from __future__ import annotations

import itertools
import math
import re
import string
import unicodedata
from dataclasses import dataclass, field

import mmh3

from commentguard import CommentSubmission
from commentguard.text import PreparedText, find_links, prepare

N_FEATURES = 2**20
"""Hash slots; collisions are rare at the vocabulary sizes of comment sections."""

FEATURES_VERSION = "v2"
"""Part of every store key: counts made by another tokenizer are never mixed with these."""

_WORD = re.compile(r"\w+")
# A host written without a scheme ("murdev.com", "bit.ly/x"): spam names sites that way.
# It starts where a run of host characters starts, and has at most 8 labels before the
# suffix: with an unbounded repeat, "a.a.a.a..." tried every remaining label at every label
# (24 s for 64 KB).
_BARE_HOST = re.compile(
    r"\b(?<![a-z0-9-])((?:[a-z0-9-]+\.){1,8}"
    r"(?:com|net|org|info|biz|ly|be|me|tk|us|co|io|tv|ru|pl|de|uk))\b"
)
_INVISIBLE = dict.fromkeys(map(ord, "\ufeff\u200b\u200c\u200d\u2060"))


@dataclass(frozen=True, slots=True)
class SpamText:
    """The parts of a comment the filter reads: the body and the author's website.

    Never the email or the name: the filter judges what a comment says and where it points.
    ``prepared`` is the body already prepared (:func:`commentguard.text.prepare`), when a
    submission's is at hand: its links were found by the checks before this one.
    """

    body: str
    url: str | None = None
    prepared: PreparedText | None = field(default=None, compare=False, repr=False)

    @classmethod
    def of(cls, submission: CommentSubmission) -> SpamText:
        """The text of a submission, with the body the guard's checks prepared."""
        url = str(submission.url) if submission.url else None
        return cls(submission.body, url, submission.prepared.body)


def tokens(text: SpamText) -> list[str]:
    """The distinct tokens of a comment, in order of first appearance.

    ``w:word`` for each word (case-folded, NFKC), ``b:word word`` for each pair of adjacent
    words, ``link:host`` for each host a link or a bare domain names, ``site:host`` for the
    author's website, and ``shape:...`` for the share of capitals, the length and ``!``.
    """
    # As a reader sees it: markup dropped (Disqus's <p> and <br> are no spam tokens),
    # references decoded; links are found in the markup, where the hrefs are.
    prepared = text.prepared if text.prepared is not None else prepare(text.body)
    body = unicodedata.normalize("NFKC", prepared.text).translate(_INVISIBLE)
    folded = body.casefold()
    words = _WORD.findall(folded)  # a URL's words too: "https", "com" are spam's on YouTube
    found = [f"w:{word}" for word in words]
    found += [f"b:{first} {second}" for first, second in itertools.pairwise(words)]
    hosts = [link.domain for link in prepared.links if link.domain]
    hosts += _BARE_HOST.findall(folded)
    if hosts:
        found.append("shape:has_link")
        found += [f"link:{host.removeprefix('www.')}" for host in hosts]
    if text.url:
        site = next((link.domain for link in find_links(text.url) if link.domain), None)
        found.append(f"site:{site.removeprefix('www.')}" if site else "site:other")
    letters, capitals = _letters_and_capitals(body)
    if letters:
        found.append(f"shape:capitals_{int(capitals / letters * 4)}")
    found.append(f"shape:words_{min(6, int(math.log2(1 + len(words))))}")
    if "!" in body:
        found.append("shape:exclamation")
    return list(dict.fromkeys(found))


def _letters_and_capitals(text: str) -> tuple[int, int]:
    """How many characters of ``text`` are letters (``isalpha``), and how many of those capitals.

    Counted in C: ASCII text as bytes, with the letters deleted; other text through a
    translation table (each letter becomes ``a`` or ``A``).
    """
    if text.isascii():
        raw = text.encode("ascii")
        size = len(raw)
        letters = size - len(raw.translate(None, _ASCII_LETTERS))
        return letters, size - len(raw.translate(None, _ASCII_CAPITALS))
    cases = text.translate(_LETTER_CASES)
    return len(cases), cases.count("A")


_ASCII_LETTERS = string.ascii_letters.encode("ascii")
_ASCII_CAPITALS = string.ascii_uppercase.encode("ascii")


class _LetterCases(dict[int, str]):
    """A ``str.translate`` table: ``A`` for an upper-case letter, ``a`` for another letter.

    Anything else is dropped (``""``). Filled as characters are met, up to
    :data:`_MAX_REMEMBERED` of them (about 270 KB); past that a character is looked up
    each time, still correctly.
    """

    def __missing__(self, code: int) -> str:
        char = chr(code)
        case = ("A" if char.isupper() else "a") if char.isalpha() else ""
        if len(self) < _MAX_REMEMBERED:
            self[code] = case
        return case


_MAX_REMEMBERED = 4096
_LETTER_CASES = _LetterCases()


def slot(token: str) -> str:
    """The hash slot of a token, as the field name it has in the store."""
    return str(mmh3.hash(token, 0, signed=False) % N_FEATURES)


@dataclass(frozen=True, slots=True)
class Vector:
    """A comment as hashed features: slot -> weight, and the tokens behind each slot."""

    weights: dict[str, float]
    tokens_by_slot: dict[str, list[str]]


def vectorize(text: SpamText) -> Vector:
    """Hash a comment's tokens into slots weighing ``1/sqrt(number of slots)`` each."""
    tokens_by_slot: dict[str, list[str]] = {}
    for token in tokens(text):
        tokens_by_slot.setdefault(slot(token), []).append(token)
    weight = 1.0 / math.sqrt(len(tokens_by_slot)) if tokens_by_slot else 0.0
    return Vector(dict.fromkeys(tokens_by_slot, weight), tokens_by_slot)
