"""The plain Django paths: the site's own form (the docs' ``remark`` view), the JSON API with
server-side context, async views, the guard following ``override_settings``, the signals."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import timedelta
from typing import Any

import pytest
from django_setup import EMAIL, Blog, FormFields, blog_site, commentguard_settings

COMMENT = {"author": "Ada", "email": EMAIL, "comment": "A thoughtful remark."}


@pytest.fixture
def blog() -> Iterator[Blog]:
    yield from blog_site()


@pytest.fixture
def moderated() -> Iterator[list[Any]]:
    """Every (submission, decision) the comment_moderated signal carries during the test."""
    from commentguard.adapters.django.signals import comment_moderated

    heard: list[Any] = []

    def receiver(sender: Any, submission: Any, decision: Any, **kwargs: Any) -> None:
        heard.append((sender, submission, decision))

    comment_moderated.connect(receiver)
    yield heard
    comment_moderated.disconnect(receiver)


def remarks(blog: Blog) -> str:
    return f"/articles/{blog.article.pk}/remarks/"


def test_the_own_form_renders_its_hidden_fields_once(blog: Blog) -> None:
    page = blog.client.get(remarks(blog)).content.decode()

    assert page.count('name="cg_website"') == 1
    assert page.count('name="cg_token"') == 1
    assert "Leave this empty" in page


def test_the_own_form_saves_the_comment_with_its_verdict(blog: Blog, moderated: list[Any]) -> None:
    from blog.models import Remark

    from commentguard.adapters.django.records import record_of

    form = FormFields(blog.client.get(remarks(blog)).content.decode())
    response = blog.client.post(remarks(blog), {**form.fields, **COMMENT})

    assert response.status_code == 302
    assert response["Location"].endswith("?posted")
    saved = Remark.objects.get()
    assert (saved.name, saved.email, saved.verdict) == ("Ada", EMAIL, "approve")
    assert record_of(saved).verdict == "approve"
    assert [submission.thread_id for _, submission, _ in moderated] == [str(blog.article.pk)]
    saved.delete()
    assert record_of(saved) is None


def test_a_field_error_is_not_moderated_and_the_corrected_form_is_taken(
    blog: Blog, moderated: list[Any]
) -> None:
    """A mistyped address comes back with its error; nothing was moderated (no flood, the
    token is still good), and the corrected form is taken."""
    form = FormFields(blog.client.get(remarks(blog)).content.decode())

    mistyped = blog.client.post(remarks(blog), {**form.fields, **COMMENT, "email": "ada@"})
    corrected = blog.client.post(remarks(blog), {**form.fields, **COMMENT})

    assert mistyped.status_code == 200
    assert "Enter a valid email address." in mistyped.content.decode()
    assert corrected.status_code == 302
    assert len(moderated) == 1


def test_the_same_form_twice_is_a_form_error(blog: Blog) -> None:
    form = FormFields(blog.client.get(remarks(blog)).content.decode())

    blog.client.post(remarks(blog), {**form.fields, **COMMENT})
    again = blog.client.post(remarks(blog), {**form.fields, **COMMENT, "comment": "Again."})

    assert again.status_code == 200
    assert "This form has already been sent." in again.content.decode()


def test_errors_from_a_subclass_clean_or_the_model_stop_moderation(
    moderated: list[Any],
) -> None:
    """Whatever fails after the mixin's ``clean()`` (a subclass's own ``clean()``, a
    ModelForm's model validation) still keeps the form from being moderated."""
    from blog.models import Remark
    from django import forms
    from django.test import RequestFactory

    from commentguard.adapters.django.forms import CommentGuardFormMixin

    class AgreeingForm(CommentGuardFormMixin):
        author = forms.CharField()
        email = forms.CharField()
        comment = forms.CharField()
        agree = forms.BooleanField(required=False)

        def clean(self) -> dict[str, Any]:
            cleaned = super().clean()
            if not cleaned.get("agree"):
                raise forms.ValidationError("Please agree to the rules.")
            return cleaned

    class RemarkModelForm(CommentGuardFormMixin, forms.ModelForm):
        class Meta:
            model = Remark
            fields = ("name", "email", "body", "verdict", "submitted_at")

        commentguard_fields = CommentGuardFormMixin.commentguard_fields.__class__(
            name="name", body="body"
        )

    request = RequestFactory().post("/", REMOTE_ADDR="192.0.2.90")
    disagreeing = AgreeingForm(COMMENT, request=request)
    model_invalid = RemarkModelForm(
        {"name": "Ada", "email": EMAIL, "body": "Hi", "verdict": "x" * 40, "submitted_at": "now"},
        request=request,
    )

    assert not disagreeing.is_valid()
    assert not model_invalid.is_valid()
    assert (disagreeing.moderation, model_invalid.moderation) == (None, None)
    assert moderated == []
    agreeing = AgreeingForm({**COMMENT, "agree": "on"}, request=request)
    assert agreeing.is_valid()
    assert agreeing.moderation is not None
    assert agreeing.decision is agreeing.moderation


def test_the_template_tag_renders_the_hidden_fields_for_a_hand_written_form() -> None:
    from django_setup import fresh_django_guard

    fresh_django_guard()
    from django.template import Context, Template

    html = Template("{% load commentguard %}{% commentguard_hidden_fields 'post-1' %}").render(
        Context()
    )
    assert 'name="cg_website"' in html
    assert 'name="cg_token"' in html


def api(blog: Blog, suffix: str = "") -> str:
    return f"/api/articles/{blog.article.pk}/comments{suffix}"


def test_server_side_context_overrides_what_the_request_says(
    blog: Blog, moderated: list[Any]
) -> None:
    """The article is 31 days old: closed, whatever date and thread the client sends."""
    from django.utils import timezone

    blog.article.published_at = timezone.now() - timedelta(days=31)
    blog.article.save()
    with commentguard_settings(form_token={"required": False}):  # a JSON client, no form
        response = blog.client.post(
            api(blog),
            {
                **COMMENT,
                "thread_published_at": timezone.now().isoformat(),
                "comment_post_ID": "999",
                "author_role": "moderator",
            },
        )

    assert response.status_code == 403
    assert response.json()["status"] == "refused"
    (_, submission, decision) = moderated[0]
    assert submission.thread_id == str(blog.article.pk)
    assert submission.author_role == "reader"
    assert "closed_thread.closed" in decision.codes
    assert EMAIL not in response.content.decode()


async def test_an_async_view_moderates_with_the_users_role(moderated: list[Any]) -> None:
    from asgiref.sync import sync_to_async

    site = blog_site(flood={"enabled": False}, form_token={"min_seconds": 0})
    blog = await sync_to_async(next)(site)
    try:
        from django.contrib.auth.models import User
        from django.test import AsyncClient

        staff = await User.objects.acreate_user("editor", "editor@example.com", "pw", is_staff=True)
        client = AsyncClient()
        await client.aforce_login(staff)
        published = await client.post(api(blog, "-async"), COMMENT)
        invalid = await client.post(
            api(blog, "-async"), json.dumps({"name": "Ada"}), content_type="application/json"
        )
    finally:
        await sync_to_async(site.close)()

    assert (published.status_code, json.loads(published.content)["status"]) == (201, "published")
    assert invalid.status_code == 422
    assert [submission.author_role for _, submission, _ in moderated] == ["moderator"]


def test_get_guard_follows_override_settings() -> None:
    from django.test import override_settings
    from django_setup import fresh_django_guard

    from commentguard.adapters.django.config import get_guard

    fresh_django_guard()
    before = get_guard()
    with override_settings(COMMENTGUARD={"checks": {"wordlists": {"disallowed_keys": ["tulip"]}}}):
        inside = get_guard()
        verdict = inside.moderate({"name": "A", "email": EMAIL, "body": "tulip"}).verdict
    after = get_guard()

    assert verdict == "spam"
    assert inside is not before
    assert after is not inside
    assert after.moderate({"name": "A", "email": EMAIL, "body": "tulip"}).verdict == "approve"


def test_the_signal_carries_the_sender_and_the_moderation(moderated: list[Any]) -> None:
    from django_setup import fresh_django_guard

    from commentguard import CommentSubmission, Moderation
    from commentguard.adapters.django.config import get_guard

    fresh_django_guard()
    result = get_guard().moderate({"name": "A", "email": EMAIL, "body": "Hello."})

    assert moderated == [(CommentSubmission, result.submission, result)]
    assert isinstance(moderated[0][2], Moderation)


def test_the_docs_receivers_hear_moderations_and_reports(caplog: pytest.LogCaptureFixture) -> None:
    import logging

    from django_setup import fresh_django_guard

    from commentguard.adapters.django.config import get_guard

    fresh_django_guard()
    with caplog.at_level(logging.INFO, logger="blog"):
        moderation = get_guard().moderate(
            {"name": "A", "email": EMAIL, "body": "Hi.", "thread_id": "7"}
        )
        get_guard().report(moderation.submission, "approve")

    assert caplog.messages == [
        "comment on 7: approve",
        "a moderator said approve about a comment on 7",
    ]
    assert EMAIL not in caplog.text


def test_the_system_checks() -> None:
    from django.core.checks import run_checks
    from django.test import override_settings
    from django_setup import django_ready

    django_ready()
    assert "commentguard.W001" not in {message.id for message in run_checks()}
    with override_settings(COMMENTS_APP="django_comments"):
        assert "commentguard.W001" in {message.id for message in run_checks()}
    with override_settings(COMMENTGUARD_SPAM="keep"):
        assert "commentguard.E001" in {message.id for message in run_checks()}


def test_a_double_submit_to_the_json_api_is_refused_as_a_duplicate(blog: Blog) -> None:
    """The same comment posted twice (a double click): the second is the duplicate check's
    refusal, whatever status the JSON mapping gives it."""
    with commentguard_settings(
        form_token={"required": False}, duplicate={"enabled": True}, flood={"enabled": False}
    ):
        first = blog.client.post(api(blog), COMMENT)
        second = blog.client.post(api(blog), COMMENT)

    assert first.status_code == 201
    assert second.json() == {
        "status": "refused",
        "message": "Duplicate comment detected; it looks as though you\u2019ve already said that!",
    }


def test_naive_context_dates_are_read_in_the_current_time_zone(blog: Blog) -> None:
    """A site with ``USE_TZ = False`` passes naive datetimes: they are not a field error."""
    from datetime import datetime

    from django.test import override_settings

    from commentguard.adapters.django.service import server_context

    with override_settings(USE_TZ=False):
        context = server_context({"thread_published_at": datetime(2026, 1, 1, 12)})

    assert context["thread_published_at"].tzinfo is not None
