"""Helpers for testing commentguard plugins and sites that use it.

Example:
    >>> from commentguard.testing import guard_with, make_submission
    >>> guard = guard_with(my_plugin)  # only built-ins and your plugin, no other installed ones
    >>> guard.moderate(make_submission(body="Buy cheap pills")).verdict
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from importlib.metadata import entry_points
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from commentguard._guard import AsyncGuard, Guard
from commentguard._hookspecs import PROJECT_NAME
from commentguard._models import CommentSubmission
from commentguard._settings import Settings
from commentguard.stores._base import Clock

if TYPE_CHECKING:
    import pytest

DEFAULT_SUBMISSION: dict[str, Any] = {
    "name": "Ada Lovelace",
    "email": "ada@example.com",
    "body": "A thoughtful comment about the article.",
    "thread_id": "article-1",
    "ip": "192.0.2.10",
    "user_agent": "Mozilla/5.0 (X11; Linux x86_64) Gecko/20100101 Firefox/128.0",
    "submitted_at": datetime(2026, 1, 1, 12, 0, tzinfo=UTC),
}


def make_submission(**fields: Any) -> CommentSubmission:
    """Return a valid submission, with ``fields`` replacing the defaults.

    Pass ``field=None`` to drop an optional default (``ip=None``).
    """
    data = {**DEFAULT_SUBMISSION, **fields}
    return CommentSubmission.parse({key: value for key, value in data.items() if value is not None})


STATEFUL_CHECKS = ("flood", "duplicate")
"""Checks whose answer depends on earlier submissions; off in :func:`make_settings`."""


def make_settings(**overrides: Any) -> Settings:
    """Settings for tests: no configuration files or environment variables, and no memory.

    A developer's ``commentguard.toml`` must not change test results, and moderating the same
    submission twice must give the same answer, so the stateful checks (``flood``,
    ``duplicate``) are disabled unless ``checks`` configures them. The store is in memory.
    """
    checks = {name: {"enabled": False} for name in STATEFUL_CHECKS}
    checks.update(overrides.pop("checks", {}))
    return Settings.model_validate({**overrides, "checks": checks})


class FakeClock:
    """A clock that stands still until the test moves it, for stores and guards.

    Pass it as ``clock`` to :class:`~commentguard.Guard`, :func:`guard_with` or
    :func:`~commentguard.stores.open_store`, then :meth:`advance` it past a rate window or a
    time to live instead of sleeping: the test is instant and cannot fail under load. A Redis
    store takes no clock (its server keeps time); test it by the TTL it sets.

    Example:
        >>> clock = FakeClock()
        >>> guard = guard_with(settings=make_settings(checks={"flood": {}}), clock=clock)
        >>> clock.advance(15)  # the flood window has passed
    """

    def __init__(self, start: float = 1_767_268_800.0) -> None:
        self.now = start
        """The time it reads, in seconds since the epoch (2026-01-01 12:00 UTC to begin with)."""

    def __call__(self) -> float:
        """The time it reads now."""
        return self.now

    def advance(self, seconds: float) -> None:
        """Move the clock ``seconds`` forward."""
        self.now += seconds


def guard_with(
    *plugins: object,
    settings: Settings | None = None,
    builtins: bool = True,
    clock: Clock | None = None,
) -> Guard:
    """Build a :class:`Guard` with only the built-in plugins and ``plugins``.

    Installed entry-point plugins are not loaded, so other plugins cannot change the result.
    With ``builtins=False`` the built-in checks are disabled too (the default policy and the
    log plugin stay), and their sections of ``settings`` are ignored. With ``clock``, the
    guard's store reads the time from it (see :class:`FakeClock`).
    """
    return Guard(
        _settings_for(settings or make_settings(), builtins),
        plugins=plugins,
        disable=() if builtins else _builtin_check_plugins(),
        load_entry_points=False,
        clock=clock,
    )


def async_guard_with(
    *plugins: object,
    settings: Settings | None = None,
    builtins: bool = True,
    clock: Clock | None = None,
) -> AsyncGuard:
    """Like :func:`guard_with`, for :class:`AsyncGuard`."""
    return AsyncGuard(
        _settings_for(settings or make_settings(), builtins),
        plugins=plugins,
        disable=() if builtins else _builtin_check_plugins(),
        load_entry_points=False,
        clock=clock,
    )


def assert_plugin_installed(name: str) -> None:
    """Fail unless an entry point called ``name`` is installed in the ``commentguard`` group."""
    names = {entry_point.name for entry_point in entry_points(group=PROJECT_NAME)}
    if name not in names:
        raise AssertionError(
            f"no commentguard plugin named {name!r} is installed (found: {sorted(names)})"
        )


def isolate_settings(monkeypatch: pytest.MonkeyPatch, workdir: Path) -> None:
    """Make :meth:`Settings.load <commentguard.Settings.load>` see no developer configuration.

    Removes every ``COMMENTGUARD_*`` environment variable and changes to ``workdir`` (which
    must be an empty directory), so no ``commentguard.toml`` or ``pyproject.toml`` is found.
    Use it in an autouse fixture when tests run the CLI or build guards from loaded settings.
    It also forgets the warnings given once per process (a check that is not configured), so
    each test sees its own.
    """
    from commentguard import _pipeline

    for key in list(os.environ):
        if key.startswith("COMMENTGUARD_"):
            monkeypatch.delenv(key)
    monkeypatch.chdir(workdir)
    monkeypatch.setattr(_pipeline, "_warned", set())


@contextmanager
def running_redis(
    directory: Path, *, password: str | None = None
) -> Iterator[tuple[str, subprocess.Popen[bytes]]]:
    """Run a real ``redis-server`` on a free port until the block ends; yield its URL and process.

    Each call starts its own server, so parallel test workers (pytest-xdist) never share one;
    a port another process takes before the server binds it is replaced by another.
    Nothing is saved to disk (``directory`` is only its working directory). With ``password``
    the server requires it (``requirepass``), and the URL carries it. Without the
    ``redis-server`` binary the calling test is skipped, except when the ``CI`` environment
    variable is set, where that is a failure: CI must install it. Needs the ``redis`` package.
    """
    import pytest
    import redis

    binary = shutil.which("redis-server")
    if binary is None:
        if os.environ.get("CI"):
            pytest.fail("redis-server is not installed; .ci/run installs the Debian package")
        pytest.skip("redis-server is not installed (apt-get install redis-server)")
    auth = f":{quote(password, safe='')}@" if password is not None else ""
    for attempt in range(_PORT_ATTEMPTS):
        port = _free_port()
        process = subprocess.Popen(  # noqa: S603 - redis-server from PATH, fixed arguments
            [
                binary, "--port", str(port), "--bind", "127.0.0.1", "--dir", str(directory),
                "--save", "", "--appendonly", "no", "--protected-mode", "no",
                *(("--requirepass", password) if password is not None else ()),
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )  # fmt: skip
        url = f"redis://{auth}127.0.0.1:{port}/0"
        client = redis.Redis.from_url(url)
        try:
            if _answers(client, process):
                break
        except BaseException:
            client.close()
            process.terminate()
            process.wait(timeout=10)
            raise
        # Another process (a parallel test worker) took the port between the probe and the bind.
        client.close()
        if attempt == _PORT_ATTEMPTS - 1:
            raise RuntimeError(f"redis-server did not start (exit status {process.returncode})")
    try:
        yield url, process
    finally:
        client.close()
        process.terminate()
        process.wait(timeout=10)


_PORT_ATTEMPTS = 5


def _answers(client: Any, process: subprocess.Popen[bytes]) -> bool:
    """Wait until ``process`` answers on its port (True) or exits (False), for 10 seconds.

    The server's own process id is checked, since a server of another worker that took the
    port first would answer too.
    """
    import redis

    deadline = time.monotonic() + 10
    while True:
        try:
            pid = int(client.info("server")["process_id"])
        except redis.ConnectionError:
            if process.poll() is not None:
                return False
            if time.monotonic() > deadline:
                raise
            time.sleep(0.05)
        else:
            if pid == process.pid:
                return True
            process.wait(timeout=10)  # it cannot bind the port the other server holds
            return False


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _settings_for(settings: Settings, builtins: bool) -> Settings:
    # Without the built-in checks, their sections (make_settings disables the stateful ones)
    # would name checks that are not installed, which is a settings error.
    if builtins:
        return settings
    from commentguard import checks

    builtin_names = {getattr(checks, name).name for name in checks.__all__}
    sections = dict(settings.checks)
    for name in builtin_names:
        sections.pop(name, None)
    return settings.model_copy(update={"checks": sections})


def _builtin_check_plugins() -> Iterable[str]:
    from commentguard._plugins import BUILTIN_PLUGINS

    return [name for name in BUILTIN_PLUGINS if name.startswith("commentguard.checks.")]
