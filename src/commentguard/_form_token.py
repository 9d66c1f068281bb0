"""Signed form tokens: proof that a submission came from a form this site rendered, and when.

Render a token into the comment form (``FormTokenSigner.issue``); the ``form_token`` check reads
it back from the submission. Tokens are signed with itsdangerous (HMAC, compared in constant
time) and carry the time the form was rendered, optionally the thread it belongs to, and a
random nonce: the check remembers the nonce of each token a comment was taken with, so a token
is good for one comment.
"""

from __future__ import annotations

import math
import secrets
import time
from dataclasses import dataclass
from datetime import UTC, datetime

from itsdangerous import BadData, URLSafeSerializer
from pydantic import SecretStr

from commentguard._errors import ConfigurationError

# v2 tokens carry a nonce; a v1 token (no nonce, so no replay protection) no longer verifies.
_SALT = "commentguard.form-token.v2"
_NONCE_BYTES = 16  # 128 random bits: no two forms ever share one
_NONCE_MAX_CHARS = 64


@dataclass(frozen=True, slots=True)
class FormToken:
    """What a valid token says: when the form was rendered, for which thread, and its nonce."""

    issued_at: datetime
    thread_id: str | None
    nonce: str


def form_thread_id(thread_id: object) -> str | None:
    """``thread_id`` as a submission carries it: its ``str()``, without outer blanks.

    A form posts every value as text, and :class:`~commentguard.CommentSubmission` reads an int
    thread id as its string, so ``42``, ``"42"`` and ``" 42 "`` name one thread.

    Raises:
        TypeError: for a bool, which a submission refuses as a thread id too.
    """
    if thread_id is None:
        return None
    if isinstance(thread_id, bool):
        raise TypeError("a thread id cannot be a bool")
    return str(thread_id).strip() or None


class InvalidFormToken(ValueError):  # noqa: N818 - reads as a state, like InvalidSubmission
    """The token was not issued by this site (forged, truncated, or signed with another key)."""


class FormTokenSigner:
    """Issues and reads form tokens under the site's secret key."""

    def __init__(self, secret_key: SecretStr | str | None) -> None:
        if isinstance(secret_key, SecretStr):
            secret_key = secret_key.get_secret_value()
        if not secret_key:
            raise ConfigurationError(
                "form tokens need a secret key: set secret_key (COMMENTGUARD_SECRET_KEY)"
            )
        self._serializer = URLSafeSerializer(secret_key, salt=_SALT)

    def issue(self, *, thread_id: object = None, now: datetime | None = None) -> str:
        """Return a token to render into the form as a hidden field.

        Args:
            thread_id: The thread the form posts to, of any type (an int primary key, a slug, a
                UUID): the token holds it as :func:`form_thread_id` writes it, which is how the
                submission will carry it. ``None`` makes a token valid on every thread.
            now: When the form is rendered (now by default).
        """
        issued = now.timestamp() if now is not None else time.time()
        # Down to the millisecond, never up: a token must not look issued after it was.
        issued_ms = math.floor(issued * 1000) / 1000
        nonce = secrets.token_urlsafe(_NONCE_BYTES)
        return self._serializer.dumps({"t": issued_ms, "th": form_thread_id(thread_id), "n": nonce})

    def read(self, token: str) -> FormToken:
        """Verify ``token`` and return what it carries.

        Raises:
            InvalidFormToken: when the signature does not verify or the payload is malformed.
        """
        try:
            payload = self._serializer.loads(token)
        except BadData:
            raise InvalidFormToken("the form token's signature does not verify") from None
        if not isinstance(payload, dict):
            raise InvalidFormToken("the form token's payload is malformed")
        issued, thread_id, nonce = payload.get("t"), payload.get("th"), payload.get("n")
        if (
            not isinstance(issued, int | float)
            or not (thread_id is None or isinstance(thread_id, str))
            or not isinstance(nonce, str)
            or not 0 < len(nonce) <= _NONCE_MAX_CHARS
        ):
            raise InvalidFormToken("the form token's payload is malformed")
        issued_at = datetime.fromtimestamp(issued, UTC)
        return FormToken(issued_at=issued_at, thread_id=thread_id, nonce=nonce)
