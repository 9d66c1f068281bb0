"""The base classes of every check, built-in or from a plugin, and the settings all checks have."""

from __future__ import annotations

import asyncio
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, ClassVar, Self, get_origin

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    NonNegativeInt,
    PositiveFloat,
    ValidationInfo,
    field_validator,
)

from commentguard._jsonread import JsonError, read_json
from commentguard._models import CommentSubmission, Finding, Verdict
from commentguard._models.submission import COMMENT_TYPES, CommentType
from commentguard.stores._base import key

if TYPE_CHECKING:
    from commentguard._check_context import CheckContext
    from commentguard.stores import Store


_SEQUENCES = (tuple, list, set, frozenset)


class CheckSettings(BaseModel):
    """Settings every check has; a check extends this model with its own fields.

    They are read from the check's section of the configuration (``[checks.<name>]``), and an
    unknown key is an error, so a typo never silently disables a setting.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    enabled: bool = True
    order: NonNegativeInt | None = Field(
        None, description="Position in the pipeline (lower runs first); defaults to the check's."
    )
    timeout: PositiveFloat | None = Field(
        None, description="Seconds the check may take; on overrun it becomes a check.error."
    )
    fail_open: bool = Field(
        False,
        description="On an error or timeout, ignore the check instead of holding the comment.",
    )
    required: bool = Field(
        False,
        description="Refuse to build a guard when the check is not configured (it raised "
        "NotConfigured: an API key is missing, say); by default such a check is left out, "
        "with a warning.",
    )

    @field_validator("*", mode="before")
    @classmethod
    def _json_lists_from_environment(cls, value: object, info: ValidationInfo) -> object:
        # COMMENTGUARD_CHECKS__WORDLISTS__MODERATION_KEYS='["a", "b"]' arrives as a string.
        field = cls.model_fields.get(info.field_name or "")
        is_sequence = field is not None and get_origin(field.annotation) in _SEQUENCES
        if is_sequence and isinstance(value, str) and value.startswith("["):
            try:
                return read_json(value)
            except JsonError:
                return value
        return value


class Check:
    """A moderation check: looks at a submission and returns findings.

    Subclasses set :attr:`name` and implement :meth:`check`. A check that does I/O also
    implements :meth:`acheck`; one backed by a model implements :meth:`check_many` so batches
    (the CLI on a dump) are scored together. Checks must be safe to call from several threads.
    A check that cannot run until the site sets something up (an API key) raises
    :class:`~commentguard.NotConfigured` from its constructor or :meth:`from_settings`.

    Example:
        >>> class ShoutingCheck(Check):
        ...     name = "shouting"
        ...     def check(self, submission):
        ...         if submission.body.isupper():
        ...             return [self.finding("shouting.all_caps", Verdict.HOLD, "All capitals.")]
        ...         return []
    """

    name: ClassVar[str]
    """Unique name; also the settings section (``[checks.<name>]``)."""
    settings_model: ClassVar[type[CheckSettings]] = CheckSettings
    """The pydantic model of this check's settings."""
    default_order: ClassVar[int] = 100
    """Where the check runs when settings do not say: cheap checks have low numbers."""
    default_timeout: ClassVar[float | None] = None
    """Timeout used when settings do not set one; checks that do network I/O should set it."""
    comment_types: ClassVar[frozenset[CommentType]] = frozenset(COMMENT_TYPES)
    """The ``comment_type`` values the check applies to; the guard skips it for the others.

    All by default. A check of what only a reader's form carries (a honeypot, a form token,
    a posting rate) sets ``frozenset({"comment"})``, so pingbacks and trackbacks skip it.
    """

    def __init__(self, settings: CheckSettings | None = None) -> None:
        self.settings = settings if settings is not None else self.settings_model()

    @classmethod
    def from_settings(cls, context: CheckContext) -> Self:
        """Build the check for a guard; the one way every check is built.

        ``context`` carries the check's validated section (``context.check_settings``) and
        what else the guard offers: the site's settings, the store, the form-token signer, the
        key for hashes kept in the store (see :class:`~commentguard.CheckContext`). Override
        to pass the constructor what the check needs from it. The default calls
        ``cls(context.check_settings)``.

        Raises:
            NotConfigured: the check cannot run until the site configures it (an API key is
                missing). The guard leaves it out with a warning, or, when the check's
                settings say ``required = true``, refuses to build.
        """
        return cls(context.check_settings)

    def learn(self, submission: CommentSubmission, verdict: Verdict) -> None:
        """Take a moderator's verdict into account (``Guard.report``). Does nothing by default."""

    def check(self, submission: CommentSubmission) -> Sequence[Finding]:
        """Return the findings for ``submission`` (an empty sequence when all is well)."""
        raise NotImplementedError(f"{type(self).__name__} must implement check()")

    async def acheck(self, submission: CommentSubmission) -> Sequence[Finding]:
        """Async form of :meth:`check`.

        The default runs :meth:`check` in a worker thread when the check has a timeout (a sign it
        may block), and inline otherwise. Checks doing network I/O should override it.
        """
        if self.timeout is None:
            return self.check(submission)
        return await asyncio.to_thread(self.check, submission)

    def confirm(self, submission: CommentSubmission) -> Sequence[Finding]:
        """Use up what only a comment the site takes may use up; refuse it if that fails.

        The guard calls it once it has decided to take ``submission`` (any verdict but
        reject: published, held, spam, discarded), for each check that ran on it, in pipeline
        order. Claim atomically (``Store.add``), so that of two requests racing for the same
        thing one wins; return findings to refuse the loser, and the guard decides again with
        them. A comment refused for another reason claims nothing. The ``form_token`` check
        uses up the token's nonce here. Does nothing by default.
        """
        return ()

    def confirm_many(self, submissions: Sequence[CommentSubmission]) -> list[Sequence[Finding]]:
        """Batch form of :meth:`confirm` (``Guard.moderate_many``): results in order.

        The default confirms each in turn, so a submission sees what those before it claimed.
        """
        return [self.confirm(submission) for submission in submissions]

    async def aconfirm(self, submission: CommentSubmission) -> Sequence[Finding]:
        """Async form of :meth:`confirm`, run as :meth:`acheck` runs :meth:`check`."""
        if self.timeout is None:
            return self.confirm(submission)
        return await asyncio.to_thread(self.confirm, submission)

    def close(self) -> None:
        """Release what the check holds open (an HTTP client, say). Does nothing by default.

        ``Guard.close`` calls it; the check is not used afterwards.
        """

    async def aclose(self) -> None:
        """Async form of :meth:`close`, called by ``AsyncGuard.aclose``; the default calls it."""
        self.close()

    def check_many(self, submissions: Sequence[CommentSubmission]) -> list[Sequence[Finding]]:
        """Return findings for each submission, in order. Override to score in batches."""
        return [self.check(submission) for submission in submissions]

    @property
    def order(self) -> int:
        """The effective position in the pipeline."""
        return self.settings.order if self.settings.order is not None else self.default_order

    store_io_only: ClassVar[bool] = False
    """Whether the check's only I/O is the guard's store (:attr:`store`): then on an in-process
    store it needs no timeout (see :attr:`timeout`). ``StoreCheck`` sets it."""
    _store: Store | None = None
    """The guard's store, for checks that remember (set by their constructor)."""

    @property
    def store(self) -> Store | None:
        """The store the check remembers in (a ``StoreCheck``, ``form_token``), else ``None``.

        ``None`` too for a check built without one (``StoreCheck(settings)`` in a test).
        Settable, for a check whose constructor keeps its store as ``self.store``.
        """
        return self._store

    @store.setter
    def store(self, store: Store | None) -> None:
        self._store = store

    @property
    def timeout(self) -> float | None:
        """The effective timeout in seconds, or ``None`` for none.

        The settings' ``timeout``, else :attr:`default_timeout`, except that a check whose only
        I/O is an in-process store (:attr:`store_io_only`, ``memory://``) gets none: nothing can
        hang there, and it runs in the calling thread instead of paying a worker thread's
        hand-over (about 20 µs, far more on a busy machine) for each comment.
        """
        if self.settings.timeout is not None:
            return self.settings.timeout
        if self.store_io_only and self._store is not None and self._store.in_process:
            return None
        return self.default_timeout

    def finding(
        self,
        code: str,
        verdict: Verdict,
        moderator_message: str,
        **details: object,
    ) -> Finding:
        """Build a :class:`Finding` attributed to this check."""
        return Finding.model_validate(
            {
                "check": self.name,
                "code": code,
                "verdict": verdict,
                "moderator_message": moderator_message,
                **details,
            }
        )

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.name!r}>"


class StoreCheck(Check):
    """A check that remembers, through the guard's :class:`~commentguard.stores.Store`.

    It is built with the store (:attr:`store`) and the key for hashes kept in it
    (:attr:`store_secret`, derived from ``secret_key``): keep authors, addresses and texts in
    the store only as keyed hashes. Built without a store (``StoreCheck(settings)``),
    :meth:`check` should find nothing.
    """

    store_io_only = True

    def __init__(
        self, settings: CheckSettings | None = None, store: Store | None = None, secret: bytes = b""
    ) -> None:
        super().__init__(settings)
        self._store = store
        self._secret = secret

    @classmethod
    def from_settings(cls, context: CheckContext) -> Self:
        """Use the guard's store, and its secret for hashing what goes into it."""
        return cls(context.check_settings, context.store, context.store_secret)

    @property
    def store_secret(self) -> bytes:
        """The key of the keyed hashes (HMAC) this check keeps in the store."""
        return self._secret

    def store_key(self, *parts: str) -> str:
        """A key in this check's namespace: ``commentguard:<check name>:<part>:...``."""
        return key(self.name, *parts)


def iter_findings(found: Iterable[Finding] | None) -> tuple[Finding, ...]:
    """Normalise what a check returned into a tuple (``None`` counts as no findings)."""
    return tuple(found) if found is not None else ()
