"""Fixtures of core's tests: a fake plugin distribution, isolated settings, a real Redis."""

from __future__ import annotations

import multiprocessing
import shutil
from collections.abc import Callable, Iterator, Sequence
from importlib import metadata
from importlib.metadata import EntryPoints
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
import redis

from commentguard.stores import Store, open_store
from commentguard.testing import FakeClock, isolate_settings, running_redis

FIXTURES = Path(__file__).parent / "fixtures"


def install_fake_distribution(
    root: Path,
    *,
    name: str,
    version: str,
    entry_points: dict[str, str],
    modules: dict[str, str] | None = None,
) -> None:
    """Write a dist-info directory (and modules) under ``root``, as pip would install them."""
    dist_info = root / f"{name.replace('-', '_')}-{version}.dist-info"
    dist_info.mkdir(parents=True)
    (dist_info / "METADATA").write_text(
        f"Metadata-Version: 2.1\nName: {name}\nVersion: {version}\n", encoding="utf-8"
    )
    lines = ["[commentguard]", *(f"{key} = {value}" for key, value in entry_points.items())]
    (dist_info / "entry_points.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    for module_name, source in (modules or {}).items():
        (root / f"{module_name}.py").write_text(source, encoding="utf-8")


@pytest.fixture
def installed_test_plugin(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[ModuleType]:
    """The test plugin, installed as distribution commentguard-testplugin for this test only."""
    site = tmp_path / "site-packages"
    site.mkdir()
    shutil.copy(FIXTURES / "testplugin" / "commentguard_testplugin.py", site)
    install_fake_distribution(
        site,
        name="commentguard-testplugin",
        version="1.2.3",
        entry_points={"testplugin": "commentguard_testplugin"},
    )
    monkeypatch.syspath_prepend(str(site))
    import commentguard_testplugin

    commentguard_testplugin.MODERATED.clear()
    commentguard_testplugin.REPORTED.clear()
    yield commentguard_testplugin
    monkeypatch.delitem(__import__("sys").modules, "commentguard_testplugin")


REPOSITORY_PLUGINS = frozenset(
    path.name for path in (Path(__file__).parents[1] / "plugins").glob("commentguard-*")
)
"""Distributions under plugins/, which `make test` installs next to core and tests on their own."""


@pytest.fixture(autouse=True)
def _without_repository_plugins(monkeypatch: pytest.MonkeyPatch) -> None:
    """Core's tests see the plugins they install themselves, not the ones under plugins/.

    An installed commentguard-akismet without an API key would add its check to every guard's
    list of unconfigured ones (and a warning), and a learning filter would change verdicts;
    each plugin has its own test suite.
    """
    import commentguard._plugins

    def entry_points(**selection: str) -> EntryPoints:
        return EntryPoints(
            entry_point
            for entry_point in metadata.entry_points(**selection)
            if entry_point.dist is None or entry_point.dist.name not in REPOSITORY_PLUGINS
        )

    monkeypatch.setattr(commentguard._plugins, "entry_points", entry_points)


@pytest.fixture(autouse=True)
def _isolated_configuration(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Run every test in an empty directory with no COMMENTGUARD_* variables set."""
    workdir = tmp_path / "cwd"
    workdir.mkdir()
    isolate_settings(monkeypatch, workdir)


@pytest.fixture(scope="session")
def redis_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A real redis-server shared by the session's tests."""
    with running_redis(tmp_path_factory.mktemp("redis")) as (url, _):
        yield url


def _empty_store(request: pytest.FixtureRequest, path: Path) -> str:
    """The URL of an empty store of the kind ``request.param`` names (SQLite at ``path``)."""
    if request.param == "memory":
        return "memory://"
    if request.param == "sqlite":
        return f"sqlite:///{path}"
    url: str = request.getfixturevalue("redis_url")
    redis.Redis.from_url(url).flushdb()
    return url


@pytest.fixture(params=["memory", "sqlite", "redis"])
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """The URL of an empty store of each kind."""
    return _empty_store(request, tmp_path / "store.db")


@pytest.fixture(params=["memory", "sqlite"])
def clocked_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """The URL of an empty store that reads a clock a test moves: memory or SQLite.

    A Redis store keeps time on the server, which no test can move: tests of its expiry
    assert the TTL it sets instead (tests/stores/test_store_contract.py).
    """
    return _empty_store(request, tmp_path / "store.db")


@pytest.fixture
def clock() -> FakeClock:
    """A clock that moves only when the test advances it."""
    return FakeClock()


@pytest.fixture
def clocked_store(clocked_url: str, clock: FakeClock) -> Iterator[Store]:
    """An empty memory or SQLite store on :func:`clock`."""
    with open_store(clocked_url, clock=clock) as opened:
        yield opened


@pytest.fixture(params=["sqlite", "redis"])
def shared_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """The URL of an empty store that several processes can share: SQLite or Redis."""
    return _empty_store(request, tmp_path / "shared.db")


def run_at_once(target: Callable[..., None], arguments: Sequence[tuple[Any, ...]]) -> list[Any]:
    """Run ``target(*args, start, results)`` in one new process per ``args``, all at once.

    Each process waits on the barrier ``start`` before its burst, so they really overlap, and
    puts one value on the queue ``results``; the values come back in the order they arrived.
    """
    context = multiprocessing.get_context("spawn")
    start, queue = context.Barrier(len(arguments)), context.Queue()
    workers = [context.Process(target=target, args=(*args, start, queue)) for args in arguments]
    for process in workers:
        process.start()
    results = [queue.get(timeout=120) for _ in workers]
    for process in workers:
        process.join(timeout=30)
        assert process.exitcode == 0
    return results


@pytest.fixture
def store(store_url: str) -> Iterator[Store]:
    with open_store(store_url) as opened:
        yield opened
