"""Guard and AsyncGuard: one behaviour, sync and async; batching; feedback."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable, Sequence
from datetime import UTC, datetime, timedelta
from typing import Any, ClassVar

import pytest

import commentguard
from commentguard import (
    AsyncGuard,
    Check,
    CommentSubmission,
    Finding,
    FormTokenSigner,
    Guard,
    InvalidSubmission,
    Verdict,
)
from commentguard.testing import async_guard_with, guard_with, make_settings, make_submission

SECRET = "guard-test-secret-7d1e5b9a3c60f2e4"
NOW = datetime(2026, 11, 20, 9, 0, tzinfo=UTC)
SIGNER = FormTokenSigner(SECRET)


def _token(seconds_before: float, thread_id: str | None = "article-1") -> str:
    return SIGNER.issue(thread_id=thread_id, now=NOW - timedelta(seconds=seconds_before))


# (description, submission fields, expected verdict, expected codes)
CASES: list[tuple[str, dict[str, Any], Verdict, tuple[str, ...]]] = [
    ("clean comment", {}, Verdict.APPROVE, ()),
    ("honeypot filled", {"honeypot": "http://spam.example"}, Verdict.DISCARD, ("honeypot.filled",)),
    (
        "two links",
        {"body": "See https://a.example and www.b.example for the whole story"},
        Verdict.HOLD,
        ("links.too_many",),
    ),
    ("profanity", {"body": "What a load of shit."}, Verdict.HOLD, ("profanity.word",)),
    (
        "disallowed key",
        {"body": "Best casino bonuses here"},
        Verdict.SPAM,
        ("wordlists.disallowed",),
    ),
    ("moderation key in name", {"name": "Crypto Carl"}, Verdict.HOLD, ("wordlists.moderation",)),
    (
        "bidi override",
        {"body": "open invoice\u202excod.exe"},
        Verdict.HOLD,
        ("invisible_text.bidi_control",),
    ),
    ("token in time", {"form_token": _token(30)}, Verdict.APPROVE, ()),
    ("token too fast", {"form_token": _token(1)}, Verdict.HOLD, ("form_token.too_fast",)),
    ("token expired", {"form_token": _token(3 * 3600)}, Verdict.REJECT, ("form_token.expired",)),
    (
        "token forged",
        {"form_token": _token(30)[:-2] + "xx"},
        Verdict.REJECT,
        ("form_token.invalid",),
    ),
    (
        "thread closed",
        {"thread_published_at": NOW - timedelta(days=40)},
        Verdict.REJECT,
        ("closed_thread.closed",),
    ),
    (
        "honeypot short-circuits the rest",
        {"honeypot": "x", "body": "shit https://a.example https://b.example"},
        Verdict.DISCARD,
        ("honeypot.filled",),
    ),
    (
        "several findings, most severe wins",
        {"body": "casino shit https://a.example https://b.example"},
        Verdict.SPAM,
        ("wordlists.disallowed", "links.too_many", "link_ratio.mostly_links", "profanity.word"),
    ),
]

SETTINGS = make_settings(
    secret_key=SECRET,
    checks={
        "wordlists": {"moderation_keys": ["crypto"], "disallowed_keys": ["casino"]},
        "closed_thread": {"close_after_days": 30},
    },
)


def _submission(fields: dict[str, Any]) -> CommentSubmission:
    return make_submission(submitted_at=NOW, **fields)


@pytest.mark.parametrize(
    ("description", "fields", "verdict", "codes"), CASES, ids=[c[0] for c in CASES]
)
def test_guard_decides(
    description: str, fields: dict[str, Any], verdict: Verdict, codes: tuple[str, ...]
) -> None:
    """Guard.moderate gives the expected verdict and finding codes."""
    decision = guard_with(settings=SETTINGS).moderate(_submission(fields))
    assert (decision.verdict, decision.codes) == (verdict, codes)


@pytest.mark.parametrize(
    ("description", "fields", "verdict", "codes"), CASES, ids=[c[0] for c in CASES]
)
async def test_async_guard_decides_the_same(
    description: str, fields: dict[str, Any], verdict: Verdict, codes: tuple[str, ...]
) -> None:
    """AsyncGuard.moderate gives exactly what Guard gives, on the same table."""
    sync_decision = guard_with(settings=SETTINGS).moderate(_submission(fields))
    async_decision = await async_guard_with(settings=SETTINGS).moderate(_submission(fields))
    assert async_decision.model_dump(exclude={"timings"}) == sync_decision.model_dump(
        exclude={"timings"}
    )
    assert set(async_decision.timings) == set(sync_decision.timings)


def test_moderate_many_matches_moderate_in_input_order() -> None:
    """moderate_many yields one decision per submission, in order, equal to moderate's.

    Each form token is in the list three times: its second and third uses are replays, in a
    batch as one by one. Each run has a guard (and a store) of its own.
    """
    submissions = [_submission(fields) for _, fields, _, _ in CASES] * 3
    guard = guard_with(settings=SETTINGS)
    one_by_one = [guard.moderate(s) for s in submissions]
    batched = list(guard_with(settings=SETTINGS).moderate_many(submissions, batch_size=4))
    assert [d.model_dump(exclude={"timings"}) for d in batched] == [
        d.model_dump(exclude={"timings"}) for d in one_by_one
    ]
    assert [d.codes for d in one_by_one].count(("form_token.replayed",)) == 4


async def test_async_moderate_many_accepts_async_iterables() -> None:
    """AsyncGuard.moderate_many takes sync or async iterables and keeps the order."""
    guard = async_guard_with(settings=SETTINGS)
    submissions = [_submission(fields) for _, fields, _, _ in CASES]

    async def stream() -> AsyncIterator[CommentSubmission]:
        for submission in submissions:
            yield submission

    from_async = [d.verdict async for d in guard.moderate_many(stream(), batch_size=5)]
    # Another guard: this one has used up the table's form tokens.
    again = async_guard_with(settings=SETTINGS)
    from_sync = [d.verdict async for d in again.moderate_many(submissions, batch_size=5)]
    assert from_async == from_sync == [verdict for _, _, verdict, _ in CASES]


class BatchRecordingCheck(Check):
    """Flags bodies containing 'batch', recording the size of each batch it was given."""

    name = "batch_recorder"
    sizes: list[int] = []

    def check(self, submission: CommentSubmission) -> Sequence[Finding]:
        raise AssertionError("moderate_many must call check_many")

    def check_many(self, submissions: Sequence[CommentSubmission]) -> list[Sequence[Finding]]:
        type(self).sizes.append(len(submissions))
        return [
            [self.finding("batch.word", Verdict.HOLD, "Says batch.")] if "batch" in s.body else []
            for s in submissions
        ]


class BatchPlugin:
    @commentguard.hookimpl
    def register_checks(self, register: Any) -> None:
        register(BatchRecordingCheck)


def test_moderate_many_batches_and_skips_short_circuited() -> None:
    """Checks see whole batches through check_many; discarded submissions leave the batch."""
    BatchRecordingCheck.sizes = []
    guard = guard_with(BatchPlugin(), settings=make_settings(batch_size=4))
    bodies = ["batch one", "fine", "batch three", "fine", "fine", "batch six", "fine"]
    submissions = [make_submission(body=body) for body in bodies]
    submissions[1] = make_submission(body="fine", honeypot="bot")  # discarded before the check
    decisions = list(guard.moderate_many(iter(submissions)))
    assert [d.verdict for d in decisions] == [
        Verdict.HOLD, Verdict.DISCARD, Verdict.HOLD, Verdict.APPROVE,
        Verdict.APPROVE, Verdict.HOLD, Verdict.APPROVE,
    ]  # fmt: skip
    assert BatchRecordingCheck.sizes == [3, 3]
    assert "batch_recorder" not in decisions[1].timings


def test_moderate_many_is_lazy() -> None:
    """moderate_many consumes its input one batch at a time (it can stream a huge dump)."""
    consumed = 0

    def submissions() -> Any:
        nonlocal consumed
        while True:
            consumed += 1
            yield make_submission()

    decisions = guard_with().moderate_many(submissions(), batch_size=10)
    assert next(decisions).verdict is Verdict.APPROVE
    assert consumed == 10


def test_moderate_validates_mappings_with_the_guards_limits() -> None:
    """A mapping is validated with the configured limits; errors are per field."""
    guard = guard_with(settings=make_settings(limits={"body_max_bytes": 10}))
    with pytest.raises(InvalidSubmission) as raised:
        guard.moderate({"name": "Ada", "email": "ada@example.com", "body": "x" * 11})
    assert [(e.field, e.code) for e in raised.value.errors] == [("body", "body_too_long")]


def test_decision_records_time_per_check() -> None:
    """Every check that ran has a non-negative time in the decision."""
    guard = guard_with()
    decision = guard.moderate(make_submission())
    assert list(decision.timings) == [check.name for check in guard.checks]
    assert all(seconds >= 0 for seconds in decision.timings.values())


def test_short_circuit_is_configurable() -> None:
    """With short_circuit emptied, every check runs even after a discard."""
    guard = guard_with(settings=make_settings(short_circuit=[]))
    decision = guard.moderate(make_submission(honeypot="x", body="shit"))
    assert decision.codes == ("honeypot.filled", "profanity.word")
    assert decision.verdict is Verdict.DISCARD


def test_report_calls_comment_reported() -> None:
    """Guard.report and AsyncGuard.report reach every comment_reported implementation."""
    reported: list[tuple[str, Verdict]] = []

    class Listener:
        @commentguard.hookimpl
        def comment_reported(self, submission: CommentSubmission, verdict: Verdict) -> None:
            reported.append((submission.body, verdict))

    guard_with(Listener()).report(make_submission(body="one"), Verdict.SPAM)
    asyncio.run(
        async_guard_with(Listener()).report(
            {"name": "A", "email": "a@example.com", "body": "two"}, "approve"
        )
    )  # type: ignore[arg-type]
    assert reported == [("one", Verdict.SPAM), ("two", Verdict.APPROVE)]


class SlowAsyncCheck(Check):
    name = "slow_async"
    default_timeout = 0.05

    def check(self, submission: CommentSubmission) -> Sequence[Finding]:
        return []

    async def acheck(self, submission: CommentSubmission) -> Sequence[Finding]:
        await asyncio.sleep(1)  # cancelled at default_timeout: no test waits the second out
        return []


class SlowAsyncPlugin:
    @commentguard.hookimpl
    def register_checks(self, register: Any) -> None:
        register(SlowAsyncCheck)


async def test_async_check_timeout_becomes_hold() -> None:
    """An acheck that overruns its timeout is cancelled and becomes a check.error hold."""
    guard = async_guard_with(SlowAsyncPlugin())
    decision = await guard.moderate(make_submission())
    assert decision.verdict is Verdict.HOLD
    assert decision.codes == ("check.error",)
    assert "timed out after 0.05 s" in decision.findings[0].moderator_message


class ReturnsCheck(Check):
    """Returns whatever the test puts in ``returned``."""

    name = "returns"
    returned: ClassVar[object] = None

    def check(self, submission: CommentSubmission) -> Sequence[Finding]:
        return self.returned  # type: ignore[return-value] # the test breaks the contract


class ReturnsPlugin:
    @commentguard.hookimpl
    def register_checks(self, register: Any) -> None:
        register(ReturnsCheck)


@pytest.mark.parametrize("nothing", [None, (), []])
def test_a_check_finding_nothing_may_say_so_three_ways(nothing: object) -> None:
    ReturnsCheck.returned = nothing
    assert guard_with(ReturnsPlugin()).moderate(make_submission()).verdict is Verdict.APPROVE


@pytest.mark.parametrize("broken", [0, False, "text", [1], ("finding",)])
def test_a_check_returning_something_else_is_a_failed_check(broken: object) -> None:
    """Falsy or not, what is not a sequence of findings holds the comment as check.error."""
    ReturnsCheck.returned = broken
    decision = guard_with(ReturnsPlugin()).moderate(make_submission())
    assert (decision.verdict, decision.codes) == (Verdict.HOLD, ("check.error",))


def test_guards_are_context_managers() -> None:
    """Guard closes its worker threads on exit; AsyncGuard pairs with `async with`."""
    with Guard(make_settings(), load_entry_points=False) as guard:
        assert guard.moderate(make_submission()).verdict is Verdict.APPROVE

    async def use() -> Verdict:
        async with AsyncGuard(make_settings(), load_entry_points=False) as aguard:
            return (await aguard.moderate(make_submission())).verdict

    assert asyncio.run(use()) is Verdict.APPROVE


class _Closing(Check):
    name = "closing"
    closed: ClassVar[list[str]] = []

    def check(self, submission: CommentSubmission) -> list[Finding]:
        return []

    def close(self) -> None:
        self.closed.append("close")


class _ClosingPlugin:
    @commentguard.hookimpl
    def register_checks(self, register: Callable[[type[Check]], None]) -> None:
        register(_Closing)


async def test_guards_close_their_checks() -> None:
    """Guard.close calls Check.close; AsyncGuard.aclose calls Check.aclose, which defaults to it."""
    _Closing.closed.clear()
    with Guard(make_settings(), plugins=[_ClosingPlugin()], load_entry_points=False):
        pass
    async with AsyncGuard(make_settings(), plugins=[_ClosingPlugin()], load_entry_points=False):
        pass
    assert _Closing.closed == ["close", "close"]


class _BrokenClose(_Closing):
    name = "broken_close"
    default_order = 1

    def close(self) -> None:
        raise OSError("socket already gone")


class _BrokenClosePlugin:
    @commentguard.hookimpl
    def register_checks(self, register: Callable[[type[Check]], None]) -> None:
        register(_BrokenClose)
        register(_Closing)


async def test_a_check_that_fails_to_close_does_not_keep_the_others_open(
    caplog: pytest.LogCaptureFixture,
) -> None:
    _Closing.closed.clear()
    plugins = [_BrokenClosePlugin()]
    with Guard(make_settings(), plugins=plugins, load_entry_points=False):
        pass
    async with AsyncGuard(make_settings(), plugins=plugins, load_entry_points=False):
        pass
    assert _Closing.closed == ["close", "close"]
    assert caplog.text.count("check 'broken_close' failed to close") == 2


# --------------------------------------------------------------------------------------------
# the result carries what to save


def test_moderate_returns_the_submission_beside_the_decision() -> None:
    data = {"name": " Ada ", "email": "Ada@Example.com", "body": "Nice post.", "thread_id": 7}
    with guard_with(settings=make_settings(secret_key=SECRET)) as guard:
        moderation = guard.moderate(data)
        batched = next(guard.moderate_many([moderation.submission]))
    assert isinstance(moderation, commentguard.Moderation)
    assert isinstance(moderation, commentguard.Decision)  # code written for decisions still works
    assert moderation.submission.name == "Ada"
    assert moderation.submission.thread_id == "7"
    assert moderation.submission.email.reveal() == "Ada@example.com"
    assert batched.submission is moderation.submission
    decision = moderation.decision
    assert type(decision) is commentguard.Decision
    assert (decision.verdict, decision.findings, decision.author_message) == (
        moderation.verdict,
        moderation.findings,
        moderation.author_message,
    )


def test_moderation_public_view_hashes_the_email_with_the_secret_key() -> None:
    with guard_with(settings=make_settings(secret_key=SECRET)) as guard:
        moderation = guard.moderate(_submission({"body": "Nice post."}))
    expected = commentguard.PublicComment.from_submission(moderation.submission, secret=SECRET)
    assert moderation.public == expected
    assert "submission" not in moderation.model_dump()
    assert "submission" not in repr(moderation)
    assert "email" not in moderation.model_dump_json()


def test_without_a_secret_key_the_public_view_has_no_avatar_key() -> None:
    """No unkeyed hash of the address is ever published: it could be tested by guessing."""
    with guard_with(settings=make_settings(secret_key=None)) as guard:
        moderation = guard.moderate(_submission({"body": "Nice post."}))
    assert moderation.public.avatar_key is None
    assert moderation.public.body == "Nice post."


async def test_async_moderate_returns_the_submission_too() -> None:
    async with async_guard_with() as guard:
        moderation = await guard.moderate({"name": "Ada", "email": "a@example.com", "body": "Hi"})
    assert moderation.submission.body == "Hi"
