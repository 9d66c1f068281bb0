"""Which words of a text may start a listed word: one pass, a small automaton built as it goes.

The hardened scanner tries a listed word at each word that holds a sign of disguise, joining
up to ``window`` following words. On a text made of signs (64 KB of ``a|e|o|i...``, random so
that nothing repeats) that is 32,000 tries of up to six joins each: over a second. Most of
those tries cannot succeed, because no listed word is spelled by what follows (no listed word
goes ``a``, ``e``, ``o``). This module finds that out for every word at once.

The listed words form a trie of letters, each letter accepting its characters one or more
times (a superset of the exact repeat counts). One left-to-right pass over the words (atoms)
carries the set of trie nodes reachable by some candidate that started at an earlier word:
across the breaks between words it keeps the set as it is (breaks dropped, as a joined
candidate drops them) and also steps it over the break symbols (as a kept candidate reads
them); at each word it adds a candidate that starts there (skipping symbols at its edge, as
the scanner strips them). Where a listed word ends with a word (or just before the symbols
at its end: a candidate is made of whole words), the words from ``window`` back to here may
hold a match. Sets of nodes are few, so each step is looked up once computed: the pass costs
a dictionary lookup per word. Everything here is a superset of what the scanner can
find; the scanner then decides.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Sequence
from dataclasses import dataclass, field

from commentguard.text._stretch import Run

MAX_STATES = 4096
"""Distinct sets of nodes kept before the automaton starts afresh (each step is remembered)."""
MAX_STEPS = 1 << 14
"""Steps remembered before it starts afresh (about 4 MB: atoms of up to 64 characters)."""
STEP_KEY_CHARS = 64
"""A step over a longer atom or gap is worked out each time, never remembered."""

_ROOT = 0
_ROOT_ONLY = frozenset({_ROOT})


@dataclass(slots=True)
class _Node:
    accepted: frozenset[str]
    ends_word: bool = False
    children: dict[frozenset[str], int] = field(default_factory=dict)


class SpellingAutomaton:
    """The words a listed word may start at, for a list of words given as letter runs."""

    def __init__(
        self,
        words: Sequence[tuple[Run, ...]],
        *,
        edge_symbols: str,
        ignored: str,
        max_steps: int = MAX_STEPS,
        leading_symbols: str = "",
    ) -> None:
        """Build the trie of ``words``.

        Args:
            words: Each listed word as its letter runs.
            edge_symbols: Symbols that may stand before a word's first letter (stripped).
            ignored: Characters that are no part of any candidate (invisible characters, the
                separators between words).
            leading_symbols: Break symbols that may stand for a word's first letters when
                they end the gap before an atom (``+*ts``, ``|diot``): a candidate also
                starts with them, as the scanner's edge reading (``_edged``) takes them.
            max_steps: Steps remembered before it starts afresh (:data:`MAX_STEPS`).
        """
        self._max_steps = max_steps
        self._nodes = [_Node(frozenset())]
        depth = 0
        for runs in words:
            depth = max(depth, len(runs))
            node = _ROOT
            for run in runs:
                child = self._nodes[node].children.get(run.accepted)
                if child is None:
                    child = len(self._nodes)
                    self._nodes.append(_Node(run.accepted))
                    self._nodes[node].children[run.accepted] = child
                node = child
            if node != _ROOT:
                self._nodes[node].ends_word = True
        self._lock = threading.Lock()
        self._edges = edge_symbols  # a string: rstrip takes it, and `in` tests one character
        self._leading = leading_symbols
        self._longest = depth
        self._ending = frozenset(
            number for number, node in enumerate(self._nodes) if node.ends_word
        )
        self._ignored = str.maketrans(dict.fromkeys(ignored))
        # Past as many repeats as a word has letters, one more of a character reaches no new
        # node (each letter reads it one or more times): longer runs are read that far only.
        self._long_runs = re.compile(f"(.)\\1{{{depth + 1},}}", re.DOTALL)
        self._run_length = depth + 1
        self._reset()

    def _reset(self) -> None:
        self._ids: dict[frozenset[int], int] = {frozenset(): 0}
        self._states: list[frozenset[int]] = [frozenset()]
        self._steps: dict[tuple[int, str, str], tuple[int, bool]] = {}
        # The automaton made deterministic as it is used: a set of nodes and a character
        # give the next set, worked out once.
        self._char_steps: dict[tuple[int, str], int] = {}
        self._joined: dict[tuple[int, int], int] = {}  # a set, with another and the root

    def may_start(self, atoms: Sequence[str], gaps: Sequence[str], window: int) -> bytearray:
        """For each atom, 1 if a listed word may start there and end within ``window`` more.

        Args:
            atoms: The text's atoms.
            gaps: The breaks before each atom (``gaps[0]`` before the first).
            window: How many atoms after the first a candidate may join.
        """
        with self._lock:  # its tables are built as it goes: one pass at a time
            return self._marks(atoms, gaps, window)

    def _marks(self, atoms: Sequence[str], gaps: Sequence[str], window: int) -> bytearray:
        marks = bytearray(len(atoms))
        state = 0
        steps = self._steps
        for index, (gap, atom) in enumerate(zip(gaps, atoms, strict=True)):
            known = steps.get((state, gap, atom))
            if known is None:
                if (
                    len(self._states) > MAX_STATES
                    or len(steps) + len(self._char_steps) > self._max_steps
                ):
                    carried = self._states[state]  # the candidates under way go on
                    self._reset()
                    steps = self._steps
                    state = self._intern(carried)
                known = self._step(state, gap, atom)
                if len(gap) + len(atom) <= STEP_KEY_CHARS:
                    steps[(state, gap, atom)] = known
            state, ends_word = known
            if ends_word:
                first = max(index - window, 0)
                marks[first : index + 1] = b"\x01" * (index + 1 - first)
        return marks

    def _step(self, state: int, gap: str, atom: str) -> tuple[int, bool]:
        # The symbols ending the gap, which a word may start with (+*ts): at most as many as
        # the longest word has letters, after the gap's last separator.
        lead = gap[len(gap.rstrip(self._leading)) :][-self._longest :] if self._leading else ""
        gap, atom = (self._short(text.translate(self._ignored)) for text in (gap, atom))
        # Across the gap a candidate drops the break symbols (joined) or reads them (kept);
        # then one starts at this atom, and one at the symbols just before it.
        read_gap, ended_in_gap = state, False
        for char in gap:  # a word may also end on the symbols of the gap ($h|+ for shit)
            read_gap = self._read(read_gap, char)
            if not read_gap:
                break
            ended_in_gap = ended_in_gap or not self._ending.isdisjoint(self._states[read_gap])
        state = self._joined_with_root(state, read_gap)
        if lead:
            state = self._joined_with_root(state, self._read(self._intern(_ROOT_ONLY), lead))
        # A candidate ends with a whole atom, or before the symbols at its end (stripped).
        core = atom.rstrip(self._edges)
        state = self._read(state, core)
        ends = not self._ending.isdisjoint(self._states[state])
        state = self._read(state, atom[len(core) :])
        return state, ends or ended_in_gap or not self._ending.isdisjoint(self._states[state])

    def _joined_with_root(self, first: int, second: int) -> int:
        known = self._joined.get((first, second))
        if known is None:
            known = self._intern(self._states[first] | self._states[second] | {_ROOT})
            self._joined[(first, second)] = known
        return known

    def _intern(self, nodes: frozenset[int]) -> int:
        number = self._ids.get(nodes)
        if number is None:
            number = len(self._states)
            self._ids[nodes] = number
            self._states.append(nodes)
        return number

    def _short(self, text: str) -> str:
        if len(text) <= self._run_length:
            return text
        return self._long_runs.sub(lambda run: run.group(1) * self._run_length, text)

    def _read(self, state: int, chars: str) -> int:
        steps = self._char_steps
        for char in chars:
            if not state:
                return state  # no candidate left
            following = steps.get((state, char))
            if following is None:
                following = self._intern(self._next_nodes(self._states[state], char))
                steps[(state, char)] = following
            state = following
        return state

    def _next_nodes(self, nodes: frozenset[int], char: str) -> frozenset[int]:
        following = set()
        for number in nodes:
            node = self._nodes[number]
            if number == _ROOT:
                if char in self._edges:
                    following.add(_ROOT)  # a symbol before the first letter: stripped
            elif char in node.accepted:
                following.add(number)  # the letter goes on (stretched, or doubled)
            for child in node.children.values():
                if char in self._nodes[child].accepted:
                    following.add(child)
        return frozenset(following)
