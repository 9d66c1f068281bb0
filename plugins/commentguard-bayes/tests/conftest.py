from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import redis

from redis_server import running_redis  # core's tests/: on the pythonpath of the root config


@pytest.fixture(autouse=True)
def _isolated(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """No COMMENTGUARD_* variables and an empty working directory (no commentguard.toml)."""
    import os

    for key in list(os.environ):
        if key.startswith("COMMENTGUARD_"):
            monkeypatch.delenv(key)
    workdir = tmp_path / "cwd"
    workdir.mkdir()
    monkeypatch.chdir(workdir)


@pytest.fixture(scope="session")
def redis_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A real redis-server shared by the session's tests."""
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
