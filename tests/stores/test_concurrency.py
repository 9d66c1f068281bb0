"""Limits and counts hold exactly when several processes share one SQLite file or one Redis."""

from __future__ import annotations

from typing import Any

from limits import parse

from commentguard.stores import open_store
from conftest import run_at_once

PROCESSES = 4
ATTEMPTS = 25
LIMIT = "7 per 1 minute"


def _burst(url: str, worker: int, start: Any, results: Any) -> None:
    """Try ATTEMPTS hits, add ATTEMPTS members and tally ATTEMPTS times, all at once."""
    with open_store(url) as store:
        start.wait()
        admitted = sum(store.hit(parse(LIMIT), "burst", "one-ip") for _ in range(ATTEMPTS))
        last_count = 0
        for attempt in range(ATTEMPTS):
            last_count = store.add_member(
                "commentguard:test:authors", f"w{worker}-{attempt}", ttl=60
            )
            store.add_counts("commentguard:test:tally", {"shared": 1.0, f"w{worker}": 0.5}, 60)
        results.put((admitted, last_count))


def test_bursts_from_several_processes_respect_the_limit_exactly(shared_url: str) -> None:
    """4 processes x 25 simultaneous hits on '7 per minute': exactly 7 admitted, no count lost."""
    open_store(shared_url).close()  # create the schema before the race
    results = run_at_once(_burst, [(shared_url, worker) for worker in range(PROCESSES)])
    assert sum(admitted for admitted, _ in results) == 7
    assert max(count for _, count in results) == PROCESSES * ATTEMPTS
    with open_store(shared_url) as store:
        assert len(store.members("commentguard:test:authors")) == PROCESSES * ATTEMPTS
        tally = store.counts("commentguard:test:tally", ["shared", "w0", "w3"])
        assert tally == {"shared": PROCESSES * ATTEMPTS, "w0": ATTEMPTS / 2, "w3": ATTEMPTS / 2}


def _submit(url: str, worker: int, start: Any, results: Any) -> None:
    """Post ATTEMPTS comments from one client address through a Guard, all at once."""
    from commentguard import Guard
    from commentguard.testing import make_settings, make_submission

    settings = make_settings(
        store=url,
        secret_key="concurrency-test-secret-3e7b1d5f9a2c6048",
        checks={"flood": {"rates": ["3 per 1 minute"]}},
    )
    with Guard(settings, load_entry_points=False) as guard:
        start.wait()
        verdicts = [
            guard.moderate(
                make_submission(
                    email=f"w{worker}-{attempt}@example.com",
                    ip="192.0.2.99",
                    body=f"Comment {attempt} from worker {worker}.",
                )
            ).verdict.value
            for attempt in range(ATTEMPTS)
        ]
        results.put(verdicts)


def test_bursts_of_submissions_through_guards_in_several_processes(shared_url: str) -> None:
    """4 web workers, 100 comments from one address at once: exactly 3 are admitted."""
    open_store(shared_url).close()
    runs = run_at_once(_submit, [(shared_url, worker) for worker in range(PROCESSES)])
    verdicts = [verdict for run in runs for verdict in run]
    assert verdicts.count("approve") == 3
    assert verdicts.count("reject") == PROCESSES * ATTEMPTS - 3
