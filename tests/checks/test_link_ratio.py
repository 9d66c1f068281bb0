"""The link_ratio check: a comment that is mostly links, as a reader sees it, is held."""

from __future__ import annotations

import csv

import pytest

from commentguard import Verdict
from commentguard.checks import LinkRatioCheck
from commentguard.checks._link_ratio import link_chars
from commentguard.testing import guard_with, make_settings, make_submission
from commentguard.text import prepare
from shared_data import shared_data


def guard(**settings):
    """A guard with link_ratio configured and links out of the way (it holds two links)."""
    checks = {"link_ratio": settings, "links": {"max_links": 100}, "bbcode_links": {"bbcode": True}}
    return guard_with(settings=make_settings(checks=checks))


def moderate(body, **settings):
    return guard(**settings).moderate(make_submission(body=body))


def shares(body):
    prepared = prepare(body)
    return link_chars(prepared.original, prepared.text, prepared.links)


@pytest.mark.parametrize(
    "body",
    [
        "https://www.facebook.com/pages/Komedi-burda-gel/775510675841486",
        "Nice! http://www.barnesandnoble.com/s/BDP?csrfToken=I9tIxe8cNkCosOqk",
        '<a href="https://m.freemyapps.com/share/url/505b">https://m.freemyapps.com/share/url/505b</a>',
        "[url=http://pills.example/buy]cheap pills online best price[/url] ok",
    ],
)
def test_a_comment_that_is_mostly_links_is_held(body):
    """Held as link_ratio.mostly_links, with the share in the message and as the score."""
    decision = moderate(body)

    assert decision.verdict is Verdict.HOLD
    (finding,) = decision.findings
    assert finding.code == "link_ratio.mostly_links"
    assert finding.field == "body"
    assert finding.score is not None
    assert finding.score >= 0.7
    assert f"{finding.score:.0%}" in finding.moderator_message
    assert decision.author_message == "Your comment is awaiting moderation."


@pytest.mark.parametrize(
    "body",
    [
        "see https://x.example",  # 16 letters and digits: too short to weigh
        "Katy Perry - Roar (Official): http://youtu.be/CevxZvSJLk8",  # about half
        "It's pure CSS using the [checkbox hack](https://css-tricks.com/the-checkbox-hack/).",
        'Image comment. <img src="https://example.com/2008/06/dsc2005_192118_51.jpg?w=171" alt="">',
        "No links at all in this one, just words, many words, enough of them.",
    ],
)
def test_comments_with_some_links_pass(body):
    """A link among words, a Markdown link's address, an image's source and a short
    pointer are not a comment made of links."""
    assert moderate(body).findings == ()


def test_what_a_reader_sees():
    """A markup link weighs its text, a bare one all of it, a tag's attribute nothing."""
    assert shares("[here](https://a.example/long/path) and more") == (4, 7)
    assert shares('<a href="https://a.example/long">click <b>here</b></a> now') == (9, 3)
    assert shares("https://a.example/x y") == (14, 1)
    assert shares('<img src="https://a.example/x.png"> words') == (0, 5)
    assert shares("[url]http://b.example[/url]!") == (12, 0)


def test_thresholds_are_settings():
    """max_share and min_chars move the line; verdict is kept."""
    body = "Katy Perry - Roar (Official): http://youtu.be/CevxZvSJLk8"
    assert moderate(body, max_share=0.5).verdict is Verdict.HOLD
    assert moderate("see https://x.example", min_chars=0).verdict is Verdict.HOLD
    assert moderate("https://a.example/spam-page", verdict="spam").verdict is Verdict.SPAM
    assert moderate("https://a.example/spam-page", enabled=False).findings == ()


def test_the_check_alone():
    (finding,) = LinkRatioCheck().check(make_submission(body="http://shhort.com/a?r=HuPwEH5ab"))
    assert finding.check == "link_ratio"
    assert finding.span == (0, 31)


def test_youtube_spam_and_ham_of_the_held_out_file():
    """On KatyPerry (thresholds were chosen on Psy): no ham held, a share of the spam caught."""
    path = shared_data("spam/Youtube02-KatyPerry.csv")
    with path.open(encoding="utf-8-sig", newline="") as lines:
        rows = [(row["CONTENT"], row["CLASS"] == "1") for row in csv.DictReader(lines)]
    check = LinkRatioCheck()
    held = [(spam, bool(check.check(make_submission(body=body)))) for body, spam in rows]

    assert not any(found for spam, found in held if not spam)
    assert sum(found for spam, found in held if spam) >= 40  # of 175 (42 when written)
