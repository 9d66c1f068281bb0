"""``manage.py commentguard_recheck``: the pending queue moderated again with today's rules."""

from __future__ import annotations

from collections.abc import Iterator
from io import StringIO
from typing import Any

import pytest
from django_setup import EMAIL, HELD, Blog, blog_site, commentguard_settings

POKER = "Play poker with me: https://p.example and https://q.example"


@pytest.fixture
def blog() -> Iterator[Blog]:
    yield from blog_site(flood={"enabled": False})


def recheck(*args: str) -> str:
    from django.core.management import call_command

    out = StringIO()
    call_command("commentguard_recheck", *args, stdout=out)
    return out.getvalue()


def stored(body: str) -> Any:
    from django_comments.models import Comment

    return Comment.objects.get(comment=body)


def test_the_queue_is_moderated_again_with_new_rules(blog: Blog) -> None:
    """Links are allowed now, and poker is spam: one comment is published, one removed,
    and a comment that is still held stays in the queue."""
    blog.post(HELD, email=EMAIL)
    blog.post(POKER, email=EMAIL)
    blog.post("Three links: https://x.example https://y.example https://z.example", email=EMAIL)

    with commentguard_settings(
        links={"max_links": 3}, wordlists={"disallowed_keys": ["poker", "casino"]}
    ):
        dry = recheck("--dry-run")
        assert stored(HELD).is_public is False  # a dry run changes nothing
        out = recheck()

    held, poker = stored(HELD), stored(POKER)
    assert f"comment {held.pk}: hold -> approve (no findings)" in out
    assert f"comment {poker.pk}: hold -> spam (wordlists.disallowed)" in out
    assert out.splitlines()[-1] == "Rechecked 3 comments: 1 approved, 1 spam, 1 unchanged."
    assert dry.splitlines()[:2] == out.splitlines()[:2]
    assert dry.splitlines()[-1] == "Dry run: nothing was changed."
    assert (held.is_public, held.is_removed) == (True, False)
    assert (poker.is_public, poker.is_removed) == (False, True)
    assert EMAIL not in dry + out
    from commentguard.adapters.django.records import record_of

    assert record_of(held).verdict == "approve"
    assert record_of(poker).verdict == "spam"


def test_a_recheck_is_neither_a_flood_nor_a_replay(blog: Blog) -> None:
    """The checks that remember earlier comments are off: rechecking twice changes nothing."""
    with commentguard_settings(form_token={"min_seconds": 0, "required": True}):
        blog.post(HELD, email=EMAIL)
        assert recheck().splitlines()[-1] == "Rechecked 1 comment: 1 unchanged."
        assert recheck().splitlines()[-1] == "Rechecked 1 comment: 1 unchanged."


def test_an_empty_queue(blog: Blog) -> None:
    blog.post("Published at once.", email=EMAIL)

    assert recheck() == "Rechecked 0 comments.\n"
