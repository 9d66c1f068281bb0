"""docs/flask.md, run as written: the HTML form and the JSON endpoint, through Flask's client."""

from __future__ import annotations

import html
import re
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest
from behaviour import EMAIL, SECRET_KEY, reader_form
from flask.testing import FlaskClient

from commentguard import FormTokenSigner
from doc_apps import page_module

TOKEN = re.compile(r'name="cg_token" value="([^"]+)"')


@pytest.fixture
def doc_app(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[ModuleType]:
    environ = {
        "FLASK_SECRET_KEY": "flask-session-key-for-the-docs-test",
        "COMMENTGUARD_SECRET_KEY": SECRET_KEY,
    }
    with page_module("flask.md", tmp_path, monkeypatch, environ=environ) as module:
        yield module


@pytest.fixture
def module(doc_app: ModuleType) -> ModuleType:
    return doc_app


def client(module: ModuleType, peer: str = "192.0.2.10") -> FlaskClient:
    app = module.app
    test_client: FlaskClient = app.test_client()
    test_client.environ_base["REMOTE_ADDR"] = peer
    return test_client


def form(**changes: str) -> dict[str, str]:
    """The form as a reader fills it in, with a token rendered a minute ago."""
    return reader_form("hello-world", **changes)


def saved(module: ModuleType) -> list[tuple[str, str, str]]:
    db: sqlite3.Connection = module.db
    return db.execute("SELECT name, email, status FROM comment ORDER BY id").fetchall()


def test_the_page_renders_the_form_with_its_hidden_fields(module: ModuleType) -> None:
    page = client(module).get("/posts/hello-world").get_data(as_text=True)
    assert "Leave a Reply" in page
    assert 'name="cg_website"' in page
    token = TOKEN.search(page)
    assert token is not None
    assert FormTokenSigner(SECRET_KEY).read(html.unescape(token.group(1))).thread_id == (
        "hello-world"
    )


def test_field_errors_re_render_the_form_with_the_readers_input(module: ModuleType) -> None:
    response = client(module).post("/posts/hello-world", data=form(author=" ", email="ada@"))
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "Please enter your name." in page
    assert re.search(r'<span class="error">[^<]*email[^<]*</span>', page)
    assert "Thanks, this explained it well.</textarea>" in page  # nothing the reader typed is lost
    assert saved(module) == []


def test_a_good_comment_is_saved_and_published(module: ModuleType) -> None:
    reader = client(module)
    response = reader.post("/posts/hello-world", data=form())
    assert response.status_code == 303
    assert response.headers["Location"].endswith("/posts/hello-world")
    assert saved(module) == [("Ada", EMAIL, "approve")]
    page = reader.get("/posts/hello-world").get_data(as_text=True)
    assert "Thank you for your comment." in page
    assert "<b>Ada</b><p>Thanks, this explained it well.</p>" in page
    assert EMAIL not in page


def test_a_form_sent_too_fast_is_saved_for_the_moderator(module: ModuleType) -> None:
    reader = client(module)
    page = reader.get("/posts/hello-world").get_data(as_text=True)
    token = TOKEN.search(page)
    assert token is not None
    response = reader.post("/posts/hello-world", data=form(cg_token=html.unescape(token.group(1))))
    assert response.status_code == 303
    assert saved(module) == [("Ada", EMAIL, "hold")]
    article = reader.get("/posts/hello-world").get_data(as_text=True)
    assert "awaiting moderation" in article
    assert "<b>Ada</b>" not in article


def test_a_filled_honeypot_is_dropped_and_answered_like_a_held_comment(module: ModuleType) -> None:
    reader = client(module)
    response = reader.post("/posts/hello-world", data=form(cg_website="http://spam.example"))
    assert response.status_code == 303
    assert saved(module) == []
    assert "awaiting moderation" in reader.get("/posts/hello-world").get_data(as_text=True)


def test_a_repeat_is_refused_on_the_form(module: ModuleType) -> None:
    reader = client(module)
    assert reader.post("/posts/hello-world", data=form()).status_code == 303
    response = reader.post("/posts/hello-world", data=form())
    assert response.status_code == 409  # a double submit is a repeat before it is a flood
    assert "Duplicate comment detected" in response.get_data(as_text=True)
    assert len(saved(module)) == 1


def test_the_form_cannot_set_what_only_the_server_knows(module: ModuleType) -> None:
    sneaky = form(author_role="moderator", thread_id="other", thread_published_at="2001-01-01")
    reader = client(module)
    assert reader.post("/posts/hello-world", data=sneaky).status_code == 303
    second = form(comment="And another thing.")  # a reader is flood-limited, a moderator not
    assert reader.post("/posts/hello-world", data=second).status_code == 429


def test_an_editor_is_not_flood_limited(module: ModuleType) -> None:
    editor = client(module)
    with editor.session_transaction() as session:
        session["is_editor"] = True
    assert editor.post("/posts/hello-world", data=form()).status_code == 303
    assert editor.post("/posts/hello-world", data=form(comment="A follow-up.")).status_code == 303
    assert [status for _, _, status in saved(module)] == ["approve", "approve"]


def test_the_json_endpoint_answers_in_json(module: ModuleType) -> None:
    api = module.api.test_client()
    response = api.post(
        "/api/posts/hello-world/comments",
        json={"name": "Ada", "email": EMAIL, "body": "Nice."},
        environ_base={"REMOTE_ADDR": "192.0.2.20"},
    )
    assert response.status_code == 201
    assert response.get_json() == {"status": "published", "message": "Thank you for your comment."}
    invalid = api.post("/api/posts/hello-world/comments", data={"author": "Ada", "email": EMAIL})
    assert invalid.status_code == 422
    assert invalid.get_json()["detail"][0]["loc"] == ["body", "comment"]
    assert EMAIL not in invalid.get_data(as_text=True)


def test_the_form_speaks_the_locale_setting(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    environ = {
        "FLASK_SECRET_KEY": "flask-session-key-for-the-docs-test",
        "COMMENTGUARD_SECRET_KEY": SECRET_KEY,
        "COMMENTGUARD_LOCALE": "de",
    }
    with page_module("flask.md", tmp_path, monkeypatch, environ=environ) as german:
        reader = client(german)
        invalid = reader.post("/posts/hello-world", data=form(author=" "))
        assert "Bitte geben Sie Ihren Namen ein." in invalid.get_data(as_text=True)
        reader.post("/posts/hello-world", data=form())
        page = reader.get("/posts/hello-world").get_data(as_text=True)
    assert "Vielen Dank für Ihren Kommentar." in page
