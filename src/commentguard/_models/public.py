"""What readers may see of a comment."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, ConfigDict, SecretStr

from commentguard._models.submission import CommentSubmission


class PublicComment(BaseModel):
    """A comment as it may be published: no email, only a keyed hash of it for avatars.

    ``avatar_key`` is an HMAC-SHA256 of the case-folded email under the site's secret, so the same
    author always gets the same avatar while nobody without the secret can test a guessed address.
    It is ``None`` for a comment without an address (an old one, imported from a dump).
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    name: str
    body: str
    url: str | None = None
    id: str | None = None
    parent_id: str | None = None
    thread_id: str | None = None
    submitted_at: datetime
    avatar_key: str | None = None

    @classmethod
    def from_submission(
        cls, submission: CommentSubmission, *, secret: SecretStr | str | bytes | None
    ) -> PublicComment:
        """Build the public view of ``submission``, hashing its email under ``secret``.

        Without a secret (``None``) there is no avatar key: an unkeyed hash of an address
        would let anyone test a guessed address against the published page.
        """
        return cls(
            name=submission.name,
            body=submission.body,
            url=submission.url,
            id=submission.id,
            parent_id=submission.parent_id,
            thread_id=submission.thread_id,
            submitted_at=submission.submitted_at,
            avatar_key=(
                None
                if submission.email is None or secret is None
                else submission.email.digest(_secret_bytes(secret))
            ),
        )


def _secret_bytes(secret: SecretStr | str | bytes) -> bytes:
    if isinstance(secret, SecretStr):
        secret = secret.get_secret_value()
    if isinstance(secret, str):
        secret = secret.encode("utf-8")
    if not secret:
        raise ValueError("the secret for avatar keys must not be empty")
    return secret
