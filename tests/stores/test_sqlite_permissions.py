"""The SQLite store's files are the application's alone: created 0600, -wal and -shm too."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from commentguard.stores import open_store


@pytest.fixture(params=[0o022, 0o000], ids=["umask 022", "umask 000"])
def umask(request: pytest.FixtureRequest) -> Iterator[int]:
    """Run the test under a umask that would leave new files readable by others."""
    previous = os.umask(request.param)
    try:
        yield request.param
    finally:
        os.umask(previous)


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_new_database_and_its_wal_and_shm_files_are_owner_only(tmp_path: Path, umask: int) -> None:
    """A store that creates its file makes it, and the files SQLite adds beside it, 0600."""
    path = tmp_path / "guard.db"
    with open_store(f"sqlite:///{path}") as store:
        store.set("commentguard:test:key", "value", ttl=60)
        assert store.get("commentguard:test:key") == "value"
        files = {
            name: mode(tmp_path / name) for name in ("guard.db", "guard.db-wal", "guard.db-shm")
        }

    assert files == {"guard.db": 0o600, "guard.db-wal": 0o600, "guard.db-shm": 0o600}


def test_an_existing_database_keeps_the_permissions_its_owner_chose(tmp_path: Path) -> None:
    """A file the operator made group-readable for several service users stays that way."""
    path = tmp_path / "guard.db"
    with open_store(f"sqlite:///{path}") as store:
        store.set("commentguard:test:key", "value", ttl=60)
    path.chmod(0o640)

    with open_store(f"sqlite:///{path}") as store:
        assert store.get("commentguard:test:key") == "value"

    assert mode(path) == 0o640
