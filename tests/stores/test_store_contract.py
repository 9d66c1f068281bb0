"""Every store keeps the same promises: expiry, sets, exact moving-window limits.

Expiry is tested on a :class:`~commentguard.testing.FakeClock` that the test moves, for the
memory and SQLite stores. Redis expires keys on the server's clock, which no client can move:
its tests assert the time to live the store set (``PTTL``, a member's expiry score) and read
members that expired by writing them with an expiry already past, rather than sleeping.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import redis
from limits import parse

from commentguard import SettingsError
from commentguard.stores import Store, open_store
from commentguard.testing import FakeClock


@pytest.fixture
def redis_store(redis_url: str) -> Iterator[Store]:
    redis.Redis.from_url(redis_url).flushdb()
    with open_store(redis_url) as opened:
        yield opened


@pytest.fixture
def server(redis_url: str) -> Iterator[redis.Redis]:
    """A client of the Redis server the store writes to, to read what it set."""
    with redis.Redis.from_url(redis_url, decode_responses=True) as client:
        yield client


def server_now(client: redis.Redis) -> float:
    seconds, micros = client.time()
    return seconds + micros / 1_000_000


def test_values_expire(clocked_store: Store, clock: FakeClock) -> None:
    """A value is there until its time to live passes, then gone."""
    store = clocked_store
    store.set("commentguard:test:a", "one", ttl=0.3)
    assert store.get("commentguard:test:a") == "one"
    assert store.get("commentguard:test:missing") is None
    clock.advance(0.299)
    assert store.get("commentguard:test:a") == "one"
    clock.advance(0.001)
    assert store.get("commentguard:test:a") is None


def test_an_expired_value_can_be_added_again(clocked_store: Store, clock: FakeClock) -> None:
    """add refuses while a value lives and succeeds once it has expired."""
    assert clocked_store.add("commentguard:test:once", "first", ttl=10)
    assert not clocked_store.add("commentguard:test:once", "second", ttl=10)
    clock.advance(10)
    assert clocked_store.add("commentguard:test:once", "third", ttl=10)
    assert clocked_store.get("commentguard:test:once") == "third"


def test_redis_values_carry_their_time_to_live(redis_store: Store, server: redis.Redis) -> None:
    """set and add give the key the TTL asked for, in milliseconds; Redis expires it."""
    redis_store.set("commentguard:test:a", "one", ttl=0.3)
    assert redis_store.add("commentguard:test:b", "two", ttl=0.3)
    assert not redis_store.add("commentguard:test:b", "again", ttl=0.3)
    assert redis_store.get("commentguard:test:a") == "one"
    assert redis_store.get("commentguard:test:missing") is None
    assert 0 < server.pttl("commentguard:test:a") <= 300
    assert 0 < server.pttl("commentguard:test:b") <= 300


def test_delete_forgets(store: Store) -> None:
    """delete removes a value and a set."""
    store.set("commentguard:test:b", "x", ttl=60)
    store.add_member("commentguard:test:b-set", "m", ttl=60)
    store.delete("commentguard:test:b")
    store.delete("commentguard:test:b-set")
    assert store.get("commentguard:test:b") is None
    assert store.members("commentguard:test:b-set") == []


def test_sets_count_distinct_members(store: Store) -> None:
    """add_member counts distinct live members, on every backend."""
    key = "commentguard:test:set"
    assert store.add_member(key, "alice", ttl=60) == 1
    assert store.add_member(key, "bob", ttl=60) == 2
    assert store.add_member(key, "alice", ttl=60) == 2
    assert sorted(store.members(key)) == ["alice", "bob"]


def test_each_member_expires_on_its_own(clocked_store: Store, clock: FakeClock) -> None:
    """A member is counted until its own time to live passes; the others stay."""
    store, key = clocked_store, "commentguard:test:set"
    assert store.add_member(key, "alice", ttl=0.3) == 1
    assert store.add_member(key, "bob", ttl=60) == 2
    clock.advance(0.2)
    assert store.add_member(key, "alice", ttl=0.3) == 2  # alice's expiry starts again
    clock.advance(0.2)
    assert sorted(store.members(key)) == ["alice", "bob"]
    clock.advance(0.1)
    assert store.members(key) == ["bob"]
    assert store.add_member(key, "carol", ttl=60) == 2


def test_redis_members_expire_on_the_servers_clock(redis_store: Store, server: redis.Redis) -> None:
    """Each member is scored with its expiry on the server's clock, and the set's key lives as
    long as its longest-lived member; a member whose expiry has passed is neither listed nor
    counted (one is written already expired, since the server's clock cannot be moved)."""
    key = "commentguard:test:set"
    before = server_now(server)
    assert redis_store.add_member(key, "alice", ttl=0.3) == 1
    assert redis_store.add_member(key, "bob", ttl=60) == 2
    after = server_now(server)
    alice, bob = server.zscore(key, "alice"), server.zscore(key, "bob")
    assert alice is not None
    assert bob is not None
    assert before + 0.3 <= alice <= after + 0.3
    assert before + 60 <= bob <= after + 60
    assert 59_000 < server.pttl(key) <= 60_000
    server.zadd(key, {"alice": before - 1})  # alice's time to live has passed
    assert redis_store.members(key) == ["bob"]
    assert redis_store.add_member(key, "carol", ttl=60) == 2
    assert server.zscore(key, "alice") is None  # and adding swept her away


def test_moving_window_limit_is_exact(store: Store) -> None:
    """3 per 1 second admits exactly 3 and refuses the rest, per identifier, on every backend."""
    limit = parse("3 per 1 second")
    assert [store.hit(limit, "test", "ip") for _ in range(5)] == [True] * 3 + [False] * 2
    assert store.hit(limit, "test", "other-ip")


def test_the_window_moves(clocked_store: Store, clock: FakeClock) -> None:
    """Each event leaves the window one window after it happened, not all at once."""
    store, limit = clocked_store, parse("3 per 1 second")
    assert store.hit(limit, "test", "ip")
    clock.advance(0.5)
    assert [store.hit(limit, "test", "ip") for _ in range(3)] == [True, True, False]
    clock.advance(0.5)  # the first event has left the window, the other two have not
    assert [store.hit(limit, "test", "ip") for _ in range(2)] == [True, False]
    clock.advance(0.5)
    assert [store.hit(limit, "test", "ip") for _ in range(3)] == [True, True, False]


def test_redis_limits_expire_with_their_window(redis_store: Store, server: redis.Redis) -> None:
    """The ``limits`` key of a window lives as long as the window, and no longer."""
    limit = parse("3 per 1 second")
    assert [redis_store.hit(limit, "test", "ip") for _ in range(4)] == [True] * 3 + [False]
    keys = list(server.scan_iter("commentguard:limits:*"))
    assert len(keys) == 1
    assert 0 < server.pttl(keys[0]) <= 1_000


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


def test_tallies_expire_as_a_whole_and_restart_from_zero(
    clocked_store: Store, clock: FakeClock
) -> None:
    """A tally expires ttl after its last addition; adding after that starts from zero."""
    store, key = clocked_store, "commentguard:test:tally-ttl"
    store.add_counts(key, {"a": 1.0}, ttl=0.3)
    clock.advance(0.2)
    store.add_counts(key, {"b": 1.0}, ttl=0.3)  # refreshes the whole tally
    clock.advance(0.2)
    assert store.counts(key, ["a", "b"]) == {"a": 1.0, "b": 1.0}
    clock.advance(0.1)
    assert store.counts(key, ["a", "b"]) == {"a": 0.0, "b": 0.0}
    assert store.add_counts(key, {"a": 2.0}, ttl=60) == {"a": 2.0}


def test_a_redis_tally_lives_ttl_after_its_last_addition(
    redis_store: Store, server: redis.Redis
) -> None:
    """Each addition sets the whole hash's TTL, so the last one decides when it expires."""
    key = "commentguard:test:tally-ttl"
    redis_store.add_counts(key, {"a": 1.0}, ttl=60)
    assert 59_000 < server.pttl(key) <= 60_000
    redis_store.add_counts(key, {"b": 1.0}, ttl=0.3)
    assert 0 < server.pttl(key) <= 300
    assert redis_store.counts(key, ["a", "b"]) == {"a": 1.0, "b": 1.0}


@pytest.mark.parametrize("url", ["redis://127.0.0.1:6379/0", "rediss://cache.example:6380/1"])
def test_a_clock_is_refused_for_redis(url: str) -> None:
    """A Redis store keeps time on the server: a clock it would not read is an error, before
    any connection is made."""
    with pytest.raises(ValueError, match="server's clock"):
        open_store(url, clock=FakeClock())


def test_delete_forgets_a_tally(store: Store) -> None:
    """delete removes a tally too."""
    store.add_counts("commentguard:test:gone", {"a": 1.0}, ttl=60)
    store.delete("commentguard:test:gone")
    assert store.counts("commentguard:test:gone", ["a"]) == {"a": 0.0}


def test_add_member_unless_full_matches_the_calls_it_stands_for(
    clocked_store: Store, clock: FakeClock
) -> None:
    """A store's own add_member_unless_full gives what the base class's call-by-call one does.

    Each runs on its own keys, through the same sequence: sets that grow, one that reaches
    ``full_at`` and is marked, a mark that is refreshed, members that expire (in a marked set
    and in one that is not). (Redis runs the base class's, so there is nothing to compare
    there.)
    """
    store = clocked_store

    def keys(prefix: str) -> list[tuple[str, str]]:
        return [(f"commentguard:test:{prefix}:{n}", f"commentguard:test:{prefix}:{n}-full")
                for n in range(4)]  # fmt: skip

    steps = [
        ("alice", 60.0, [0, 1]),
        ("bob", 60.0, [0, 1, 2]),
        ("carol", 0.3, [0, 2, 3]),  # set 0 reaches 3 members and is marked full
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
    clock.advance(0.45)  # carol's membership ends; the marks live on
    own = store.add_member_unless_full(keys("own"), "frank", 60, 10)
    reference = Store.add_member_unless_full(store, keys("ref"), "frank", 60, 10)
    assert own[0] is None
    assert reference[0] is None
    assert own[3] == reference[3] == ["frank"]  # set 3 held only carol, now gone
    assert [sorted(found or []) for found in own[1:]] == [
        sorted(found or []) for found in reference[1:]
    ]
    assert store.add_member_unless_full([], "nobody", 60, 3) == []


def test_redis_add_member_unless_full_is_the_base_calls_in_one_script(
    redis_store: Store, server: redis.Redis
) -> None:
    """Redis's one-script version gives what the base class's calls give, and sets the TTLs.

    Expiry is the server's to run: the members' scores and the marks' PTTL are read instead.
    """

    def keys(prefix: str) -> list[tuple[str, str]]:
        return [(f"commentguard:test:{prefix}:{n}", f"commentguard:test:{prefix}:{n}-full")
                for n in range(4)]  # fmt: skip

    steps = [("alice", [0, 1]), ("bob", [0, 1, 2]), ("carol", [0, 2]), ("dave", [0, 1, 2])]
    steps += [("alice", [1]), ("erin", [0])]
    for member, which in steps:
        own = redis_store.add_member_unless_full([keys("own")[n] for n in which], member, 60, 3)
        reference = Store.add_member_unless_full(
            redis_store, [keys("ref")[n] for n in which], member, 60, 3
        )
        assert [None if found is None else sorted(found) for found in own] == [
            None if found is None else sorted(found) for found in reference
        ]
    assert server.get("commentguard:test:own:0-full") == "1"  # alice, bob, carol: full
    assert 59_000 < server.pttl("commentguard:test:own:0-full") <= 60_000
    now = server_now(server)
    scores = dict(server.zrange("commentguard:test:own:1", 0, -1, withscores=True))
    assert sorted(scores) == ["alice", "bob", "dave"]
    assert all(now + 59 < score <= now + 60 for score in scores.values())
    assert 59_000 < server.pttl("commentguard:test:own:1") <= 60_000
    assert redis_store.add_member_unless_full([], "nobody", 60, 3) == []
