"""The store interface: rate limits, values, sets and tallies that expire."""

from __future__ import annotations

import functools
import threading
import time
from abc import ABC, abstractmethod
from collections.abc import Callable, Collection, Mapping, Sequence
from types import TracebackType
from typing import Any, ClassVar, Self, TypeVar
from urllib.parse import urlsplit

from limits import RateLimitItem
from limits.storage import Storage as LimitsStorage
from limits.strategies import MovingWindowRateLimiter

from commentguard._errors import CommentguardError, ConfigurationError, SettingsError
from commentguard._redaction import redacted, scrubbed

NAMESPACE = "commentguard"
R = TypeVar("R")
Clock = Callable[[], float]
"""What a store reads the time from: seconds since the epoch, like :func:`time.time`."""
_SERVER_CLOCK_SCHEMES = ("redis", "rediss")
_BACKEND_METHODS = (
    "hit", "get", "set", "add", "delete", "add_member", "members", "add_counts", "counts",
    "add_member_unless_full",
)  # fmt: skip


class StoreError(CommentguardError):
    """The store cannot be reached or refused an operation."""


class Store(ABC):
    """What checks remember between submissions. Every entry expires; nothing grows forever.

    Keys are namespaced (``commentguard:<check>:...``) so a Redis database can be shared with
    an application. Implementations are safe to use from several threads, and the SQLite and
    Redis ones from several processes.
    """

    url: str
    in_process: ClassVar[bool] = False
    """Whether the store lives in this process's memory, so no operation can hang on I/O."""

    def __init__(self, url: str) -> None:
        self.url = url
        self._limiter_lock = threading.Lock()
        self._limiter: MovingWindowRateLimiter | None = None

    @property
    @abstractmethod
    def limits_storage(self) -> LimitsStorage:
        """The ``limits`` storage on the same backend."""

    @property
    def backend_errors(self) -> tuple[type[Exception], ...]:
        """Exceptions of the backend that mean it failed (turned into :class:`StoreError`)."""
        return ()

    def __init_subclass__(cls, **kwargs: object) -> None:
        super().__init_subclass__(**kwargs)
        for name in _BACKEND_METHODS:
            if name in vars(cls):
                setattr(cls, name, _translating(getattr(cls, name)))

    def hit(self, limit: RateLimitItem, *identifiers: str) -> bool:
        """Count one event against ``limit`` for ``identifiers``; False when over the limit.

        Uses a moving window, so "1 per 15 seconds" means exactly that, whatever the clock
        reads, and an event refused is not counted.
        """
        with self._limiter_lock:
            if self._limiter is None:
                self._limiter = MovingWindowRateLimiter(self.limits_storage)
        try:
            return self._limiter.hit(limit, *identifiers)
        except self.backend_errors as exc:
            raise _failed(self, exc) from exc

    @abstractmethod
    def get(self, key: str) -> str | None:
        """Return the value stored under ``key`` if it has not expired."""

    @abstractmethod
    def set(self, key: str, value: str, ttl: float) -> None:
        """Store ``value`` under ``key`` for ``ttl`` seconds."""

    @abstractmethod
    def delete(self, key: str) -> None:
        """Forget ``key`` (a value, a set or a tally)."""

    @abstractmethod
    def add(self, key: str, value: str, ttl: float) -> bool:
        """Store ``value`` under ``key`` unless a live value is there; True if stored.

        Atomic: of several processes adding one key at once, exactly one succeeds.
        """

    @abstractmethod
    def add_member(self, key: str, member: str, ttl: float) -> int:
        """Add ``member`` to the set ``key`` for ``ttl`` seconds; return how many are in it.

        Each member expires on its own, so the count is "distinct members seen in the last
        ``ttl`` seconds". Adding and counting happen atomically.
        """

    @abstractmethod
    def members(self, key: str) -> list[str]:
        """The members of the set ``key`` that have not expired."""

    def add_member_unless_full(
        self, keys: Sequence[tuple[str, str]], member: str, ttl: float, full_at: int
    ) -> list[list[str] | None]:
        """Add ``member`` to many sets that each stop growing at ``full_at`` members.

        For each ``(key, full_key)`` in order: when ``full_key`` holds a live mark, refresh
        the mark for ``ttl`` seconds and give ``None``; else add ``member`` to the set ``key``
        (:meth:`add_member`), and when that makes ``full_at`` members or more, mark
        ``full_key`` for ``ttl`` seconds and give ``None``; else give the set's live
        :meth:`members`. So a set many senders share costs what a small one does.

        The default makes those calls one by one (it is the reference a store's own version
        is tested against); a store that can do them in one round trip overrides it.
        """
        found: list[list[str] | None] = []
        for key, full_key in keys:
            if self.get(full_key) is not None or self.add_member(key, member, ttl) >= full_at:
                self.set(full_key, "1", ttl)
                found.append(None)
            else:
                found.append(self.members(key))
        return found

    @abstractmethod
    def add_counts(self, key: str, amounts: Mapping[str, float], ttl: float) -> dict[str, float]:
        """Add each amount to its field of the tally ``key``; return the fields' new values.

        A tally is a table of numbers by field, for models kept in the store (a learning
        check's token counts). Each field is added to atomically, so several processes can
        learn at once without losing updates. The whole tally expires ``ttl`` seconds after
        its last addition; an expired tally starts again from zero.
        """

    @abstractmethod
    def counts(self, key: str, fields: Collection[str]) -> dict[str, float]:
        """The values of ``fields`` in the tally ``key``; 0.0 for a field never added to."""

    def close(self) -> None:  # noqa: B027 - most stores have nothing to release
        """Release connections."""

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {redacted(self.url)!r}>"


def _translating(method: Callable[..., R]) -> Callable[..., R]:
    """Wrap a store method so backend failures surface as :class:`StoreError`."""

    @functools.wraps(method)
    def wrapper(self: Store, *args: Any, **kwargs: Any) -> R:
        try:
            return method(self, *args, **kwargs)
        except StoreError:
            raise
        except self.backend_errors as exc:
            raise _failed(self, exc) from exc

    return wrapper


def _failed(store: Store, error: Exception) -> StoreError:
    problem = scrubbed(str(error), store.url)
    return StoreError(f"the store {store!r} failed: {type(error).__name__}: {problem}")


def key(*parts: str) -> str:
    """Build a namespaced key: ``commentguard:part:part``."""
    return ":".join((NAMESPACE, *parts))


def open_store(url: str, *, clock: Clock | None = None) -> Store:
    """Open the store ``url`` names.

    Args:
        url: ``memory://``, ``sqlite:///path/to/file`` or ``redis://host:port/db``.
        clock: What the store's expiry and rate limits read the time from, instead of
            :func:`time.time`: a test passes a :class:`~commentguard.testing.FakeClock` and
            moves it rather than sleeping. The memory and SQLite stores take one; a Redis
            store keeps time on the server, whose clock no client can move.

    Raises:
        SettingsError: for an unknown scheme or a malformed URL (the message names ``store``).
        ValueError: ``clock`` given for a Redis store.
    """
    if clock is not None and urlsplit(url).scheme in _SERVER_CLOCK_SCHEMES:
        raise ValueError(
            "a Redis store keeps time on the server's clock and takes no clock; "
            "test its expiry by the TTL it sets (PTTL)"
        )
    try:
        return _open(url, clock)
    except (SettingsError, ConfigurationError):
        raise
    except ValueError as exc:
        raise SettingsError(
            f"store: {redacted(url)!r} is not a valid store URL: {scrubbed(str(exc), url)}"
        ) from None
    except Exception as exc:  # the backend refused to open (a directory, no permission...)
        problem = scrubbed(str(exc), url)
        raise StoreError(
            f"the store {redacted(url)!r} cannot be opened: {type(exc).__name__}: {problem}"
        ) from exc


def _open(url: str, clock: Clock | None) -> Store:
    scheme = urlsplit(url).scheme
    clock = clock if clock is not None else time.time
    if scheme == "memory":
        from commentguard.stores._memory import MemoryStore

        return MemoryStore(url, clock=clock)
    if scheme == "sqlite":
        from commentguard.stores._sqlite import SQLiteStore

        return SQLiteStore(url, clock=clock)
    if scheme in _SERVER_CLOCK_SCHEMES:
        from commentguard.stores._redis import RedisStore

        return RedisStore(url)
    raise SettingsError(
        f"store: unknown store {redacted(url)!r}; use memory://, sqlite:///path/to/file or "
        "redis://host:port/db"
    )
