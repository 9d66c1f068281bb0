"""A real newsroom server on a free port, and Debian's chromium driven by Playwright."""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from newsroom import Config, create_app
from newsroom_site import (
    CHROMIUM_ARGS,
    PASSWORD,
    SECRET_KEY,
    TEST_SETTINGS,
    ResponseLog,
    Site,
    chromium_path,
)
from playwright.sync_api import Browser, BrowserContext, Page, sync_playwright
from werkzeug.serving import make_server

from commentguard.adapters.flask import EXTENSION_KEY


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    executable = chromium_path()
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture
def guard_settings() -> dict[str, Any]:
    """The guard's settings for the site under test; parametrize to change them."""
    return TEST_SETTINGS


@pytest.fixture
def site(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, guard_settings: dict[str, Any]
) -> Iterator[Site]:
    """A fresh site (empty database and guard store) served on 127.0.0.1."""
    for key in list(os.environ):
        if key.startswith(("COMMENTGUARD_", "NEWSROOM_")):
            monkeypatch.delenv(key)
    monkeypatch.chdir(tmp_path)  # no stray commentguard.toml applies
    config = Config(
        data_dir=tmp_path / "data",
        secret_key=SECRET_KEY,
        moderator_password=PASSWORD,
        guard=guard_settings,
    )
    app = create_app(config)
    log = ResponseLog(app.wsgi_app)
    app.wsgi_app = log  # type: ignore[method-assign]
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    running = Site(f"http://127.0.0.1:{server.server_port}", app, log)
    try:
        yield running
    finally:
        server.shutdown()
        thread.join(timeout=10)
        server.server_close()
        app.extensions[EXTENSION_KEY].guard.close()
    running.assert_no_email_served()


@pytest.fixture
def context(browser: Browser) -> Iterator[BrowserContext]:
    """A browser profile of its own (cookies included): one reader."""
    opened = browser.new_context(viewport={"width": 1000, "height": 900})
    yield opened
    opened.close()


@pytest.fixture
def page(context: BrowserContext) -> Page:
    return context.new_page()


@pytest.fixture
def new_reader(browser: Browser) -> Iterator[Any]:
    """Open more readers: each call gives a page in a new, separate browser context."""
    contexts: list[BrowserContext] = []

    def open_page() -> Page:
        opened = browser.new_context(viewport={"width": 1000, "height": 900})
        contexts.append(opened)
        return opened.new_page()

    yield open_page
    for opened in contexts:
        opened.close()
