"""The linear stretched-letter match gives the same answers as the position-by-position one."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from commentguard.text._stretch import MIN_STRETCH, Run, runs_of, spells

ACCEPTS = {
    "a": frozenset("a4@*"),
    "e": frozenset("e3*"),
    "i": frozenset("i1!|*l"),
    "l": frozenset("l1|"),
    "o": frozenset("o0*@"),
    "s": frozenset("s$5"),
}


def reference_spells(candidate: str, runs: tuple[Run, ...]) -> bool:
    """The definition, walked one position at a time (quadratic: the oracle, not the code)."""
    size = len(candidate)
    positions = {0}
    for run in runs:
        reachable = set()
        for position in positions:
            length = 0
            own = True  # no letter but the run's own so far: it may be a stretch
            while position + length < size and candidate[position + length] in run.accepted:
                own = own and candidate[position + length] in run.own
                length += 1
                if length == run.count or (length > run.count and length >= MIN_STRETCH and own):
                    reachable.add(position + length)
        if not reachable:
            return False
        positions = reachable
    return size in positions


words = st.text(alphabet="aeilos", min_size=1, max_size=6)
candidates = st.text(alphabet="aeilos4@*31!|0$5xl", max_size=24)


@settings(max_examples=3000)
@given(word=words, candidate=candidates)
def test_spells_agrees_with_the_definition(word: str, candidate: str) -> None:
    """For any short word and candidate over overlapping substitutes, both answers agree."""
    runs = runs_of(word, ACCEPTS)
    assert spells(candidate, runs) == reference_spells(candidate, runs)


@given(word=words, stretch=st.lists(st.integers(1, 5), min_size=6, max_size=6))
def test_stretched_spellings_are_found(word: str, stretch: list[int]) -> None:
    """A word with each letter written more than twice over (``gooood``) is spelled."""
    candidate = "".join(char * (3 + extra) for char, extra in zip(word, stretch, strict=False))
    assert spells(candidate, runs_of(word, ACCEPTS))


def test_doubled_letters_are_not_a_stretch() -> None:
    """``good`` does not read as ``god``, but ``goood`` does."""
    runs = runs_of("god", {})
    assert (spells("good", runs), spells("goood", runs)) == (False, True)


def test_a_stretch_holds_no_other_letter() -> None:
    """``l`` stands for ``i``, but ``illi`` is no ``i`` stretched: "Nazilli" is no "nazi"."""
    runs = runs_of("nazi", ACCEPTS)
    assert (spells("nazilli", runs), spells("naziiii", runs), spells("naz1!!|", runs)) == (
        False,
        True,
        True,
    )
    assert spells("nazl", runs)  # one substitute, read exactly


def test_a_long_run_of_shared_substitutes_is_answered() -> None:
    """64,000 stars, each standing for every vowel, are answered (quadratically: minutes)."""
    assert spells("*" * 64_000, runs_of("aeiou", ACCEPTS)) is False
    assert spells("*" * 64_000, runs_of("aeo", ACCEPTS)) is True
