"""The app configuration: builds the guard once and connects to django-contrib-comments."""

from __future__ import annotations

from django.apps import AppConfig, apps
from django.conf import settings


class CommentguardConfig(AppConfig):  # type: ignore[misc] # Django has no type hints
    """commentguard as a Django app."""

    name = "commentguard.adapters.django"
    label = "commentguard"
    verbose_name = "commentguard"

    def ready(self) -> None:
        """Connect the django-contrib-comments receiver when that app is installed."""
        if apps.is_installed("django_comments") and getattr(
            settings, "COMMENTGUARD_MODERATE_COMMENTS", True
        ):
            from django_comments.signals import comment_will_be_posted

            from commentguard.adapters.django.comments import moderate_comment

            comment_will_be_posted.connect(
                moderate_comment, dispatch_uid="commentguard.moderate_comment"
            )
