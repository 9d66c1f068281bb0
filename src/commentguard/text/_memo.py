"""Remembered answers with a bound in bytes as well as in entries.

The matchers remember what they worked out about words and short texts, because real text
repeats itself. Every key is written by whoever posts a comment, so a table that only counts
its entries grows with whatever an attacker sends: 1,000 distinct 60 KB comments once added
125 MB to a worker. A :class:`Memo` refuses keys longer than ``max_key_chars`` (long keys
rarely come back) and starts afresh when its estimated size passes ``max_bytes``, so a flood of
new keys costs a refill, never memory.
"""

from __future__ import annotations

import sys
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from enum import Enum
from typing import Generic, TypeVar

K = TypeVar("K", bound=str)
V = TypeVar("V")
L = TypeVar("L", bound=Hashable)
T = TypeVar("T")

COMPILED_LIST_CHARS = 4_000_000
"""Characters of word lists whose compiled forms are kept for reuse (a few site lists)."""

WORD_MEMO_BYTES = 4 * 2**20
"""The bound of each table of words a scanner remembers (candidates' verdicts, their keys)."""
MEMO_KEY_CHARS = 64
"""Longer candidates are worked out each time: real words are shorter, an attacker's are not."""
WINDOW_KEY_CHARS = 256
"""Windows of words (a word and the few a phrase may join) longer than this are not kept."""
ENTRY_OVERHEAD_BYTES = 100
"""What a dictionary slot and the value's reference cost beyond the key's own size (estimated)."""


class Missing(Enum):
    """What :meth:`dict.get` gives for a key a memo does not hold (``None`` is an answer)."""

    MISSING = 0


MISSING = Missing.MISSING


class Memo(dict[K, V]):
    """A dictionary of answers bounded in bytes: cleared when full, long keys never kept.

    Reading is a plain dictionary's, in C (the matchers read it for every word): read with
    ``memo.get(key, MISSING)``, one operation, since another thread may clear the memo between
    ``key in memo`` and ``memo[key]``. Writing goes through :meth:`remember`, which keeps the
    bound. Safe to share between threads: a lost update under a race only costs a
    recomputation, or makes the size estimate a little off.
    """

    __slots__ = ("_bytes", "_value_bytes", "max_bytes", "max_key_chars")

    def __init__(self, *, max_bytes: int, max_key_chars: int, value_bytes: int = 0) -> None:
        """A memo holding about ``max_bytes`` at the most.

        Args:
            max_bytes: The bound: keys, values and the table's own slots, estimated.
            max_key_chars: Longer keys are answered but not remembered.
            value_bytes: The typical size of one value, beyond the slot (0 for shared values
                such as ``None`` or a listed word).
        """
        super().__init__()
        self.max_bytes = max_bytes
        self.max_key_chars = max_key_chars
        self._value_bytes = value_bytes + ENTRY_OVERHEAD_BYTES
        self._bytes = 0

    @property
    def size_bytes(self) -> int:
        """The estimated size of what is remembered."""
        return self._bytes

    def remember(self, key: K, value: V, value_bytes: int | None = None) -> None:
        """Keep ``value`` for ``key`` if the key is short enough; start afresh when full.

        ``value_bytes`` is this value's size, for values whose size varies (else the memo's
        typical one is counted).
        """
        if len(key) > self.max_key_chars:
            return
        size = self._value_bytes if value_bytes is None else value_bytes + ENTRY_OVERHEAD_BYTES
        cost = sys.getsizeof(key) + size
        if self._bytes + cost > self.max_bytes:
            self.clear()
            self._bytes = 0
        self[key] = value
        self._bytes += cost


class CompiledLists(Generic[L, T]):
    """Compiled word lists kept for reuse, bounded by the size of the lists they were built from.

    Building a guard compiles its lists; a site, or a test suite, that builds many guards
    with the same lists compiles each once. Past ``max_chars`` characters of lists in all,
    the least recently used are dropped (a compiled list takes memory in proportion to its
    list). Thread-safe.
    """

    def __init__(
        self, build: Callable[[L], T], size: Callable[[L], int], *, max_chars: int
    ) -> None:
        """Keep what ``build`` makes of each list, ``size`` saying how many characters it has."""
        self._build = build
        self._size = size
        self.max_chars = max_chars
        self._kept: OrderedDict[L, tuple[T, int]] = OrderedDict()
        self._chars = 0
        self._lock = threading.Lock()

    def get(self, words: L) -> T:
        """The compiled form of ``words``, built now unless kept."""
        with self._lock:
            kept = self._kept.get(words)
            if kept is not None:
                self._kept.move_to_end(words)
                return kept[0]
        built, chars = self._build(words), self._size(words)
        with self._lock:
            if words not in self._kept:
                self._kept[words] = (built, chars)
                self._chars += chars
            while self._chars > self.max_chars and len(self._kept) > 1:
                _, (_, dropped) = self._kept.popitem(last=False)
                self._chars -= dropped
        return built
