"""The moderation result: the decision together with the submission it was made on."""

from __future__ import annotations

from pydantic import Field, PrivateAttr

from commentguard._models.decision import Decision
from commentguard._models.public import PublicComment
from commentguard._models.submission import CommentSubmission


class Moderation(Decision):
    """What :meth:`Guard.moderate` returns: a :class:`Decision` plus what to save.

    It is a ``Decision`` (``verdict``, ``findings``, ``author_message``, ...), so code written
    against decisions keeps working, and it carries the validated :attr:`submission`, so a web
    view can store the comment without reading the request again, and :attr:`public`, the
    comment as it may be shown to readers.

    The submission is left out of ``repr``, ``model_dump`` and JSON (its email is private):
    read ``moderation.submission`` explicitly.
    """

    submission: CommentSubmission = Field(
        exclude=True, repr=False, description="The validated comment the decision was made on."
    )
    _avatar_secret: bytes | None = PrivateAttr(default=None)

    @classmethod
    def of(
        cls,
        decision: Decision,
        submission: CommentSubmission,
        timings: dict[str, float],
        *,
        secret: bytes | None,
    ) -> Moderation:
        """``decision`` (as a policy returned it) with ``submission`` and the check timings.

        ``secret`` is the ``secret_key`` as UTF-8 bytes (the guard encodes it once), for
        :attr:`public`'s avatar key.
        """
        moderation = cls.model_construct(
            verdict=decision.verdict,
            findings=decision.findings,
            author_message=decision.author_message,
            timings=timings,
            submission=submission,
        )
        moderation._avatar_secret = secret
        return moderation

    @property
    def decision(self) -> Decision:
        """The decision alone, as a plain :class:`Decision`."""
        return Decision.model_construct(
            verdict=self.verdict,
            findings=self.findings,
            author_message=self.author_message,
            timings=self.timings,
        )

    @property
    def public(self) -> PublicComment:
        """The comment as it may be published: no email, a keyed avatar hash instead.

        The avatar key is ``None`` when the guard has no ``secret_key`` (a developer's machine
        with the ``memory://`` store) or the comment has no address.
        """
        return PublicComment.from_submission(self.submission, secret=self._avatar_secret)
