"""The helpers in commentguard.testing, which plugin authors' tests rely on."""

from __future__ import annotations

from commentguard import Verdict
from commentguard.testing import (
    FakeClock,
    async_guard_with,
    guard_with,
    make_settings,
    make_submission,
)


def test_guard_without_builtins_has_no_checks_and_approves() -> None:
    """builtins=False ignores make_settings' sections for the (absent) stateful checks."""
    guard = guard_with(builtins=False)
    assert guard.checks == ()
    assert guard.moderate(make_submission()).verdict is Verdict.APPROVE


async def test_async_guard_without_builtins_ignores_builtin_sections() -> None:
    settings = make_settings(checks={"links": {"max_links": 1}})
    guard = async_guard_with(settings=settings, builtins=False)
    assert guard.checks == ()
    assert (
        await guard.moderate(make_submission(body="https://a.example"))
    ).verdict is Verdict.APPROVE


async def test_a_fake_clock_moves_both_guards_stores_past_the_flood_window() -> None:
    """guard_with(clock=...) and async_guard_with(clock=...) read the time from the clock."""
    clock = FakeClock()
    settings = make_settings(checks={"flood": {}})
    guard = guard_with(settings=settings, clock=clock)
    aguard = async_guard_with(settings=settings, clock=clock)
    assert guard.moderate(make_submission()).verdict is Verdict.APPROVE
    assert (await aguard.moderate(make_submission())).verdict is Verdict.APPROVE
    clock.advance(14.5)
    assert guard.moderate(make_submission()).codes == ("flood.too_fast",)
    assert (await aguard.moderate(make_submission())).codes == ("flood.too_fast",)
    clock.advance(0.5)  # WordPress's 15 seconds have passed
    assert guard.moderate(make_submission()).verdict is Verdict.APPROVE
    assert (await aguard.moderate(make_submission())).verdict is Verdict.APPROVE
