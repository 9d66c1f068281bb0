"""Signed form tokens: proof that a submission came from a form this site rendered, and when.

Render a token into the comment form (``FormTokenSigner.issue``); the ``form_token`` check reads
it back from the submission. Tokens are signed with itsdangerous (HMAC, compared in constant
time) and carry the time the form was rendered and, optionally, the thread it belongs to.
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass
from datetime import UTC, datetime

from itsdangerous import BadData, URLSafeSerializer
from pydantic import SecretStr

from commentguard.errors import ConfigurationError

_SALT = "commentguard.form-token.v1"


@dataclass(frozen=True, slots=True)
class FormToken:
    """What a valid token says: when the form was rendered, and for which thread."""

    issued_at: datetime
    thread_id: str | None


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
        return self._serializer.dumps({"t": issued_ms, "th": form_thread_id(thread_id)})

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
        issued, thread_id = payload.get("t"), payload.get("th")
        if not isinstance(issued, int | float) or not (
            thread_id is None or isinstance(thread_id, str)
        ):
            raise InvalidFormToken("the form token's payload is malformed")
        return FormToken(issued_at=datetime.fromtimestamp(issued, UTC), thread_id=thread_id)
