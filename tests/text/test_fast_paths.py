"""Each fast path of the scanners gives the answers of the plain walk it replaces.

The plain walks are kept here as the references: they are the definitions, and cost time in
proportion to the square of a hostile text, or a Python step per character.
"""

from __future__ import annotations

import sys

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from commentguard.text import WordMatcher
from commentguard.text import _compat as compat
from commentguard.text import _hardened as hardened
from commentguard.text._hardened import HardenedScanner

DEFAULT = WordMatcher.better_profanity()
SCANNER = DEFAULT._hardened
assert SCANNER is not None
COMPAT_SCANNER = WordMatcher.better_profanity("compat")._compat

hostile = st.text(alphabet="abfhikcstuvlo|!+*@$ .\u0301\u200b\u0430\u24a1\u00df", max_size=40)


def reference_symbols_inside(scanner: HardenedScanner, text: str, char: str) -> list[int]:
    """The walk ``_symbols_inside`` replaced: find the symbol, walk over the run after it."""
    inside = scanner._evasion_signs._inside_chars
    signs = []
    position = text.find(char)
    while position != -1:
        end = position
        while end < len(text) and text[end] in inside:
            end += 1
        before, after = text[position - 1 : position], text[end : end + 1]
        # after a letter or digit: a letter or digit after, the end of the text, or (but
        # for "!") the end of the word
        ends_word = after != "_" and char != "!"
        if position > 0 and before.isalnum() and (after.isalnum() or not after or ends_word):
            signs.append(position - 1)
        elif not before.isalnum() and after.isalpha():
            signs.append(position)  # symbols starting a word: the first is the sign
        position = text.find(char, end)
    return signs


def direct_evasions(text: str) -> list[tuple[str, int, int]]:
    """``scan_evasions`` by the direct walk: every sign's word, every look-alike one by one."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(hardened, "_MANY_SIGNS", 10**9)
        patch.setattr(hardened, "_SHORT_TEXT", 10**9)
        return SCANNER.scan_evasions(text)


@settings(max_examples=2000)
@given(st.text(alphabet="ab1²_|!+ .\u0430", max_size=24))
def test_symbols_inside_equals_the_walk(text: str) -> None:
    """The run patterns find the same signs as walking each symbol's runs."""
    signs = SCANNER._evasion_signs
    for char in signs._inside_chars:
        expected = reference_symbols_inside(SCANNER, text, char)
        assert signs._symbols_inside(text, char) == expected


@settings(max_examples=1500)
@given(st.lists(hostile, min_size=1, max_size=40))
# Found by this test: a word starting with the symbols before an atom (+*ts), and one ending
# on the symbols after it ($h|+); the spelling automaton now starts and ends candidates there.
@example(
    pieces=[
        "+",
        "a@+\u00df",
        "a",
        ".+*ts+|\u00df+|a@|\u0430",
        "+a@\u0301",
        "+!\u00dfa@|\u00df|\u00df",
    ]
)
@example(pieces=["", "a", "@+", "a@+", "a@\u00df", "+a@\u00df", "$h", "+.\u00dfa@\u00df", "@", "b"])
def test_answers_remembered_by_window_equal_direct_answers(pieces: list[str]) -> None:
    """A text with many signs, filtered by the spelling automaton and read window by window,
    gets the direct walk's matches."""
    text = "|".join(pieces) + " b|tch" * 3
    windowed = SCANNER.scan_evasions(text)
    direct = direct_evasions(text)
    assert windowed == direct


@settings(max_examples=300)
@given(st.lists(st.text(alphabet="sShHiItT!1*@$ ._-\u0430", max_size=12), min_size=1, max_size=60))
def test_compat_phrases_remembered_equal_direct_answers(pieces: list[str]) -> None:
    """Past the first phrase searches, remembered answers equal the direct search's."""
    text = " s.h.i.t".join(pieces) + " s h i t" * 40
    remembered = COMPAT_SCANNER.scan(text)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(compat, "_MANY_PHRASES", 10**9)
        direct = COMPAT_SCANNER.scan(text)
    assert remembered == direct


def test_evasions_amid_hostile_noise_are_found_as_directly() -> None:
    """Disguised words between runs of signs are all found, as the direct walk finds them."""
    evasions = ["b|tch", "sh!t", "*fuck*", "fuuuuck", "f u c k", "sh\u0456t", "@ss", "c.u.n.t"]
    noise = "|a|e|o|i|u|v|l " * 40
    text = noise.join(evasions) + noise
    windowed = SCANNER.scan_evasions(text)
    direct = direct_evasions(text)
    assert windowed == direct
    # "f u c k" and "c.u.n.t" are the compatible scanner's to find
    assert [word for word, _, _ in windowed] == ["bitch", "shit", "fuck", "fuck", "shit", "ass"]


def test_the_spelling_automaton_starting_afresh_loses_no_candidate() -> None:
    """When its tables fill mid-text, the candidates under way are carried over."""
    from commentguard.text import _spellable as spellable

    text = "|".join(f"x{n}" for n in range(600)) + " b|tch " + "|".join("aeiou") * 20
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(spellable, "MAX_STEPS", 3)
        fresh = WordMatcher.better_profanity(extra_words=["zzyzx"])._hardened
        assert fresh is not None
        small_tables = fresh.scan_evasions(text)
    assert [word for word, _, _ in small_tables] == ["bitch"]
    assert small_tables == SCANNER.scan_evasions(text)


@settings(max_examples=500)
@given(st.lists(hostile, min_size=1, max_size=30), st.integers(1, 6))
# Found by this test: "⒡uk" (NFKC "(f)uk") was read as "f" and "uk" on its own, and found
# only when a sign nearby made the scanner look at it, which a stopped search did not reach.
@example(pieces=["", "", "", "", "\u24a1uk", "\u00df"], limit=5)
def test_the_first_matches_are_those_of_the_whole_search(pieces: list[str], limit: int) -> None:
    """A search stopped after ``limit`` matches gives the first ``limit`` of the whole one."""
    text = " sh!t ".join(pieces) + " s h i t x x x" * 3
    assert DEFAULT.find(text, limit=limit) == DEFAULT.find(text)[:limit]


def test_letters_that_fold_with_separators_are_found_in_long_texts() -> None:
    """A parenthesised letter folds to "(f)": in a long text its word is still tried."""
    padding = "Thanks for the article, I enjoyed reading it. " * 6  # past _SHORT_TEXT
    found = DEFAULT.find(padding + "\u24a1\u24b0\u249e\u24a6 and \u24b4\u24aa\u24b0")
    assert [(match.word, match.start) for match in found] == [("fuck", len(padding))]


def test_one_matcher_shared_by_threads_answers_as_alone() -> None:
    """Threads sharing a matcher whose automaton keeps starting afresh get the same answers."""
    from concurrent.futures import ThreadPoolExecutor

    from commentguard.text import _spellable as spellable

    texts = [
        "|".join(f"w{n}x{k}" for k in range(60)) + " b|tch " + "|a|e" * 20 + f" sh!t{n}"
        for n in range(40)
    ]
    alone = [SCANNER.scan_evasions(text) for text in texts]
    switching = sys.getswitchinterval()
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(spellable, "MAX_STEPS", 50)  # tables refill all the time
        sys.setswitchinterval(1e-6)  # threads take turns between any two steps
        try:
            with ThreadPoolExecutor(max_workers=6) as pool:
                shared = list(pool.map(SCANNER.scan_evasions, texts * 5))
        finally:
            sys.setswitchinterval(switching)
    assert shared == alone * 5


def test_a_letter_in_brackets_is_the_letter() -> None:
    """ "⒡" folds to "(f)": one character a reader sees as one letter, so "⒡uk" is a word."""
    assert [(match.word, match.start) for match in DEFAULT.find("a \u24a1uk b")] == [("fuk", 2)]
