"""Every store keeps the same promises: expiry, sets, exact moving-window limits."""

from __future__ import annotations

import time

import pytest
from limits import parse

from commentguard import SettingsError
from commentguard.stores import Store, open_store


def test_values_expire(store: Store) -> None:
    """A value is there until its time to live passes, then gone."""
    store.set("commentguard:test:a", "one", ttl=0.3)
    assert store.get("commentguard:test:a") == "one"
    assert store.get("commentguard:test:missing") is None
    time.sleep(0.45)
    assert store.get("commentguard:test:a") is None


def test_delete_forgets(store: Store) -> None:
    """delete removes a value and a set."""
    store.set("commentguard:test:b", "x", ttl=60)
    store.add_member("commentguard:test:b-set", "m", ttl=60)
    store.delete("commentguard:test:b")
    store.delete("commentguard:test:b-set")
    assert store.get("commentguard:test:b") is None
    assert store.members("commentguard:test:b-set") == []


def test_sets_count_distinct_members_each_with_its_own_expiry(store: Store) -> None:
    """add_member counts distinct live members; each member expires on its own."""
    key = "commentguard:test:set"
    assert store.add_member(key, "alice", ttl=0.3) == 1
    assert store.add_member(key, "bob", ttl=60) == 2
    assert store.add_member(key, "alice", ttl=0.3) == 2
    assert sorted(store.members(key)) == ["alice", "bob"]
    time.sleep(0.45)
    assert store.members(key) == ["bob"]
    assert store.add_member(key, "carol", ttl=60) == 2


def test_moving_window_limit_is_exact(store: Store) -> None:
    """3 per 1 second admits exactly 3, refuses the rest, and frees up as the window moves."""
    limit = parse("3 per 1 second")
    assert [store.hit(limit, "test", "ip") for _ in range(5)] == [True] * 3 + [False] * 2
    assert store.hit(limit, "test", "other-ip")
    time.sleep(1.1)
    assert store.hit(limit, "test", "ip")


@pytest.mark.parametrize("url", ["postgres://db", "sqlite://", "sqlite://host/x.db", "nonsense"])
def test_bad_store_url_names_the_setting(url: str) -> None:
    """An unknown or malformed store URL is a SettingsError naming `store`."""
    with pytest.raises(SettingsError, match="store"):
        open_store(url)
