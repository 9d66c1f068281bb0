"""Where checks keep what they remember: one store per guard, chosen by URL.

``memory://`` (the default) lives in one process; ``sqlite:///path/to/file`` is shared by the
processes of one host; ``redis://host:port/db`` by every host that reaches that Redis. Rate
limits go through the ``limits`` library on the same backend.
"""

from commentguard.stores.base import Store, StoreError, open_store

__all__ = ["Store", "StoreError", "open_store"]
