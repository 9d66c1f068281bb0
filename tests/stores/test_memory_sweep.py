"""The in-memory store sweeps expired entries at a constant cost per write, however big."""

from __future__ import annotations

from limits import parse

from commentguard.stores._memory import MemoryStore
from commentguard.testing import FakeClock


def entries(store: MemoryStore) -> int:
    return len(store._values) + len(store._sets) + len(store._tallies)


def test_expired_entries_are_swept_and_never_outnumber_the_writes_since(clock: FakeClock) -> None:
    """5,000 short-lived entries expire; the writes that follow sweep them away."""
    store = MemoryStore(clock=clock)
    for number in range(5_000):
        store.set(f"old:{number}", "1", 10.0)
        store.add_member(f"band:{number}", "a/b", 10.0)
    clock.now += 60.0  # every one of them has expired
    for number in range(12_000):
        store.set(f"new:{number}", "1", 3600.0)
        # at most twice what the last sweep left, plus 1,024
        assert entries(store) <= 2 * 10_000 + 1_024
    assert store.get("old:1") is None
    assert store.members("band:1") == []
    assert not any(key.startswith("old:") for key in store._values)
    assert not any(key.startswith("band:") for key in store._sets)
    assert store.get("new:11999") == "1"


def test_a_small_store_is_swept_every_1024_writes(clock: FakeClock) -> None:
    store = MemoryStore(clock=clock)
    store.set("short", "1", 1.0)
    clock.now += 5.0
    for number in range(1_023):
        store.set(f"k{number}", "1", 60.0)
    assert "short" not in store._values  # the 1,024th write swept it


def test_rate_limit_windows_are_swept_too(clock: FakeClock) -> None:
    """A window nobody hits again is forgotten once it has passed, like any entry."""
    store = MemoryStore(clock=clock)
    limit = parse("1 per 1 minute")
    for number in range(2_000):
        assert store.hit(limit, "test", f"ip{number}")
    clock.advance(61)
    for number in range(1_024):
        store.set(f"k{number}", "1", 3600.0)
    assert store._limits._events == {}  # the writes' sweep forgot every window
    assert store.hit(limit, "test", "ip0")


def test_a_sweep_rebuilds_only_the_sets_with_a_member_expired(clock: FakeClock) -> None:
    """Members past their expiry go, the others stay; a set left with none goes too."""
    store = MemoryStore(clock=clock)
    store.add_member("mixed", "short", 1.0)
    store.add_member("mixed", "long", 600.0)
    store.add_member("alive", "long", 600.0)
    store.add_member("emptied", "gone at once", 0.0)  # an empty set, left by its own add
    untouched = store._sets["alive"]
    clock.now += 5.0
    for number in range(1_024):
        store.set(f"k{number}", "1", 60.0)
    assert store._sets["mixed"] == {"long": clock.now - 5.0 + 600.0}
    assert store._sets["alive"] is untouched
    assert "emptied" not in store._sets
    assert store.members("mixed") == ["long"]
