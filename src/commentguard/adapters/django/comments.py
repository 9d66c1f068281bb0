"""django-contrib-comments: moderate a comment object and apply the verdict to it."""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.utils.module_loading import import_string

from commentguard._errors import InvalidSubmission
from commentguard._models import Moderation, Verdict
from commentguard.adapters.django.config import get_guard
from commentguard.adapters.django.records import report_comment
from commentguard.adapters.django.service import request_context, server_context

logger = logging.getLogger("commentguard")

SPAM_SETTING = "COMMENTGUARD_SPAM"
"""``"save"`` (the default: spam and discarded comments are saved removed, for review) or
``"drop"`` (they are not saved)."""

CONTEXT_SETTING = "COMMENTGUARD_COMMENT_CONTEXT"
"""Dotted path of a callable ``(comment, request) -> mapping`` of server-side context."""

REQUEST_ATTRIBUTE = "commentguard_moderation"
"""The attribute of the request that holds the comment's :class:`~commentguard.Moderation`."""


def thread_id(content_type_id: object, object_pk: object) -> str:
    """The thread id of the object a comment is on: ``"<content type id>:<object pk>"``."""
    return f"{content_type_id}:{object_pk}"


def comment_fields(comment: Any) -> dict[str, Any]:
    """The submission fields a django-contrib-comments ``Comment`` itself holds."""
    return {
        "name": comment.name,
        "email": comment.email,
        "url": comment.url or None,
        "body": comment.comment,
        "id": str(comment.pk) if comment.pk is not None else None,
        "thread_id": thread_id(comment.content_type_id, comment.object_pk),
        "submitted_at": comment.submit_date,
        "ip": comment.ip_address,
    }


def comment_context(comment: Any, request: HttpRequest) -> dict[str, Any]:
    """The project's server-side context for ``comment``: ``COMMENTGUARD_COMMENT_CONTEXT``."""
    path = getattr(settings, CONTEXT_SETTING, None)
    if not path:
        return {}
    return dict(import_string(path)(comment, request))


def moderate_comment(
    comment: Any, request: HttpRequest, *, context: Mapping[str, Any] | None = None
) -> Moderation:
    """Moderate a comment django-contrib-comments is about to save (it is not changed).

    The honeypots (``cg_website``, and django-contrib-comments' own ``honeypot``) and the
    form token (``cg_token``) come from the POST; the client address, the author role and
    ``COMMENTGUARD_COMMENT_CONTEXT`` from the request; ``context`` overrides them all. The
    moderation is also left on ``request.commentguard_moderation``.

    Raises:
        InvalidSubmission: a field commentguard refuses (a website a page must not print).
    """
    posted = request.POST
    data = {
        **server_context(comment_fields(comment)),
        "honeypot": posted.get("cg_website") or posted.get("honeypot") or None,
        "form_token": posted.get("cg_token") or None,
        **request_context(request),  # the client's address behind trusted proxies
        **server_context({**comment_context(comment, request), **(context or {})}),
    }
    moderation = get_guard().moderate(data)
    setattr(request, REQUEST_ATTRIBUTE, moderation)
    return moderation


def drops(verdict: Verdict) -> bool:
    """Whether a comment with ``verdict`` is not saved at all (``COMMENTGUARD_SPAM = "drop"``)."""
    spam = verdict in (Verdict.SPAM, Verdict.DISCARD)
    return spam and getattr(settings, SPAM_SETTING, "save") == "drop"


def apply_verdict(comment: Any, verdict: Verdict) -> None:
    """Mark ``comment`` as the verdict says: held not public; spam also removed."""
    if verdict is Verdict.APPROVE:
        return
    comment.is_public = False
    if verdict in (Verdict.SPAM, Verdict.DISCARD):
        comment.is_removed = True


def report_moderator_verdict(comment: Any, verdict: Verdict) -> bool:
    """Report a moderator's verdict on ``comment`` to the guard (``Guard.report``).

    Returns False, with a warning logged (the comment's id and the error codes only), when
    the comment no longer validates under today's limits: the moderator's action stands.
    """
    try:
        report_comment(comment, verdict, comment.email, comment_fields(comment))
    except InvalidSubmission as exc:
        codes = ", ".join(error.code for error in exc.errors)
        logger.warning("comment %s was not reported as %s: %s", comment.pk, verdict.value, codes)
        return False
    return True
