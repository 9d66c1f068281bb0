"""Form token: too fast means a bot; forged, too old or used before means a replay."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Self

from pydantic import Field, NonNegativeFloat, PositiveFloat

from commentguard._check import Check, CheckSettings
from commentguard._errors import ConfigurationError
from commentguard._form_token import FormToken, FormTokenSigner, InvalidFormToken
from commentguard._hookspecs import hookimpl
from commentguard._models import CommentSubmission, Finding, Verdict
from commentguard.i18n import N_
from commentguard.stores import Store
from commentguard.stores._base import key

if TYPE_CHECKING:
    from commentguard._check_context import CheckContext

_EXPIRED_MESSAGE = N_(
    "This form has expired. Please reload the page and submit your comment again."
)
_REPLAYED_MESSAGE = N_(
    "This form has already been sent. Please reload the page to write another comment."
)
_CLOCK_SKEW_SECONDS = 60.0


class FormTokenSettings(CheckSettings):
    """Settings of the ``form_token`` check."""

    min_seconds: NonNegativeFloat = Field(
        3.0, description="Submissions sooner than this after the form was rendered are held."
    )
    max_age_seconds: PositiveFloat = Field(
        7200.0, description="Tokens older than this are refused (default two hours)."
    )
    required: bool = Field(False, description="Refuse submissions that carry no token.")


class FormTokenCheck(Check):
    """Verify the signed form token a submission carries, and let each token serve once.

    - no token: passes, unless ``required`` (then reject);
    - forged, or issued for another thread: reject;
    - older than ``max_age_seconds``: reject, asking the reader to reload;
    - already used for a comment the site took: reject as replayed;
    - younger than ``min_seconds``: hold (people take longer than that to type a comment).

    The token's age is measured against the submission's ``submitted_at``. A token is used up
    in :meth:`confirm`, once the guard has decided to take the comment: its nonce goes into the
    store (atomically, so of two concurrent replays one wins) until the token has expired. A
    comment refused for another reason (a field error, a flood) leaves its token valid, so the
    author can correct it and send the same form again. Built without a store, the check
    cannot tell a replay.
    """

    name = "form_token"
    settings_model = FormTokenSettings
    default_order = 12
    comment_types = frozenset({"comment"})  # not pingbacks or trackbacks
    default_timeout = 3.0  # it asks the store, which may be remote, whether a token was used
    store_io_only = True
    settings: FormTokenSettings

    def __init__(
        self,
        settings: CheckSettings | None = None,
        signer: FormTokenSigner | None = None,
        store: Store | None = None,
    ) -> None:
        super().__init__(settings)
        self._signer = signer
        self._store = store

    @classmethod
    def from_settings(cls, context: CheckContext) -> Self:
        """Build the check with a signer for the site's secret key, when one is set."""
        check_settings = context.check_settings
        assert isinstance(check_settings, FormTokenSettings)  # noqa: S101 - the guard validated it
        signer = context.signer
        if signer is None:
            if check_settings.required and check_settings.enabled:
                raise ConfigurationError(
                    "checks.form_token.required is set, but secret_key is not: "
                    "tokens cannot be issued or verified without it"
                )
            # Without a secret no token can have been issued, so there is nothing to verify.
            return cls(check_settings)
        return cls(check_settings, signer, context.store)

    def check(self, submission: CommentSubmission) -> Sequence[Finding]:
        """Check presence, signature, thread, and age of the token."""
        token = submission.form_token
        if token is None or self._signer is None:
            if self.settings.required:
                return (
                    self.finding(
                        "form_token.missing",
                        Verdict.REJECT,
                        "The submission carries no form token.",
                        author_message=_EXPIRED_MESSAGE,
                    ),
                )
            return ()
        try:
            issued = self._signer.read(token)
        except InvalidFormToken:
            return (
                self.finding(
                    "form_token.invalid",
                    Verdict.REJECT,
                    "The form token's signature does not verify: forged or from another site.",
                    author_message=_EXPIRED_MESSAGE,
                    field="form_token",
                ),
            )
        if issued.thread_id is not None and issued.thread_id != submission.thread_id:
            return (
                self.finding(
                    "form_token.wrong_thread",
                    Verdict.REJECT,
                    "The form token was issued for a different thread.",
                    author_message=_EXPIRED_MESSAGE,
                    field="form_token",
                ),
            )
        age = (submission.submitted_at - issued.issued_at).total_seconds()
        if age > self.settings.max_age_seconds or age < -_CLOCK_SKEW_SECONDS:
            return (
                self.finding(
                    "form_token.expired",
                    Verdict.REJECT,
                    f"The form was rendered {age:.0f} s before the submission "
                    f"(limit {self.settings.max_age_seconds:.0f} s).",
                    author_message=_EXPIRED_MESSAGE,
                    field="form_token",
                ),
            )
        if self._store is not None and self._store.get(self._nonce_key(issued)) is not None:
            return (self._replayed(),)
        if age < self.settings.min_seconds:
            return (
                self.finding(
                    "form_token.too_fast",
                    Verdict.HOLD,
                    f"The form was submitted {max(age, 0.0):.1f} s after it was rendered "
                    f"(minimum {self.settings.min_seconds:g} s): faster than people type.",
                    field="form_token",
                ),
            )
        return ()

    def confirm(self, submission: CommentSubmission) -> Sequence[Finding]:
        """Use the token up for the comment the guard takes; refuse it if it was used first."""
        issued = self._verified(submission)
        if issued is None or self._store is None:
            return ()
        # Until the token expires: at most max_age from its issue, which may be up to the
        # clock skew ahead of now.
        ttl = self.settings.max_age_seconds + _CLOCK_SKEW_SECONDS
        if self._store.add(self._nonce_key(issued), "1", ttl):
            return ()
        return (self._replayed(),)

    def _verified(self, submission: CommentSubmission) -> FormToken | None:
        if submission.form_token is None or self._signer is None:
            return None
        try:
            return self._signer.read(submission.form_token)
        except InvalidFormToken:
            return None

    def _nonce_key(self, token: FormToken) -> str:
        # The nonce is random and says nothing about the author: it needs no hashing.
        return key(self.name, "nonce", token.nonce)

    def _replayed(self) -> Finding:
        return self.finding(
            "form_token.replayed",
            Verdict.REJECT,
            "The form token was already used for a comment.",
            author_message=_REPLAYED_MESSAGE,
            field="form_token",
        )


@hookimpl
def register_checks(register: Callable[[type[Check]], None]) -> None:
    """Register the form-token check."""
    register(FormTokenCheck)
