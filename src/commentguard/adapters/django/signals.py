"""Django signals for commentguard's hooks, sent by a plugin the app adds to its guard.

Connect receivers as to any Django signal::

    from commentguard.adapters.django.signals import comment_moderated

    @receiver(comment_moderated)
    def count(sender, submission, decision, **kwargs): ...

``comment_moderated`` is sent after every moderation by the project's guard (a web request,
``commentguard_recheck``), with ``submission`` (the validated
:class:`~commentguard.CommentSubmission`) and ``decision`` (the
:class:`~commentguard.Decision`). ``comment_reported`` is sent when a moderator's verdict
reaches ``Guard.report`` (an admin action, an approval through django-contrib-comments), with
``submission`` and ``verdict`` (a :class:`~commentguard.Verdict`). The sender of both is
:class:`~commentguard.CommentSubmission`, as django-contrib-comments sends its comment class.
Receivers run in the thread that moderated; an exception in one propagates to that caller.
"""

from __future__ import annotations

from django.dispatch import Signal

from commentguard._hookspecs import hookimpl
from commentguard._models import CommentSubmission, Decision, Verdict

comment_moderated = Signal()
"""Sent after each moderation. Keyword arguments: ``submission``, ``decision``."""

comment_reported = Signal()
"""Sent after each moderator's report. Keyword arguments: ``submission``, ``verdict``."""


@hookimpl(specname="comment_moderated")
def send_comment_moderated(submission: CommentSubmission, decision: Decision) -> None:
    """Send :data:`comment_moderated`."""
    comment_moderated.send(sender=CommentSubmission, submission=submission, decision=decision)


@hookimpl(specname="comment_reported")
def send_comment_reported(submission: CommentSubmission, verdict: Verdict) -> None:
    """Send :data:`comment_reported`."""
    comment_reported.send(sender=CommentSubmission, submission=submission, verdict=verdict)
