"""A deterministic set of disguised spellings of the default list's words (issue 16, "Evasion").

Each *family* is one way people disguise a word: look-alike letters of other scripts, small
capitals, invisible characters, separators between letters, leetspeak, HTML, ... Every word
of the curated list made of letters only (589 of its 685 entries; the others are phrases and
spellings already disguised, such as ``f.u.c.k``) is disguised once by each family that can
disguise it (a word without an ``f`` has no ``ƒ`` spelling), with choices drawn from a
``random.Random`` seeded with the seed, the family and the word: the same seed gives the same
set, whatever the order families are asked for.

Each disguised word is put in a short clean sentence (:data:`TEMPLATES`); a case records where
the disguised word lies in it. ``tests/text/test_evasion_recall.py`` asserts the recall, and
``benchmarks/evasion.py`` prints it per family.

The HTML families (entities, tags inside words) are decoded by the text-preparation layer
before the profanity check reads a comment, not by the word matcher; :func:`prepare_html`
stands in for that layer until it is merged.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from random import Random

from commentguard.text import prepare
from commentguard.text._wordlist import curated_words

SEED = 16

TEMPLATES = ("{}", "what a {} that was", "you {}!", "oh, {}. really", "{} again and again")
"""Clean sentences a disguised word is put in (checked clean by the tests)."""

CYRILLIC = dict(zip("acehijkmopsxyABCEHIKMOPTX", "асеһіјкморѕхуАВСЕНІКМОРТХ", strict=True))
GREEK = dict(zip("abikmnoptuvxyzABEHIKMNOPTXYZ", "αβικμηορτυνχγζΑΒΕΗΙΚΜΝΟΡΤΧΥΖ", strict=True))
SMALL_CAPITALS = dict(zip("abcdefghijklmnopqrstuvwyz", "ᴀʙᴄᴅᴇꜰɢʜɪᴊᴋʟᴍɴᴏᴘꞯʀꜱᴛᴜᴠᴡʏᴢ", strict=True))
INVISIBLE = ("\u200b", "\u200c", "\u200d", "\u2060", "\u00ad", "\ufeff")
COMBINING = ("\u0301", "\u0300", "\u0308", "\u0327", "\u0303", "\u0336", "\u0331", "\u0489")
SEPARATORS = ("*", "_", ".", " ", "-")
LEET = {
    "a": "4@",
    "b": "8",
    "e": "3",
    "g": "9",
    "i": "1!|",
    "l": "1|",
    "o": "0",
    "s": "5$",
    "t": "7+",
    "z": "2",
}
# Mathematical alphanumeric alphabets: the offset of their small "a" (bold, italic, bold
# italic, script, bold script, fraktur, double-struck, bold fraktur, sans-serif, sans-serif
# bold, sans-serif italic, sans-serif bold italic, monospace). Holes (ℎ, ℯ, ...) are the
# letters Unicode had before: NFKC folds both.
MATH_SMALL_A = (
    0x1D41A, 0x1D44E, 0x1D482, 0x1D4B6, 0x1D4EA, 0x1D51E, 0x1D552, 0x1D586, 0x1D5BA,
    0x1D5EE, 0x1D622, 0x1D656, 0x1D68A,
)  # fmt: skip
NAMED_ACCENTS = {
    "a": ("&aacute;", "&agrave;", "&auml;", "&acirc;"),
    "e": ("&eacute;", "&egrave;", "&euml;"),
    "i": ("&iacute;", "&iuml;"),
    "o": ("&oacute;", "&ouml;", "&ocirc;"),
    "u": ("&uacute;", "&uuml;"),
    "c": ("&ccedil;",),
    "n": ("&ntilde;",),
    "y": ("&yacute;",),
}
TAGS = ("<b></b>", "<i></i>", "<span></span>", "<!-- -->", "<br>", "<wbr>")


@dataclass(frozen=True, slots=True)
class Case:
    """One disguised word in its sentence."""

    family: str
    word: str
    disguised: str
    text: str
    start: int  # where ``disguised`` lies in ``text``
    end: int


def _some_positions(word: str, rng: Random, eligible: Callable[[str], bool]) -> list[int]:
    """At least one, often all, of the positions of ``word`` whose letter is eligible."""
    positions = [index for index, char in enumerate(word) if eligible(char)]
    if not positions or rng.random() < 0.5:
        return positions
    return sorted(rng.sample(positions, rng.randint(1, len(positions))))


def _replace(word: str, rng: Random, table: dict[str, str]) -> str | None:
    positions = _some_positions(word, rng, lambda char: char in table)
    if not positions:
        return None
    chars = list(word)
    for index in positions:
        chars[index] = table[chars[index]]
    return "".join(chars)


def _between(word: str, pick: Callable[[], str], every: bool, rng: Random) -> str:
    """``word`` with ``pick()`` inserted between letters: all of them, or one to three gaps."""
    gaps = list(range(1, len(word)))
    if not every:
        gaps = rng.sample(gaps, min(len(gaps), rng.randint(1, 3)))
    return "".join(pick() + char if index in gaps else char for index, char in enumerate(word))


def cyrillic(word: str, rng: Random) -> str | None:
    """Cyrillic look-alikes (``fuсk`` with ``с``), some letters in capitals (``АSS``)."""
    if rng.random() < 0.3:
        word = word.upper()
    return _replace(word, rng, CYRILLIC)


def greek(word: str, rng: Random) -> str | None:
    """Greek look-alikes (``bιtch``)."""
    if rng.random() < 0.3:
        word = word.upper()
    return _replace(word, rng, GREEK)


def small_capitals(word: str, rng: Random) -> str | None:
    """Latin small capitals (``ꜰᴜᴄᴋ``); ``x`` has none and stays."""
    return _replace(word, rng, SMALL_CAPITALS)


def f_hook(word: str, rng: Random) -> str | None:
    """``ƒ`` (f with hook) for ``f``."""
    return _replace(word, rng, {"f": "ƒ"})


def zero_width(word: str, rng: Random) -> str:
    """Invisible characters between letters (zero-width space, joiners, soft hyphen, ...)."""
    return _between(word, lambda: rng.choice(INVISIBLE), rng.random() < 0.5, rng)


def combining(word: str, rng: Random) -> str:
    """Combining marks on letters (accents, a stroke through, zalgo-like stacks)."""
    chars = []
    for index, char in enumerate(word):
        chars.append(char)
        if index == 0 or rng.random() < 0.5:
            chars += rng.choices(COMBINING, k=rng.randint(1, 3))
    return "".join(chars)


def separators(word: str, rng: Random) -> str:
    """One separator (``* _ . space -``) between every two letters (``f.u.c.k``, ``s h i t``)."""
    separator = rng.choice(SEPARATORS)
    return separator.join(word)


def fullwidth(word: str, rng: Random) -> str:
    """Fullwidth letters (``ｆｕｃｋ``), upper or lower case."""
    if rng.random() < 0.3:
        word = word.upper()
    return "".join(chr(ord(char) + 0xFEE0) for char in word)


def mathematical(word: str, rng: Random) -> str:
    """Mathematical alphanumeric letters (``𝐟𝐮𝐜𝐤``, ``𝓯𝓾𝓬𝓴``), one alphabet per word."""
    small_a = rng.choice(MATH_SMALL_A)
    capital = rng.random() < 0.3
    return "".join(_letter(small_a, char.upper() if capital else char) for char in word)


def _letter(small_a: int, letter: str) -> str:
    """``letter`` in the mathematical alphabet whose small ``a`` is at ``small_a``.

    Unicode leaves out of those alphabets the letters it had before, in the Letterlike
    Symbols block (``ℎ``, ``ℯ``, ``ℭ``): there, the one of that style folding to ``letter``.
    """
    point = small_a + ord(letter.lower()) - ord("a") - (26 if letter.isupper() else 0)
    if unicodedata.category(chr(point)) != "Cn":
        return chr(point)
    style = unicodedata.name(chr(small_a)).removeprefix("MATHEMATICAL ").split(" SMALL")[0]
    words = {"ITALIC": ("PLANCK",), "FRAKTUR": ("BLACK-LETTER",)}.get(style, (style,))
    return next(
        char
        for char in map(chr, range(0x2100, 0x2150))
        if unicodedata.normalize("NFKC", char) == letter
        and any(word in unicodedata.name(char) for word in words)
    )


def leetspeak(word: str, rng: Random) -> str | None:
    """Digits and symbols for letters (``sh1t``, ``@$$``, ``b!7ch``)."""
    positions = _some_positions(word, rng, lambda char: char in LEET)
    if not positions:
        return None
    chars = list(word)
    for index in positions:
        chars[index] = rng.choice(LEET[chars[index]])
    return "".join(chars)


def mixed_case(word: str, rng: Random) -> str | None:
    """Letters in random case (``fUcK``), never all one case."""
    if len(word) < 2:
        return None
    while True:
        mixed = "".join(char.upper() if rng.random() < 0.5 else char for char in word)
        if not (mixed.islower() or mixed.isupper()):
            return mixed


def stretched(word: str, rng: Random) -> str:
    """One or two letters repeated 3 to 8 times (``fuuuuck``), sometimes in capitals."""
    chars = list(word)
    for index in rng.sample(range(len(word)), min(len(word), rng.randint(1, 2))):
        chars[index] *= rng.randint(3, 8)
    stretch = "".join(chars)
    return stretch.upper() if rng.random() < 0.2 else stretch


def html_entities(word: str, rng: Random) -> str:
    """Letters as numeric (``&#102;``, ``&#x66;``) or named (``&uuml;``, ``&shy;``) entities."""
    chars = []
    for index, char in enumerate(word):
        roll = rng.random()
        if roll < 0.25:
            chars.append(f"&#{ord(char)};")
        elif roll < 0.45:
            chars.append(f"&#x{ord(char):{rng.choice('xX')}};")
        elif roll < 0.6 and char in NAMED_ACCENTS:
            chars.append(rng.choice(NAMED_ACCENTS[char]))
        elif roll < 0.7 and index:
            chars.append("&shy;" + char)
        else:
            chars.append(char)
    disguised = "".join(chars)
    return disguised if disguised != word else f"&#{ord(word[0])};{word[1:]}"


def html_tags(word: str, rng: Random) -> str:
    """Tags inside the word: empty (``f<b></b>uck``) or around letters (``f<span>u</span>ck``)."""
    if rng.random() < 0.5 or len(word) < 3:
        return _between(word, lambda: rng.choice(TAGS), False, rng)
    start = rng.randint(1, len(word) - 2)
    end = rng.randint(start + 1, len(word) - 1)
    tag = rng.choice(("b", "i", "em", "span", "strong", "u"))
    return f"{word[:start]}<{tag}>{word[start:end]}</{tag}>{word[end:]}"


FAMILIES: dict[str, Callable[[str, Random], str | None]] = {
    "cyrillic": cyrillic,
    "greek": greek,
    "small capitals": small_capitals,
    "f with hook": f_hook,
    "zero-width": zero_width,
    "combining marks": combining,
    "separators": separators,
    "fullwidth": fullwidth,
    "mathematical": mathematical,
    "leetspeak": leetspeak,
    "mixed case": mixed_case,
    "stretched": stretched,
}
"""The families the word matcher reads itself."""

HTML_FAMILIES: dict[str, Callable[[str, Random], str | None]] = {
    "html entities": html_entities,
    "html tags": html_tags,
}
"""The families the text-preparation layer decodes (see :func:`prepare_html`)."""


def evasion_words() -> list[str]:
    """The curated list's words made of letters only, lower-cased, in list order."""
    return list(dict.fromkeys(word.lower() for word in curated_words() if word.isalpha()))


def cases(
    families: dict[str, Callable[[str, Random], str | None]] = FAMILIES,
    words: Iterable[str] | None = None,
    seed: int = SEED,
) -> list[Case]:
    """Every word disguised by every family that can disguise it, each in a sentence."""
    found = []
    for family, disguise in families.items():
        for word in evasion_words() if words is None else words:
            rng = Random(f"{seed}:{family}:{word}")
            disguised = disguise(word, rng)
            if disguised is None or disguised == word:
                continue
            before, _, after = rng.choice(TEMPLATES).partition("{}")
            text = before + disguised + after
            found.append(Case(family, word, disguised, text, len(before), len(text) - len(after)))
    return found


def prepare_html(text: str) -> str:
    """The text as the profanity check reads a body: ``prepare(text).text``.

    Entities decoded, tags dropped with their text kept (see commentguard.text._prepared).
    """
    return prepare(text).text


def recall(found: Callable[[Case], bool], all_cases: list[Case]) -> dict[str, tuple[int, int]]:
    """``(found, total)`` per family, in the order of ``all_cases``."""
    counts: dict[str, tuple[int, int]] = {}
    for case in all_cases:
        hits, total = counts.get(case.family, (0, 0))
        counts[case.family] = (hits + found(case), total + 1)
    return counts
