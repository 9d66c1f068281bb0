"""The in-process store (``memory://``): for one process, tests and development."""

from __future__ import annotations

import threading
import time
from collections.abc import Collection, Mapping, Sequence

from limits import RateLimitItem
from limits.storage import MovingWindowSupport
from limits.storage import Storage as LimitsStorage

from commentguard.stores._base import Clock, Store

_SWEEP_EVERY = 1024  # writes between sweeps of expired entries, at the fewest


class MemoryLimitsStorage(LimitsStorage, MovingWindowSupport):
    """``limits``' fixed and moving windows in this process, on the store's clock.

    ``limits``' own ``MemoryStorage`` reads the wall clock (and runs a timer thread to expire
    events); this one reads the clock its store was given, so a test can move time instead of
    sleeping, and its store sweeps it with everything else.
    """

    STORAGE_SCHEME = ["commentguard+memory"]  # noqa: RUF012 - limits declares it a list

    def __init__(self, clock: Clock) -> None:
        super().__init__()
        self._clock = clock
        self._lock = threading.Lock()
        self._counters: dict[str, tuple[int, float]] = {}  # key: (value, expires)
        self._events: dict[str, tuple[list[float], float]] = {}  # key: (times, expires)

    @property
    def base_exceptions(self) -> type[Exception]:
        """Nothing here fails for a reason of its own."""
        return ValueError

    def incr(self, key: str, expiry: float, amount: int = 1) -> int:
        """Fixed window: add ``amount`` to the counter, starting a new window if it expired."""
        now = self._clock()
        with self._lock:
            value, expires = self._counters.get(key, (0, now))
            if expires <= now:
                value, expires = 0, now + expiry
            self._counters[key] = (value + amount, expires)
            return value + amount

    def get(self, key: str) -> int:
        """Fixed window: the counter's value, 0 once expired."""
        with self._lock:
            value, expires = self._counters.get(key, (0, 0.0))
        return value if expires > self._clock() else 0

    def get_expiry(self, key: str) -> float:
        """Fixed window: when the counter expires."""
        with self._lock:
            entry = self._counters.get(key)
        return entry[1] if entry is not None else self._clock()

    def check(self) -> bool:
        """Always reachable."""
        return True

    def reset(self) -> int | None:
        """Forget every limit."""
        with self._lock:
            removed = len(self._counters) + len(self._events)
            self._counters.clear()
            self._events.clear()
        return removed

    def clear(self, key: str) -> None:
        """Forget one limit."""
        with self._lock:
            self._counters.pop(key, None)
            self._events.pop(key, None)

    def acquire_entry(self, key: str, limit: int, expiry: int, amount: int = 1) -> bool:
        """Moving window: record ``amount`` events unless that would exceed ``limit``."""
        if amount > limit:
            return False
        now = self._clock()
        with self._lock:
            times, _ = self._events.get(key, ((), 0.0))
            alive = [at for at in times if at > now - expiry]
            if len(alive) + amount > limit:
                return False
            alive.extend([now] * amount)
            self._events[key] = (alive, now + expiry)
        return True

    def get_moving_window(self, key: str, limit: int, expiry: int) -> tuple[float, int]:
        """Moving window: the oldest event in the window and how many there are."""
        now = self._clock()
        with self._lock:
            times, _ = self._events.get(key, ((), 0.0))
            alive = [at for at in times if at > now - expiry]
        return (alive[0] if alive else now), len(alive)

    def sweep(self, now: float) -> int:
        """Forget the windows that expired by ``now``; return how many are left."""
        with self._lock:
            self._counters = {k: v for k, v in self._counters.items() if v[1] > now}
            self._events = {k: v for k, v in self._events.items() if v[1] > now}
            return len(self._counters) + len(self._events)


class MemoryStore(Store):
    """Dictionaries guarded by a lock, swept of expired entries as it is written to.

    A sweep walks every entry, so the next one comes after as many writes as it left entries
    (and at least 1,024): each write pays a constant share of a sweep however big the store
    grows, and the store holds at most twice what the last sweep left, plus 1,024.

    Args:
        url: ``memory://``.
        clock: What expiry reads the time from, in seconds since the epoch; a test passes a
            :class:`~commentguard.testing.FakeClock` to move time instead of sleeping.
    """

    in_process = True

    def __init__(self, url: str = "memory://", *, clock: Clock = time.time) -> None:
        super().__init__(url)
        self.clock = clock
        self._lock = threading.Lock()
        self._values: dict[str, tuple[str, float]] = {}
        self._sets: dict[str, dict[str, float]] = {}
        self._tallies: dict[str, tuple[dict[str, float], float]] = {}
        self._writes = 0  # since the last sweep
        self._next_sweep = _SWEEP_EVERY  # writes until the next: the entries the last one left
        self._limits = MemoryLimitsStorage(clock)

    @property
    def limits_storage(self) -> LimitsStorage:
        """The rate-limit windows, in this process and on this store's clock."""
        return self._limits

    def hit(self, limit: RateLimitItem, *identifiers: str) -> bool:
        """Count one event (see :meth:`Store.hit`); rate-limit windows are swept like the rest."""
        admitted = super().hit(limit, *identifiers)
        with self._lock:
            self._wrote()
        return admitted

    def get(self, key: str) -> str | None:
        """Return the value under ``key`` if it has not expired."""
        with self._lock:
            entry = self._values.get(key)
            if entry is None or entry[1] <= self.clock():
                return None
            return entry[0]

    def set(self, key: str, value: str, ttl: float) -> None:
        """Store ``value`` for ``ttl`` seconds."""
        with self._lock:
            self._values[key] = (value, self.clock() + ttl)
            self._wrote()

    def add(self, key: str, value: str, ttl: float) -> bool:
        """Store ``value`` unless a live one is there."""
        with self._lock:
            entry = self._values.get(key)
            if entry is not None and entry[1] > self.clock():
                return False
            self._values[key] = (value, self.clock() + ttl)
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
        now = self.clock()
        with self._lock:
            members = self._sets.setdefault(key, {})
            members[member] = now + ttl
            for old in [name for name, expiry in members.items() if expiry <= now]:
                del members[old]
            self._wrote()
            return len(members)

    def members(self, key: str) -> list[str]:
        """The members of ``key`` still alive."""
        now = self.clock()
        with self._lock:
            return [name for name, expiry in self._sets.get(key, {}).items() if expiry > now]

    def add_member_unless_full(
        self, keys: Sequence[tuple[str, str]], member: str, ttl: float, full_at: int
    ) -> list[list[str] | None]:
        """The base class's calls, under one lock acquisition.

        A set is searched for expired members only when its earliest expiry has passed, and
        the writes are counted towards the next sweep once, after the last key.
        """
        now = self.clock()
        expires = now + ttl
        found: list[list[str] | None] = []
        writes = 0
        with self._lock:
            values, sets = self._values, self._sets  # a sweep may replace them: none till the end
            for key, full_key in keys:
                mark = values.get(full_key)
                if mark is None or mark[1] <= now:
                    writes += 1
                    members = sets.get(key)
                    if members is None:
                        sets[key] = members = {member: expires}
                    else:
                        members[member] = expires
                        if min(members.values()) <= now:
                            for old in [name for name, expiry in members.items() if expiry <= now]:
                                del members[old]
                    if len(members) < full_at:
                        found.append(list(members))
                        continue
                values[full_key] = ("1", expires)
                writes += 1
                found.append(None)
            if writes:
                self._wrote(writes)
        return found

    def add_counts(self, key: str, amounts: Mapping[str, float], ttl: float) -> dict[str, float]:
        """Add to the tally's fields and refresh its expiry; return the new values."""
        now = self.clock()
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
            tally = self._live_tally(key, self.clock())
            return {field: tally.get(field, 0.0) for field in fields}

    def _live_tally(self, key: str, now: float) -> dict[str, float]:
        entry = self._tallies.get(key)
        return entry[0] if entry is not None and entry[1] > now else {}

    def _wrote(self, count: int = 1) -> None:
        self._writes += count
        if self._writes < self._next_sweep:
            return
        self._writes = 0
        now = self.clock()
        self._values = {k: v for k, v in self._values.items() if v[1] > now}
        self._tallies = {k: v for k, v in self._tallies.items() if v[1] > now}
        # Only the sets with a member expired (their earliest expiry passed) are rebuilt.
        sets = self._sets
        for name in [name for name, members in sets.items()
                     if not members or min(members.values()) <= now]:  # fmt: skip
            alive = {m: e for m, e in sets[name].items() if e > now}
            if alive:
                sets[name] = alive
            else:
                del sets[name]
        windows = self._limits.sweep(now)
        left = len(self._values) + len(self._sets) + len(self._tallies) + windows
        self._next_sweep = max(_SWEEP_EVERY, left)
