"""The FastAPI dependency, through FastAPI's own TestClient: bodies, answers, context, lifespan."""

# No ``from __future__ import annotations``: FastAPI must evaluate the endpoints' annotations,
# which name dependencies local to the test functions.

import json
import sys
from collections.abc import AsyncIterator, Callable, Iterator
from contextlib import asynccontextmanager
from datetime import UTC, datetime, timedelta
from typing import Annotated, Any, ClassVar

import pytest
from fastapi import Depends, FastAPI, Request
from fastapi.responses import JSONResponse
from fastapi.testclient import TestClient

import commentguard
from commentguard import CommentSubmission, Finding, Moderation, Settings
from commentguard._check import Check
from commentguard.adapters._http import FieldNames
from commentguard.adapters.fastapi import CommentIn, FastAPIGuard
from commentguard.testing import async_guard_with, make_settings

EMAIL = "reader.private@example.com"
SECRET_KEY = "fastapi-adapter-test-secret-4b8e1d7a9c2f6053"
WORDPRESS = {"author": "Ada", "email": EMAIL, "comment": "A thoughtful comment."}
OWN_NAMES = {"name": "Ada", "email": EMAIL, "body": "A thoughtful comment."}
PEER = ("192.0.2.1", 50000)
JSON = {"Content-Type": "application/json"}


def settings(**overrides: Any) -> Settings:
    return make_settings(secret_key=SECRET_KEY, **overrides)


def app_with(comments: FastAPIGuard, lifespan: Any = None, **dependency: Any) -> FastAPI:
    """An app whose endpoint answers the moderation, with what it saw in headers."""
    app = FastAPI(lifespan=lifespan)

    @app.post(
        "/comments",
        status_code=201,
        responses=comments.responses,
        openapi_extra=comments.openapi_extra,
    )
    async def post_comment(
        request: Request,
        moderation: Annotated[Moderation, Depends(comments.moderation(**dependency))],
    ) -> JSONResponse:
        response = comments.response(moderation)
        response.headers["x-body-bytes"] = str(len(await request.body()))
        response.headers["x-thread"] = str(moderation.submission.thread_id)
        response.headers["x-role"] = moderation.submission.author_role
        return response

    return app


@pytest.fixture
def client() -> Iterator[TestClient]:
    with TestClient(app_with(FastAPIGuard(settings())), client=PEER) as test_client:
        yield test_client


@pytest.mark.parametrize(
    "body",
    [
        {"json": OWN_NAMES},
        {"json": WORDPRESS},
        {"data": WORDPRESS},
        {"data": OWN_NAMES},
        {"data": WORDPRESS, "files": {"attachment": ("notes.txt", b"file part")}},
    ],
    ids=["json", "json-wordpress-names", "urlencoded", "urlencoded-own-names", "multipart"],
)
def test_json_urlencoded_and_multipart_bodies_are_published(
    client: TestClient, body: dict[str, Any]
) -> None:
    response = client.post("/comments", **body)
    assert (response.status_code, response.json()["status"]) == (201, "published")
    assert EMAIL not in response.text


def test_multipart_without_files_is_read() -> None:
    """What ``fetch(url, {body: new FormData(form)})`` sends: multipart with text parts only."""
    boundary = "----commentguard"
    parts = "".join(
        f'--{boundary}\r\nContent-Disposition: form-data; name="{key}"\r\n\r\n{value}\r\n'
        for key, value in WORDPRESS.items()
    )
    raw = (parts + f"--{boundary}--\r\n").encode()
    headers = {"Content-Type": f"multipart/form-data; boundary={boundary}"}
    with TestClient(app_with(FastAPIGuard(settings())), client=PEER) as client:
        response = client.post("/comments", content=raw, headers=headers)
    assert response.status_code == 201


class ReadsAgain:
    """Endpoints that read the body themselves after the dependency has."""

    @staticmethod
    def app(read: Callable[[Request], Any]) -> FastAPI:
        comments = FastAPIGuard(settings())
        app = FastAPI()

        @app.post("/comments")
        async def post_comment(
            request: Request, moderation: Annotated[Moderation, Depends(comments.moderation())]
        ) -> dict[str, Any]:
            return {"verdict": moderation.verdict.value, "read": await read(request)}

        return app


async def _json(request: Request) -> Any:
    return (await request.json())["name"]


async def _form(request: Request) -> Any:
    async with request.form() as form:  # closes the file parts, as Starlette asks
        return form["author"]


async def _raw(request: Request) -> Any:
    return len(await request.body())


@pytest.mark.parametrize(
    ("read", "body", "expected"),
    [
        (_json, {"json": OWN_NAMES}, "Ada"),
        (_form, {"data": WORDPRESS}, "Ada"),
        (_form, {"data": WORDPRESS, "files": {"f": ("a.txt", b"x")}}, "Ada"),
        (_raw, {"content": json.dumps(OWN_NAMES), "headers": JSON}, len(json.dumps(OWN_NAMES))),
    ],
    ids=["json", "urlencoded-form", "multipart-form", "body"],
)
def test_the_endpoint_can_read_the_body_again(
    read: Callable[[Request], Any], body: dict[str, Any], expected: Any
) -> None:
    """The dependency's bounded read leaves the request readable ("Stream consumed" before)."""
    with TestClient(ReadsAgain.app(read), client=PEER) as client:
        response = client.post("/comments", **body)
    assert response.status_code == 200, response.text
    assert response.json() == {"verdict": "approve", "read": expected}


def test_the_moderation_carries_the_submission_to_save() -> None:
    saved: list[Moderation] = []
    comments = FastAPIGuard(settings())
    app = FastAPI()

    @app.post("/comments")
    async def post_comment(
        moderation: Annotated[Moderation, Depends(comments.moderation())],
    ) -> JSONResponse:
        saved.append(moderation)
        return comments.response(moderation)

    with TestClient(app, client=PEER) as client:
        client.post("/comments", data={**WORDPRESS, "comment_post_ID": "42"})
    (moderation,) = saved
    assert moderation.submission.email.reveal() == EMAIL
    assert (moderation.public.name, moderation.public.thread_id) == ("Ada", "42")
    assert EMAIL not in moderation.public.model_dump_json()


@pytest.mark.parametrize(
    ("body", "loc", "sent"),
    [
        ({"json": {**OWN_NAMES, "name": ""}}, ["body", "name"], ""),
        ({"json": {**WORDPRESS, "author": ""}}, ["body", "author"], ""),
        ({"data": {**OWN_NAMES, "body": "  "}}, ["body", "body"], "  "),
        ({"data": {**WORDPRESS, "comment": "  "}}, ["body", "comment"], "  "),
        ({"data": {"email": EMAIL, "comment": "Hi"}}, ["body", "author"], None),
    ],
    ids=["json-name", "json-author", "form-body", "form-comment", "missing"],
)
def test_field_errors_name_the_field_as_the_client_sent_it(
    client: TestClient, body: dict[str, Any], loc: list[str], sent: str | None
) -> None:
    response = client.post("/comments", **body)
    assert response.status_code == 422
    (error,) = response.json()["detail"]
    assert error["loc"] == loc
    assert error["type"]
    assert error["msg"]
    assert error.get("input") == sent


def test_field_errors_never_send_the_email_back(client: TestClient) -> None:
    """Not as the email field's ``input``, nor inside another field's value."""
    bad_email = "reader.private@"
    response = client.post(
        "/comments",
        json={"name": f"Ada {EMAIL} " + "x" * 300, "email": EMAIL, "body": "Hi"},
    )
    assert response.status_code == 422
    assert [e["loc"] for e in response.json()["detail"]] == [["body", "name"]]
    assert "input" not in response.json()["detail"][0]
    assert EMAIL not in response.text
    response = client.post("/comments", json={**OWN_NAMES, "email": bad_email})
    assert response.json()["detail"] == [
        {
            "type": "email_invalid",
            "loc": ["body", "email"],
            "msg": response.json()["detail"][0]["msg"],
        }
    ]
    assert bad_email not in response.text


def test_field_errors_go_through_fastapis_validation_handler() -> None:
    """The dependency raises RequestValidationError, so an app's own handler for it applies."""
    from fastapi.exceptions import RequestValidationError

    app = app_with(FastAPIGuard(settings()))

    @app.exception_handler(RequestValidationError)
    async def handler(request: Request, exc: RequestValidationError) -> JSONResponse:
        return JSONResponse({"errors": len(exc.errors()), "body": exc.body}, status_code=400)

    with TestClient(app, client=PEER) as client:
        response = client.post("/comments", data={**WORDPRESS, "author": ""})
    assert (response.status_code, response.json()) == (400, {"errors": 1, "body": None})


@pytest.mark.parametrize(
    "body",
    [
        {"json": {**OWN_NAMES, "body": "x" * 5_000}},
        {"data": {**WORDPRESS, "comment": "x" * 5_000}},
        {"data": WORDPRESS, "files": {"f": ("big.bin", b"x" * 5_000)}},
    ],
    ids=["json", "urlencoded", "multipart"],
)
def test_bodies_over_max_body_bytes_are_413(body: dict[str, Any]) -> None:
    with TestClient(app_with(FastAPIGuard(settings(), max_body_bytes=4_000))) as client:
        response = client.post("/comments", **body)
    assert response.status_code == 413
    assert "4000 bytes" in response.json()["detail"]


def test_a_chunked_body_is_refused_while_it_is_read() -> None:
    """Without a Content-Length, the stream is counted as it arrives."""

    def chunks() -> Iterator[bytes]:
        yield b'{"name": "Ada", "body": "'
        for _ in range(10):
            yield b"x" * 1_000
        yield b'"}'

    with TestClient(app_with(FastAPIGuard(settings(), max_body_bytes=4_000))) as client:
        response = client.post(
            "/comments", content=chunks(), headers={"Content-Type": "application/json"}
        )
    assert response.status_code == 413


@pytest.mark.parametrize(
    ("raw", "content_type", "status", "words"),
    [
        (b'{"name": "Ada",', "application/json", 400, "not valid JSON"),
        (b"[1, 2]", "application/json", 400, "JSON object"),
        (b"author=%FF", "application/x-www-form-urlencoded", 400, "UTF-8"),
        (b"no boundary", "multipart/form-data", 400, "multipart"),
        (b"Ada says hi", "text/plain", 415, "application/json"),
    ],
)
def test_malformed_bodies_get_a_clear_400(
    client: TestClient, raw: bytes, content_type: str, status: int, words: str
) -> None:
    response = client.post("/comments", content=raw, headers={"Content-Type": content_type})
    assert response.status_code == status
    assert words in response.json()["detail"]


def test_a_fixed_context_overrides_the_request() -> None:
    context = {"thread_id": 42, "author_role": "moderator"}
    with TestClient(app_with(FastAPIGuard(settings()), context=context), client=PEER) as client:
        response = client.post("/comments", data={**WORDPRESS, "comment_post_ID": "7"})
    assert response.status_code == 201
    assert (response.headers["x-thread"], response.headers["x-role"]) == ("42", "moderator")


async def current_user() -> str | None:
    return None


async def comment_context(
    article_id: int, user: Annotated[str | None, Depends(current_user)]
) -> dict[str, Any]:
    return {"thread_id": article_id, "author_role": "moderator" if user else "reader"}


def article_app() -> FastAPI:
    comments = FastAPIGuard(settings(checks={"flood": {}}))
    app = FastAPI()

    @app.post("/articles/{article_id}/comments", status_code=201)
    async def post_comment(
        moderation: Annotated[Moderation, Depends(comments.moderation(context=comment_context))],
    ) -> JSONResponse:
        response = comments.response(moderation)
        response.headers["x-thread"] = str(moderation.submission.thread_id)
        return response

    return app


def test_a_context_dependency_is_resolved_per_request() -> None:
    """A path parameter sets the thread; the logged-in user (an override here) the role."""
    app = article_app()
    with TestClient(app, client=PEER) as client:
        first = client.post("/articles/42/comments", data=WORDPRESS)
        flood = client.post("/articles/42/comments", data={**WORDPRESS, "comment": "Again."})
        app.dependency_overrides[current_user] = lambda: "editor"
        moderator = client.post("/articles/42/comments", data={**WORDPRESS, "comment": "Mod."})
    assert (first.status_code, first.headers["x-thread"]) == (201, "42")
    assert flood.status_code == 429
    assert moderator.status_code == 201, "moderators are not flood-limited"


def test_a_context_with_an_unknown_key_is_a_programming_error() -> None:
    app = app_with(FastAPIGuard(settings()), context={"email": "staff@example.com"})
    with (
        TestClient(app, client=PEER) as client,
        pytest.raises(TypeError, match="not server-side fields"),
    ):
        client.post("/comments", data=WORDPRESS)


def test_an_invalid_context_value_is_the_servers_error_not_a_422() -> None:
    naive = {"thread_published_at": datetime(2026, 1, 1)}
    app = app_with(FastAPIGuard(settings()), context=naive)
    with (
        TestClient(app, client=PEER) as client,
        pytest.raises(ValueError, match="server-side context"),
    ):
        client.post("/comments", data=WORDPRESS)


def test_a_context_thread_date_closes_old_threads() -> None:
    old = {"thread_published_at": datetime.now(UTC) - timedelta(days=30)}
    guard = FastAPIGuard(settings(checks={"closed_thread": {"close_after_days": 14}}))
    with TestClient(app_with(guard, context=old), client=PEER) as client:
        response = client.post("/comments", data=WORDPRESS)
    assert (response.status_code, response.json()["status"]) == (403, "refused")


class _Lifecycle(Check):
    """Records what the guard does with it: each comment it checks, and its closing."""

    name = "lifecycle"
    events: ClassVar[list[str]] = []

    def check(self, submission: CommentSubmission) -> list[Finding]:
        self.events.append("checked")
        return []

    async def aclose(self) -> None:
        self.events.append("closed")


@commentguard.hookimpl
def register_checks(register: Callable[[type[Check]], None]) -> None:
    register(_Lifecycle)


def test_the_lifespan_recipe_closes_the_guard() -> None:
    """TestClient as a context manager runs the lifespan: aclose at shutdown, not before."""
    _Lifecycle.events.clear()
    plugin = sys.modules[__name__]
    comments = FastAPIGuard(guard=async_guard_with(plugin, settings=settings()))

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        yield
        await comments.aclose()

    with TestClient(app_with(comments, lifespan=lifespan), client=PEER) as client:
        assert client.post("/comments", data=WORDPRESS).status_code == 201
        assert _Lifecycle.events == ["checked"]
    assert _Lifecycle.events == ["checked", "closed"]


def test_settings_and_guard_are_exclusive() -> None:
    with pytest.raises(TypeError, match="not both"):
        FastAPIGuard(settings(), guard=async_guard_with(settings=settings()))


def openapi_operation(comments: FastAPIGuard) -> dict[str, Any]:
    schema: dict[str, Any] = app_with(comments).openapi()
    operation: dict[str, Any] = schema["paths"]["/comments"]["post"]
    return operation


def test_openapi_shows_the_request_body_in_json_and_form_encodings() -> None:
    body = openapi_operation(FastAPIGuard(settings()))["requestBody"]
    assert body["required"] is True
    assert set(body["content"]) == {
        "application/json",
        "application/x-www-form-urlencoded",
        "multipart/form-data",
    }
    schema = body["content"]["application/json"]["schema"]
    assert schema["title"] == "CommentIn"
    assert set(schema["required"]) == {"name", "email", "body"}
    assert {"url", "thread_id", "parent_id", "cg_website", "cg_token"} <= set(schema["properties"])


def test_openapi_describes_every_answer() -> None:
    app = app_with(FastAPIGuard(settings()))
    schema = app.openapi()
    responses = schema["paths"]["/comments"]["post"]["responses"]
    assert {"201", "202", "409", "422", "429"} <= set(responses)
    assert "200" not in responses
    ref = responses["422"]["content"]["application/json"]["schema"]["$ref"]
    assert ref.endswith("/FieldErrorsOut")
    decision = schema["components"]["schemas"]["DecisionOut"]
    assert decision["properties"]["status"]["enum"] == ["published", "pending", "refused"]
    assert EMAIL not in json.dumps(schema)


def test_comment_in_reads_the_names_the_adapter_reads() -> None:
    """CommentIn, the documented model, accepts each field under both names FieldNames reads."""
    names = FieldNames()
    for target in vars(names):
        others = {key: value for key, value in OWN_NAMES.items() if key != target}
        for key in {target, names.source(target)}:
            comment = CommentIn.model_validate({**others, key: "7"})
            assert getattr(comment, target) == "7", (target, key)
    assert CommentIn.model_validate(WORDPRESS) == CommentIn.model_validate(OWN_NAMES)


def test_the_plain_dependency_still_works() -> None:
    """``comments.dependency`` (the old documented spelling) is the dependency without context."""
    comments = FastAPIGuard(settings())
    app = FastAPI()

    @app.post("/comments")
    async def post_comment(moderation: Moderation = Depends(comments.dependency)) -> JSONResponse:
        return comments.response(moderation)

    with TestClient(app, client=PEER) as client:
        assert client.post("/comments", json=OWN_NAMES).status_code == 201
        assert client.post("/comments", json={**OWN_NAMES, "name": ""}).status_code == 422
