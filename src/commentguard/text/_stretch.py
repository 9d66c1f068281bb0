"""Whether a candidate spells a listed word whose letters may be stretched, in linear time.

A listed word is described by its *runs*: each letter's accepted characters (the letter and
its leetspeak substitutes) and how many times it repeats in a row (``good``: ``g``, ``o`` x2,
``d``). A candidate spells the word when each run is matched by exactly ``count`` accepted
characters, or by more when there are at least :data:`MIN_STRETCH` of them and no letter
among them but the run's own (a stretched letter: ``gooood``; ``good`` never reads as
``god``, and ``illi`` is no ``i`` stretched although ``l`` may stand for ``i``: "Nazilli").

Where one character is accepted by several letters (``*`` stands for any vowel), a candidate
can be split between runs in many ways. Following every split one position at a time costs
the square of the candidate's length (``*`` x 64,000 took minutes); here the positions a run
can reach are kept as intervals, and a block of accepted characters is measured once by a
regular expression, so the cost is linear in the length times the number of runs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import groupby

MIN_STRETCH = 3
"""A letter repeated this often in a row counts as one letter stretched."""


@dataclass(frozen=True, slots=True)
class Run:
    """One letter of a listed word: the characters accepted for it and its repeat count."""

    accepted: frozenset[str]
    count: int
    block: re.Pattern[str]  # one or more accepted characters
    own: frozenset[str]  # those a stretch may hold: no other letter than the run's own
    own_block: re.Pattern[str]

    @classmethod
    def of(cls, accepted: frozenset[str], count: int, letter: str = "") -> Run:
        """The run of ``count`` characters from ``accepted``, standing for ``letter``."""
        own = frozenset(
            char for char in accepted if char == letter or not char.isalpha() or not letter
        )
        return cls(accepted, count, _block(accepted), own, _block(own))


def _block(chars: frozenset[str]) -> re.Pattern[str]:
    return re.compile("[" + re.escape("".join(sorted(chars))) + "]+")


def runs_of(compact: str, accepts: dict[str, frozenset[str]]) -> tuple[Run, ...]:
    """The runs of a listed word (folded, without separators), with each letter's ``accepts``."""
    return tuple(
        Run.of(accepts.get(char, frozenset(char)), len(list(group)), char)
        for char, group in groupby(compact)
    )


def spells(candidate: str, runs: tuple[Run, ...]) -> bool:
    """Whether ``candidate`` spells the word ``runs`` describe, letters possibly stretched."""
    size = len(candidate)
    spans = [(0, 0)]  # sorted, disjoint, inclusive intervals of positions reached so far
    for run in runs:
        stretch = max(run.count + 1, MIN_STRETCH)
        reached: list[tuple[int, int]] = []
        block_start = block_end = -1  # the last block of accepted characters measured
        for low, high in spans:
            position = low
            while position <= high and position < size:
                if not block_start <= position < block_end:
                    found = run.block.search(candidate, position, high + 1)
                    if found is None:
                        break
                    position = block_start = found.start()
                    block_end = run.block.match(candidate, position).end()  # type: ignore[union-attr] # an accepted character starts here
                # Every start from here to the block's end (or the span's) reaches the block's
                # end when stretched, and ``count`` further when read exactly.
                last = min(high, block_end - 1)
                if position + run.count <= block_end:
                    reached.append((position + run.count, min(last + run.count, block_end)))
                if position + stretch <= block_end and run.own == run.accepted:
                    reached.append((position + stretch, block_end))
                elif position + stretch <= block_end:
                    reached += _own_stretches(candidate, run, position, last, stretch)
                position = block_end
        if not reached:
            return False
        spans = _merged(reached)
    return any(low <= size <= high for low, high in spans)


def _own_stretches(
    candidate: str, run: Run, first: int, last: int, stretch: int
) -> list[tuple[int, int]]:
    """Where stretches starting from ``first`` to ``last`` end, holding no other letter.

    Starts within one stretch of the run's own characters all reach its end; the other
    letters (``l`` for ``i``) break the block into such stretches, each visited once.
    """
    reached = []
    position = first
    while position <= last:
        own = run.own_block.match(candidate, position)
        if own is None:
            position += 1  # another letter: no stretch starts here
            continue
        if position + stretch <= own.end():
            reached.append((position + stretch, own.end()))
        position = own.end()
    return reached


def _merged(intervals: list[tuple[int, int]]) -> list[tuple[int, int]]:
    intervals.sort()
    merged = [intervals[0]]
    for low, high in intervals[1:]:
        last_low, last_high = merged[-1]
        if low <= last_high + 1:
            merged[-1] = (last_low, max(last_high, high))
        else:
            merged.append((low, high))
    return merged
