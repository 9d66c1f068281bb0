"""A form token is good for one comment: the one the site takes. On every kind of store.

The token's nonce is used up when the guard decides to take the comment (published, held, spam
or discarded), atomically, so that of several requests sending one token at once exactly one
gets through, even from several processes. A comment refused for another reason leaves the
token valid, so its author can correct the form and send it again.
"""

from __future__ import annotations

import asyncio
import sqlite3
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
import redis
from itsdangerous import URLSafeSerializer

from commentguard import FormTokenSigner, Guard, InvalidSubmission, Verdict
from commentguard.testing import async_guard_with, guard_with, make_settings, make_submission
from conftest import run_at_once

SECRET = "form-token-replay-test-secret-5d9b3f7a1e0c2468"
NOW = datetime(2026, 1, 1, 12, 0, tzinfo=UTC)
PROCESSES = 4
ATTEMPTS = 5


def token(thread_id: str | None = "article-1", *, age: float = 30) -> str:
    return FormTokenSigner(SECRET).issue(thread_id=thread_id, now=NOW - timedelta(seconds=age))


def guard(store_url: str = "memory://", **checks: dict[str, Any]) -> Guard:
    settings = make_settings(store=store_url, secret_key=SECRET, checks=checks)
    return guard_with(settings=settings)


def test_a_token_is_accepted_once_on_every_store(store_url: str) -> None:
    """The second comment with one token is refused as replayed, telling the author why."""
    form_token = token()
    with guard(store_url) as g:
        first = g.moderate(make_submission(form_token=form_token, submitted_at=NOW))
        second = g.moderate(
            make_submission(form_token=form_token, submitted_at=NOW, body="Once more.")
        )

    assert first.verdict is Verdict.APPROVE
    assert (second.verdict, second.codes) == (Verdict.REJECT, ("form_token.replayed",))
    assert second.findings[0].field == "form_token"
    assert second.author_message == (
        "This form has already been sent. Please reload the page to write another comment."
    )


def test_another_guard_on_the_same_store_knows_the_token_was_used(shared_url: str) -> None:
    """Web workers share the store: a token used on one is used up on the others."""
    form_token = token()
    with guard(shared_url) as worker:
        assert worker.moderate(make_submission(form_token=form_token)).accepted
    with guard(shared_url) as other_worker:
        replay = other_worker.moderate(make_submission(form_token=form_token))

    assert replay.codes == ("form_token.replayed",)


@pytest.mark.parametrize(
    ("fields", "verdict"),
    [
        ({"form_token": token(age=1)}, Verdict.HOLD),  # too fast: held for a moderator
        ({"body": "Best casino bonuses"}, Verdict.SPAM),
        ({"honeypot": "http://spam.example"}, None),  # discarded before the token is read
    ],
    ids=["held", "spam", "discarded by the honeypot"],
)
def test_a_comment_the_site_takes_uses_its_token_up(
    fields: dict[str, str], verdict: Verdict | None
) -> None:
    """Held and spam comments were taken too: their token cannot carry another comment.

    A honeypot hit is discarded before the form_token check runs, so it claims nothing.
    """
    form_token = fields.pop("form_token", token())
    with guard(wordlists={"disallowed_keys": ["casino"]}) as g:
        first = g.moderate(make_submission(form_token=form_token, submitted_at=NOW, **fields))
        again = g.moderate(make_submission(form_token=form_token, submitted_at=NOW))

    if verdict is None:
        assert first.verdict is Verdict.DISCARD
        assert again.verdict is Verdict.APPROVE
    else:
        assert first.verdict is verdict
        assert again.codes == ("form_token.replayed",)


def test_a_refused_comment_leaves_its_token_valid() -> None:
    """Refused (here: the thread looked closed) or invalid, the form can be sent again."""
    form_token = token()
    with guard(closed_thread={"close_after_days": 30}) as g:
        refused = g.moderate(
            make_submission(
                form_token=form_token,
                submitted_at=NOW,
                thread_published_at=NOW - timedelta(days=40),
            )
        )
        with pytest.raises(InvalidSubmission):
            g.moderate(
                {"name": "Ada", "email": "not-an-address", "body": "Hi", "form_token": form_token}
            )
        corrected = g.moderate(make_submission(form_token=form_token, submitted_at=NOW))

    assert refused.codes == ("closed_thread.closed",)
    assert corrected.verdict is Verdict.APPROVE


def test_a_token_from_before_nonces_is_refused_as_invalid() -> None:
    """A version-1 token carries no nonce, so it could be replayed: it no longer verifies."""
    old = URLSafeSerializer(SECRET, salt="commentguard.form-token.v1").dumps(
        {"t": (NOW - timedelta(seconds=30)).timestamp(), "th": "article-1"}
    )
    with guard() as g:
        decision = g.moderate(make_submission(form_token=old, submitted_at=NOW))

    assert decision.codes == ("form_token.invalid",)


@pytest.mark.parametrize("copies", [5, 150])
def test_replays_in_one_batch_let_exactly_one_through(copies: int) -> None:
    """moderate_many: copies of one token in a batch pass the check together, then all but
    the first are refused when the batch is confirmed, in input order (150 copies span
    several of the slices a batch is confirmed in)."""
    form_token = token()
    submissions = [
        make_submission(form_token=form_token, submitted_at=NOW, body=f"Copy {n}.")
        for n in range(copies)
    ]
    with guard() as g:
        decisions = list(g.moderate_many(submissions, batch_size=copies))

    assert [d.verdict for d in decisions] == [Verdict.APPROVE] + [Verdict.REJECT] * (copies - 1)
    assert all(d.codes == ("form_token.replayed",) for d in decisions[1:])


async def test_concurrent_replays_on_an_async_guard_let_exactly_one_through(
    store_url: str,
) -> None:
    """Five requests with one token at once: all pass the check, one wins the claim."""
    form_token = token()
    settings = make_settings(store=store_url, secret_key=SECRET)
    async with async_guard_with(settings=settings) as g:
        decisions = await asyncio.gather(
            *(
                g.moderate(make_submission(form_token=form_token, submitted_at=NOW, body=f"{n}"))
                for n in range(5)
            )
        )

    verdicts = sorted(d.verdict.value for d in decisions)
    assert verdicts == ["approve", "reject", "reject", "reject", "reject"]


def _send_the_same_token(url: str, form_token: str, start: Any, results: Any) -> None:
    """A web worker: post ATTEMPTS comments with one token, the moment all workers are up."""
    settings = make_settings(store=url, secret_key=SECRET)
    with Guard(settings, load_entry_points=False) as g:
        start.wait()
        results.put(
            [
                g.moderate(
                    make_submission(form_token=form_token, submitted_at=NOW, body=f"Try {n}.")
                ).codes
                for n in range(ATTEMPTS)
            ]
        )


def test_one_token_from_several_processes_at_once_is_taken_once(shared_url: str) -> None:
    """4 workers x 5 posts of one token at the same moment: exactly one comment is taken."""
    guard(shared_url).close()  # create the schema before the race
    form_token = token()
    runs = run_at_once(_send_the_same_token, [(shared_url, form_token)] * PROCESSES)
    codes = [found for run in runs for found in run]

    assert sorted(codes) == [()] + [("form_token.replayed",)] * (PROCESSES * ATTEMPTS - 1)


def test_the_nonce_is_remembered_until_the_token_expires(shared_url: str, tmp_path: Path) -> None:
    """The store keeps a used nonce for max_age_seconds plus the 60 s of clock skew, no more."""
    with guard(shared_url, form_token={"max_age_seconds": 600}) as g:
        g.moderate(make_submission(form_token=token(), submitted_at=NOW))
    if shared_url.startswith("redis"):
        client = redis.Redis.from_url(shared_url)
        (key,) = client.keys("commentguard:form_token:nonce:*")
        remaining = client.pttl(key) / 1000
    else:
        with sqlite3.connect(tmp_path / "shared.db") as db:
            ((key, expires),) = db.execute("SELECT key, expires FROM kv").fetchall()
        assert key.startswith("commentguard:form_token:nonce:")
        remaining = expires - time.time()

    assert 600 < remaining <= 660
