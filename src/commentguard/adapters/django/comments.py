"""The django-contrib-comments receiver: moderate each comment before it is saved."""

from __future__ import annotations

import logging
from typing import Any

from django.http import HttpRequest

from commentguard.adapters.django.service import get_guard, request_context
from commentguard.errors import InvalidSubmission
from commentguard.models import Verdict

logger = logging.getLogger("commentguard")


def moderate_comment(sender: Any, comment: Any, request: HttpRequest, **kwargs: Any) -> bool:
    """``comment_will_be_posted`` receiver.

    approve: saved as posted. hold: saved with ``is_public=False`` for a moderator. spam,
    discard and reject: stopped (django-contrib-comments answers 400 and saves nothing).
    The decision is left on ``request.commentguard_decision`` for the view or a template.
    """
    data = {
        "name": comment.user_name or comment.name,
        "email": comment.user_email or comment.email,
        "url": comment.user_url or None,
        "body": comment.comment,
        "thread_id": f"{comment.content_type_id}:{comment.object_pk}",
        "honeypot": request.POST.get("honeypot") or None,
        **request_context(request),
    }
    try:
        decision = get_guard().moderate(data)
    except InvalidSubmission as exc:
        logger.info("comment stopped: %s", ", ".join(error.code for error in exc.errors))
        return False
    request.commentguard_decision = decision
    if decision.verdict is Verdict.HOLD:
        comment.is_public = False
        return True
    return decision.verdict is Verdict.APPROVE
