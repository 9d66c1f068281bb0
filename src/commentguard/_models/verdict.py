"""The five outcomes of moderating a comment."""

from __future__ import annotations

from enum import StrEnum


class Verdict(StrEnum):
    """What the site should do with a comment.

    The members are ordered by severity: when several checks ask for different verdicts, the
    default policy picks the most severe one (see :attr:`severity`).
    """

    APPROVE = "approve"
    """Publish the comment."""
    HOLD = "hold"
    """Keep it out of sight until a moderator looks at it."""
    SPAM = "spam"
    """File it in the spam folder, where a moderator can still review it."""
    REJECT = "reject"
    """Refuse it and tell the author why (flood, duplicate, closed thread)."""
    DISCARD = "discard"
    """Blatant abuse or a bot: drop it silently and answer as if it had been accepted."""

    @property
    def severity(self) -> int:
        """Rank used to combine verdicts: approve 0, hold 1, spam 2, reject 3, discard 4.

        Discard outranks reject because it is only asked for by signals that mark a bot; telling
        a bot *why* it was refused teaches it how to get through.
        """
        return _SEVERITY[self]

    @property
    def accepted(self) -> bool:
        """Whether the author should be told the comment was received.

        True for every verdict but reject: discarded comments answer as if accepted on purpose.
        """
        return self is not Verdict.REJECT

    @property
    def published(self) -> bool:
        """Whether readers may see the comment now."""
        return self is Verdict.APPROVE


_SEVERITY = {
    Verdict.APPROVE: 0,
    Verdict.HOLD: 1,
    Verdict.SPAM: 2,
    Verdict.REJECT: 3,
    Verdict.DISCARD: 4,
}
