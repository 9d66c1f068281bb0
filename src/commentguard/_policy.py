"""The default decision policy: the most severe verdict any finding asks for."""

from __future__ import annotations

from collections.abc import Sequence

from commentguard._hookspecs import hookimpl
from commentguard._models import CommentSubmission, Decision, Finding, Verdict
from commentguard._settings import Settings
from commentguard.i18n import N_

_AWAITING = N_("Your comment is awaiting moderation.")
AUTHOR_MESSAGES: dict[Verdict, str] = {
    Verdict.APPROVE: N_("Thank you for your comment."),
    Verdict.HOLD: _AWAITING,
    # Spam and discarded comments answer like held ones: a spammer learns nothing.
    Verdict.SPAM: _AWAITING,
    Verdict.DISCARD: _AWAITING,
    Verdict.REJECT: N_("Your comment could not be accepted."),
}
"""Generic messages for the author, used when no finding carries a message of its own."""


def most_severe(findings: Sequence[Finding]) -> Verdict:
    """Return the most severe verdict among ``findings`` (approve when there are none)."""
    return max((finding.verdict for finding in findings), default=Verdict.APPROVE, key=_rank)


def _rank(verdict: Verdict) -> int:
    return verdict.severity


def author_message(verdict: Verdict, findings: Sequence[Finding]) -> str:
    """Pick what to tell the author: a deciding finding's own message, else the generic one.

    Only findings whose verdict *is* the decision's can speak to the author, and never for
    spam or discard, where any explanation would help the spammer.
    """
    if verdict in (Verdict.REJECT, Verdict.HOLD):
        for finding in findings:
            if finding.verdict is verdict and finding.author_message:
                return finding.author_message
    return AUTHOR_MESSAGES[verdict]


def _hold_lifted(findings: Sequence[Finding]) -> bool:
    # A failed check holds to fail closed; a trusted author must not open that door.
    return any(finding.lifts_hold for finding in findings) and not any(
        finding.verdict is Verdict.HOLD and finding.code == "check.error" for finding in findings
    )


@hookimpl(trylast=True)
def decide(
    submission: CommentSubmission,
    findings: Sequence[Finding],
    settings: Settings,
) -> Decision:
    """Decide by severity (see :func:`most_severe`); ``lifts_hold`` turns hold into approve.

    A hold from a failed check (``check.error``) is never lifted.
    """
    verdict = most_severe(findings)
    if verdict is Verdict.HOLD and _hold_lifted(findings):
        verdict = Verdict.APPROVE
    return Decision(
        verdict=verdict,
        findings=tuple(findings),
        author_message=author_message(verdict, findings),
    )
