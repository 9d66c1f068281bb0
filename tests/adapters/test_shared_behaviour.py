"""One behaviour, each framework's idiom: the same table through Flask's, Django's and
FastAPI's own test clients."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest

from commentguard import Settings
from commentguard.testing import make_settings

EMAIL = "reader.private@example.com"
VALID = {"author": "Ada", "email": EMAIL, "comment": "A thoughtful comment."}
TRUSTED_PROXY = "10.0.0.5"
SECRET_KEY = "shared-behaviour-test-secret-9c3e7a1f5b2d8046"


@dataclass
class Reply:
    status: int
    body: dict[str, Any]
    text: str


Post = Callable[..., Reply]


def settings() -> Settings:
    return make_settings(secret_key=SECRET_KEY, checks={"flood": {}})


def flask_client() -> Post:
    from flask import Flask

    from commentguard.adapters.flask import CommentGuard

    app = Flask(__name__)
    app.config["COMMENTGUARD"] = settings().model_dump()
    app.config["COMMENTGUARD_TRUSTED_PROXIES"] = ["10.0.0.0/8"]
    app.config["COMMENTGUARD_MAX_BODY_BYTES"] = 100_000
    comments = CommentGuard(app)

    @app.post("/comments")
    def post_comment() -> Any:
        return comments.moderate_json_response()

    client = app.test_client()

    def post(
        *, peer: str = "192.0.2.1", headers: dict[str, str] | None = None, **kwargs: Any
    ) -> Reply:
        response = client.post(
            "/comments", environ_base={"REMOTE_ADDR": peer}, headers=headers or {}, **kwargs
        )
        text = response.get_data(as_text=True)
        return Reply(response.status_code, json.loads(text), text)

    return post


def fastapi_client() -> Post:
    from fastapi import Depends, FastAPI
    from fastapi.responses import JSONResponse
    from fastapi.testclient import TestClient

    from commentguard import Decision
    from commentguard.adapters.starlette import StarletteGuard

    app = FastAPI()
    comments = StarletteGuard(settings(), trusted_proxies=["10.0.0.0/8"], max_body_bytes=100_000)

    @app.post("/comments")
    async def post_comment(decision: Decision = Depends(comments.dependency)) -> JSONResponse:
        return JSONResponse(
            comments.decision_content(decision), status_code=comments.status_code(decision)
        )

    def post(
        *, peer: str = "192.0.2.1", headers: dict[str, str] | None = None, **kwargs: Any
    ) -> Reply:
        if "data" in kwargs and isinstance(kwargs["data"], bytes):
            kwargs["content"] = kwargs.pop("data")
        with TestClient(app, client=(peer, 50000)) as client:
            response = client.post("/comments", headers=headers or {}, **kwargs)
        return Reply(response.status_code, response.json(), response.text)

    return post


def django_client() -> Post:
    from django.test import Client
    from django_setup import fresh_django_guard

    fresh_django_guard()

    def post(
        *, peer: str = "192.0.2.1", headers: dict[str, str] | None = None, **kwargs: Any
    ) -> Reply:
        client = Client(REMOTE_ADDR=peer)
        if "json" in kwargs:
            kwargs["data"] = json.dumps(kwargs.pop("json"))
            kwargs["content_type"] = "application/json"
        headers = dict(headers or {})
        if "Content-Type" in headers:
            kwargs["content_type"] = headers.pop("Content-Type")
        response = client.post("/api/comments", headers=headers, **kwargs)
        text = response.content.decode()
        return Reply(response.status_code, json.loads(text), text)

    return post


@pytest.fixture(
    params=[flask_client, django_client, fastapi_client], ids=["flask", "django", "fastapi"]
)
def post(request: pytest.FixtureRequest) -> Post:
    factory: Callable[[], Post] = request.param
    return factory()


def test_valid_comment_is_published(post: Post) -> None:
    reply = post(data=VALID)
    assert (reply.status, reply.body["status"]) == (201, "published")
    assert EMAIL not in reply.text


@pytest.mark.parametrize(
    ("change", "fields"),
    [
        ({"author": ""}, ["author"]),
        ({"email": "not-an-email"}, ["email"]),
        ({"comment": "   "}, ["comment"]),
        ({"author": "", "email": "x@"}, ["author", "email"]),
        ({"url": 'http://a.example/"onmouseover="alert(1)'}, ["url"]),
        ({"url": "google.com@evil.example"}, ["url"]),
        ({"url": "mailto:reader.private@example.com"}, ["url"]),
    ],
)
def test_field_errors_are_422_in_fastapis_shape(
    post: Post, change: dict[str, str], fields: list[str]
) -> None:
    reply = post(data={**VALID, **change})
    assert reply.status == 422
    assert [error["loc"] for error in reply.body["detail"]] == [["body", f] for f in fields]
    assert all(error["msg"] and error["type"] for error in reply.body["detail"])
    assert EMAIL not in reply.text


def test_honeypot_looks_like_success_but_is_not_published(post: Post) -> None:
    reply = post(data={**VALID, "cg_website": "http://spam.example"})
    assert (reply.status, reply.body["status"]) == (202, "pending")


def test_a_look_alike_website_host_is_held(post: Post) -> None:
    """A website on a host mixing Cyrillic and Latin letters waits for a moderator."""
    reply = post(data={**VALID, "url": "https://\u0430pple.com/"})
    assert (reply.status, reply.body["status"]) == (202, "pending")


def test_too_many_links_are_held(post: Post) -> None:
    reply = post(data={**VALID, "comment": "Go to https://a.example and www.b.example"})
    assert (reply.status, reply.body) == (
        202,
        {"status": "pending", "message": "Your comment is awaiting moderation."},
    )


def test_flood_is_refused_with_429(post: Post) -> None:
    assert post(data=VALID).status == 201
    reply = post(data={**VALID, "comment": "Another thought."})
    assert reply.status == 429
    assert reply.body["message"] == "You are posting comments too quickly. Slow down."


def test_request_too_large_is_413(post: Post) -> None:
    reply = post(data={**VALID, "comment": "x" * 200_000})
    assert reply.status == 413


@pytest.mark.parametrize("raw", [b'{"author": "Ada",', b"\xff\xfe\x00", b"[1, 2]"])
def test_malformed_json_is_400_with_a_clear_message(post: Post, raw: bytes) -> None:
    reply = post(data=raw, headers={"Content-Type": "application/json"})
    assert reply.status == 400
    assert "request body" in reply.body["detail"]


def test_json_bodies_use_the_submission_names(post: Post) -> None:
    reply = post(json={"name": "Ada", "email": EMAIL, "body": "Hello from an app."})
    assert reply.status == 201


def test_forged_forwarded_header_from_an_untrusted_peer_is_ignored(post: Post) -> None:
    """A client cannot dodge the flood limit by inventing X-Forwarded-For addresses."""
    first = post(data=VALID, headers={"X-Forwarded-For": "198.51.100.1"})
    second = post(
        data={**VALID, "email": "other@example.com", "comment": "Again."},
        headers={"X-Forwarded-For": "198.51.100.2"},
    )
    assert (first.status, second.status) == (201, 429)


def test_trusted_proxy_passes_the_real_client_address(post: Post) -> None:
    """Behind a trusted proxy, each client is limited on its own address."""
    first = post(peer=TRUSTED_PROXY, data=VALID, headers={"X-Forwarded-For": "198.51.100.1"})
    second = post(
        peer=TRUSTED_PROXY,
        data={**VALID, "email": "other@example.com", "comment": "Mine."},
        headers={"X-Forwarded-For": "198.51.100.2"},
    )
    third = post(
        peer=TRUSTED_PROXY,
        data={**VALID, "email": "third@example.com", "comment": "Me too."},
        headers={"X-Forwarded-For": "198.51.100.2"},
    )
    assert (first.status, second.status, third.status) == (201, 201, 429)


def test_field_errors_name_the_fields_as_the_client_sent_them(post: Post) -> None:
    """A JSON client sending the submission's own names reads them back, with FastAPI's shape."""
    reply = post(json={"name": "", "email": EMAIL, "body": " "})
    assert reply.status == 422
    detail = reply.body["detail"]
    assert [error["loc"] for error in detail] == [["body", "name"], ["body", "body"]]
    assert all({"type", "loc", "msg"} <= set(error) for error in detail)
    assert EMAIL not in reply.text


def test_a_body_that_is_neither_json_nor_a_form_is_415(post: Post) -> None:
    reply = post(data=b"name=Ada", headers={"Content-Type": "text/plain"})
    assert reply.status == 415
    assert "application/json" in reply.body["detail"]
