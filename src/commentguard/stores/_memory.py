"""The in-process store (``memory://``): for one process, tests and development."""

from __future__ import annotations

import threading
import time
from collections.abc import Collection, Mapping, Sequence

from limits.storage import MemoryStorage
from limits.storage import Storage as LimitsStorage

from commentguard.stores._base import Store

_SWEEP_EVERY = 1024  # writes between sweeps of expired entries, at the fewest


class MemoryStore(Store):
    """Dictionaries guarded by a lock, swept of expired entries as it is written to.

    A sweep walks every entry, so the next one comes after as many writes as it left entries
    (and at least 1,024): each write pays a constant share of a sweep however big the store
    grows, and the store holds at most twice what the last sweep left, plus 1,024.
    """

    in_process = True

    def __init__(self, url: str = "memory://") -> None:
        super().__init__(url)
        self._lock = threading.Lock()
        self._values: dict[str, tuple[str, float]] = {}
        self._sets: dict[str, dict[str, float]] = {}
        self._tallies: dict[str, tuple[dict[str, float], float]] = {}
        self._writes = 0  # since the last sweep
        self._next_sweep = _SWEEP_EVERY  # writes until the next: the entries the last one left
        self._limits = MemoryStorage()

    @property
    def limits_storage(self) -> LimitsStorage:
        """``limits``' own in-memory storage."""
        return self._limits

    def get(self, key: str) -> str | None:
        """Return the value under ``key`` if it has not expired."""
        with self._lock:
            entry = self._values.get(key)
            if entry is None or entry[1] <= time.time():
                return None
            return entry[0]

    def set(self, key: str, value: str, ttl: float) -> None:
        """Store ``value`` for ``ttl`` seconds."""
        with self._lock:
            self._values[key] = (value, time.time() + ttl)
            self._wrote()

    def add(self, key: str, value: str, ttl: float) -> bool:
        """Store ``value`` unless a live one is there."""
        with self._lock:
            entry = self._values.get(key)
            if entry is not None and entry[1] > time.time():
                return False
            self._values[key] = (value, time.time() + ttl)
            self._wrote()
            return True

    def delete(self, key: str) -> None:
        """Forget ``key``."""
        with self._lock:
            self._values.pop(key, None)
            self._sets.pop(key, None)
            self._tallies.pop(key, None)

    def add_member(self, key: str, member: str, ttl: float) -> int:
        """Add ``member`` for ``ttl`` seconds and count the members still alive."""
        now = time.time()
        with self._lock:
            members = self._sets.setdefault(key, {})
            members[member] = now + ttl
            for old in [name for name, expiry in members.items() if expiry <= now]:
                del members[old]
            self._wrote()
            return len(members)

    def members(self, key: str) -> list[str]:
        """The members of ``key`` still alive."""
        now = time.time()
        with self._lock:
            return [name for name, expiry in self._sets.get(key, {}).items() if expiry > now]

    def add_member_unless_full(
        self, keys: Sequence[tuple[str, str]], member: str, ttl: float, full_at: int
    ) -> list[list[str] | None]:
        """The base class's calls, under one lock acquisition."""
        now = time.time()
        found: list[list[str] | None] = []
        with self._lock:
            for key, full_key in keys:
                mark = self._values.get(full_key)
                if mark is None or mark[1] <= now:
                    members = self._sets.setdefault(key, {})
                    members[member] = now + ttl
                    for old in [name for name, expiry in members.items() if expiry <= now]:
                        del members[old]
                    self._wrote()
                    if len(members) < full_at:
                        found.append(list(members))
                        continue
                self._values[full_key] = ("1", now + ttl)
                self._wrote()
                found.append(None)
        return found

    def add_counts(self, key: str, amounts: Mapping[str, float], ttl: float) -> dict[str, float]:
        """Add to the tally's fields and refresh its expiry; return the new values."""
        now = time.time()
        with self._lock:
            tally = self._live_tally(key, now)
            for field, amount in amounts.items():
                tally[field] = tally.get(field, 0.0) + amount
            self._tallies[key] = (tally, now + ttl)
            self._wrote()
            return {field: tally[field] for field in amounts}

    def counts(self, key: str, fields: Collection[str]) -> dict[str, float]:
        """The values of ``fields`` (0.0 for those never added to)."""
        with self._lock:
            tally = self._live_tally(key, time.time())
            return {field: tally.get(field, 0.0) for field in fields}

    def _live_tally(self, key: str, now: float) -> dict[str, float]:
        entry = self._tallies.get(key)
        return entry[0] if entry is not None and entry[1] > now else {}

    def _wrote(self) -> None:
        self._writes += 1
        if self._writes < self._next_sweep:
            return
        self._writes = 0
        now = time.time()
        self._values = {k: v for k, v in self._values.items() if v[1] > now}
        self._tallies = {k: v for k, v in self._tallies.items() if v[1] > now}
        for name in list(self._sets):
            alive = {m: e for m, e in self._sets[name].items() if e > now}
            if alive:
                self._sets[name] = alive
            else:
                del self._sets[name]
        left = len(self._values) + len(self._sets) + len(self._tallies)
        self._next_sweep = max(_SWEEP_EVERY, left)
