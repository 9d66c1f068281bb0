"""A double submit is a duplicate (409), not a flood (429): the same comment twice in a row."""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta

from commentguard import AsyncGuard, Guard, Verdict
from commentguard._form_token import FormTokenSigner
from commentguard.adapters._http import decision_response, decision_status
from commentguard.checks._duplicate import DuplicateCheck
from commentguard.testing import FakeClock, make_settings, make_submission

SECRET_KEY = "double-submit-test-secret-4e8a2c6f1b9d3507"
DUPLICATE_MESSAGE = "Duplicate comment detected; it looks as though you\u2019ve already said that!"
FLOOD_MESSAGE = "You are posting comments too quickly. Slow down."


def guard(
    store_url: str = "memory://", clock: FakeClock | None = None, **checks: dict[str, object]
) -> Guard:
    """A guard with flood (1 per 15 s) and duplicate on at their defaults, on a store."""
    sections: dict[str, dict[str, object]] = {"flood": {}, "duplicate": {}, **checks}
    settings = make_settings(store=store_url, secret_key=SECRET_KEY, checks=sections)
    return Guard(settings, load_entry_points=False, clock=clock)


def test_the_same_comment_twice_is_a_duplicate_not_a_flood(store_url: str) -> None:
    """The second copy, within the flood limit, is refused as a repeat: 409, "already said"."""
    with guard(store_url) as g:
        first = g.moderate(make_submission(body="I agree with the council."))
        second = g.moderate(make_submission(body="I agree with the council."))

    assert decision_status(first) == 201
    assert second.codes == ("duplicate.repeat",)
    assert decision_response(second) == (
        409,
        {"status": "refused", "message": DUPLICATE_MESSAGE},
    )


def test_a_different_comment_too_fast_is_still_a_flood(store_url: str) -> None:
    with guard(store_url) as g:
        g.moderate(make_submission(body="I agree with the council."))
        other = g.moderate(make_submission(body="And another thing about the budget."))

    assert other.codes == ("flood.too_fast",)
    assert decision_response(other) == (429, {"status": "refused", "message": FLOOD_MESSAGE})


def test_a_double_submit_of_one_form_is_a_duplicate_not_a_replayed_form() -> None:
    """Both copies carry the same form token: the second is still answered as a repeat."""
    sent = datetime.now(UTC)
    token = FormTokenSigner(SECRET_KEY).issue(thread_id="post-1", now=sent - timedelta(seconds=30))
    comment = make_submission(
        body="Great article.", thread_id="post-1", form_token=token, submitted_at=sent
    )
    with guard() as g:
        first = g.moderate(comment)
        second = g.moderate(comment)

    assert first.verdict is Verdict.APPROVE
    assert second.codes == ("duplicate.repeat",)
    assert decision_status(second) == 409


def test_a_held_comment_sent_again_is_a_duplicate(store_url: str) -> None:
    """A comment the site took for moderation is remembered like a published one."""
    body = "See https://a.example and https://b.example"
    with guard(store_url, flood={"enabled": False}) as g:
        first = g.moderate(make_submission(body=body))
        second = g.moderate(make_submission(body=body))

    assert first.verdict is Verdict.HOLD
    assert second.codes == ("duplicate.repeat",)


def test_a_comment_refused_as_a_flood_is_not_remembered(clocked_url: str, clock: FakeClock) -> None:
    """Sent too fast, refused, then sent again once the limit allows: published, not a repeat."""
    with guard(clocked_url, clock) as g:
        g.moderate(make_submission(body="First thought."))
        too_fast = g.moderate(make_submission(body="Second thought."))
        clock.advance(15)
        again = g.moderate(make_submission(body="Second thought."))

    assert too_fast.codes == ("flood.too_fast",)
    assert again.verdict is Verdict.APPROVE


def test_copies_racing_through_the_guard_publish_once(store_url: str) -> None:
    """Eight threads send one comment at once: exactly one is taken, the others are repeats.

    Each copy may pass ``check`` before any is confirmed; the claim in ``confirm`` is atomic.
    """
    copies = 8
    start = threading.Barrier(copies)
    results: list[tuple[Verdict, tuple[str, ...]]] = []
    with guard(store_url, flood={"enabled": False}) as g:

        def send() -> None:
            start.wait()
            decision = g.moderate(make_submission(body="Posted with a shaky double click."))
            results.append((decision.verdict, decision.codes))

        threads = [threading.Thread(target=send) for _ in range(copies)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()

    assert sorted(results) == sorted(
        [(Verdict.APPROVE, ())] + [(Verdict.REJECT, ("duplicate.repeat",))] * (copies - 1)
    )


def test_two_copies_that_both_pass_the_check_are_settled_by_confirm(store_url: str) -> None:
    """``check`` only looks; of two copies it let through, ``confirm`` takes one and refuses one."""
    with guard(store_url) as g:
        (check,) = (check for check in g.checks if isinstance(check, DuplicateCheck))
        comment = make_submission(body="Exactly the same words.")

        assert check.check(comment) == ()
        assert check.check(comment) == ()
        assert check.confirm(comment) == ()
        (refused,) = check.confirm(comment)
        (seen,) = check.check(comment)

    assert refused.code == seen.code == "duplicate.repeat"


def test_a_repeat_that_is_also_too_fast_answers_as_a_duplicate() -> None:
    """With no short circuit both refusals are found; the status and message are the repeat's."""
    settings = make_settings(
        secret_key=SECRET_KEY, short_circuit=[], checks={"flood": {}, "duplicate": {}}
    )
    with Guard(settings, load_entry_points=False) as g:
        g.moderate(make_submission(body="Once is enough."))
        second = g.moderate(make_submission(body="Once is enough."))

    assert set(second.codes) == {"duplicate.repeat", "flood.too_fast"}
    assert decision_response(second) == (
        409,
        {"status": "refused", "message": DUPLICATE_MESSAGE},
    )


async def test_the_async_guard_answers_a_repeat_as_a_duplicate(store_url: str) -> None:
    sections: dict[str, dict[str, object]] = {"flood": {}, "duplicate": {}}
    settings = make_settings(store=store_url, secret_key=SECRET_KEY, checks=sections)
    async with AsyncGuard(settings, load_entry_points=False) as g:
        first = await g.moderate(make_submission(body="Async and clicked twice."))
        second = await g.moderate(make_submission(body="Async and clicked twice."))

    assert (decision_status(first), decision_status(second)) == (201, 409)


def test_two_copies_in_one_batch_are_taken_once() -> None:
    """moderate_many checks a batch before confirming it: the second copy is refused there."""
    comment = make_submission(body="The same line twice in an export.")
    with guard(flood={"enabled": False}) as g:
        decisions = list(g.moderate_many([comment, comment]))

    assert [d.codes for d in decisions] == [(), ("duplicate.repeat",)]
