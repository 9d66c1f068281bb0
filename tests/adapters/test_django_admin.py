"""The Django admin, driven through the test client as a signed-in superuser: each comment's
verdict and findings, and the actions that report to the guard."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from django_setup import EMAIL, HELD, Blog, blog_site

CHANGELIST = "/admin/django_comments/comment/"


@pytest.fixture
def blog() -> Iterator[Blog]:
    """The flood check is off: one author posts several comments in a row."""
    yield from blog_site(flood={"enabled": False})


@pytest.fixture
def admin_client(blog: Blog) -> Any:
    from django.contrib.auth.models import User
    from django.test import Client

    client = Client()
    client.force_login(User.objects.create_superuser("admin", "admin@example.com", "pw"))
    return client


def stored(body: str) -> Any:
    from django_comments.models import Comment

    return Comment.objects.get(comment=body)


def act(client: Any, action: str, *comments: Any) -> Any:
    """Run an admin action on ``comments`` from the change list, as the admin's form does."""
    data = {"action": action, "_selected_action": [str(c.pk) for c in comments], "index": "0"}
    response = client.post(CHANGELIST, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    return response


def test_the_change_list_shows_each_verdict_and_never_the_email(
    blog: Blog, admin_client: Any
) -> None:
    blog.post("A clean comment.", email=EMAIL)
    blog.post(HELD, email=EMAIL)

    page = admin_client.get(CHANGELIST).content.decode()

    assert "column-commentguard_verdict" in page
    assert '<td class="field-commentguard_verdict">approve</td>' in page
    assert '<td class="field-commentguard_verdict">hold</td>' in page
    assert EMAIL not in page
    assert "mark_as_spam" in page


def test_a_comments_page_shows_its_findings(blog: Blog, admin_client: Any) -> None:
    blog.post(HELD, email=EMAIL)

    page = admin_client.get(f"{CHANGELIST}{stored(HELD).pk}/change/").content.decode()

    assert "moderation record" in page
    assert "links.too_many (hold):" in page


def test_approving_a_held_comment_teaches_the_guard_to_trust_its_author(
    blog: Blog, admin_client: Any
) -> None:
    """Django-comments' own Approve action reaches Guard.report: the next comment by the
    same author that would be held is published."""
    from commentguard.adapters.django.records import record_of

    blog.post(HELD, email=EMAIL)
    act(admin_client, "approve_comments", stored(HELD))

    held = stored(HELD)
    assert held.is_public is True
    assert record_of(held).reported_verdict == "approve"
    blog.post("More links: https://c.example and https://d.example", email=EMAIL)
    again = stored("More links: https://c.example and https://d.example")
    assert again.is_public is True
    assert "trusted_author.known" in record_of(again).codes


def test_marking_as_spam_removes_the_comment_and_reports_it(blog: Blog, admin_client: Any) -> None:
    from commentguard import Verdict
    from commentguard.adapters.django.records import record_of
    from commentguard.adapters.django.signals import comment_reported

    heard: list[Any] = []

    def receiver(sender: Any, submission: Any, verdict: Verdict, **kwargs: Any) -> None:
        heard.append((submission.body, submission.email.reveal(), verdict))

    comment_reported.connect(receiver)
    try:
        blog.post("Buy my pills: https://p.example and https://q.example", email=EMAIL)
        comment = stored("Buy my pills: https://p.example and https://q.example")
        act(admin_client, "mark_as_spam", comment)
    finally:
        comment_reported.disconnect(receiver)

    comment.refresh_from_db()
    assert (comment.is_public, comment.is_removed) == (False, True)
    assert record_of(comment).reported_verdict == "spam"
    assert heard == [(comment.comment, EMAIL, Verdict.SPAM)]


def test_a_comment_from_before_commentguard_can_be_reported_too(
    blog: Blog, admin_client: Any
) -> None:
    """A comment without a record is reported as the Comment itself describes it."""
    from django.contrib.sites.models import Site
    from django_comments.models import Comment

    old = Comment.objects.create(
        content_object=blog.article,
        site=Site.objects.get(pk=1),
        user_name="Old Timer",
        user_email=EMAIL,
        comment="From the old days.",
        is_public=False,
    )

    act(admin_client, "approve_comments", old)

    old.refresh_from_db()
    assert old.is_public is True


def test_the_records_have_a_read_only_admin(blog: Blog, admin_client: Any) -> None:
    blog.post(HELD, email=EMAIL)

    page = admin_client.get("/admin/commentguard/moderationrecord/").content.decode()

    assert "hold (links.too_many)" in page
    assert EMAIL not in page
    assert admin_client.get("/admin/commentguard/moderationrecord/add/").status_code == 403


def test_deleting_a_comment_deletes_its_record(blog: Blog, admin_client: Any) -> None:
    from commentguard.adapters.django.models import ModerationRecord

    blog.post(HELD, email=EMAIL)
    comment = stored(HELD)
    assert ModerationRecord.objects.count() == 1

    comment.delete()

    assert ModerationRecord.objects.count() == 0
