"""Honeypot: a hidden form field people never see and bots fill in."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from commentguard._check import Check
from commentguard._hookspecs import hookimpl
from commentguard._models import CommentSubmission, Finding, Verdict


class HoneypotCheck(Check):
    """Discard a submission whose honeypot field has any value at all."""

    name = "honeypot"
    default_order = 10
    comment_types = frozenset({"comment"})  # not pingbacks or trackbacks

    def check(self, submission: CommentSubmission) -> Sequence[Finding]:
        """Flag a filled honeypot."""
        if submission.honeypot is None:
            return ()
        return (
            self.finding(
                "honeypot.filled",
                Verdict.DISCARD,
                "The hidden honeypot field was filled in, which only bots do.",
                field="honeypot",
                score=1.0,
            ),
        )


@hookimpl
def register_checks(register: Callable[[type[Check]], None]) -> None:
    """Register the honeypot check."""
    register(HoneypotCheck)
