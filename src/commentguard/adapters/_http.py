"""What every adapter shares: request data and responses. No framework imports.

The client's address behind proxies is read by :mod:`commentguard.adapters._proxies`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from html import escape
from typing import Any

from commentguard._errors import FieldError, InvalidSubmission
from commentguard._jsonread import JsonError, read_json
from commentguard._models import Decision, Verdict

MAX_BODY_BYTES = 256 * 1024
"""Largest request body read by default: a comment's 64 KB plus form overhead, with room."""


class BadRequest(ValueError):  # noqa: N818 - named after the HTTP status, as frameworks do
    """The request cannot be read: wrong encoding, malformed JSON, or too large."""

    def __init__(self, message: str, status: int = 400) -> None:
        super().__init__(message)
        self.status = status


class InvalidComment(InvalidSubmission):
    """Field errors, with the fields named as the client sent them.

    Every adapter raises it (a subclass of :class:`~commentguard.InvalidSubmission`), so a
    JSON client that sent ``name`` reads ``name`` in the error, and one that sent WordPress's
    ``author`` reads ``author``.

    Attributes:
        detail: FastAPI's validation-error entries (``type``, ``loc``, ``msg``, ``input``).
    """

    def __init__(self, error: InvalidSubmission, detail: list[dict[str, Any]]) -> None:
        super().__init__(error.errors)
        self.detail = detail


FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")
"""The form bodies every adapter reads, besides JSON."""


def body_kind(content_type: str | None) -> str:
    """``"json"``, ``"form"`` (urlencoded; also a body sent without a type) or ``"multipart"``.

    Raises:
        BadRequest: 415 for any other media type.
    """
    media_type = (content_type or "").split(";")[0].strip().lower()
    if media_type == "application/json" or media_type.endswith("+json"):
        return "json"
    if media_type in ("", FORM_TYPES[0]):
        return "form"
    if media_type == FORM_TYPES[1]:
        return "multipart"
    accepted = ", ".join(("application/json", *FORM_TYPES))
    raise BadRequest(f"The request body must be one of: {accepted}.", status=415)


@dataclass(frozen=True)
class FieldNames:
    """Form field names for each submission field.

    The defaults are WordPress's comment form (``author``, ``email``, ``url``, ``comment``,
    ``comment_post_ID``, ``comment_parent``); JSON bodies may also use the submission's own
    names (``name``, ``body``, ``thread_id``, ``parent_id``).
    """

    name: str = "author"
    email: str = "email"
    url: str = "url"
    body: str = "comment"
    thread_id: str = "comment_post_ID"
    parent_id: str = "comment_parent"
    honeypot: str = "cg_website"
    form_token: str = "cg_token"  # noqa: S105 - a field name, not a secret

    def read(self, data: Mapping[str, Any]) -> dict[str, Any]:
        """Pick the submission's fields out of request data."""
        picked: dict[str, Any] = {}
        for target, source in vars(self).items():
            value = data.get(source, data.get(target))
            if value is not None:
                picked[target] = value
        return picked

    def source(self, target: str) -> str:
        """The form field a submission field comes from (for putting errors beside it)."""
        return str(getattr(self, target, target))


def parse_json_body(raw: bytes) -> dict[str, Any]:
    """Decode a JSON object body.

    Raises:
        BadRequest: for non-UTF-8 bytes, malformed JSON (numbers and nesting beyond the bounds
            of :func:`~commentguard._jsonread.read_json` included), or anything but an object.
    """
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise BadRequest(f"The request body is not valid UTF-8 (byte {exc.start}).") from None
    try:
        data = read_json(text)
    except JsonError as exc:
        where = f"line {exc.lineno}, column {exc.colno}"
        raise BadRequest(f"The request body is not valid JSON: {exc.msg} ({where}).") from None
    if not isinstance(data, dict):
        raise BadRequest("The request body must be a JSON object.")
    return data


def check_size(content_length: str | None, limit: int) -> None:
    """Refuse a body announced as larger than ``limit`` before reading it (413)."""
    if content_length is None:
        return
    try:
        size = int(content_length)
    except ValueError:
        raise BadRequest("The Content-Length header is not a number.") from None
    if size > limit:
        raise BadRequest(f"The request body is larger than {limit} bytes.", status=413)


def decision_status(decision: Decision) -> int:
    """The HTTP status for a decision.

    201 published; 202 accepted for moderation, which is also what spam and discarded
    comments get, so a spammer learns nothing; 409 for a duplicate, 429 for a flood, 403 for
    any other refusal. A repeat that is also too fast (a double click) is a duplicate: the
    comment was posted, and the author is told so rather than to slow down.
    """
    if decision.verdict is Verdict.APPROVE:
        return 201
    if decision.verdict is not Verdict.REJECT:
        return 202
    codes = set(decision.codes)
    if "duplicate.repeat" in codes:
        return 409
    if "flood.too_fast" in codes:
        return 429
    return 403


def decision_body(decision: Decision, *, locale: str | None = None) -> dict[str, Any]:
    """The JSON body for a decision: status word and the message for the author only.

    Args:
        decision: What the guard decided.
        locale: The language of the message (``"de"``); English by default.
    """
    status = {
        Verdict.APPROVE: "published",
        Verdict.REJECT: "refused",
    }.get(decision.verdict, "pending")
    return {"status": status, "message": decision.author_message_in(locale)}


def decision_response(
    decision: Decision, *, locale: str | None = None
) -> tuple[int, dict[str, Any]]:
    """Status and JSON body for a decision, its message in ``locale`` (English by default)."""
    return decision_status(decision), decision_body(decision, locale=locale)


def error_response(
    error: InvalidSubmission | BadRequest, names: FieldNames, *, locale: str | None = None
) -> tuple[int, dict[str, Any]]:
    """Status and JSON body for field errors (422) or an unreadable request (400, 413).

    Field errors are in ``locale`` (English by default); the ``detail`` of an unreadable
    request is for the developer of the client, and stays English.
    """
    if isinstance(error, InvalidComment):
        return 422, {"detail": error.detail}
    if isinstance(error, InvalidSubmission):
        return 422, field_errors_body(error.errors, names, locale=locale)
    return error.status, {"detail": str(error)}


def hidden_fields_html(names: FieldNames, token: str | None) -> str:
    """The honeypot input (hidden from people) and the signed form token, as HTML."""
    html = (
        '<p style="display:none" aria-hidden="true"><label>Leave this empty'
        f'<input type="text" name="{escape(names.honeypot)}" value="" tabindex="-1" '
        'autocomplete="off"></label></p>'
    )
    if token is not None:
        html += f'<input type="hidden" name="{escape(names.form_token)}" value="{escape(token)}">'
    return html


def field_errors_body(
    errors: Sequence[FieldError], names: FieldNames, *, locale: str | None = None
) -> dict[str, Any]:
    """Field errors in FastAPI's validation-error shape (``{"detail": [{loc, msg, type}]}``).

    Each ``msg`` is in ``locale`` (English by default); ``type`` is the stable code.
    """
    return {
        "detail": [
            {
                "loc": ["body", names.source(error.field)],
                "msg": error.message_in(locale),
                "type": error.code,
            }
            for error in errors
        ]
    }
