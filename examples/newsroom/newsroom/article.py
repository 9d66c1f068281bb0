"""Readers' pages: the front page, the article with its comments, and posting a comment."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from flask import (
    Blueprint,
    abort,
    flash,
    redirect,
    render_template,
    request,
    url_for,
)
from werkzeug.wrappers import Response

from commentguard import FieldError, InvalidSubmission, Verdict
from commentguard.adapters.flask import BadRequest
from commentguard.checks import ClosedThreadCheck
from newsroom import db
from newsroom.extensions import comments, database, secret_key
from newsroom.moderation import is_moderator
from newsroom.pending import PendingComments
from newsroom.thread import MAX_DEPTH, build_thread

bp = Blueprint("article", __name__)

FORM_FIELDS = ("name", "email", "url", "body")
"""Submission fields the form shows; errors on any other field are shown above the form."""

Page = tuple[str, int]


@bp.get("/")
def index() -> str:
    """The front page: every article with its comment count."""
    return render_template("index.html", articles=db.articles(database()))


@bp.get("/articles/<slug>")
def show(slug: str) -> Page:
    """The article, its comments, and the "Leave a Reply" form."""
    return _page(_article(slug))


@bp.post("/articles/<slug>/comments")
def post_comment(slug: str) -> Page | Response:
    """Moderate a comment; publish it, queue it, drop it, or show the form again."""
    article = _article(slug)
    # The form fields, client address and user agent, with what only the server knows.
    data = comments.submission_data(
        context={
            "thread_id": article.slug,
            "thread_published_at": article.published_at,
            "permalink": url_for(".show", slug=article.slug, _external=True),
            "author_role": "moderator" if is_moderator() else "reader",
        }
    )
    if data.get("parent_id"):
        parent = _reply_target(article, data["parent_id"])
        if parent is None:
            message = "The comment you are replying to is no longer available."
            return _page(article, form_message=message, status=422)
        data["parent_id"] = str(parent.id)
    try:
        submission = comments.guard.parse(data)
    except InvalidSubmission as exc:
        return _page(article, errors=exc.by_field(), status=422)

    decision = comments.guard.moderate(submission)
    if decision.verdict is Verdict.REJECT:  # flood, duplicate, closed thread, expired form
        return _page(
            article, form_message=decision.author_message, status=comments.status_code(decision)
        )
    flash(decision.author_message)
    if decision.verdict is Verdict.DISCARD:  # a bot: keep nothing, answer as if accepted
        return redirect(url_for(".show", slug=slug, _anchor="comments"), code=303)

    comment_id = db.save_comment(database(), submission, decision, secret_key())
    response = redirect(url_for(".show", slug=slug, _anchor=f"comment-{comment_id}"), code=303)
    if not decision.verdict.published:
        PendingComments(secret_key()).remember(request, response, comment_id)
    return response


@bp.errorhandler(BadRequest)
def unreadable_request(error: BadRequest) -> Page:
    """A body too large or not UTF-8: an HTML page instead of the adapter's JSON."""
    return render_template("error.html", message=str(error)), error.status


def _page(
    article: db.Article,
    *,
    errors: dict[str, FieldError] | None = None,
    form_message: str | None = None,
    status: int = 200,
) -> Page:
    """Render the article page; after a failed post, with the reader's input and the errors."""
    errors = errors or {}
    pending = PendingComments(secret_key()).ids(request)
    visible = db.visible_comments(database(), article.slug, pending)
    reply_to_id = request.form.get("comment_parent") or request.args.get("replytocom")
    html = render_template(
        "article.html",
        article=article,
        thread=build_thread(visible),
        published=sum(1 for comment in visible if comment.status.published),
        max_depth=MAX_DEPTH,
        reply_to=_reply_target(article, reply_to_id) if reply_to_id else None,
        comments_open=_comments_open(article),
        form=request.form if request.method == "POST" else {},
        errors=errors,
        other_errors=[error for field, error in errors.items() if field not in FORM_FIELDS],
        form_message=form_message,
    )
    return html, status


def _article(slug: str) -> db.Article:
    article = db.article(database(), slug)
    if article is None:
        abort(404)
    return article


def _reply_target(article: db.Article, comment_id: object) -> db.Comment | None:
    try:
        number = int(str(comment_id))
    except ValueError:
        return None
    return db.published_comment(database(), article.slug, number)


def _comments_open(article: db.Article) -> bool:
    """Whether to show the form: the ``closed_thread`` check's setting, read from the guard."""
    for check in comments.guard.checks:
        if isinstance(check, ClosedThreadCheck) and check.settings.close_after_days is not None:
            age = datetime.now(UTC) - article.published_at
            return age <= timedelta(days=check.settings.close_after_days)
    return True
