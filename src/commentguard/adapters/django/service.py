"""Moderating a Django request: read the comment, add the server-side context, answer.

Every function takes ``context=``: submission fields the server knows and the request must
not decide (``thread_id``, ``thread_published_at``, ``author_role``, ``permalink``, ``id``,
``parent_id``); they override what the request says.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from asgiref.sync import sync_to_async
from django.conf import settings
from django.http import HttpRequest, JsonResponse
from django.utils import timezone
from django.utils.translation import get_language

from commentguard._errors import InvalidSubmission
from commentguard._models import Moderation
from commentguard.adapters._http import (
    MAX_BODY_BYTES,
    BadRequest,
    FieldNames,
    body_kind,
    check_size,
    decision_response,
    error_response,
    parse_json_body,
)
from commentguard.adapters._sent_fields import SentFields
from commentguard.adapters._sent_fields import server_context as checked_context
from commentguard.adapters.django._roles import request_role
from commentguard.adapters.django.config import (
    form_token_signer,
    get_guard,
    proxy_policy,
)

__all__ = [
    "ajson_response",
    "amoderate_request",
    "form_token_signer",
    "get_guard",
    "json_response",
    "moderate_request",
    "proxy_policy",
    "request_context",
    "server_context",
    "submission_data",
]

Context = Mapping[str, Any] | None


def server_context(context: Context) -> dict[str, Any]:
    """``context`` with naive datetimes (``USE_TZ = False``) read in the current time zone."""
    return {
        key: timezone.make_aware(value)
        if isinstance(value, datetime) and timezone.is_naive(value)
        else value
        for key, value in (context or {}).items()
    }


def request_context(request: HttpRequest) -> dict[str, Any]:
    """The client address (behind trusted proxies), user agent, referrer and author role."""
    context = proxy_policy().request_context(request.META.get("REMOTE_ADDR"), request.headers)
    return {**context, "author_role": request_role(request)}


def submission_data(
    request: HttpRequest, fields: FieldNames | None = None, *, context: Context = None
) -> dict[str, Any]:
    """The comment fields of a form or JSON POST, with the request's and the server's context.

    Raises:
        BadRequest: 413 for a body over ``COMMENTGUARD_MAX_BODY_BYTES``, 400 if unreadable.
    """
    return _read(request, fields or FieldNames(), context)[1]


def sent_fields(request: HttpRequest, fields: FieldNames) -> SentFields:
    """The comment fields of the request's body, and the name each was sent under.

    Raises:
        BadRequest: 413 for a body over ``COMMENTGUARD_MAX_BODY_BYTES``, 415 for one that is
            neither JSON nor form data, 400 if unreadable.
    """
    limit = int(getattr(settings, "COMMENTGUARD_MAX_BODY_BYTES", MAX_BODY_BYTES))
    check_size(request.headers.get("Content-Length"), limit)
    if body_kind(request.content_type) == "json":
        data = parse_json_body(request.body)
    else:
        data = request.POST.dict()  # file parts are in request.FILES: not read
    return SentFields.read(data, fields)


def moderate_request(
    request: HttpRequest, fields: FieldNames | None = None, *, context: Context = None
) -> Moderation:
    """Moderate the comment POSTed in ``request``; the result carries what to save.

    Raises:
        InvalidComment: field errors (an ``InvalidSubmission``), named as the client sent them.
        BadRequest: the request itself is unreadable.
    """
    fields = fields or FieldNames()
    sent, data = _read(request, fields, context)
    try:
        return get_guard().moderate(data)
    except InvalidSubmission as exc:
        raise sent.invalid(exc, fields, get_language()) from None


def json_response(
    request: HttpRequest, fields: FieldNames | None = None, *, context: Context = None
) -> JsonResponse:
    """Moderate and answer in JSON: 201/202/403/409/429, 422 field errors, 400/413.

    Messages are in the request's language (``get_language()``, as ``LocaleMiddleware`` sets).
    """
    fields = fields or FieldNames()
    locale = get_language()
    try:
        moderation = moderate_request(request, fields, context=context)
        status, body = decision_response(moderation, locale=locale)
    except (InvalidSubmission, BadRequest) as exc:
        status, body = error_response(exc, fields, locale=locale)
    return JsonResponse(body, status=status)


async def amoderate_request(
    request: HttpRequest, fields: FieldNames | None = None, *, context: Context = None
) -> Moderation:
    """:func:`moderate_request` for an async view.

    The request is read where Django runs sync code (``request.user`` may need the
    database); the checks then run in a worker thread of their own.

    Raises:
        InvalidComment: field errors (an ``InvalidSubmission``), named as the client sent them.
        BadRequest: the request itself is unreadable.
    """
    fields = fields or FieldNames()
    sent, data = await sync_to_async(_read)(request, fields, context)
    try:
        return await sync_to_async(get_guard().moderate, thread_sensitive=False)(data)
    except InvalidSubmission as exc:
        raise sent.invalid(exc, fields, get_language()) from None


def _read(
    request: HttpRequest, fields: FieldNames, context: Context
) -> tuple[SentFields, dict[str, Any]]:
    sent = sent_fields(request, fields)
    server = server_context(checked_context(context))  # TypeError for a key a client sends
    return sent, {**sent.values, **request_context(request), **server}


async def ajson_response(
    request: HttpRequest, fields: FieldNames | None = None, *, context: Context = None
) -> JsonResponse:
    """:func:`json_response` for an async view."""
    fields = fields or FieldNames()
    locale = get_language()
    try:
        moderation = await amoderate_request(request, fields, context=context)
        status, body = decision_response(moderation, locale=locale)
    except (InvalidSubmission, BadRequest) as exc:
        status, body = error_response(exc, fields, locale=locale)
    return JsonResponse(body, status=status)
