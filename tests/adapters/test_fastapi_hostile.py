"""Form bodies of any bytes never make a 500, and the email never reaches a log or an answer."""

# No ``from __future__ import annotations``: FastAPI evaluates the endpoint's annotations.

import logging
from typing import Annotated, Any

import pytest
from fastapi import Depends, FastAPI
from fastapi.responses import JSONResponse
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from commentguard import Moderation
from commentguard.adapters.fastapi import FastAPIGuard
from commentguard.testing import make_settings

EMAIL = "reader.private@example.com"
ANSWERS = {201, 202, 400, 403, 409, 413, 415, 422, 429}
BOUNDARY = "cgboundary"
CONTENT_TYPES = [
    "application/x-www-form-urlencoded",
    f"multipart/form-data; boundary={BOUNDARY}",
    "multipart/form-data",
    "application/json",
    "application/merge-patch+json",
]


@pytest.fixture
def app() -> FastAPI:
    comments = FastAPIGuard(make_settings(), max_body_bytes=2_000)
    app = FastAPI()

    @app.post("/comments")
    async def post_comment(
        moderation: Annotated[Moderation, Depends(comments.moderation())],
    ) -> JSONResponse:
        return comments.response(moderation)

    return app


def multipart(fields: list[tuple[str, bytes]]) -> bytes:
    parts = b"".join(
        f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n'.encode()
        + value
        + b"\r\n"
        for name, value in fields
    )
    return parts + f"--{BOUNDARY}--\r\n".encode()


BODIES = st.one_of(
    st.binary(max_size=400),
    st.lists(
        st.tuples(st.sampled_from(["author", "email", "comment", "name", "x"]), st.binary()),
        max_size=5,
    ).map(multipart),
    st.builds(
        lambda head, tail: multipart([("author", b"Ada")])[:head] + tail,
        st.integers(0, 80),
        st.binary(max_size=40),
    ),
)


@settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(body=BODIES, content_type=st.sampled_from(CONTENT_TYPES))
def test_any_body_is_answered_never_a_500(app: FastAPI, body: bytes, content_type: str) -> None:
    """Truncated multipart, stray bytes, wrong encodings: a decision or a 4xx with a message."""
    with TestClient(app, client=("192.0.2.50", 50000)) as client:
        response = client.post("/comments", content=body, headers={"Content-Type": content_type})
    assert response.status_code in ANSWERS, response.text
    if response.status_code in (400, 413, 415):
        assert response.json()["detail"]


@pytest.mark.parametrize(
    "body",
    [
        {"data": {"author": "Ada", "email": EMAIL, "comment": "Fine."}},
        {"data": {"author": "", "email": EMAIL, "comment": "No name."}},
        {"json": {"name": EMAIL, "email": EMAIL, "body": "x" * 70_000}},
        {"data": {"author": "Ada", "email": EMAIL, "comment": "x" * 3_000}},
        {"data": {"author": "Ada", "email": EMAIL, "comment": "y"}, "files": {"f": ("a", b"z")}},
    ],
    ids=["published", "field-error", "too-long-name-is-the-email", "too-large", "multipart"],
)
def test_the_email_is_in_no_answer_and_no_log(
    app: FastAPI, body: dict[str, Any], caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.DEBUG), TestClient(app, client=("192.0.2.51", 5)) as client:
        response = client.post("/comments", **body)
    assert response.status_code in ANSWERS
    assert EMAIL not in response.text
    assert caplog.records, "the guard logs each decision"
    assert EMAIL not in caplog.text
    assert all(EMAIL not in str(record.args) for record in caplog.records)
