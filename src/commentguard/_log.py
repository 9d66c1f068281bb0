"""The built-in logging plugin: one log line per decision, never with the email."""

from __future__ import annotations

import logging

from commentguard._hookspecs import hookimpl
from commentguard._models import CommentSubmission, Decision, Verdict

logger = logging.getLogger("commentguard")


@hookimpl
def comment_moderated(submission: CommentSubmission, decision: Decision) -> None:
    """Log the verdict, the finding codes, the thread and the comment id at INFO."""
    if not logger.isEnabledFor(logging.INFO):
        return  # the arguments cost more than the call: a dump check makes a million of them
    logger.info(
        "comment %s in thread %s: %s (%s)",
        submission.id or "-",
        submission.thread_id or "-",
        decision.verdict.value,
        ", ".join(decision.codes) or "no findings",
    )


@hookimpl
def comment_reported(submission: CommentSubmission, verdict: Verdict) -> None:
    """Log a moderator's verdict at INFO."""
    logger.info(
        "comment %s in thread %s reported as %s",
        submission.id or "-",
        submission.thread_id or "-",
        verdict.value,
    )
