"""Pydantic models of the comment API's request and response bodies, for OpenAPI.

They describe what the Starlette/FastAPI adapter reads and answers; validation itself is the
guard's (:class:`~commentguard.CommentSubmission`, with the limits of your settings), so a body
that fits :class:`CommentIn` may still get field errors. No framework is imported here.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import AliasChoices, BaseModel, ConfigDict, Field


def _also(name: str, alias: str) -> AliasChoices:
    return AliasChoices(name, alias)


class CommentIn(BaseModel):
    """A comment as a client posts it: as JSON, urlencoded or multipart form data.

    Each field has the submission's own name (``name``, ``body``, ``thread_id``, ...), and also
    validates under the name WordPress's comment form uses (``author``, ``comment``,
    ``comment_post_ID``, ``comment_parent``), so an HTML form and a JS client both fit. Field
    errors name the field as the client sent it.
    """

    model_config = ConfigDict(
        extra="ignore",
        hide_input_in_errors=True,
        json_schema_extra={
            "examples": [
                {
                    "name": "Ada",
                    "email": "ada@example.com",
                    "body": "A thoughtful comment.",
                    "thread_id": "42",
                }
            ]
        },
    )

    name: str = Field(
        validation_alias=_also("name", "author"),
        description="The author's display name; also read as `author`.",
    )
    email: str = Field(description="The author's email address; never published.")
    body: str = Field(
        validation_alias=_also("body", "comment"),
        description="The comment text; also read as `comment`.",
    )
    url: str | None = Field(None, description="The author's website (http or https).")
    thread_id: str | int | None = Field(
        None,
        validation_alias=_also("thread_id", "comment_post_ID"),
        description="The article or thread; also read as `comment_post_ID`. A server-side "
        "`context` overrides it.",
    )
    parent_id: str | int | None = Field(
        None,
        validation_alias=_also("parent_id", "comment_parent"),
        description="The comment this one replies to; also read as `comment_parent`.",
    )
    honeypot: str | None = Field(
        None,
        validation_alias=_also("cg_website", "honeypot"),
        description="The hidden honeypot field (`cg_website`): people leave it empty.",
    )
    form_token: str | None = Field(
        None,
        validation_alias=_also("cg_token", "form_token"),
        description="The signed form token (`cg_token`) rendered with the form.",
    )


class DecisionOut(BaseModel):
    """The answer to a moderated comment: what the author may be told, nothing more."""

    status: Literal["published", "pending", "refused"] = Field(
        description="`published` (201), `pending` (202: held, and also spam and discarded "
        "comments, so a spammer learns nothing) or `refused` (403, 409, 429)."
    )
    message: str | None = Field(None, description="The message for the author.")


class FieldErrorOut(BaseModel):
    """One field error, in FastAPI's validation-error shape."""

    type: str = Field(description="A stable machine code, such as `email_invalid`.")
    loc: list[str | int] = Field(
        description='`["body", field]`, the field named as the client sent it.'
    )
    msg: str = Field(description="A sentence to show beside the form field.")
    input: Any = Field(
        None, description="The value sent for the field; never given for the email address."
    )


class FieldErrorsOut(BaseModel):
    """422: the comment's fields failed validation, one entry per field."""

    detail: list[FieldErrorOut]


class ProblemOut(BaseModel):
    """400, 413 or 415: the request itself could not be read."""

    detail: str = Field(description="What is wrong with the request, and where.")


def comment_responses() -> dict[int | str, dict[str, Any]]:
    """FastAPI ``responses=`` for a comment endpoint: each status the adapter answers with."""
    decision = {"model": DecisionOut}
    problem = {"model": ProblemOut}
    return {
        201: {**decision, "description": "Published."},
        202: {
            **decision,
            "description": "Accepted and awaiting moderation; spam and discarded comments get "
            "the same answer.",
        },
        400: {**problem, "description": "The body is malformed (not UTF-8, bad JSON, ...)."},
        403: {**decision, "description": "Refused: closed thread, forged or expired form token."},
        409: {**decision, "description": "Refused: the author already posted this comment."},
        413: {**problem, "description": "The body is larger than `max_body_bytes`."},
        415: {**problem, "description": "The body is not JSON or form data."},
        422: {"model": FieldErrorsOut, "description": "Field errors, one per field."},
        429: {**decision, "description": "Refused: comments posted too quickly (flood)."},
    }


def comment_request_body() -> dict[str, Any]:
    """FastAPI ``openapi_extra=`` declaring :class:`CommentIn` as JSON and form request body."""
    schema = CommentIn.model_json_schema()
    media = ("application/json", "application/x-www-form-urlencoded", "multipart/form-data")
    return {
        "requestBody": {
            "required": True,
            "content": {media_type: {"schema": schema} for media_type in media},
        }
    }
