"""Plain Starlette, no FastAPI: the helper through Starlette's own TestClient."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route
from starlette.testclient import TestClient

from commentguard import Moderation
from commentguard.adapters.starlette import BadRequest, InvalidComment, StarletteGuard
from commentguard.testing import make_settings

EMAIL = "reader.private@example.com"
WORDPRESS = {"author": "Ada", "email": EMAIL, "comment": "A thoughtful comment."}
PEER = ("192.0.2.7", 50000)
SECRET_KEY = "starlette-adapter-test-secret-71c5e0a9d3b2f846"


def saving_app(saved: list[Moderation]) -> Starlette:
    """The docs' recipe: moderate with the article from the path, save, answer."""
    comments = StarletteGuard(make_settings(secret_key=SECRET_KEY), max_body_bytes=4_000)

    async def post_comment(request: Request) -> Response:
        context = {"thread_id": request.path_params["article_id"]}
        try:
            moderation = await comments.moderate(request, context=context)
        except (InvalidComment, BadRequest) as error:
            return comments.error_response(error)
        saved.append(moderation)
        async with request.form() as form:  # the body is still there for the endpoint
            assert form["author"] == "Ada"
        return comments.response(moderation)

    route = Route("/articles/{article_id:int}/comments", post_comment, methods=["POST"])
    return Starlette(routes=[route])


@pytest.fixture
def saved() -> list[Moderation]:
    return []


@pytest.fixture
def client(saved: list[Moderation]) -> Iterator[TestClient]:
    with TestClient(saving_app(saved), client=PEER) as test_client:
        yield test_client


@pytest.mark.parametrize(
    "body",
    [{"data": WORDPRESS}, {"data": WORDPRESS, "files": {"f": ("a.txt", b"x")}}],
    ids=["urlencoded", "multipart"],
)
def test_a_comment_is_moderated_and_saved_with_its_context(
    client: TestClient, saved: list[Moderation], body: dict[str, Any]
) -> None:
    response = client.post("/articles/42/comments", **body)
    assert (response.status_code, response.json()["status"]) == (201, "published")
    (moderation,) = saved
    assert moderation.public.thread_id == "42"
    assert EMAIL not in response.text


def test_json_bodies_with_the_submission_names() -> None:
    async def read_json_again(request: Request) -> JSONResponse:
        comments = StarletteGuard(make_settings())
        moderation = await comments.moderate(request)
        return JSONResponse({"verdict": moderation.verdict.value, **(await request.json())})

    app = Starlette(routes=[Route("/comments", read_json_again, methods=["POST"])])
    with TestClient(app, client=PEER) as test_client:
        response = test_client.post(
            "/comments", json={"name": "Ada", "email": EMAIL, "body": "From an app."}
        )
    assert response.json()["verdict"] == "approve"


def test_field_errors_are_422_naming_the_fields_as_sent(client: TestClient) -> None:
    response = client.post("/articles/42/comments", data={**WORDPRESS, "author": "", "email": "x@"})
    assert response.status_code == 422
    assert response.json() == {
        "detail": [
            {
                "type": "name_missing",
                "loc": ["body", "author"],
                "msg": "Please enter your name.",
                "input": "",
            },
            {
                "type": "email_invalid",
                "loc": ["body", "email"],
                "msg": "Please enter a valid email address.",
            },
        ]
    }


def test_an_unreadable_body_is_answered_in_json(client: TestClient) -> None:
    too_big = client.post("/articles/42/comments", data={**WORDPRESS, "comment": "x" * 5_000})
    no_boundary = client.post(
        "/articles/42/comments", content=b"x", headers={"Content-Type": "multipart/form-data"}
    )
    assert (too_big.status_code, no_boundary.status_code) == (413, 400)
    assert "boundary" in no_boundary.json()["detail"]


def test_json_response_does_it_all_in_one_call() -> None:
    comments = StarletteGuard(make_settings(checks={"flood": {}}))

    async def post_comment(request: Request) -> JSONResponse:
        return await comments.json_response(request, context={"author_role": "reader"})

    app = Starlette(routes=[Route("/comments", post_comment, methods=["POST"])])
    with TestClient(app, client=PEER) as client:
        first = client.post("/comments", data=WORDPRESS)
        flood = client.post("/comments", data={**WORDPRESS, "comment": "Again."})
        invalid = client.post("/comments", data={**WORDPRESS, "comment": ""})
        unreadable = client.post("/comments", content=b"x", headers={"Content-Type": "text/csv"})
    assert [r.status_code for r in (first, flood, invalid, unreadable)] == [201, 429, 422, 415]


def test_submission_data_puts_the_context_over_the_request() -> None:
    """As the Flask and Django adapters': fields, server-side context, client address."""
    comments = StarletteGuard(make_settings())

    async def show(request: Request) -> JSONResponse:
        data = await comments.submission_data(request, context={"thread_id": "42"})
        return JSONResponse({key: str(value) for key, value in data.items()})

    app = Starlette(routes=[Route("/comments", show, methods=["POST"])])
    with TestClient(app, client=PEER) as client:
        data = client.post("/comments", data={**WORDPRESS, "comment_post_ID": "7"}).json()
    assert (data["name"], data["thread_id"], data["ip"]) == ("Ada", "42", PEER[0])
