"""A double-clicked submit button through Flask's own test client: 201, then 409, not 429."""

from __future__ import annotations

from typing import Any

from flask import Flask
from flask.testing import FlaskClient

from commentguard.adapters.flask import CommentGuard
from commentguard.testing import make_settings

SECRET_KEY = "double-submit-flask-secret-7d1f3b5a9c2e6084"
COMMENT = {"author": "Ada", "email": "ada@example.com", "comment": "Posted twice by accident."}


def client() -> FlaskClient:
    """An app posting JSON decisions, with flood (1 per 15 s) and duplicate at their defaults."""
    app = Flask(__name__)
    settings = make_settings(secret_key=SECRET_KEY, checks={"flood": {}, "duplicate": {}})
    app.config["COMMENTGUARD"] = settings.model_dump()
    comments = CommentGuard(app)

    @app.post("/comments")
    def post_comment() -> Any:
        return comments.moderate_json_response()

    return app.test_client()


def test_the_second_click_is_answered_as_a_duplicate() -> None:
    browser = client()

    first = browser.post("/comments", data=COMMENT)
    second = browser.post("/comments", data=COMMENT)

    assert first.status_code == 201
    assert second.status_code == 409
    assert second.get_json() == {
        "status": "refused",
        "message": "Duplicate comment detected; it looks as though you\u2019ve already said that!",
    }


def test_another_comment_as_fast_is_still_a_flood() -> None:
    browser = client()

    assert browser.post("/comments", data=COMMENT).status_code == 201
    other = browser.post("/comments", data={**COMMENT, "comment": "And one more thing."})

    assert other.status_code == 429
    assert other.get_json()["message"] == "You are posting comments too quickly. Slow down."
