"""What the newsroom's browser tests share: the server's response log, the site, chromium."""

from __future__ import annotations

import os
import threading
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass, field
from html import escape
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from newsroom.config import GUARD_SETTINGS
from playwright.sync_api import Page

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]  # fmt: skip
REPOSITORY = Path(__file__).resolve().parents[3]
ARTIFACTS = REPOSITORY / "build" / "newsroom"
PASSWORD = "test-moderator-password"
SECRET_KEY = "newsroom-test-secret-2d6a0e4c8f1b5739"
ARTICLE = "/articles/harbour-library-opens-late"
THREE_LINKS = (
    "Timetables are at https://buses.example/night, https://ferry.example/late and "
    "https://trains.example/evening if you need to get home after ten."
)


def repository_plugins() -> tuple[str, ...]:
    """The entry-point names of the plugins under ``plugins/``, installed by ``make``."""
    names: list[str] = []
    for project in sorted((REPOSITORY / "plugins").glob("*/pyproject.toml")):
        metadata = tomllib.loads(project.read_text(encoding="utf-8"))["project"]
        names.extend(metadata.get("entry-points", {}).get("commentguard", {}))
    return tuple(names)


# The example's own settings with a fixed set of checks (the built-in ones: whichever of the
# repository's plugins are installed stays off), a form that may be sent at once (a browser under
# test types in milliseconds) and flood limits no test reaches unless it asks for the real ones.
TEST_SETTINGS: dict[str, Any] = {
    **GUARD_SETTINGS,
    "disable_plugins": repository_plugins(),
    "checks": {
        **GUARD_SETTINGS["checks"],
        "form_token": {**GUARD_SETTINGS["checks"]["form_token"], "min_seconds": 0},
        "flood": {"rates": ["100 per minute"]},
    },
}


def chromium_path() -> str:
    """Debian's chromium; skip without it, unless in CI, where that is a failure."""
    if not Path(CHROMIUM).is_file():
        if os.environ.get("CI"):
            pytest.fail(f"{CHROMIUM} is missing; .ci/run installs the Debian chromium package")
        pytest.skip("chromium is not installed (apt-get install chromium)")
    return CHROMIUM


@dataclass
class Served:
    """One response the server sent."""

    method: str
    path: str
    status: int
    headers: list[tuple[str, str]]
    body: str


class ResponseLog:
    """WSGI middleware keeping every response, so tests can search all that readers got."""

    def __init__(self, app: Any) -> None:
        self.app = app
        self.responses: list[Served] = []
        self._lock = threading.Lock()

    def __call__(self, environ: dict[str, Any], start_response: Any) -> Iterable[bytes]:
        captured: dict[str, Any] = {}

        def recording_start_response(
            status: str, headers: list[tuple[str, str]], *args: Any
        ) -> Any:
            captured["status"], captured["headers"] = int(status.split()[0]), headers
            return start_response(status, headers, *args)

        iterable = self.app(environ, recording_start_response)
        try:
            chunks = list(iterable)
        finally:
            if hasattr(iterable, "close"):
                iterable.close()  # as a WSGI server must: it closes the static file
        with self._lock:
            self.responses.append(
                Served(
                    environ["REQUEST_METHOD"],
                    environ.get("PATH_INFO", ""),
                    captured["status"],
                    captured["headers"],
                    b"".join(chunks).decode("utf-8", "replace"),
                )
            )
        return chunks


@dataclass
class Site:
    """The running server."""

    url: str
    app: Flask
    log: ResponseLog
    emails: set[str] = field(default_factory=set)
    """Every email address a test typed into the form."""

    def article_url(self) -> str:
        return self.url + ARTICLE

    def open_article(self, page: Page) -> None:
        page.goto(self.article_url())

    def fill_comment(
        self,
        page: Page,
        *,
        name: str = "",
        email: str = "",
        url: str = "",
        body: str = "",
    ) -> None:
        """Type into the Leave a Reply form, as a reader would."""
        if email:
            self.emails.add(email)
        page.fill("#comment", body)
        page.fill("#author", name)
        page.fill("#email", email)
        page.fill("#url", url)

    def post_comment(self, page: Page, **fields: str) -> None:
        """Fill the form and send it, waiting for the page that answers."""
        self.fill_comment(page, **fields)
        with page.expect_navigation():
            page.click("#submit")

    def assert_no_email_served(self) -> None:
        """No response ever carried a submitted email, except the author's own error form.

        A form sent back after a failed post (field errors, or a refusal such as a flood) keeps
        what the reader typed, their email included, in the email input of the response to
        their own request, and nowhere else.
        """
        assert self.log.responses, "no page was served"
        for served in self.log.responses:
            for email in self.emails:
                headers = " ".join(f"{name}: {value}" for name, value in served.headers)
                assert email not in headers, f"{served.method} {served.path} headers"
                found = served.body.count(email)
                if found == 0:
                    continue
                echo = f'id="email" name="email" type="email" value="{escape(email)}"'
                assert served.method == "POST", served.path
                assert served.status >= 400, served.path
                assert found == 1, f"{served.path} shows the email"
                assert echo in served.body, f"{served.path} shows the email"


def artifact(name: str) -> Path:
    """Where a screenshot goes: build/newsroom/, which is not committed."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS / name
