"""Where checks keep what they remember: one store per guard, chosen by URL.

``memory://`` (the default) lives in one process; ``sqlite:///path/to/file`` is shared by the
processes of one host; ``redis://host:port/db`` by every host that reaches that Redis. Rate
limits go through the ``limits`` library on the same backend.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from commentguard.stores._base import Store, StoreError, open_store
from commentguard.stores._memory import MemoryStore

if TYPE_CHECKING:
    from commentguard.stores._redis import RedisStore
    from commentguard.stores._sqlite import SQLiteStore

__all__ = ["MemoryStore", "RedisStore", "SQLiteStore", "Store", "StoreError", "open_store"]

_LAZY = {"RedisStore": "commentguard.stores._redis", "SQLiteStore": "commentguard.stores._sqlite"}


def __getattr__(name: str) -> Any:
    # Imported when asked for, as open_store imports them: a guard on memory:// never loads
    # the redis package, whose 26,000 objects every full garbage collection then walks
    # (a 64 KB hostile body cost twice as much with them).
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
