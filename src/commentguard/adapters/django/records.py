"""Keeping a moderation record beside a comment, and reporting a moderator's verdict on it."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone

from commentguard._models import CommentSubmission, Decision, Moderation, Verdict
from commentguard.adapters.django.config import get_guard
from commentguard.adapters.django.models import ModerationRecord

_NOT_STORED = frozenset({"email", "form_token"})


def record_moderation(comment: models.Model, moderation: Moderation) -> ModerationRecord:
    """Save (or replace) the record of ``moderation`` for the saved ``comment``."""
    submission = moderation.submission.model_dump(mode="json", exclude=set(_NOT_STORED))
    if submission.get("id") is None:
        submission["id"] = str(comment.pk)
    return update_record(comment, moderation, submission=submission)


def update_record(comment: models.Model, decision: Decision, **fields: Any) -> ModerationRecord:
    """Write ``decision``'s verdict and findings (and ``fields``) to ``comment``'s record."""
    record: ModerationRecord
    record, _ = ModerationRecord.objects.update_or_create(
        content_type=ContentType.objects.get_for_model(comment),
        object_pk=str(comment.pk),
        defaults={
            "verdict": decision.verdict.value,
            "codes": ", ".join(decision.codes)[:500],
            "findings": [finding.model_dump(mode="json") for finding in decision.findings],
            "moderated_at": timezone.now(),
            **fields,
        },
    )
    return record


def record_of(comment: models.Model) -> ModerationRecord | None:
    """The moderation record of ``comment``, if it has one."""
    record: ModerationRecord | None = _records_of(comment).first()
    return record


def delete_record(comment: models.Model) -> None:
    """Delete the moderation record of ``comment`` (when the comment itself is deleted)."""
    _records_of(comment).delete()


def stored_submission(
    comment: models.Model, email: str, fallback: Mapping[str, Any] | None = None
) -> CommentSubmission:
    """The submission ``comment`` was moderated as, with its ``email`` put back.

    ``fallback`` is used for a comment that has no record (posted before commentguard was
    installed): the fields read from the comment itself.

    Raises:
        LookupError: the comment has neither a record nor a fallback.
        InvalidSubmission: what is stored no longer validates.
    """
    record = record_of(comment)
    if record is not None and record.submission:
        data: Mapping[str, Any] = record.submission
    elif fallback is not None:
        data = fallback
    else:
        raise LookupError(f"comment {comment.pk} has no moderation record")
    return get_guard().parse({**data, "email": email})


def report_comment(
    comment: models.Model,
    verdict: Verdict | str,
    email: str,
    fallback: Mapping[str, Any] | None = None,
) -> None:
    """Tell the guard what a moderator decided about ``comment`` (``Guard.report``).

    Trusted authors learn from approvals, plugins hear it through ``comment_reported`` (and
    so the :data:`~commentguard.adapters.django.signals.comment_reported` signal), and the
    record keeps the verdict and when it was given.
    """
    verdict = Verdict(verdict)
    get_guard().report(stored_submission(comment, email, fallback), verdict)
    _records_of(comment).update(reported_verdict=verdict.value, reported_at=timezone.now())


def _records_of(comment: models.Model) -> models.QuerySet[ModerationRecord]:
    return ModerationRecord.objects.filter(
        content_type=ContentType.objects.get_for_model(comment), object_pk=str(comment.pk)
    )
