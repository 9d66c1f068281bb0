"""Admin actions on django-contrib-comments' comments that report to the guard."""

from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import ngettext

from commentguard._models import Verdict
from commentguard.adapters.django.comments import report_moderator_verdict


@admin.action(description="Mark selected comments as spam")  # type: ignore[untyped-decorator] # no hints
def mark_as_spam(modeladmin: Any, request: HttpRequest, queryset: QuerySet[Any]) -> None:
    """Hide and remove each comment, and report it to the guard as spam.

    The author is no longer trusted, and learning plugins (Akismet's submit-spam, the Bayes
    filter) hear of it through ``comment_reported``.
    """
    count = 0
    for comment in queryset:
        comment.is_public, comment.is_removed = False, True
        comment.save(update_fields=["is_public", "is_removed"])
        report_moderator_verdict(comment, Verdict.SPAM)
        count += 1
    modeladmin.message_user(
        request,
        ngettext(
            "%(count)d comment was marked as spam.",
            "%(count)d comments were marked as spam.",
            count,
        )
        % {"count": count},
        messages.SUCCESS,
    )
