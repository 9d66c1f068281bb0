"""The reader's own comments awaiting moderation, remembered in a signed cookie.

As WordPress does, a held comment is shown to its author, marked "Your comment is awaiting
moderation.", and to nobody else. The cookie holds the ids of the author's pending comments,
signed with the site's secret (itsdangerous), so a reader cannot add someone else's id to it.
"""

from __future__ import annotations

from itsdangerous import BadSignature, URLSafeTimedSerializer
from werkzeug.wrappers import Request, Response

COOKIE_NAME = "newsroom_pending"
MAX_AGE_SECONDS = 14 * 86_400
MAX_REMEMBERED = 20


class PendingComments:
    """Reads and writes the pending-comments cookie."""

    def __init__(self, secret_key: str) -> None:
        self._serializer = URLSafeTimedSerializer(secret_key, salt="newsroom.pending-comments")

    def ids(self, request: Request) -> frozenset[int]:
        """The ids in the request's cookie; none when it is missing, forged or too old."""
        raw = request.cookies.get(COOKIE_NAME)
        if not raw:
            return frozenset()
        try:
            ids = self._serializer.loads(raw, max_age=MAX_AGE_SECONDS)
        except BadSignature:  # also SignatureExpired
            return frozenset()
        if not isinstance(ids, list):
            return frozenset()
        return frozenset(item for item in ids if isinstance(item, int))

    def remember(self, request: Request, response: Response, comment_id: int) -> None:
        """Add ``comment_id`` to the cookie sent with ``response``."""
        ids = sorted(self.ids(request) | {comment_id})[-MAX_REMEMBERED:]
        response.set_cookie(
            COOKIE_NAME,
            self._serializer.dumps(ids),
            max_age=MAX_AGE_SECONDS,
            httponly=True,
            samesite="Lax",
            secure=request.is_secure,
        )
