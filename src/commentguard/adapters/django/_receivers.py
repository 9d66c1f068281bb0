"""Receivers of django-contrib-comments' signals, connected when that app is installed.

They make its own ``post_comment`` view moderate too (for a site whose form still posts
there): a held comment is saved hidden, spam is saved removed, and what must not be saved
(a refusal, a dropped spam) is stopped, which that view answers with a bare 400. The view of
:mod:`commentguard.adapters.django._comment_views` answers each case properly.
"""

from __future__ import annotations

import logging
from typing import Any

from django.http import HttpRequest

from commentguard._errors import InvalidSubmission
from commentguard._models import Moderation, Verdict
from commentguard.adapters.django.comments import (
    REQUEST_ATTRIBUTE,
    apply_verdict,
    drops,
    moderate_comment,
    report_moderator_verdict,
)
from commentguard.adapters.django.records import delete_record, record_moderation

logger = logging.getLogger("commentguard")
_RECORD_ON_SAVE = "_commentguard_record_on_save"


def comment_will_be_posted(sender: Any, comment: Any, request: HttpRequest, **kwargs: Any) -> bool:
    """Moderate the comment (unless commentguard's view already did) and mark it."""
    if getattr(request, REQUEST_ATTRIBUTE, None) is not None:
        return True
    try:
        moderation = moderate_comment(comment, request)
    except InvalidSubmission as exc:
        logger.info("comment stopped: %s", ", ".join(error.code for error in exc.errors))
        return False
    if moderation.verdict is Verdict.REJECT or drops(moderation.verdict):
        return False
    apply_verdict(comment, moderation.verdict)
    setattr(request, _RECORD_ON_SAVE, True)
    return True


def comment_was_posted(sender: Any, comment: Any, request: HttpRequest, **kwargs: Any) -> None:
    """Keep the moderation record of a comment moderated by :func:`comment_will_be_posted`."""
    moderation = getattr(request, REQUEST_ATTRIBUTE, None)
    if getattr(request, _RECORD_ON_SAVE, False) and isinstance(moderation, Moderation):
        record_moderation(comment, moderation)


def comment_deleted(sender: Any, instance: Any, **kwargs: Any) -> None:
    """``post_delete`` of the comment model: its record goes with it (it quotes the comment)."""
    delete_record(instance)


def comment_was_flagged(
    sender: Any, comment: Any, flag: Any, request: HttpRequest, **kwargs: Any
) -> None:
    """Report a moderator's approval (the admin action, the approve view) to the guard."""
    if flag.flag == flag.MODERATOR_APPROVAL:
        report_moderator_verdict(comment, Verdict.APPROVE)
