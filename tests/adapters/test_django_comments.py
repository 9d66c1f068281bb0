"""django-contrib-comments: held comments are saved hidden, spam is stopped, clean ones pass."""

from __future__ import annotations

import logging
from typing import Any

import pytest
from django_setup import fresh_django_guard


@pytest.fixture
def post_comment() -> Any:
    fresh_django_guard()
    from django.contrib.sites.models import Site
    from django.test import Client
    from django_comments.forms import CommentForm

    site = Site.objects.get(pk=1)

    def post(
        body: str, *, name: str = "Ada", email: str = "ada@example.com", url: str = "", peer: str
    ) -> Any:
        form = CommentForm(site)
        data = {**form.initial, "name": name, "email": email, "url": url, "comment": body}
        return Client(REMOTE_ADDR=peer).post("/comments/post/", data)

    return post


def stored(body: str) -> Any:
    from django_comments.models import Comment

    return Comment.objects.filter(comment=body).first()


def test_clean_comment_is_saved_public(post_comment: Any) -> None:
    response = post_comment("A clean and kind comment.", peer="192.0.2.10")
    assert response.status_code == 302
    assert stored("A clean and kind comment.").is_public is True


def test_held_comment_is_saved_hidden(post_comment: Any) -> None:
    body = "Read https://a.example and https://b.example"
    response = post_comment(body, peer="192.0.2.11")
    assert response.status_code == 302
    assert stored(body).is_public is False


def test_spam_is_stopped(post_comment: Any) -> None:
    response = post_comment("Best casino bonus of the year", peer="192.0.2.12")
    assert response.status_code == 400
    assert stored("Best casino bonus of the year") is None


def test_flood_is_stopped(post_comment: Any) -> None:
    assert post_comment("First of two.", peer="192.0.2.13").status_code == 302
    assert (
        post_comment("Second of two.", peer="192.0.2.13", email="b@example.com").status_code == 400
    )
    assert stored("Second of two.") is None


def test_a_website_django_takes_but_a_page_must_not_print_is_stopped(
    post_comment: Any, caplog: pytest.LogCaptureFixture
) -> None:
    """Django's URLField lets a quote through; commentguard refuses it, so nothing is saved."""
    body = "A comment with a hostile website."
    with caplog.at_level(logging.INFO, logger="commentguard"):
        response = post_comment(body, url='http://a.example/"onmouseover="x', peer="192.0.2.14")
    assert response.status_code == 400
    assert stored(body) is None
    assert "comment stopped: url_invalid_chars" in caplog.text


def test_a_look_alike_website_host_is_saved_hidden(post_comment: Any) -> None:
    """A homograph host (Cyrillic letters in a Latin name) is held for a moderator."""
    body = "A comment from a look-alike site."
    response = post_comment(body, url="https://\u0430pple.com/", peer="192.0.2.15")
    assert response.status_code == 302
    assert stored(body).is_public is False


def test_form_mixin_puts_errors_on_fields_and_keeps_the_decision() -> None:
    fresh_django_guard()
    from django import forms
    from django.test import RequestFactory

    from commentguard import Verdict
    from commentguard.adapters.django.forms import CommentGuardFormMixin

    class CommentForm(CommentGuardFormMixin):
        author = forms.CharField(required=False)
        email = forms.CharField(required=False)
        comment = forms.CharField(required=False, widget=forms.Textarea)

    request = RequestFactory().post("/", REMOTE_ADDR="192.0.2.20")
    bad = CommentForm({"author": "", "email": "x@", "comment": "Hi"}, request=request)
    assert not bad.is_valid()
    assert set(bad.errors) == {"author", "email"}
    assert bad.errors["email"] == ["Please enter a valid email address."]

    good = CommentForm(
        {"author": "Ada", "email": "ada@example.com", "comment": "Hello there."}, request=request
    )
    assert good.is_valid()
    assert good.decision is not None
    assert good.decision.verdict is Verdict.APPROVE


def test_template_tag_renders_honeypot_and_token() -> None:
    fresh_django_guard()
    from django.template import Context, Template

    html = Template("{% load commentguard %}{% commentguard_hidden_fields 'post-1' %}").render(
        Context()
    )
    assert 'name="cg_website"' in html
    assert 'name="cg_token"' in html
