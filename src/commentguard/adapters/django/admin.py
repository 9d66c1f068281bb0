"""The Django admin: each comment's verdict and findings, and actions that teach the guard.

``ModerationRecord`` has its own (read-only) admin. With django-contrib-comments, its
comment admin is replaced by a subclass that adds a verdict column, the record as an inline,
and a "Mark as spam" action; its own "Approve" action reaches ``Guard.report`` through
``comment_was_flagged`` (see :mod:`~commentguard.adapters.django._receivers`).
"""

from __future__ import annotations

from typing import Any

from django.apps import apps
from django.contrib import admin
from django.contrib.contenttypes.admin import GenericTabularInline
from django.db.models import CharField, OuterRef, QuerySet, Subquery
from django.db.models.functions import Cast
from django.http import HttpRequest

from commentguard.adapters.django._roles import MODERATE_PERMISSION
from commentguard.adapters.django.models import ModerationRecord

_RECORD_FIELDS = ("verdict", "codes", "findings_list", "moderated_at", "reported_verdict")


@admin.register(ModerationRecord)
class ModerationRecordAdmin(admin.ModelAdmin):  # type: ignore[misc] # Django has no type hints
    """Every record, read-only: what commentguard decided about which comment."""

    list_display = ("__str__", "content_type", "object_pk", "moderated_at", "reported_verdict")
    list_filter = ("verdict", "reported_verdict")
    readonly_fields = ("content_type", "object_pk", *_RECORD_FIELDS, "reported_at")
    fields = readonly_fields

    @admin.display(description="findings")  # type: ignore[untyped-decorator] # no hints
    def findings_list(self, record: ModerationRecord) -> str:
        """The findings, one a line, for moderators."""
        return "\n".join(record.finding_lines) or "none"

    def has_add_permission(self, request: HttpRequest) -> bool:
        """Records are written by moderation only."""
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        """Records are written by moderation only."""
        return False


class ModerationRecordInline(GenericTabularInline):  # type: ignore[misc] # no type hints
    """The record on its comment's page."""

    model = ModerationRecord
    ct_fk_field = "object_pk"
    fields = _RECORD_FIELDS
    readonly_fields = _RECORD_FIELDS
    extra = 0
    max_num = 0
    can_delete = False
    findings_list = ModerationRecordAdmin.findings_list


def _register_comments_admin() -> None:
    """Replace django-contrib-comments' comment admin with one that shows the records."""
    import django_comments
    from django.contrib.contenttypes.models import ContentType
    from django_comments.admin import CommentsAdmin

    from commentguard.adapters.django._admin_actions import mark_as_spam

    model = django_comments.get_model()
    if not admin.site.is_registered(model):
        return

    class CommentguardCommentsAdmin(CommentsAdmin):  # type: ignore[misc] # no type hints
        """django-contrib-comments' admin, with commentguard's verdicts."""

        list_display = (*CommentsAdmin.list_display, "commentguard_verdict")
        inlines = (*CommentsAdmin.inlines, ModerationRecordInline)
        actions = (*CommentsAdmin.actions, mark_as_spam)

        def get_actions(self, request: HttpRequest) -> dict[str, Any]:
            actions: dict[str, Any] = super().get_actions(request)
            if not request.user.has_perm(MODERATE_PERMISSION):
                actions.pop("mark_as_spam", None)
            return actions

        def get_queryset(self, request: HttpRequest) -> QuerySet[Any]:
            records = ModerationRecord.objects.filter(
                content_type=ContentType.objects.get_for_model(model),
                object_pk=Cast(OuterRef("pk"), output_field=CharField()),
            )
            verdict = Subquery(records.values("verdict")[:1])
            return super().get_queryset(request).annotate(_commentguard_verdict=verdict)

        @admin.display(  # type: ignore[untyped-decorator] # Django has no type hints
            description="verdict", ordering="_commentguard_verdict"
        )
        def commentguard_verdict(self, comment: Any) -> str:
            """The verdict commentguard gave, or a dash for a comment it never saw."""
            return getattr(comment, "_commentguard_verdict", None) or "-"

    admin.site.unregister(model)
    admin.site.register(model, CommentguardCommentsAdmin)


if apps.is_installed("django_comments"):
    _register_comments_admin()
