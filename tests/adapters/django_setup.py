"""Set up the test Django project once per session (settings, apps, an in-memory database)."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

PROJECT = Path(__file__).parent / "django_project"
EMAIL = "ada.private@example.com"
# Two links: held (by links; mostly words, so not by link_ratio).
HELD = "Read https://a.example and https://b.example, both explain the new budget"


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


@dataclass
class Blog:
    """The test site: an article, and a way to post a comment on it through its page."""

    article: Any
    client: Any
    emails: list[str] = field(default_factory=list)

    def form(self) -> FormFields:
        page = self.client.get(f"/articles/{self.article.pk}/")
        assert page.status_code == 200
        return FormFields(page.content.decode())

    def post(self, body: str, *, peer: str = "192.0.2.1", **fields: str) -> Any:
        """Post ``body`` from ``peer``, by Ada with an address of her own (no email flood)."""
        form = self.form()
        email = fields.pop("email", f"ada.private{len(self.emails)}@example.com")
        self.emails.append(email)
        data = {**form.fields, "name": "Ada", "email": email, "comment": body, **fields}
        return self.client.post(form.action, data, REMOTE_ADDR=peer)


def blog_site(**checks: dict[str, Any]) -> Iterator[Blog]:
    """An article to comment on, with a fresh guard (``checks`` over the project's) and DB.

    Form tokens are required by default, and taken at once (a test posts at once).
    """
    fresh_django_guard()
    from blog.models import Article
    from django.test import Client

    checks = {"form_token": {"min_seconds": 0, "required": True}, **checks}
    try:
        with commentguard_settings(**checks):
            yield Blog(Article.objects.create(title="Hello"), Client())
    finally:
        clear_database()
        fresh_django_guard()
