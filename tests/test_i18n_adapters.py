"""Adapters answer readers in their language: Flask by setting or selector, Django by request."""

from __future__ import annotations

from typing import Any

import pytest
from starlette.requests import Request
from starlette.responses import JSONResponse

from commentguard import InvalidSubmission, Moderation, Verdict
from commentguard.adapters._http import (
    FieldNames,
    decision_body,
    decision_response,
    error_response,
    field_errors_body,
)
from commentguard.testing import guard_with, make_settings

EMAIL = "reader.private@example.com"
VALID = {"author": "Ada", "email": EMAIL, "comment": "A thoughtful comment."}
NO_EMAIL = {"author": "Ada", "email": "", "comment": "A thoughtful comment."}
SECRET_KEY = "i18n-adapter-test-secret-4f8a2c6e0b9d1735"


def flood_settings() -> dict[str, Any]:
    return make_settings(secret_key=SECRET_KEY, checks={"flood": {}}).model_dump()


# The shared JSON helpers


def test_the_json_helpers_speak_english_by_default() -> None:
    decision = guard_with().moderate({"name": "Ada", "email": EMAIL, "body": "Hello."})
    assert decision_body(decision) == {
        "status": "published",
        "message": "Thank you for your comment.",
    }
    assert decision_response(decision, locale="de") == (
        201,
        {"status": "published", "message": "Vielen Dank für Ihren Kommentar."},
    )


def test_field_errors_body_is_in_the_locale_with_the_same_codes() -> None:
    with pytest.raises(InvalidSubmission) as caught:
        guard_with().parse({"name": "Ada", "email": "", "body": "Hello."})
    names = FieldNames()
    english = field_errors_body(caught.value.errors, names)
    french = field_errors_body(caught.value.errors, names, locale="fr")
    assert french == {
        "detail": [
            {
                "loc": ["body", "email"],
                "msg": "Veuillez saisir votre adresse e-mail.",
                "type": "email_missing",
            }
        ]
    }
    assert english["detail"][0]["msg"] == "Please enter your email address."
    assert error_response(caught.value, names, locale="fr") == (422, french)


# Flask


def flask_app(config: dict[str, Any], **options: Any) -> Any:
    from flask import Flask

    from commentguard.adapters.flask import CommentGuard

    app = Flask(__name__)
    app.config["COMMENTGUARD"] = config
    comments = CommentGuard(app, **options)

    @app.post("/comments")
    def post_comment() -> Any:
        return comments.moderate_json_response()

    return app.test_client()


def test_flask_answers_in_the_locale_setting() -> None:
    client = flask_app({**flood_settings(), "locale": "de"})
    published = client.post("/comments", data=VALID, environ_base={"REMOTE_ADDR": "192.0.2.1"})
    assert published.status_code == 201
    assert published.get_json()["message"] == "Vielen Dank für Ihren Kommentar."
    flooded = client.post("/comments", data=VALID, environ_base={"REMOTE_ADDR": "192.0.2.1"})
    assert flooded.status_code == 429
    assert flooded.get_json()["message"] == (
        "Sie schreiben Kommentare zu schnell hintereinander. Bitte warten Sie einen Moment."
    )
    invalid = client.post("/comments", data=NO_EMAIL)
    assert invalid.status_code == 422
    assert invalid.get_json()["detail"][0] == {
        "loc": ["body", "email"],
        "msg": "Bitte geben Sie Ihre E-Mail-Adresse ein.",
        "type": "email_missing",
    }


def test_flask_speaks_english_by_default_whatever_the_browser_asks() -> None:
    client = flask_app(flood_settings())
    reply = client.post("/comments", data=NO_EMAIL, headers={"Accept-Language": "fr"})
    assert reply.get_json()["detail"][0]["msg"] == "Please enter your email address."


def test_flask_follows_a_locale_selector() -> None:
    from flask import request

    from commentguard.i18n import negotiate_locale

    client = flask_app(
        {**flood_settings(), "locale": "de"},
        locale_selector=lambda: negotiate_locale(request.headers.get("Accept-Language"), "de"),
    )
    french = client.post("/comments", data=NO_EMAIL, headers={"Accept-Language": "fr-CH, en"})
    assert french.get_json()["detail"][0]["msg"] == "Veuillez saisir votre adresse e-mail."
    english = client.post("/comments", data=NO_EMAIL, headers={"Accept-Language": "en-GB"})
    assert english.get_json()["detail"][0]["msg"] == "Please enter your email address."
    german = client.post("/comments", data=NO_EMAIL, headers={"Accept-Language": "es, it"})
    assert german.get_json()["detail"][0]["msg"] == "Bitte geben Sie Ihre E-Mail-Adresse ein."


def test_flask_uses_the_setting_when_the_selector_returns_none() -> None:
    client = flask_app({**flood_settings(), "locale": "fr"}, locale_selector=lambda: None)
    reply = client.post("/comments", data=VALID)
    assert reply.get_json()["message"] == "Merci pour votre commentaire."


# Django


@pytest.fixture
def django_i18n() -> Any:
    """The test project with LocaleMiddleware, which activates each request's language."""
    from django_setup import fresh_django_guard

    fresh_django_guard()
    from django.conf import settings
    from django.test import override_settings

    middleware = [*settings.MIDDLEWARE, "django.middleware.locale.LocaleMiddleware"]
    with override_settings(MIDDLEWARE=middleware, USE_I18N=True, LANGUAGE_CODE="en"):
        yield


@pytest.mark.parametrize(
    ("accept_language", "thanks", "missing_email"),
    [
        (
            "de-DE,de;q=0.9",
            "Vielen Dank für Ihren Kommentar.",
            "Bitte geben Sie Ihre E-Mail-Adresse ein.",
        ),
        ("fr", "Merci pour votre commentaire.", "Veuillez saisir votre adresse e-mail."),
        ("en-US", "Thank you for your comment.", "Please enter your email address."),
    ],
)
def test_django_json_follows_the_requests_language(
    django_i18n: None, accept_language: str, thanks: str, missing_email: str
) -> None:
    from django.test import Client

    client = Client(REMOTE_ADDR="192.0.2.30", headers={"Accept-Language": accept_language})
    published = client.post("/api/comments", data=VALID)
    assert published.status_code == 201
    assert published.json()["message"] == thanks
    invalid = client.post("/api/comments", data=NO_EMAIL)
    assert invalid.status_code == 422
    assert invalid.json()["detail"][0]["msg"] == missing_email
    assert invalid.json()["detail"][0]["type"] == "email_missing"


def test_django_form_errors_are_in_the_active_language() -> None:
    from django_setup import fresh_django_guard

    fresh_django_guard()
    from django import forms
    from django.test import RequestFactory
    from django.utils import translation

    from commentguard.adapters.django.forms import CommentGuardFormMixin

    class CommentForm(CommentGuardFormMixin):
        author = forms.CharField(required=False)
        email = forms.CharField(required=False)
        comment = forms.CharField(required=False, widget=forms.Textarea)

    request = RequestFactory().post("/", REMOTE_ADDR="192.0.2.31")
    with translation.override("fr"):
        bad = CommentForm({"author": "", "email": "x@", "comment": "Hi"}, request=request)
        assert not bad.is_valid()
    assert bad.errors["author"] == ["Veuillez saisir votre nom."]
    assert bad.errors["email"] == ["Veuillez saisir une adresse e-mail valide."]

    with translation.override("de"):
        first = CommentForm({**VALID, "comment": "Erster Kommentar."}, request=request)
        assert first.is_valid()
        flooded = CommentForm({**VALID, "comment": "Zweiter Kommentar."}, request=request)
        assert not flooded.is_valid()
    assert flooded.decision is not None
    assert flooded.decision.verdict is Verdict.REJECT
    assert flooded.non_field_errors() == [
        "Sie schreiben Kommentare zu schnell hintereinander. Bitte warten Sie einen Moment."
    ]


# Starlette and FastAPI


def asgi_client(settings: dict[str, Any], **options: Any) -> Any:
    from fastapi import Depends, FastAPI
    from fastapi.testclient import TestClient

    from commentguard import Settings
    from commentguard.adapters.fastapi import FastAPIGuard

    app = FastAPI()
    comments = FastAPIGuard(Settings.model_validate(settings), **options)
    moderated = Depends(comments.moderation())

    @app.post("/comments")
    async def post_comment(request: Request, moderation: Moderation = moderated) -> JSONResponse:
        return comments.response(moderation, locale=comments.locale(request))

    app.router.add_route("/plain", comments.json_response, methods=["POST"])  # Starlette's own
    return TestClient(app, client=("192.0.2.1", 5000))


def test_fastapi_answers_in_the_locale_setting() -> None:
    client = asgi_client({**flood_settings(), "locale": "fr"})
    published = client.post("/comments", data=VALID)
    assert (published.status_code, published.json()["message"]) == (
        201,
        "Merci pour votre commentaire.",
    )
    invalid = client.post("/comments", data=NO_EMAIL)
    assert invalid.status_code == 422
    assert invalid.json()["detail"][0]["msg"] == "Veuillez saisir votre adresse e-mail."


def test_starlette_follows_a_locale_selector() -> None:
    from commentguard.i18n import negotiate_locale

    def from_browser(request: Any) -> str:
        return negotiate_locale(request.headers.get("accept-language"))

    client = asgi_client(flood_settings(), locale_selector=from_browser)
    german = client.post("/plain", data=NO_EMAIL, headers={"Accept-Language": "de-DE,de;q=0.9"})
    assert german.json()["detail"][0]["msg"] == "Bitte geben Sie Ihre E-Mail-Adresse ein."
    english = client.post("/plain", data=VALID, headers={"Accept-Language": "ja"})
    assert english.json()["message"] == "Thank you for your comment."
