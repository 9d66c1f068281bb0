"""Where checks keep what they remember: one store per guard, chosen by URL.

``memory://`` (the default) lives in one process; ``sqlite:///path/to/file`` is shared by the
processes of one host; ``redis://host:port/db`` by every host that reaches that Redis. Rate
limits go through the ``limits`` library on the same backend.
"""

from commentguard.stores._base import Store, StoreError, open_store
from commentguard.stores._memory import MemoryStore
from commentguard.stores._redis import RedisStore
from commentguard.stores._sqlite import SQLiteStore

__all__ = ["MemoryStore", "RedisStore", "SQLiteStore", "Store", "StoreError", "open_store"]
