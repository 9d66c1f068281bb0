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


def test_tallies_add_up_and_return_new_values(store: Store) -> None:
    """add_counts adds to each field and returns its new value; counts reads any fields."""
    key = "commentguard:test:tally"
    assert store.add_counts(key, {"spam": 1.0, "a": 0.5}, ttl=60) == {"spam": 1.0, "a": 0.5}
    assert store.add_counts(key, {"a": 0.25, "b": 2.0}, ttl=60) == {"a": 0.75, "b": 2.0}
    assert store.counts(key, ["a", "b", "spam", "never"]) == {
        "a": 0.75,
        "b": 2.0,
        "spam": 1.0,
        "never": 0.0,
    }
    assert store.counts("commentguard:test:no-tally", ["a"]) == {"a": 0.0}
    assert store.add_counts(key, {}, ttl=60) == {}


def test_tallies_read_many_fields(store: Store) -> None:
    """A read of more fields than one query binds still finds every one."""
    key = "commentguard:test:wide"
    amounts = {f"f{index}": float(index) for index in range(1_200)}
    store.add_counts(key, amounts, ttl=60)
    assert store.counts(key, list(amounts)) == amounts


def test_tallies_expire_as_a_whole_and_restart_from_zero(store: Store) -> None:
    """A tally expires ttl after its last addition; adding after that starts from zero."""
    key = "commentguard:test:tally-ttl"
    store.add_counts(key, {"a": 1.0}, ttl=0.3)
    time.sleep(0.2)
    store.add_counts(key, {"b": 1.0}, ttl=0.3)  # refreshes the whole tally
    time.sleep(0.2)
    assert store.counts(key, ["a", "b"]) == {"a": 1.0, "b": 1.0}
    time.sleep(0.35)
    assert store.counts(key, ["a", "b"]) == {"a": 0.0, "b": 0.0}
    assert store.add_counts(key, {"a": 2.0}, ttl=60) == {"a": 2.0}


def test_delete_forgets_a_tally(store: Store) -> None:
    """delete removes a tally too."""
    store.add_counts("commentguard:test:gone", {"a": 1.0}, ttl=60)
    store.delete("commentguard:test:gone")
    assert store.counts("commentguard:test:gone", ["a"]) == {"a": 0.0}


def test_add_member_unless_full_matches_the_calls_it_stands_for(store: Store) -> None:
    """A store's own add_member_unless_full gives what the base class's call-by-call one does.

    Each runs on its own keys, through the same sequence: sets that grow, one that reaches
    ``full_at`` and is marked, a mark that is refreshed, members that expire.
    """

    def keys(prefix: str) -> list[tuple[str, str]]:
        return [(f"commentguard:test:{prefix}:{n}", f"commentguard:test:{prefix}:{n}-full")
                for n in range(3)]  # fmt: skip

    steps = [
        ("alice", 60.0, [0, 1]),
        ("bob", 60.0, [0, 1, 2]),
        ("carol", 0.3, [0, 2]),  # set 0 reaches 3 members and is marked full
        ("dave", 60.0, [0, 1, 2]),  # set 0 is full; set 2 reaches 3
        ("alice", 60.0, [1]),  # a member again is no new member
    ]
    for member, ttl, which in steps:
        own = store.add_member_unless_full([keys("own")[n] for n in which], member, ttl, 3)
        reference = Store.add_member_unless_full(
            store, [keys("ref")[n] for n in which], member, ttl, 3
        )
        assert [None if found is None else sorted(found) for found in own] == [
            None if found is None else sorted(found) for found in reference
        ]
    time.sleep(0.45)  # carol's membership ends; the marks live on
    own = store.add_member_unless_full(keys("own"), "frank", 60, 10)
    reference = Store.add_member_unless_full(store, keys("ref"), "frank", 60, 10)
    assert own[0] is None
    assert reference[0] is None
    assert [sorted(found or []) for found in own[1:]] == [
        sorted(found or []) for found in reference[1:]
    ]
    assert store.add_member_unless_full([], "nobody", 60, 3) == []
