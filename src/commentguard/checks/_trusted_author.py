"""Trusted authors: someone with an approved comment on record skips moderation."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from pydantic import Field, PositiveFloat

from commentguard._check import Check, CheckSettings, StoreCheck
from commentguard._hookspecs import hookimpl
from commentguard._identity import author_key, author_name, keyed_hash
from commentguard._models import CommentSubmission, Finding, Verdict


class TrustedAuthorSettings(CheckSettings):
    """Settings of the ``trusted_author`` check."""

    remember_seconds: PositiveFloat = Field(
        2 * 365 * 86_400.0, description="How long an approval is remembered (two years)."
    )
    fail_open: bool = Field(
        True,
        description="This check only ever makes decisions more lenient, so when the store "
        "fails it is skipped rather than holding the comment.",
    )


class TrustedAuthorCheck(StoreCheck):
    """Let a comment that would only be held through when its author has been approved before.

    An author is the normalised email address together with the name, as WordPress's "comment
    author must have a previously approved comment". Approvals come from moderators through
    ``Guard.report(submission, "approve")``; a report of spam forgets the author. It never
    overrides spam, discard or reject, nor a hold from a check that failed.
    """

    name = "trusted_author"
    settings_model = TrustedAuthorSettings
    default_order = 90
    comment_types = frozenset({"comment"})  # not pingbacks or trackbacks
    default_timeout = 3.0
    settings: TrustedAuthorSettings

    def check(self, submission: CommentSubmission) -> Sequence[Finding]:
        """Vouch for an author with an approval on record (never one without an address)."""
        key = self._key(submission)
        if self._store is None or key is None or self._store.get(key) is None:
            return ()
        return (
            self.finding(
                "trusted_author.known",
                Verdict.APPROVE,
                "A moderator approved a comment by this author (same email and name) before.",
                lifts_hold=True,
            ),
        )

    def learn(self, submission: CommentSubmission, verdict: Verdict) -> None:
        """Remember an approved author; forget one reported as spam."""
        key = self._key(submission)
        if self._store is None or key is None:
            return
        if verdict is Verdict.APPROVE:
            self._store.set(key, "1", self.settings.remember_seconds)
        elif verdict in (Verdict.SPAM, Verdict.DISCARD):
            self._store.delete(key)

    def _key(self, submission: CommentSubmission) -> str | None:
        """The store key of the author: address and name; ``None`` without an address."""
        address = author_key(submission, self._secret)
        if address is None:  # a name alone proves nothing: anyone can type it
            return None
        return self.store_key(keyed_hash(self._secret, address, author_name(submission)))


@hookimpl
def register_checks(register: Callable[[type[Check]], None]) -> None:
    """Register the trusted-author check."""
    register(TrustedAuthorCheck)
