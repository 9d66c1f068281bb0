"""Limits and counts hold exactly when several processes share one SQLite file or one Redis."""

from __future__ import annotations

import multiprocessing
from pathlib import Path
from typing import Any

import pytest
import redis
from limits import parse

from commentguard.stores import open_store

PROCESSES = 4
ATTEMPTS = 25
LIMIT = "7 per 1 minute"


def _burst(url: str, worker: int, start: Any, results: Any) -> None:
    """Try ATTEMPTS hits and add ATTEMPTS members, all at once with the other workers."""
    with open_store(url) as store:
        start.wait()
        admitted = sum(store.hit(parse(LIMIT), "burst", "one-ip") for _ in range(ATTEMPTS))
        last_count = 0
        for attempt in range(ATTEMPTS):
            last_count = store.add_member(
                "commentguard:test:authors", f"w{worker}-{attempt}", ttl=60
            )
        results.put((admitted, last_count))


@pytest.fixture(params=["sqlite", "redis"])
def shared_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path}/shared.db"
    url: str = request.getfixturevalue("redis_url")
    redis.Redis.from_url(url).flushdb()
    return url


def test_bursts_from_several_processes_respect_the_limit_exactly(shared_url: str) -> None:
    """4 processes x 25 simultaneous hits on '7 per minute': exactly 7 admitted, no count lost."""
    open_store(shared_url).close()  # create the schema before the race
    context = multiprocessing.get_context("spawn")
    start, queue = context.Barrier(PROCESSES), context.Queue()
    workers = [
        context.Process(target=_burst, args=(shared_url, worker, start, queue))
        for worker in range(PROCESSES)
    ]
    for process in workers:
        process.start()
    results = [queue.get(timeout=120) for _ in workers]
    for process in workers:
        process.join(timeout=30)
        assert process.exitcode == 0
    assert sum(admitted for admitted, _ in results) == 7
    assert max(count for _, count in results) == PROCESSES * ATTEMPTS
    with open_store(shared_url) as store:
        assert len(store.members("commentguard:test:authors")) == PROCESSES * ATTEMPTS
