"""The built-in decide and comment_moderated implementations are called directly, equivalently.

While the default policy is the only ``decide`` implementation (and the log plugin the only
``comment_moderated`` one) and nothing monitors hooks, :class:`~commentguard._plugins.Plugins`
skips pluggy's dispatch. A plugin of either hook, a hook wrapper or a monitor brings the
dispatch back, and the decisions are the same either way.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import Any

import pytest

from commentguard import Decision, Finding, Moderation, Verdict, hookimpl
from commentguard.testing import guard_with, make_settings, make_submission

BODIES = [
    "A kind word about the article.",
    "Buy cheap pills at https://pills.example and https://more.example and https://x.example",
    "",
    "FREE MONEY!!! click https://cash.example",
]


def _moderate(guard: Any) -> list[tuple[object, ...]]:
    decisions: list[Moderation] = [
        guard.moderate(make_submission(body=body or "-")) for body in BODIES
    ]
    return [(d.verdict, d.codes, d.author_message) for d in decisions]


def test_the_shortcut_decides_as_the_hook_does() -> None:
    """The same submissions, decided directly and through a monitored hook: the same answers."""
    watched: list[str] = []
    with guard_with() as guard:
        assert guard.plugins.manager.only_implementation("decide") is not None
        direct = _moderate(guard)
        undo = guard.plugins.manager.add_hookcall_monitoring(
            lambda name, impls, kwargs: watched.append(name), lambda *args: None
        )
        assert guard.plugins.manager.only_implementation("decide") is None
        through_hook = _moderate(guard)
        undo()
        undo()  # twice is harmless: the count stays right
        assert guard.plugins.manager.monitors == 0
        assert guard.plugins.manager.only_implementation("decide") is not None
    assert direct == through_hook
    assert watched.count("decide") == len(BODIES)
    assert watched.count("comment_moderated") == len(BODIES)


def test_tracing_sees_the_calls() -> None:
    """pluggy's own tracing is a monitor: with it on, the hooks go through pluggy."""
    seen: list[tuple[str, ...]] = []
    with guard_with() as guard:
        manager = guard.plugins.manager
        manager.trace.root.setwriter(lambda message: seen.append((message,)))
        undo = manager.enable_tracing()
        guard.moderate(make_submission())
        undo()
        assert manager.monitors == 0
    assert any("decide" in message for (message,) in seen)
    assert any("comment_moderated" in message for (message,) in seen)


class _Stricter:
    """A plugin whose policy holds everything."""

    @hookimpl
    def decide(self, submission: object, findings: Sequence[Finding], settings: object) -> Decision:
        return Decision(verdict=Verdict.HOLD, findings=tuple(findings), author_message="Wait.")


def test_a_plugin_implementing_decide_still_wins() -> None:
    """Another decide implementation is called, and its decision stands."""
    with guard_with(_Stricter()) as guard:
        assert guard.plugins.manager.only_implementation("decide") is None
        decision = guard.moderate(make_submission())
    assert decision.verdict is Verdict.HOLD
    assert decision.author_message == "Wait."


class _Wrapper:
    """A hook wrapper around decide, which sees the default policy's decision."""

    def __init__(self) -> None:
        self.results: list[Decision] = []

    @hookimpl(wrapper=True)
    def decide(self, submission: object, findings: object, settings: object) -> Any:
        decision = yield
        self.results.append(decision)
        return decision


def test_a_hook_wrapper_around_decide_still_runs() -> None:
    """A wrapper is an implementation too: the hook goes through pluggy and the wrapper."""
    wrapper = _Wrapper()
    with guard_with(wrapper) as guard:
        decision = guard.moderate(make_submission())
    assert [d.verdict for d in wrapper.results] == [decision.verdict]


class _Listener:
    def __init__(self) -> None:
        self.heard: list[Verdict] = []

    @hookimpl
    def comment_moderated(self, submission: object, decision: Decision) -> None:
        self.heard.append(decision.verdict)


def test_a_comment_moderated_listener_is_told_and_the_log_still_written(
    caplog: pytest.LogCaptureFixture,
) -> None:
    """With a second listener both are called; alone, the log plugin still logs at INFO."""
    listener = _Listener()
    with caplog.at_level(logging.INFO, logger="commentguard"):
        with guard_with(listener) as guard:
            guard.moderate(make_submission())
        with guard_with(settings=make_settings()) as alone:
            assert alone.plugins.manager.only_implementation("comment_moderated") is not None
            alone.moderate(make_submission())
    assert listener.heard == [Verdict.APPROVE]
    assert sum("approve" in record.getMessage() for record in caplog.records) == 2
