"""The app configuration: connects to django-contrib-comments' signals when it is installed."""

from __future__ import annotations

from django.apps import AppConfig, apps
from django.conf import settings


class CommentguardConfig(AppConfig):  # type: ignore[misc] # Django has no type hints
    """commentguard as a Django app."""

    name = "commentguard.adapters.django"
    label = "commentguard"
    verbose_name = "commentguard"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        """Follow ``setting_changed``, register the system check, connect to django-comments."""
        from django.core import checks

        from commentguard.adapters.django import config  # noqa: F401 - connects its receiver
        from commentguard.adapters.django._checks import comments_app_check, spam_setting_check

        checks.register(comments_app_check)
        checks.register(spam_setting_check)

        if not apps.is_installed("django_comments"):
            return
        import django_comments
        from django.db.models.signals import post_delete
        from django_comments import signals

        from commentguard.adapters.django import _receivers as receivers

        names = ["comment_was_flagged"]
        if getattr(settings, "COMMENTGUARD_MODERATE_COMMENTS", True):
            names += ["comment_will_be_posted", "comment_was_posted"]
        for name in names:
            getattr(signals, name).connect(
                getattr(receivers, name), dispatch_uid=f"commentguard.{name}"
            )
        post_delete.connect(
            receivers.comment_deleted,
            sender=django_comments.get_model(),
            dispatch_uid="commentguard.comment_deleted",
        )
