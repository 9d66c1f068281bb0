"""Form tokens through each framework: rendered by the adapter's helper, checked on the post.

Each site renders its form with the framework's own templates (Jinja for Flask and Starlette,
Django's template language) and is posted to through the framework's own test client.
"""

from __future__ import annotations

import json
import re
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import pytest

from commentguard.testing import make_settings

SECRET_KEY = "adapter-form-token-test-secret-3b7f1d9e5a2c8064"
CHECKS: dict[str, dict[str, Any]] = {
    # The test posts at once, and a form without a token must not get through.
    "form_token": {"min_seconds": 0, "required": True},
    "flood": {"enabled": False},
    "duplicate": {"enabled": False},
}
COMMENT = {"author": "Ada", "email": "ada@example.com", "comment": "A thoughtful comment."}
TOKEN = re.compile(r'name="cg_token" value="([^"]+)"')


@dataclass
class Site:
    """A framework's app with the guard: render the form's hidden fields, post a comment."""

    render: Callable[[object], str]
    post: Callable[[dict[str, str]], tuple[int, dict[str, Any]]]

    def token(self, thread_id: object) -> str:
        match = TOKEN.search(self.render(thread_id))
        assert match, "the rendered form has no token"
        return match.group(1)


def flask_site() -> Iterator[Site]:
    from flask import Flask, render_template_string

    from commentguard.adapters.flask import CommentGuard

    app = Flask(__name__)
    app.config["COMMENTGUARD"] = make_settings(secret_key=SECRET_KEY, checks=CHECKS).model_dump()
    comments = CommentGuard(app)

    @app.post("/comments")
    def post_comment() -> Any:
        return comments.moderate_json_response()

    def render(thread_id: object) -> str:
        with app.test_request_context():
            template = "<form>{{ commentguard_hidden_fields(thread_id=thread) }}</form>"
            return render_template_string(template, thread=thread_id)

    client = app.test_client()

    def post(data: dict[str, str]) -> tuple[int, dict[str, Any]]:
        response = client.post("/comments", data=data)
        return response.status_code, json.loads(response.get_data(as_text=True))

    yield Site(render, post)


def django_site() -> Iterator[Site]:
    from django.template import Context, Template
    from django.test import Client, override_settings
    from django_setup import django_ready, fresh_django_guard

    django_ready()
    try:
        with override_settings(COMMENTGUARD={"secret_key": SECRET_KEY, "checks": CHECKS}):
            fresh_django_guard()

            def render(thread_id: object) -> str:
                tag = "{% load commentguard %}{% commentguard_hidden_fields thread %}"
                return str(Template(tag).render(Context({"thread": thread_id})))

            def post(data: dict[str, str]) -> tuple[int, dict[str, Any]]:
                response = Client().post("/api/comments", data)
                return response.status_code, json.loads(response.content)

            yield Site(render, post)
    finally:
        fresh_django_guard()  # the next test gets the project's own guard


def starlette_site() -> Iterator[Site]:
    import jinja2
    from starlette.applications import Starlette
    from starlette.routing import Route
    from starlette.testclient import TestClient

    from commentguard.adapters.starlette import StarletteGuard

    comments = StarletteGuard(make_settings(secret_key=SECRET_KEY, checks=CHECKS))
    app = Starlette(routes=[Route("/comments", comments.json_response, methods=["POST"])])

    # Starlette's Jinja2Templates autoescape, as this environment does.
    templates = jinja2.Environment(autoescape=True)

    def render(thread_id: object) -> str:
        template = templates.from_string(
            "<form>{{ comments.hidden_fields(thread_id=thread) }}</form>"
        )
        return template.render(comments=comments, thread=thread_id)

    with TestClient(app) as client:

        def post(data: dict[str, str]) -> tuple[int, dict[str, Any]]:
            response = client.post("/comments", data=data)
            return response.status_code, response.json()

        yield Site(render, post)


@pytest.fixture(
    params=[flask_site, django_site, starlette_site], ids=["flask", "django", "starlette"]
)
def site(request: pytest.FixtureRequest) -> Iterator[Site]:
    factory: Callable[[], Iterator[Site]] = request.param
    yield from factory()


@pytest.mark.parametrize(
    "thread_id",
    [42, "42", " article-42 ", uuid.UUID("5f0c1e2a-3b4d-4c6e-8f90-a1b2c3d4e5f6")],
    ids=["int", "str", "padded str", "UUID"],
)
def test_a_token_rendered_for_any_thread_id_type_is_accepted(site: Site, thread_id: object) -> None:
    """The helper takes the thread id as the app has it; the form posts it as text."""
    token = site.token(thread_id)

    status, body = site.post({**COMMENT, "comment_post_ID": str(thread_id), "cg_token": token})

    assert (status, body.get("status")) == (201, "published"), body


def test_a_token_for_another_thread_is_refused(site: Site) -> None:
    """A form rendered for thread 42 cannot post to thread 43."""
    token = site.token(42)

    status, body = site.post({**COMMENT, "comment_post_ID": "43", "cg_token": token})

    assert (status, body["status"]) == (403, "refused")


def test_the_helper_renders_the_honeypot_and_the_token_as_markup(site: Site) -> None:
    """The hidden inputs come out as HTML, not escaped text, in each template language."""
    html = site.render(7)

    assert '<input type="text" name="cg_website"' in html
    assert '<input type="hidden" name="cg_token" value="' in html


def test_a_token_carries_one_comment(site: Site) -> None:
    """The form's second post, with the same token, is refused as already sent."""
    data = {**COMMENT, "comment_post_ID": "42", "cg_token": site.token(42)}

    first = site.post(data)
    second = site.post({**data, "comment": "And again."})

    assert first[0] == 201
    assert second == (
        403,
        {
            "status": "refused",
            "message": "This form has already been sent. "
            "Please reload the page to write another comment.",
        },
    )


def test_a_form_sent_back_with_a_field_error_keeps_its_token(site: Site) -> None:
    """An author who mistyped their address corrects it and sends the same form: accepted."""
    data = {**COMMENT, "comment_post_ID": "42", "cg_token": site.token(42)}

    mistyped = site.post({**data, "email": "ada@"})
    corrected = site.post(data)

    assert mistyped[0] == 422
    assert corrected[0] == 201


@pytest.fixture
def django() -> Iterator[Site]:
    yield from django_site()


def test_a_django_form_with_its_own_field_error_is_not_moderated(django: Site) -> None:
    """A form Django sends back (a box not ticked) shows every field error, runs no check,
    and leaves its token valid: the corrected form is taken."""
    from django import forms
    from django.test import RequestFactory

    from commentguard.adapters.django.forms import CommentGuardFormMixin

    class CommentForm(CommentGuardFormMixin):
        author = forms.CharField()
        email = forms.CharField()
        comment = forms.CharField(widget=forms.Textarea)
        comment_post_ID = forms.CharField()  # noqa: N815 - WordPress's field name
        agree = forms.BooleanField()

    request = RequestFactory().post("/", REMOTE_ADDR="192.0.2.30")
    data = {**COMMENT, "comment_post_ID": "42", "cg_token": django.token(42)}

    mistyped = CommentForm({**data, "email": "ada@"}, request=request)
    assert not mistyped.is_valid()
    assert set(mistyped.errors) == {"agree", "email"}

    unticked = CommentForm(data, request=request)
    assert not unticked.is_valid()
    assert set(unticked.errors) == {"agree"}
    assert unticked.decision is None

    ticked = CommentForm({**data, "agree": "on"}, request=request)
    assert ticked.is_valid(), ticked.errors
    assert ticked.decision is not None
    assert (ticked.decision.verdict.value, ticked.decision.codes) == ("approve", ())

    again = CommentForm({**data, "agree": "on", "comment": "Twice?"}, request=request)
    assert not again.is_valid()
    assert again.errors["__all__"] == [
        "This form has already been sent. Please reload the page to write another comment."
    ]
