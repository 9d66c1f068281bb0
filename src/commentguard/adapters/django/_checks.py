"""Django system checks (``manage.py check``) for a project using commentguard."""

from __future__ import annotations

from typing import Any

from django.apps import apps
from django.conf import settings
from django.core.checks import CheckMessage, Error, Warning

COMMENTS_APP = "commentguard.adapters.django"


def comments_app_check(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
    """Warn when django-contrib-comments renders its own form (no honeypot, no form token)."""
    if not apps.is_installed("django_comments"):
        return []
    if getattr(settings, "COMMENTS_APP", "django_comments") == COMMENTS_APP:
        return []
    return [
        Warning(
            "django-contrib-comments' form renders no commentguard honeypot or form token.",
            hint=f'Set COMMENTS_APP = "{COMMENTS_APP}", or give your comments app a form '
            "with the cg_website and cg_token fields (see CommentGuardCommentForm).",
            id="commentguard.W001",
        )
    ]


def spam_setting_check(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
    """``COMMENTGUARD_SPAM`` must be ``"save"`` or ``"drop"``."""
    value = getattr(settings, "COMMENTGUARD_SPAM", "save")
    if value in ("save", "drop"):
        return []
    return [
        Error(
            f"COMMENTGUARD_SPAM is {value!r}.",
            hint='Set it to "save" (spam is kept, removed, for review) or "drop".',
            id="commentguard.E001",
        )
    ]
