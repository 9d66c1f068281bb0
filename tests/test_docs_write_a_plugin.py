"""docs/write-a-plugin.md: its check built from a context, and its report hook, run as written.

The page's ```` ```python ```` blocks are one plugin module (the ``reported_links`` check, its
``register_checks`` and a ``comment_reported`` hook) and a function that uses it; the test
registers the module with a guard on each kind of real store.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest

from commentguard import CheckContext, Verdict
from commentguard.stores import Store
from commentguard.testing import guard_with, make_settings, make_submission
from doc_apps import page_module

PAGE = "write-a-plugin.md"
SECRET_KEY = "write-a-plugin-docs-secret-5b1d9f3a7c2e4680"


@pytest.fixture
def page(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[ModuleType]:
    """The page's code, imported as one module, run from an empty folder."""
    workdir = tmp_path / "work"
    workdir.mkdir()
    with page_module(PAGE, workdir, monkeypatch) as module:
        yield module


def test_a_report_teaches_the_pages_check_and_reaches_its_hook(
    page: ModuleType, store_url: str
) -> None:
    """Approved at first; reported as spam; the same link from another author is then spam."""
    settings = make_settings(store=store_url, secret_key=SECRET_KEY)
    with guard_with(page, settings=settings, builtins=False) as guard:
        (check,) = guard.checks
        assert isinstance(check, page.ReportedLinkCheck)
        assert page.a_report_teaches_the_check(guard) == [Verdict.APPROVE, Verdict.SPAM]
        assert page.REPORTS == [(None, Verdict.SPAM)]
        # The store holds a keyed hash of the link, never the link.
        assert guard.store.get(check._entry("https://pills.example/buy")) == "1"


def test_the_pages_check_is_built_from_a_context_outside_a_guard(
    page: ModuleType, store: Store
) -> None:
    """``CheckContext.for_check`` gives the check its section; without a store it finds nothing."""
    settings = make_settings(checks={"reported_links": {"remember_days": 2}})
    context = CheckContext.for_check(page.ReportedLinkCheck, settings, store)
    assert page.ReportedLinkCheck.from_settings(context).settings.remember_days == 2
    assert page.ReportedLinkCheck().check(make_submission(body="https://a.example")) == []
