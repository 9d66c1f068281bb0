"""Set up the test Django project once per session (settings, apps, an in-memory database)."""

from __future__ import annotations

import os
import sys
from functools import cache
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

PROJECT = Path(__file__).parent / "django_project"


@cache
def django_ready() -> None:
    os.environ["DJANGO_SETTINGS_MODULE"] = "django_project.settings"
    sys.path.insert(0, str(PROJECT))  # the docs' project has its apps at the top level
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0, interactive=False)


def fresh_django_guard() -> None:
    """Set Django up if needed and start from a new guard (and an empty memory store)."""
    django_ready()
    from commentguard.adapters.django.config import reset

    reset()


def commentguard_settings(**checks: dict[str, Any]) -> Any:
    """``override_settings`` of ``COMMENTGUARD`` with these check sections over the project's."""
    django_ready()
    from django.conf import settings
    from django.test import override_settings

    base = settings.COMMENTGUARD
    return override_settings(COMMENTGUARD={**base, "checks": {**base["checks"], **checks}})


def clear_database() -> None:
    """Delete what the tests wrote, so that each starts from the same empty tables."""
    from blog.models import Article, Remark
    from django.contrib.auth.models import User
    from django_comments.models import Comment, CommentFlag

    from commentguard.adapters.django.models import ModerationRecord

    for model in (CommentFlag, Comment, ModerationRecord, Remark, Article, User):
        model.objects.all().delete()


class FormFields(HTMLParser):
    """The named inputs and textareas of the first form in a page, as a browser posts them."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.action: str | None = None
        self.fields: dict[str, str] = {}
        self._textarea: str | None = None
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        if tag == "form" and self.action is None:
            self.action = values.get("action", "")
        elif tag == "input" and "name" in values and values.get("type") != "submit":
            self.fields[values["name"]] = values.get("value", "")
        elif tag == "textarea":
            self._textarea = values.get("name")
            self.fields[values["name"]] = ""

    def handle_endtag(self, tag: str) -> None:
        if tag == "textarea":
            self._textarea = None

    def handle_data(self, data: str) -> None:
        if self._textarea is not None:
            self.fields[self._textarea] += data
