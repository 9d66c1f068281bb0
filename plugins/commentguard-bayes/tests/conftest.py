"""The bayes plugin's fixtures: isolated settings, and one real redis-server per session."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import redis

from commentguard.testing import isolate_settings, running_redis


@pytest.fixture(autouse=True)
def _isolated(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """No COMMENTGUARD_* variables and an empty working directory (no commentguard.toml)."""
    workdir = tmp_path / "cwd"
    workdir.mkdir()
    isolate_settings(monkeypatch, workdir)


@pytest.fixture(scope="session")
def redis_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A real redis-server on a free port, shared by the session's tests.

    Skips without redis-server, except in CI (``CI=1``), where that is a failure.
    """
    with running_redis(tmp_path_factory.mktemp("redis")) as (url, _):
        yield url


@pytest.fixture(params=["sqlite", "redis"])
def persistent_store_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """An empty store that outlives a guard: a SQLite file or a real Redis."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path}/store.db"
    url: str = request.getfixturevalue("redis_url")
    redis.Redis.from_url(url).flushdb()
    return url
