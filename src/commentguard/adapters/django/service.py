"""The guard for this Django project, and reading submissions from Django requests."""

from __future__ import annotations

from functools import cache
from typing import Any

from django.conf import settings
from django.http import HttpRequest, JsonResponse
from django.utils.translation import get_language

from commentguard.adapters.http import (
    MAX_BODY_BYTES,
    BadRequest,
    FieldNames,
    check_size,
    decision_response,
    error_response,
    parse_json_body,
)
from commentguard.adapters.proxies import ForwardedHeader, ProxyPolicy
from commentguard.errors import InvalidSubmission
from commentguard.form_token import FormTokenSigner
from commentguard.guard import Guard
from commentguard.models import Decision
from commentguard.settings import Settings


@cache
def get_guard() -> Guard:
    """The project's guard, built on first use from ``settings.COMMENTGUARD``."""
    return Guard(Settings.load(**getattr(settings, "COMMENTGUARD", {})))


@cache
def proxy_policy() -> ProxyPolicy:
    """``settings.COMMENTGUARD_TRUSTED_PROXIES`` and the header they set, ``..._TRUSTED_HEADER``."""
    return ProxyPolicy.from_cidrs(
        getattr(settings, "COMMENTGUARD_TRUSTED_PROXIES", ()),
        getattr(settings, "COMMENTGUARD_TRUSTED_HEADER", ForwardedHeader.X_FORWARDED_FOR),
    )


def form_token_signer() -> FormTokenSigner | None:
    """A signer for form tokens when a secret key is configured."""
    secret = get_guard().settings.secret_key
    return FormTokenSigner(secret) if secret is not None else None


def request_context(request: HttpRequest) -> dict[str, Any]:
    """The client address (behind trusted proxies), user agent and referrer of ``request``."""
    return proxy_policy().request_context(request.META.get("REMOTE_ADDR"), request.headers)


def submission_data(request: HttpRequest, fields: FieldNames | None = None) -> dict[str, Any]:
    """The comment fields of a form or JSON POST, with the request context.

    Raises:
        BadRequest: 413 for a body over ``COMMENTGUARD_MAX_BODY_BYTES``, 400 if unreadable.
    """
    fields = fields or FieldNames()
    limit = int(getattr(settings, "COMMENTGUARD_MAX_BODY_BYTES", MAX_BODY_BYTES))
    check_size(request.headers.get("Content-Length"), limit)
    if request.content_type == "application/json":
        data = parse_json_body(request.body)
    else:
        data = request.POST.dict()
    return {**fields.read(data), **request_context(request)}


def moderate_request(request: HttpRequest, fields: FieldNames | None = None) -> Decision:
    """Moderate the comment POSTed in ``request``.

    Raises:
        InvalidSubmission: field errors.
        BadRequest: the request itself is unreadable.
    """
    return get_guard().moderate(submission_data(request, fields))


def json_response(request: HttpRequest, fields: FieldNames | None = None) -> JsonResponse:
    """Moderate and answer in JSON: 201/202/403/409/429, 422 field errors, 400/413.

    Messages are in the request's language (``get_language()``, as ``LocaleMiddleware`` sets).
    """
    fields = fields or FieldNames()
    locale = get_language()
    try:
        status, body = decision_response(moderate_request(request, fields), locale=locale)
    except (InvalidSubmission, BadRequest) as exc:
        status, body = error_response(exc, fields, locale=locale)
    return JsonResponse(body, status=status)
