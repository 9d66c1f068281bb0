"""docs/django.md shows the test project's files as written.

Each code block (but the console session) begins with the path of the file it shows, as a
comment: ``# mysite/settings.py``, ``{# blog/templates/blog/article.html #}``. The block must
be that file, or the part of it the other tests run (the project adds test-only lines after
the docs' part). ``mysite`` is ``tests/adapters/django_project``; ``blog`` is its app.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django_setup import PROJECT

DOC = Path(__file__).parents[2] / "docs" / "django.md"
FENCE = re.compile(r"^```(\w+)\n(.*?)^```$", re.M | re.S)
PATH_LINE = re.compile(r"^(?:# (\S+)|\{# (\S+) #\})$")
SHOWN_WHOLE = {"blog/forms.py", "blog/views.py", "blog/models.py", "blog/urls.py"}


def blocks() -> list[tuple[str, str, str]]:
    """(language, path, text) of each code block of the page."""
    found = []
    for language, text in FENCE.findall(DOC.read_text(encoding="utf-8")):
        if language == "console":
            continue
        first = PATH_LINE.match(text.splitlines()[0])
        assert first, f"a {language} block in docs/django.md names no file: {text[:80]!r}"
        found.append((language, first.group(1) or first.group(2), text))
    return found


def project_file(shown: str) -> Path:
    top, _, rest = shown.partition("/")
    return PROJECT / rest if top == "mysite" else PROJECT / top / rest


@pytest.mark.parametrize(("language", "shown", "text"), blocks(), ids=lambda v: str(v)[:40])
def test_each_block_is_the_file_it_names(language: str, shown: str, text: str) -> None:
    source = project_file(shown).read_text(encoding="utf-8")
    if shown in SHOWN_WHOLE or shown.endswith(".html"):
        assert text == source
    else:
        assert source.startswith(text), f"{shown} does not begin with the docs' block"


def test_the_page_shows_every_file_of_the_example() -> None:
    shown = {path for _, path, _ in blocks()}
    assert shown >= {
        "mysite/settings.py",
        "mysite/urls.py",
        "blog/templates/blog/article.html",
        "blog/templates/blog/remark.html",
        "blog/moderation.py",
        "blog/receivers.py",
        "blog/apps.py",
        *SHOWN_WHOLE,
    }


def test_the_docs_test_case_passes_under_djangos_runner() -> None:
    """``blog/tests.py`` as the page shows it: Django's own TestCase, run as manage.py test."""
    import unittest

    from django.test.utils import setup_test_environment, teardown_test_environment
    from django_setup import django_ready

    django_ready()
    from blog import tests

    setup_test_environment()
    try:
        suite = unittest.defaultTestLoader.loadTestsFromModule(tests)
        result = unittest.TextTestRunner(verbosity=0).run(suite)
    finally:
        teardown_test_environment()
    assert result.wasSuccessful(), result.failures + result.errors
    assert result.testsRun == 2
