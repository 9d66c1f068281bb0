"""Closed threads: refuse comments on articles older than a configured number of days."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import timedelta

from pydantic import Field, PositiveInt

from commentguard._check import Check, CheckSettings
from commentguard._hookspecs import hookimpl
from commentguard._models import CommentSubmission, Finding, Verdict
from commentguard.i18n import N_


class ClosedThreadSettings(CheckSettings):
    """Settings of the ``closed_thread`` check."""

    close_after_days: PositiveInt | None = Field(
        None, description="Close threads this many days after publication; off when unset."
    )


class ClosedThreadCheck(Check):
    """Reject a comment when its thread was published more than ``close_after_days`` ago.

    Like WordPress's "Automatically close comments on posts older than N days". The caller
    passes the thread's publication date as ``thread_published_at``; without it the check passes.
    """

    name = "closed_thread"
    settings_model = ClosedThreadSettings
    default_order = 15
    settings: ClosedThreadSettings

    def check(self, submission: CommentSubmission) -> Sequence[Finding]:
        """Reject comments on threads past their closing date."""
        days = self.settings.close_after_days
        published = submission.thread_published_at
        if days is None or published is None:
            return ()
        if submission.submitted_at - published <= timedelta(days=days):
            return ()
        return (
            self.finding(
                "closed_thread.closed",
                Verdict.REJECT,
                f"The thread was published more than {days} days before the comment.",
                author_message=N_("Comments are closed on this article."),
            ),
        )


@hookimpl
def register_checks(register: Callable[[type[Check]], None]) -> None:
    """Register the closed-thread check."""
    register(ClosedThreadCheck)
