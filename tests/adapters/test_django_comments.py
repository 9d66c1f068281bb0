"""django-contrib-comments through commentguard's view, as a reader's browser uses it.

The article page renders ``{% render_comment_form for article %}``; each test reads the
rendered form (its hidden fields, the honeypots and the form token included), fills it in and
posts it to the form's action with Django's test client.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from datetime import timedelta
from typing import Any

import pytest
from django_setup import (
    EMAIL,
    HELD,
    Blog,
    FormFields,
    blog_site,
    clear_database,
    commentguard_settings,
    fresh_django_guard,
)


@pytest.fixture
def blog() -> Iterator[Blog]:
    yield from blog_site()


def stored(body: str) -> Any:
    from django_comments.models import Comment

    return Comment.objects.filter(comment=body).first()


def record(comment: Any) -> Any:
    from commentguard.adapters.django.records import record_of

    return record_of(comment)


def test_the_rendered_form_carries_the_honeypot_and_a_token_for_its_thread(blog: Blog) -> None:
    """``{% render_comment_form %}`` renders ``cg_website`` hidden and ``cg_token`` for the
    article's thread, once each, and the form posts to commentguard's view."""
    from django.contrib.contenttypes.models import ContentType

    from commentguard.adapters.django.config import form_token_signer

    page = blog.client.get(f"/articles/{blog.article.pk}/").content.decode()
    form = FormFields(page)

    assert form.action == "/comments/post/"
    assert page.count('name="cg_website"') == 1
    assert page.count('name="cg_token"') == 1
    assert '<p style="display:none" aria-hidden="true"><label>Leave this empty' in page
    signer = form_token_signer()
    assert signer is not None
    content_type = ContentType.objects.get_for_model(blog.article)
    token = signer.read(form.fields["cg_token"])
    assert token.thread_id == f"{content_type.pk}:{blog.article.pk}"


def test_a_clean_comment_is_published_and_redirected_as_django_comments_does(blog: Blog) -> None:
    response = blog.post("A clean and kind comment.")

    comment = stored("A clean and kind comment.")
    assert response.status_code == 302
    assert response["Location"] == f"/comments/posted/?c={comment.pk}"
    assert (comment.is_public, comment.is_removed) == (True, False)
    assert record(comment).verdict == "approve"


def test_a_held_comment_is_saved_hidden_and_its_author_told_it_awaits_moderation(
    blog: Blog,
) -> None:
    response = blog.post(HELD)

    comment = stored(HELD)
    assert (comment.is_public, comment.is_removed) == (False, False)
    assert record(comment).codes == "links.too_many"
    assert response["Location"] == "/comments/pending/"
    page = blog.client.get(response["Location"]).content.decode()
    assert "Your comment is awaiting moderation." in page
    assert "Thank you for your comment" not in page


def test_the_pending_message_is_also_a_django_message(blog: Blog) -> None:
    """With ``next`` (the article page), the author reads it through django.contrib.messages."""
    from django.contrib.messages import get_messages

    next_page = f"/articles/{blog.article.pk}/"
    response = blog.post(HELD, next=next_page)

    assert response["Location"] == next_page
    assert [str(m) for m in get_messages(response.wsgi_request)] == [
        "Your comment is awaiting moderation."
    ]


@pytest.mark.parametrize(
    ("body", "fields"),
    [
        ("Best casino bonus of the year", {}),  # a disallowed word: spam
        ("I am a bot and I fill every box.", {"cg_website": "http://spam.example"}),
        ("I fill django-comments' honeypot.", {"honeypot": "anything"}),
    ],
    ids=["spam", "discard (cg_website)", "discard (django-comments' honeypot)"],
)
def test_spam_and_discard_are_saved_removed_and_answered_like_a_held_comment(
    blog: Blog, body: str, fields: dict[str, str]
) -> None:
    held = blog.post(HELD, peer="192.0.2.50")
    held_page = blog.client.get(held["Location"])

    response = blog.post(body, peer="192.0.2.51", **fields)

    assert (response.status_code, response["Location"]) == (held.status_code, held["Location"])
    assert blog.client.get(response["Location"]).content == held_page.content
    comment = stored(body)
    assert (comment.is_public, comment.is_removed) == (False, True)
    assert record(comment).verdict in ("spam", "discard")


def test_spam_can_be_dropped_instead(blog: Blog) -> None:
    from django.test import override_settings

    held = blog.post(HELD, peer="192.0.2.52")
    with override_settings(COMMENTGUARD_SPAM="drop"):
        response = blog.post("Best casino bonus of the year", peer="192.0.2.53")

    assert response["Location"] == held["Location"]
    assert stored("Best casino bonus of the year") is None


def preview_errors(response: Any, field: str = "comment") -> list[str]:
    """The errors the preview page shows beside ``field``."""
    assert response.status_code == 200
    page = response.content.decode()
    assert "Please correct the error below" in page
    lists = re.findall(rf'<ul class="errorlist" id="id_{field}_error">(.*?)</ul>', page, re.S)
    return [html.unescape(item) for items in lists for item in re.findall(r"<li>(.*?)</li>", items)]


def test_a_flood_gets_the_form_again_with_the_message(blog: Blog) -> None:
    assert blog.post("First of two.", peer="192.0.2.60").status_code == 302

    response = blog.post("Second of two.", peer="192.0.2.60")

    assert preview_errors(response) == ["You are posting comments too quickly. Slow down."]
    assert stored("Second of two.") is None


def test_a_moderator_is_not_flood_limited(blog: Blog) -> None:
    """Staff post as ``author_role="moderator"``, which the flood check exempts."""
    from django.contrib.auth.models import User

    staff = User.objects.create_user("editor", "editor@example.com", "pw", is_staff=True)
    blog.client.force_login(staff)

    first = blog.post("The editor's first note.", peer="192.0.2.61")
    second = blog.post("The editor's second note.", peer="192.0.2.61")

    assert (first.status_code, second.status_code) == (302, 302)
    assert stored("The editor's second note.").is_public
    assert record(stored("The editor's second note.")).submission["author_role"] == "moderator"


def test_a_signed_in_reader_is_trusted_and_still_flood_limited(blog: Blog) -> None:
    from django.contrib.auth.models import User

    blog.client.force_login(User.objects.create_user("reader", "r@example.com", "pw"))

    assert blog.post("A reader's first note.", peer="192.0.2.62").status_code == 302
    second = blog.post("A reader's second note.", peer="192.0.2.62")

    assert record(stored("A reader's first note.")).submission["author_role"] == "trusted"
    assert preview_errors(second) == ["You are posting comments too quickly. Slow down."]


def test_a_forged_token_is_refused(blog: Blog) -> None:
    response = blog.post("A comment with a forged token.", cg_token="forged")

    assert preview_errors(response) == [
        "This form has expired. Please reload the page and submit your comment again."
    ]
    assert stored("A comment with a forged token.") is None


def test_a_token_for_another_article_is_refused(blog: Blog) -> None:
    from blog.models import Article

    other = Article.objects.create(title="Another")
    token = FormFields(blog.client.get(f"/articles/{other.pk}/").content.decode()).fields

    response = blog.post("Posted with another article's form.", cg_token=token["cg_token"])

    assert preview_errors(response)
    assert stored("Posted with another article's form.") is None


def test_the_same_form_sent_twice_is_refused_the_second_time(blog: Blog) -> None:
    """A double submit: the second post of one rendered form is answered as already sent,
    and the first comment stays as it was."""
    form = blog.form()
    data = {**form.fields, "name": "Ada", "email": EMAIL, "comment": "Posted twice."}

    first = blog.client.post(form.action, data, REMOTE_ADDR="192.0.2.63")
    second = blog.client.post(form.action, data, REMOTE_ADDR="192.0.2.64")

    assert first.status_code == 302
    assert preview_errors(second) == [
        "This form has already been sent. Please reload the page to write another comment."
    ]
    from django_comments.models import Comment

    assert Comment.objects.filter(comment="Posted twice.").count() == 1


def test_a_double_submit_with_a_fresh_form_is_a_duplicate(blog: Blog) -> None:
    """The same text again from the same author (with the duplicate check on), on a new
    page the next day: django-contrib-comments' own same-day check would hide it."""
    with commentguard_settings(
        form_token={"min_seconds": 0, "required": True},
        duplicate={"enabled": True},
        flood={"enabled": False},
    ):
        first = blog.post("Said once, said twice.", peer="192.0.2.65", email=EMAIL)
        again = blog.post("Said once, said twice.", peer="192.0.2.66", email=EMAIL)

    assert first.status_code == 302

    assert preview_errors(again) == [
        "Duplicate comment detected; it looks as though you\u2019ve already said that!"
    ]


def test_a_website_a_page_must_not_print_is_an_error_beside_the_field(blog: Blog) -> None:
    """Django's URLField lets a quote through; commentguard refuses it on the url field."""
    body = "A comment with a hostile website."
    response = blog.post(body, url='http://a.example/"onmouseover="x')

    assert preview_errors(response, "url") == [
        "This web address contains characters that are not allowed, such as spaces, quotes, < or >."
    ]
    assert stored(body) is None


def test_a_closed_thread_is_refused_with_the_server_side_date(blog: Blog) -> None:
    """``COMMENTGUARD_COMMENT_CONTEXT`` gives the article's date; the thread closes after 30
    days (the project's settings), whatever the form says."""
    from django.utils import timezone

    blog.article.published_at = timezone.now() - timedelta(days=31)
    blog.article.save()

    response = blog.post("Too late.", thread_published_at=timezone.now().isoformat())

    assert preview_errors(response)
    assert stored("Too late.") is None


def test_a_preview_is_not_moderated(blog: Blog) -> None:
    response = blog.post("Just looking.", preview="Preview")

    assert response.status_code == 200
    assert "Preview your comment" in response.content.decode()
    assert stored("Just looking.") is None


def test_the_email_is_never_in_a_page_or_a_log(
    blog: Blog, caplog: pytest.LogCaptureFixture
) -> None:
    """The email is in the Comment (Django keeps it) but in no answer, record or log line.

    Only a refused comment's own form, sent back to its author, shows what they typed."""
    import logging

    with caplog.at_level(logging.DEBUG):
        answers = [
            blog.post("Public and fine."),
            blog.post(HELD, peer="192.0.2.70"),
            blog.post("Best casino bonus of the year", peer="192.0.2.71"),
        ]
        # (A refused comment's form comes back to its author filled in, email included.)
        blog.post("Flooded.", peer="192.0.2.71", email=blog.emails[-1])
        answers.append(blog.client.get(f"/articles/{blog.article.pk}/"))
    from commentguard.adapters.django.models import ModerationRecord

    records = [str(item.submission) + str(item.findings) for item in ModerationRecord.objects.all()]
    for email in blog.emails:
        for answer in answers:
            assert email not in answer.content.decode()
            assert email not in str(answer.headers)
        assert all(email not in text for text in records)
        assert email not in caplog.text


def test_django_comments_own_view_is_moderated_by_the_receivers() -> None:
    """A site that still routes django-contrib-comments' own view: held comments are saved
    hidden (and recorded), refused ones stopped with its 400."""
    fresh_django_guard()
    from blog.models import Article
    from django.contrib.auth.models import AnonymousUser
    from django.test import RequestFactory
    from django_comments.forms import CommentForm
    from django_comments.views.comments import post_comment

    article = Article.objects.create(title="Own view")
    try:

        def post(body: str, peer: str) -> Any:
            data = {**CommentForm(article).initial, "name": "Ada", "email": EMAIL}
            request = RequestFactory().post("/c/", {**data, "comment": body}, REMOTE_ADDR=peer)
            request.user = AnonymousUser()
            request._dont_enforce_csrf_checks = True
            return post_comment(request)

        assert post(HELD, "192.0.2.80").status_code == 302
        assert record(stored(HELD)).verdict == "hold"
        assert stored(HELD).is_public is False
        assert post("Flooded.", "192.0.2.80").status_code == 400
        assert stored("Flooded.") is None
    finally:
        clear_database()


def test_a_comment_moderator_that_holds_a_clean_comment_is_answered_as_held(blog: Blog) -> None:
    """django-contrib-comments' CommentModerator still runs on the signal the view sends; a
    comment it holds is saved hidden and its author is told it awaits moderation."""
    from blog.models import Article
    from django_comments.moderation import CommentModerator, moderator

    class HoldEverything(CommentModerator):
        auto_moderate_field = "published_at"
        moderate_after = 0

    moderator.register(Article, HoldEverything)
    try:
        response = blog.post("Clean, but the site holds everything.")
    finally:
        moderator.unregister(Article)

    comment = stored("Clean, but the site holds everything.")
    assert comment.is_public is False
    assert record(comment).verdict == "approve"
    assert response["Location"] == "/comments/pending/"
