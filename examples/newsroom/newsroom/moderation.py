"""``/moderation``: the queue of held and spam comments, for the site's moderator.

Every verdict goes back to the guard through ``Guard.report``: approving makes the author
trusted (their next comment skips the hold), and plugins that learn hear about it.
"""

from __future__ import annotations

import hmac
import secrets
from dataclasses import dataclass

from flask import (
    Blueprint,
    abort,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from limits import parse
from markupsafe import Markup
from werkzeug.wrappers import Response

from commentguard import CommentguardError, CommentSubmission, Finding, Verdict
from newsroom import db
from newsroom.extensions import comments, database
from newsroom.rendering import highlighted

bp = Blueprint("moderation", __name__, url_prefix="/moderation")

MODERATOR_KEY = "moderator"
CSRF_KEY = "csrf_token"
LOGIN_RATE = parse("5 per minute")
"""Password attempts per client address, counted in the guard's store."""
ACTIONS = {
    "approve": (Verdict.APPROVE, "approved"),
    "spam": (Verdict.SPAM, "marked as spam"),
    # Deleting says neither "fine" nor "spam": learners record it as neither (reject).
    "delete": (Verdict.REJECT, "deleted"),
}
SHOWN_FIELDS = ("name", "url", "body")
"""Fields whose matches are quoted to the moderator (never the email)."""


@dataclass(frozen=True)
class QueueRow:
    """One queued comment as the moderator sees it."""

    comment: db.Comment
    article_title: str
    submission: CommentSubmission
    findings: tuple[tuple[Finding, Markup | None], ...]


def is_moderator() -> bool:
    """Whether the current session belongs to the moderator."""
    return session.get(MODERATOR_KEY) is True


def csrf_token() -> str:
    """The session's token for the moderator's forms (a Jinja global)."""
    token = session.get(CSRF_KEY)
    if not isinstance(token, str):
        token = session[CSRF_KEY] = secrets.token_urlsafe(32)
    return token


@bp.get("")
def queue() -> str | tuple[str, int]:
    """The queue, or the login form."""
    if not is_moderator():
        return render_template("moderation/login.html")
    rows = [_row(item) for item in db.queue(database())]
    return render_template("moderation/queue.html", rows=rows)


@bp.post("/login")
def login() -> Response | tuple[str, int]:
    """Check the moderator's password (at most five tries a minute per address)."""
    _require_csrf()
    address = request.remote_addr or "unknown"
    if not comments.guard.store.hit(LOGIN_RATE, "newsroom-login", address):
        message = "Too many attempts. Wait a minute and try again."
        return render_template("moderation/login.html", error=message), 429
    expected = current_app.config["NEWSROOM_MODERATOR_PASSWORD"].encode("utf-8")
    given = request.form.get("password", "").encode("utf-8")
    if not hmac.compare_digest(given, expected):
        return render_template("moderation/login.html", error="That password is not right."), 403
    session.clear()
    session[MODERATOR_KEY] = True
    return redirect(url_for(".queue"), code=303)


@bp.post("/logout")
def logout() -> Response:
    """End the moderator's session."""
    _require_csrf()
    session.clear()
    return redirect(url_for("article.index"), code=303)


@bp.post("/<int:comment_id>/<action>")
def moderate(comment_id: int, action: str) -> Response:
    """Approve, mark as spam or delete a queued comment, and report the verdict to the guard."""
    if not is_moderator():
        abort(403)
    _require_csrf()
    if action not in ACTIONS:
        abort(404)
    verdict, done = ACTIONS[action]
    connection = database()
    item = db.queued_comment(connection, comment_id)
    if item is None:
        flash("That comment was already moderated.")
        return redirect(url_for(".queue"), code=303)
    if action == "delete":
        db.delete_comment(connection, comment_id)
    else:
        db.set_status(connection, comment_id, verdict)
    try:
        comments.guard.report(item.submission_data, verdict)
    except CommentguardError as exc:  # the store is down: the verdict stands, learning waits
        current_app.logger.warning("could not report comment %d: %s", comment_id, type(exc))
        flash(f"The comment was {done}, but the guard could not learn from it.")
    else:
        flash(f"The comment by {item.comment.name} was {done}.")
    return redirect(url_for(".queue"), code=303)


def _require_csrf() -> None:
    given = request.form.get(CSRF_KEY, "")
    expected = session.get(CSRF_KEY)
    if not isinstance(expected, str) or not hmac.compare_digest(given, expected):
        abort(400, "The form is out of date. Go back, reload the page and try again.")


def _row(item: db.QueuedComment) -> QueueRow:
    submission = comments.guard.parse(item.submission_data)
    findings = []
    for finding in item.findings:
        text = getattr(submission, finding.field) if finding.field in SHOWN_FIELDS else None
        excerpt = highlighted(text, finding.span) if isinstance(text, str) else None
        findings.append((finding, excerpt))
    return QueueRow(item.comment, item.article_title, submission, tuple(findings))
