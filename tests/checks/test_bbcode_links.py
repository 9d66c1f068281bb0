"""The bbcode_links check: BBCode links on a site that renders no BBCode are a bot's."""

from __future__ import annotations

import csv

import pytest

from commentguard import Verdict
from commentguard.checks import BBCodeLinksCheck
from commentguard.testing import guard_with, make_settings, make_submission
from shared_data import shared_data


def moderate(body, **settings):
    checks = {"bbcode_links": settings, "link_ratio": {"enabled": False}}
    return guard_with(settings=make_settings(checks=checks)).moderate(make_submission(body=body))


@pytest.mark.parametrize(
    ("body", "span", "domain"),
    [
        ("Great post! [url=http://pills.example/buy]cheap pills[/url]", (12, 59), "pills.example"),
        ("[URL]https://www.casino.example/[/URL] thanks", (0, 38), "casino.example"),
        ("nice [link=http://loans.example]loans[/link]", (5, 32), "loans.example"),
        ("[url=http://a.example]never closed, and more words", (0, 22), "a.example"),
    ],
)
def test_a_bbcode_link_is_spam(body, span, domain):
    """Marked spam (the default), naming the domains, with the first link's span."""
    decision = moderate(body)

    assert decision.verdict is Verdict.SPAM
    finding = next(f for f in decision.findings if f.check == "bbcode_links")
    assert finding.code == "bbcode_links.link"
    assert finding.span == span
    assert finding.matched == domain
    assert domain in finding.moderator_message
    assert "bbcode = false" in finding.moderator_message
    assert decision.author_message != finding.moderator_message


def test_several_links_are_counted_and_all_domains_named():
    body = "[url=http://b.example]b[/url] [link=http://a.example]a[/link] [url]c.example/x[/url]"

    (finding,) = [f for f in moderate(body).findings if f.check == "bbcode_links"]

    assert "3 BBCode links" in finding.moderator_message
    assert "a.example, b.example, c.example" in finding.moderator_message
    assert finding.span == (0, 29)


@pytest.mark.parametrize(
    "body",
    [
        "Use [b]bold[/b] and [i]italics[/i] on forums.",  # BBCode, but no link
        "The forum syntax is [url] followed by the address.",  # no address to go to
        "An array [link] and a list [url=] without targets.",
        "See https://example.com/article for more.",
    ],
)
def test_no_bbcode_link_passes(body):
    assert not [f for f in moderate(body).findings if f.check == "bbcode_links"]


def test_a_site_that_renders_bbcode_turns_it_off():
    """bbcode = true: a forum's BBCode links are ordinary links (the links check counts them)."""
    body = "[url=http://forum.example/t/1]this thread[/url]"
    assert moderate(body, bbcode=True).findings == ()
    assert moderate(body, verdict="hold").verdict is Verdict.HOLD
    assert moderate(body, enabled=False).findings == ()


def test_the_check_alone():
    (finding,) = BBCodeLinksCheck().check(make_submission(body="[LINK=http://x.example]x"))
    assert finding.check == "bbcode_links"
    assert finding.matched == "x.example"


YOUTUBE_FILES = ("Youtube01-Psy.csv", "Youtube02-KatyPerry.csv", "Youtube03-LMFAO.csv")


def test_no_youtube_comment_has_a_bbcode_link():
    """The YouTube Spam Collection, spam and ham alike, writes no BBCode (YouTube renders
    none): what the docs say about measuring the default."""
    paths = [shared_data(f"spam/{name}") for name in YOUTUBE_FILES]
    check = BBCodeLinksCheck()
    bodies = []
    for path in paths:
        with path.open(encoding="utf-8-sig", newline="") as lines:
            bodies += [row["CONTENT"] for row in csv.DictReader(lines)]

    assert len(bodies) == 1138
    assert [body for body in bodies if check.check(make_submission(body=body))] == []
