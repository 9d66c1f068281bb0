"""The SQLite store (``sqlite:///path/to/file``): several processes on one host.

The database runs in WAL mode, so readers never wait for a writer, and every read-modify-write
happens in a ``BEGIN IMMEDIATE`` transaction, so concurrent writers take turns instead of
losing updates. Each thread of each process opens its own connection.
"""

from __future__ import annotations

import os
import sqlite3
import threading
import time
from collections.abc import Collection, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import unquote, urlsplit

from limits import RateLimitItem
from limits.storage import MovingWindowSupport
from limits.storage import Storage as LimitsStorage

from commentguard._errors import SettingsError
from commentguard._redaction import redacted
from commentguard.stores._base import Clock, Store

_SCHEMA = """
CREATE TABLE IF NOT EXISTS kv (key TEXT PRIMARY KEY, value TEXT NOT NULL, expires REAL NOT NULL);
CREATE TABLE IF NOT EXISTS members (
    key TEXT NOT NULL, member TEXT NOT NULL, expires REAL NOT NULL, PRIMARY KEY (key, member)
);
CREATE TABLE IF NOT EXISTS counters (
    key TEXT PRIMARY KEY, value INTEGER NOT NULL, expires REAL NOT NULL
);
CREATE TABLE IF NOT EXISTS tally_keys (key TEXT PRIMARY KEY, expires REAL NOT NULL);
CREATE TABLE IF NOT EXISTS tallies (
    key TEXT NOT NULL, field TEXT NOT NULL, value REAL NOT NULL, PRIMARY KEY (key, field)
);
CREATE TABLE IF NOT EXISTS events (key TEXT NOT NULL, at REAL NOT NULL, expires REAL NOT NULL);
CREATE INDEX IF NOT EXISTS events_by_key ON events (key, at);
CREATE INDEX IF NOT EXISTS kv_by_expiry ON kv (expires);
CREATE INDEX IF NOT EXISTS members_by_expiry ON members (expires);
CREATE INDEX IF NOT EXISTS events_by_expiry ON events (expires);
CREATE INDEX IF NOT EXISTS tally_keys_by_expiry ON tally_keys (expires);
"""
_SWEEP_EVERY = 512  # writes between deletions of expired rows
_INHERITED: list[sqlite3.Connection] = []  # connections a forked child must leave alone
_BUSY_TIMEOUT_SECONDS = 30.0
_FIELDS_PER_QUERY = 500  # well under SQLite's limit on bound parameters


def database_path(url: str) -> Path:
    """The file a URL names, as SQLAlchemy reads them.

    ``sqlite:///comments.db`` is relative to the working directory, ``sqlite:////var/lib/x.db``
    (four slashes) is absolute.
    """
    parts = urlsplit(url)
    path = unquote(parts.path)
    if parts.netloc or len(path) < 2:
        raise SettingsError(f"store: {redacted(url)!r} should look like sqlite:///path/to/file.db")
    return Path(path[1:])


def _create_private(path: Path) -> None:
    """Create the database file readable and writable by its owner only, unless it exists.

    The file holds keyed hashes of who commented, so it is no one else's business; SQLite gives
    the ``-wal`` and ``-shm`` files the database file's permissions, so they follow. An existing
    file keeps the permissions its owner chose (a group of workers may share it).
    """
    try:
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return
    os.close(descriptor)


class _Connections:
    """One connection per thread and process, opened on first use."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._local = threading.local()

    def get(self) -> sqlite3.Connection:
        connection: sqlite3.Connection | None = getattr(self._local, "connection", None)
        if connection is not None and getattr(self._local, "pid", None) != os.getpid():
            # Inherited across a fork: never use it, and never close it here either (closing
            # would touch the parent's database handles); keep it from being collected.
            _INHERITED.append(connection)
            connection = None
        if connection is None:
            connection = sqlite3.connect(
                self.path, timeout=_BUSY_TIMEOUT_SECONDS, isolation_level=None
            )
            connection.execute("PRAGMA journal_mode=WAL")
            connection.execute("PRAGMA synchronous=NORMAL")
            self._local.connection, self._local.pid = connection, os.getpid()
        return connection

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        connection = self.get()
        connection.execute("BEGIN IMMEDIATE")
        try:
            yield connection
        except BaseException:
            connection.execute("ROLLBACK")
            raise
        connection.execute("COMMIT")

    def close(self) -> None:
        connection = getattr(self._local, "connection", None)
        if connection is not None and getattr(self._local, "pid", None) == os.getpid():
            connection.close()
        self._local = threading.local()


class SQLiteLimitsStorage(LimitsStorage, MovingWindowSupport):
    """A ``limits`` storage on the same SQLite file (``limits`` ships none for SQLite).

    Supports the fixed and the moving window strategies; the moving window keeps one row per
    accepted event and deletes rows once they are older than the window.
    """

    STORAGE_SCHEME = ["commentguard+sqlite"]  # noqa: RUF012 - limits declares it a list

    def __init__(self, connections: _Connections, clock: Clock = time.time) -> None:
        super().__init__()
        self._connections = connections
        self._clock = clock

    @property
    def base_exceptions(self) -> type[Exception]:
        """What SQLite raises."""
        return sqlite3.Error

    def incr(self, key: str, expiry: float, amount: int = 1) -> int:
        """Fixed window: add ``amount`` to the counter, starting a new window if it expired."""
        now = self._clock()
        with self._connections.transaction() as db:
            row = db.execute("SELECT value, expires FROM counters WHERE key = ?", (key,)).fetchone()
            if row is None or row[1] <= now:
                value, expires = amount, now + expiry
            else:
                value, expires = row[0] + amount, row[1]
            db.execute(
                "INSERT OR REPLACE INTO counters (key, value, expires) VALUES (?, ?, ?)",
                (key, value, expires),
            )
        return int(value)

    def get(self, key: str) -> int:
        """Fixed window: the counter's value, 0 once expired."""
        query = "SELECT value FROM counters WHERE key = ? AND expires > ?"
        row = self._connections.get().execute(query, (key, self._clock())).fetchone()
        return int(row[0]) if row else 0

    def get_expiry(self, key: str) -> float:
        """Fixed window: when the counter expires."""
        row = (
            self._connections.get()
            .execute("SELECT expires FROM counters WHERE key = ?", (key,))
            .fetchone()
        )
        return float(row[0]) if row else self._clock()

    def check(self) -> bool:
        """Whether the database answers."""
        try:
            self._connections.get().execute("SELECT 1").fetchone()
        except sqlite3.Error:
            return False
        return True

    def reset(self) -> int | None:
        """Forget every limit."""
        with self._connections.transaction() as db:
            removed = db.execute("DELETE FROM counters").rowcount
            removed += db.execute("DELETE FROM events").rowcount
        return removed

    def clear(self, key: str) -> None:
        """Forget one limit."""
        with self._connections.transaction() as db:
            db.execute("DELETE FROM counters WHERE key = ?", (key,))
            db.execute("DELETE FROM events WHERE key = ?", (key,))

    def acquire_entry(self, key: str, limit: int, expiry: int, amount: int = 1) -> bool:
        """Moving window: record ``amount`` events unless that would exceed ``limit``."""
        if amount > limit:
            return False
        now = self._clock()
        with self._connections.transaction() as db:
            db.execute("DELETE FROM events WHERE key = ? AND at <= ?", (key, now - expiry))
            (count,) = db.execute("SELECT COUNT(*) FROM events WHERE key = ?", (key,)).fetchone()
            if count + amount > limit:
                return False
            db.executemany(
                "INSERT INTO events (key, at, expires) VALUES (?, ?, ?)",
                [(key, now, now + expiry)] * amount,
            )
        return True

    def get_moving_window(self, key: str, limit: int, expiry: int) -> tuple[float, int]:
        """Moving window: the oldest event in the window and how many there are."""
        now = self._clock()
        oldest, count = (
            self._connections.get()
            .execute(
                "SELECT MIN(at), COUNT(*) FROM events WHERE key = ? AND at > ?",
                (key, now - expiry),
            )
            .fetchone()
        )
        return (float(oldest) if oldest is not None else now), int(count)


class SQLiteStore(Store):
    """A store in one SQLite file, safe for many processes on one host.

    Args:
        url: ``sqlite:///path/to/file`` (see :func:`database_path`).
        clock: What expiry and rate limits read the time from, in seconds since the epoch; a
            test passes a :class:`~commentguard.testing.FakeClock` to move time instead of
            sleeping. Every process sharing one file must read the same time.
    """

    def __init__(self, url: str, *, clock: Clock = time.time) -> None:
        super().__init__(url)
        self.clock = clock
        self.path = database_path(url)
        if not self.path.parent.is_dir():
            raise SettingsError(f"store: the directory of {str(self.path)!r} does not exist")
        _create_private(self.path)
        self._connections = _Connections(self.path)
        self._connections.get().executescript(_SCHEMA)
        # No connection may cross a fork (gunicorn --preload): each process opens its own.
        self._connections.close()
        self._limits = SQLiteLimitsStorage(self._connections, clock)
        self._writes = 0

    @property
    def limits_storage(self) -> LimitsStorage:
        """The ``limits`` storage on this file."""
        return self._limits

    @property
    def backend_errors(self) -> tuple[type[Exception], ...]:
        """What sqlite3 raises."""
        return (sqlite3.Error,)

    def hit(self, limit: RateLimitItem, *identifiers: str) -> bool:
        """Count one event (see :meth:`Store.hit`); rate-limit rows are swept like the rest."""
        admitted = super().hit(limit, *identifiers)
        self._wrote()
        return admitted

    def get(self, key: str) -> str | None:
        """Return the value under ``key`` if it has not expired."""
        row = (
            self._connections.get()
            .execute("SELECT value FROM kv WHERE key = ? AND expires > ?", (key, self.clock()))
            .fetchone()
        )
        return str(row[0]) if row else None

    def set(self, key: str, value: str, ttl: float) -> None:
        """Store ``value`` for ``ttl`` seconds."""
        with self._connections.transaction() as db:
            db.execute(
                "INSERT OR REPLACE INTO kv (key, value, expires) VALUES (?, ?, ?)",
                (key, value, self.clock() + ttl),
            )
        self._wrote()

    def add(self, key: str, value: str, ttl: float) -> bool:
        """Store ``value`` unless a live one is there, in one transaction."""
        now = self.clock()
        with self._connections.transaction() as db:
            row = db.execute(
                "SELECT 1 FROM kv WHERE key = ? AND expires > ?", (key, now)
            ).fetchone()
            if row is not None:
                return False
            db.execute(
                "INSERT OR REPLACE INTO kv (key, value, expires) VALUES (?, ?, ?)",
                (key, value, now + ttl),
            )
        self._wrote()
        return True

    def delete(self, key: str) -> None:
        """Forget ``key``."""
        with self._connections.transaction() as db:
            db.execute("DELETE FROM kv WHERE key = ?", (key,))
            db.execute("DELETE FROM members WHERE key = ?", (key,))
            db.execute("DELETE FROM tally_keys WHERE key = ?", (key,))
            db.execute("DELETE FROM tallies WHERE key = ?", (key,))

    def add_member(self, key: str, member: str, ttl: float) -> int:
        """Add ``member`` for ``ttl`` seconds and count the members still alive, atomically."""
        now = self.clock()
        with self._connections.transaction() as db:
            db.execute("DELETE FROM members WHERE key = ? AND expires <= ?", (key, now))
            db.execute(
                "INSERT OR REPLACE INTO members (key, member, expires) VALUES (?, ?, ?)",
                (key, member, now + ttl),
            )
            (count,) = db.execute("SELECT COUNT(*) FROM members WHERE key = ?", (key,)).fetchone()
        self._wrote()
        return int(count)

    def members(self, key: str) -> list[str]:
        """The members of ``key`` still alive."""
        query = "SELECT member FROM members WHERE key = ? AND expires > ?"
        rows = self._connections.get().execute(query, (key, self.clock())).fetchall()
        return [str(row[0]) for row in rows]

    def add_counts(self, key: str, amounts: Mapping[str, float], ttl: float) -> dict[str, float]:
        """Add to the tally's fields and refresh its expiry, in one transaction."""
        now = self.clock()
        new_values: dict[str, float] = {}
        with self._connections.transaction() as db:
            row = db.execute("SELECT expires FROM tally_keys WHERE key = ?", (key,)).fetchone()
            if row is not None and row[0] <= now:  # expired: start again from zero
                db.execute("DELETE FROM tallies WHERE key = ?", (key,))
            db.execute(
                "INSERT OR REPLACE INTO tally_keys (key, expires) VALUES (?, ?)", (key, now + ttl)
            )
            for field, amount in amounts.items():
                (value,) = db.execute(
                    "INSERT INTO tallies (key, field, value) VALUES (?, ?, ?) "
                    "ON CONFLICT (key, field) DO UPDATE SET value = value + excluded.value "
                    "RETURNING value",
                    (key, field, float(amount)),
                ).fetchone()
                new_values[field] = float(value)
        self._wrote()
        return new_values

    def counts(self, key: str, fields: Collection[str]) -> dict[str, float]:
        """The values of ``fields`` (0.0 for those never added to, or once the tally expired)."""
        wanted = list(dict.fromkeys(fields))
        found = dict.fromkeys(wanted, 0.0)
        db = self._connections.get()
        alive = db.execute(
            "SELECT 1 FROM tally_keys WHERE key = ? AND expires > ?", (key, self.clock())
        ).fetchone()
        if alive is None:
            return found
        for start in range(0, len(wanted), _FIELDS_PER_QUERY):
            chunk = wanted[start : start + _FIELDS_PER_QUERY]
            marks = ", ".join("?" * len(chunk))
            rows = db.execute(
                f"SELECT field, value FROM tallies WHERE key = ? AND field IN ({marks})",  # noqa: S608 - only placeholders are interpolated
                (key, *chunk),
            )
            found.update((str(field), float(value)) for field, value in rows)
        return found

    def close(self) -> None:
        """Close this thread's connection."""
        self._connections.close()

    def _wrote(self) -> None:
        self._writes += 1
        if self._writes % _SWEEP_EVERY:
            return
        now = self.clock()
        with self._connections.transaction() as db:
            db.execute("DELETE FROM kv WHERE expires <= ?", (now,))
            db.execute("DELETE FROM members WHERE expires <= ?", (now,))
            db.execute("DELETE FROM counters WHERE expires <= ?", (now,))
            db.execute("DELETE FROM events WHERE expires <= ?", (now,))
            db.execute(
                "DELETE FROM tallies WHERE key IN (SELECT key FROM tally_keys WHERE expires <= ?)",
                (now,),
            )
            db.execute("DELETE FROM tally_keys WHERE expires <= ?", (now,))
