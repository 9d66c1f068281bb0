"""The Redis store (``redis://host:port/db``): every process on every host that reaches it."""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from typing import Any

from limits.storage import RedisStorage
from limits.storage import Storage as LimitsStorage

from commentguard._errors import ConfigurationError
from commentguard.stores._base import Store

try:
    import redis
except ImportError:  # pragma: no cover - exercised only without the extra
    redis = None  # type: ignore[assignment] # the module's name stands for None without the extra

# The server's clock, not each host's: members expire on one timeline however hosts drift.
_ADD_MEMBER = """
local time = redis.call('TIME')
local now = tonumber(time[1]) + tonumber(time[2]) / 1000000
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
redis.call('ZADD', KEYS[1], now + tonumber(ARGV[3]), ARGV[1])
local ttl = math.ceil(tonumber(ARGV[3]) * 1000)
if redis.call('PTTL', KEYS[1]) < ttl then redis.call('PEXPIRE', KEYS[1], ttl) end
return redis.call('ZCARD', KEYS[1])
"""

# Store.add_member_unless_full in one round trip: KEYS are (set, mark) pairs; ARGV the member,
# the ttl and full_at. A false in the reply is a set that is full (None to the caller).
_ADD_MEMBER_UNLESS_FULL = """
local time = redis.call('TIME')
local now = tonumber(time[1]) + tonumber(time[2]) / 1000000
local ttl = tonumber(ARGV[2])
local mark_ms = math.max(math.floor(ttl * 1000), 1)
local set_ms = math.ceil(ttl * 1000)
local full_at = tonumber(ARGV[3])
local found = {}
for i = 1, #KEYS, 2 do
  local key, mark = KEYS[i], KEYS[i + 1]
  local full = redis.call('EXISTS', mark) == 1
  if not full then
    redis.call('ZREMRANGEBYSCORE', key, '-inf', now)
    redis.call('ZADD', key, now + ttl, ARGV[1])
    if redis.call('PTTL', key) < set_ms then redis.call('PEXPIRE', key, set_ms) end
    full = redis.call('ZCARD', key) >= full_at
  end
  if full then
    redis.call('SET', mark, '1', 'PX', mark_ms)
    found[#found + 1] = false
  else
    found[#found + 1] = redis.call('ZRANGEBYSCORE', key, now, '+inf')
  end
end
return found
"""


class RedisStore(Store):
    """Values with expiry, sets as sorted sets scored by expiry, limits through ``limits``."""

    def __init__(self, url: str, *, socket_timeout: float = 2.0) -> None:
        if redis is None:
            raise ConfigurationError(
                "the Redis store needs the redis package: pip install 'commentguard[redis]'"
            )
        super().__init__(url)
        options: dict[str, Any] = {
            "socket_timeout": socket_timeout,
            "socket_connect_timeout": socket_timeout,
        }
        self._client = redis.Redis.from_url(url, decode_responses=True, **options)
        # Rate-limit keys live under commentguard: like every other key (commentguard:limits:...)
        self._limits = RedisStorage(url, key_prefix="commentguard:limits", **options)
        self._add_member = self._client.register_script(_ADD_MEMBER)
        self._add_member_unless_full = self._client.register_script(_ADD_MEMBER_UNLESS_FULL)

    @property
    def limits_storage(self) -> LimitsStorage:
        """``limits``' Redis storage on the same server."""
        return self._limits

    @property
    def backend_errors(self) -> tuple[type[Exception], ...]:
        """What redis-py raises."""
        return (redis.RedisError,)

    def get(self, key: str) -> str | None:
        """Return the value under ``key`` (Redis expires it)."""
        value = self._client.get(key)
        return None if value is None else str(value)

    def set(self, key: str, value: str, ttl: float) -> None:
        """Store ``value`` for ``ttl`` seconds."""
        self._client.set(key, value, px=max(int(ttl * 1000), 1))

    def add(self, key: str, value: str, ttl: float) -> bool:
        """Store ``value`` unless a value is there (``SET NX``)."""
        return bool(self._client.set(key, value, px=max(int(ttl * 1000), 1), nx=True))

    def delete(self, key: str) -> None:
        """Forget ``key``."""
        self._client.delete(key)

    def add_member(self, key: str, member: str, ttl: float) -> int:
        """Add ``member`` for ``ttl`` seconds and count the members alive, in one script."""
        return int(self._add_member(keys=[key], args=[member, 0, ttl]))

    def add_member_unless_full(
        self, keys: Sequence[tuple[str, str]], member: str, ttl: float, full_at: int
    ) -> list[list[str] | None]:
        """:meth:`Store.add_member_unless_full` in one script: one round trip for every set.

        The sets and marks are several keys, so on Redis Cluster they would have to share a
        hash slot; commentguard connects to one server.
        """
        if not keys:
            return []
        flat = [name for pair in keys for name in pair]
        found = self._add_member_unless_full(keys=flat, args=[member, ttl, full_at])
        return [None if members is None else [str(m) for m in members] for members in found]

    def members(self, key: str) -> list[str]:
        """The members of ``key`` still alive (scored by their expiry, on the server's clock)."""
        seconds, micros = self._client.time()
        now = seconds + micros / 1_000_000
        return [str(member) for member in self._client.zrangebyscore(key, now, "+inf")]

    def add_counts(self, key: str, amounts: Mapping[str, float], ttl: float) -> dict[str, float]:
        """Add to the hash's fields (``HINCRBYFLOAT``) and refresh its expiry, in one MULTI."""
        if not amounts:
            return {}
        with self._client.pipeline(transaction=True) as pipe:
            for field, amount in amounts.items():
                pipe.hincrbyfloat(key, field, float(amount))
            pipe.pexpire(key, max(int(ttl * 1000), 1))
            results = pipe.execute()
        return {field: float(value) for field, value in zip(amounts, results, strict=False)}

    def counts(self, key: str, fields: Collection[str]) -> dict[str, float]:
        """The values of ``fields`` (``HMGET``), 0.0 for those never added to."""
        wanted = list(dict.fromkeys(fields))
        if not wanted:
            return {}
        values = self._client.hmget(key, wanted)
        return {
            field: float(value) if value is not None else 0.0
            for field, value in zip(wanted, values, strict=True)
        }

    def close(self) -> None:
        """Close the connection pools: the store's and the one ``limits`` opened."""
        self._client.close()
        self._limits.storage.close()
