"""Arbitrary JSON bodies, huge numbers and deep nesting included, through each framework's own
test client: the answer is a decision or a 4xx, never a 500."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from test_shared_behaviour import VALID, Post, Reply, django_client, fastapi_client, flask_client

from commentguard._models.limits import JSON_MAX_DEPTH, JSON_MAX_NUMBER_CHARS
from hostile_json import Literal, json_values, submissions, to_json

CLIENTS = pytest.mark.parametrize(
    "factory", [flask_client, django_client, fastapi_client], ids=["flask", "django", "fastapi"]
)
DECISIONS = {201, 202, 403, 409, 429}
JSON = {"Content-Type": "application/json"}


def post_json(post: Post, document: Any) -> Reply:
    return post(data=to_json(document).encode(), headers=JSON)


def assert_answered(reply: Reply) -> None:
    """A decision, field errors (422, FastAPI's shape) or an unreadable request (400, 413)."""
    assert reply.status in DECISIONS | {400, 413, 422}, reply.text
    if reply.status in (400, 413):
        assert reply.body["detail"].startswith("The request body")
    elif reply.status == 422:
        assert all(error["loc"][0] == "body" for error in reply.body["detail"])


@CLIENTS
def test_any_json_body_is_answered_never_a_500(factory: Callable[[], Post]) -> None:
    """Whole bodies of any JSON: objects, arrays, scalars, huge numbers, deep nesting."""
    post = factory()

    @settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
    @given(json_values)
    def answered(document: Any) -> None:
        assert_answered(post_json(post, document))

    answered()


@CLIENTS
def test_any_json_value_in_a_real_field_is_answered_never_a_500(
    factory: Callable[[], Post],
) -> None:
    """A comment whose fields (form names and submission names) hold any JSON value."""
    post = factory()

    @settings(max_examples=100, deadline=None, suppress_health_check=list(HealthCheck))
    @given(submissions(json_values, VALID))
    def answered(document: dict[str, Any]) -> None:
        assert_answered(post_json(post, document))

    answered()


@CLIENTS
@pytest.mark.parametrize(
    ("value", "reason"),
    [
        (Literal("1" * 5_000), f"a number longer than {JSON_MAX_NUMBER_CHARS} characters"),
        (Literal("[" * 40_000 + "]" * 40_000), f"nested deeper than {JSON_MAX_DEPTH} levels"),
    ],
    ids=["5000-digit-post-id", "nested-40000-deep"],
)
def test_a_huge_number_or_deep_nesting_is_a_400_saying_where(
    factory: Callable[[], Post], value: Literal, reason: str
) -> None:
    """The issue's 5,000-digit comment_post_ID and deep nesting: 400 with line and column."""
    reply = post_json(factory(), {**VALID, "comment_post_ID": value})
    assert reply.status == 400
    assert reply.body["detail"].startswith(f"The request body is not valid JSON: {reason}")
    assert "(line 1, column " in reply.body["detail"]


@CLIENTS
def test_numbers_and_nesting_within_the_bounds_are_read(factory: Callable[[], Post]) -> None:
    """A 100-character post id is a field error for its field; 32 levels are still JSON."""
    post = factory()
    long_id = post_json(post, {**VALID, "comment_post_ID": Literal("1" * JSON_MAX_NUMBER_CHARS)})
    assert long_id.status == 201  # an id of up to 255 characters
    nested = post_json(post, {**VALID, "comment_parent": Literal("[" * 31 + "]" * 31)})
    assert nested.status == 422
    assert [error["loc"] for error in nested.body["detail"]] == [["body", "comment_parent"]]


@CLIENTS
@pytest.mark.parametrize("value", ["Infinity", "-Infinity", "NaN"])
def test_a_number_json_cannot_write_back_is_a_field_error_not_a_500(
    factory: Callable[[], Post], value: str
) -> None:
    """Python's JSON reader takes ``Infinity``; the 422 must not echo it, which no JSON can.

    Found by hypothesis in the test above: the field error echoed ``input: inf``, and
    writing the body raised.
    """
    reply = post_json(factory(), {**VALID, "url": Literal(value)})
    assert reply.status == 422, reply.text
    assert [error["loc"] for error in reply.body["detail"]] == [["body", "url"]]
    assert all("input" not in error for error in reply.body["detail"])
