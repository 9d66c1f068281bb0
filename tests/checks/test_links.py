"""The links check: hold comments with max_links links or more (WordPress-style)."""

from __future__ import annotations

import csv
import re

import pytest

from commentguard import InvalidSubmission, SettingsError, Verdict
from commentguard.checks import LinksCheck
from commentguard.checks._links import LinksSettings
from commentguard.testing import guard_with, make_settings, make_submission
from shared_data import shared_data

OTHER_CHECKS = (
    "honeypot",
    "form_token",
    "closed_thread",
    "invisible_text",
    "wordlists",
    "profanity",
    "link_ratio",
    "bbcode_links",
    "disguised_links",
)


def guard(**links):
    """A guard running only the links check, with ``links`` settings."""
    checks = {name: {"enabled": False} for name in OTHER_CHECKS}
    checks["links"] = links
    return guard_with(settings=make_settings(checks=checks))


def moderate(body, **links):
    return guard(**links).moderate(make_submission(body=body))


@pytest.mark.parametrize(
    "body",
    ["No links here, just words.", "One link: https://example.com/article", "see www.example.com"],
)
def test_zero_or_one_link_passes(body):
    """A comment with no link or a single link passes with the default max_links of 2."""
    decision = moderate(body)

    assert decision.verdict is Verdict.APPROVE
    assert decision.findings == ()


def test_two_links_are_held():
    """Two links reach the default max_links (2): held as links.too_many."""
    body = "Look at https://a.example/one and then https://b.example/two please"

    decision = moderate(body)

    assert decision.verdict is Verdict.HOLD
    assert decision.codes == ("links.too_many",)
    (finding,) = decision.findings
    assert finding.check == "links"
    assert finding.field == "body"
    start, end = finding.span
    assert body[start:end] == "https://a.example/one and then https://b.example/two"
    assert 0.0 <= finding.score <= 1.0


def test_moderator_message_lists_domains_author_message_does_not():
    """The moderator message gives the count and the domains (without www.); the author's none."""
    body = "https://a.example/x www.shop.example https://a.example/y"

    decision = moderate(body)

    message = decision.findings[0].moderator_message
    assert "3 links" in message
    assert "a.example" in message
    assert "shop.example" in message
    assert "www.shop.example" not in message
    assert message.count("a.example") == 1
    assert "example" not in decision.author_message
    assert decision.author_message == "Your comment is awaiting moderation."


@pytest.mark.parametrize(
    ("links", "verdict"),
    [(1, Verdict.APPROVE), (2, Verdict.APPROVE), (3, Verdict.HOLD), (4, Verdict.HOLD)],
)
def test_max_links_is_configurable(links, verdict):
    """With max_links=3, three links or more are held and two pass."""
    body = " ".join(f"https://site{n}.example/" for n in range(links))

    assert moderate(body, max_links=3).verdict is verdict


@pytest.mark.parametrize("limit", [1, 2, 3, 5])
def test_max_links_is_the_first_count_held_as_in_wordpress(limit):
    """WordPress's comment_max_links: N - 1 links pass, N links ("N or more") are held."""
    below = " ".join(f"https://site{n}.example/" for n in range(limit - 1))
    at = " ".join(f"https://site{n}.example/" for n in range(limit))

    assert moderate(below or "No link.", max_links=limit).verdict is Verdict.APPROVE
    assert moderate(at, max_links=limit).verdict is Verdict.HOLD


def test_the_moderator_message_says_what_max_links_means():
    """The message reads as the rule: N or more links are held, with the setting's value."""
    decision = moderate("https://one.example/a and https://two.example/b")

    assert decision.findings[0].moderator_message == (
        "The comment has 2 links; comments with 2 or more links are held (max_links = 2). "
        "Domains linked: one.example, two.example."
    )


def test_the_message_follows_the_verdict_setting():
    """With verdict = "spam" the message says such comments are marked as spam."""
    decision = moderate("https://a.example", max_links=1, verdict="spam")

    assert decision.findings[0].moderator_message.startswith(
        "The comment has 1 link; comments with 1 or more links are marked as spam (max_links = 1)."
    )


def test_max_links_one_holds_any_link():
    """With max_links=1 a single link is held."""
    assert moderate("https://a.example", max_links=1).codes == ("links.too_many",)


def test_verdict_is_configurable():
    """The verdict setting can mark link-heavy comments spam."""
    assert moderate("https://a.example https://b.example", verdict="spam").verdict is Verdict.SPAM


@pytest.mark.parametrize("section", [{"max_links": 0}, {"max_links": -1}, {"max_link": 3}])
def test_bad_setting_is_a_settings_error(section):
    """max_links must be positive and unknown keys are refused, naming the key."""
    with pytest.raises(SettingsError, match=r"checks\.links\.max_link"):
        guard(**section)


TWO_LINKS = {
    "bare-urls": "https://a.example/p?q=1 and http://b.example",
    "www-hosts": "www.a.example and WWW.B.EXAMPLE.ORG",
    "html": '<a href="https://a.example">A</a> and <a class="x" href=\'http://b.example\'>B</a>',
    "markdown": '[a](https://a.example) and [b](<https://b.example/x> "title")',
    "bbcode-url=": "[url=https://a.example]A[/url] [URL=http://b.example]B[/URL]",
    "bbcode-url": "[url]https://a.example[/url] [url]www.b.example[/url]",
    "mixed": '<a href="https://a.example">A</a> [b](https://b.example)',
    "html-text-is-url-plus-bare": (
        '<a href="https://a.example">https://a.example</a> https://b.example'
    ),
}


@pytest.mark.parametrize("body", TWO_LINKS.values(), ids=TWO_LINKS.keys())
def test_each_kind_of_link_counts(body):
    """Bare URLs, www hosts, HTML anchors, Markdown and BBCode links each count as a link."""
    decision = moderate(body)

    assert decision.codes == ("links.too_many",)
    message = decision.findings[0].moderator_message
    assert "2 links" in message
    assert "a.example" in message
    assert "b.example" in message


ONE_LINK = {
    "html-text-is-url": '<a href="https://a.example/x">https://a.example/x</a>',
    "html-text-is-www": '<a href="https://a.example/">www.a.example</a>',
    "markdown-text-is-url": "[https://a.example](https://a.example)",
    "bbcode-text-is-url": "[url=https://a.example]https://a.example[/url]",
    "bbcode-text-is-www": "[url]www.a.example[/url]",
    "www-inside-url": "http://www.a.example/www.b.example",
    "email-at-www-host": "mail bob@www.example.com or alice@www.example.org; https://a.example",
}


@pytest.mark.parametrize("body", ONE_LINK.values(), ids=ONE_LINK.keys())
def test_each_link_counts_once(body):
    """A markup link whose text repeats the URL, or a URL containing 'www.', counts once."""
    assert moderate(body).verdict is Verdict.APPROVE
    assert moderate(body, max_links=1).codes == ("links.too_many",)


@pytest.mark.parametrize(
    "body", ["bob@www.example.com", "write to bob@www.example.com or eve@www.example.org"]
)
def test_email_addresses_are_not_links(body):
    """An email address on a www. host is not a link."""
    assert moderate(body, max_links=1).verdict is Verdict.APPROVE


def test_trailing_punctuation_is_not_part_of_the_link():
    """Punctuation after a URL ends the link: the span ends before it."""
    body = "First https://a.example/x, then (https://b.example/y)."

    (finding,) = moderate(body).findings

    assert body[slice(*finding.span)] == "https://a.example/x, then (https://b.example/y"


def test_unclosed_bbcode_tag_does_not_hide_later_links():
    """Bare URLs after an unclosed [url] tag are still counted."""
    body = "[url] buy now https://a.example https://b.example https://c.example"

    decision = moderate(body)

    assert decision.codes == ("links.too_many",)
    assert "3 links" in decision.findings[0].moderator_message


def test_check_class_directly():
    """LinksCheck with its own settings counts links in the body only."""
    check = LinksCheck(LinksSettings(max_links=2))
    linky_name = make_submission(name="www.a.example", url="https://b.example", body="hello")

    assert tuple(check.check(linky_name)) == ()
    (finding,) = check.check(make_submission(body="www.a.example www.b.example"))
    assert finding.code == "links.too_many"


# --- real link spam -----------------------------------------------------------------------

_URL = re.compile(r"https?://", re.IGNORECASE)


def _youtube_rows():
    with shared_data("spam/Youtube01-Psy.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _verdicts(rows, **links):
    g = guard(**links)
    verdicts = []
    for row in rows:
        try:
            submission = make_submission(body=row["CONTENT"])
        except InvalidSubmission:
            continue
        verdicts.append((row, g.moderate(submission).verdict))
    return verdicts


def test_youtube_spam_with_several_urls_is_held():
    """Every spam comment of the YouTube data set with 2+ URLs is held by default."""
    rows = [row for row in _youtube_rows() if len(_URL.findall(row["CONTENT"])) >= 2]
    assert rows, "the data set should contain comments with several URLs"

    verdicts = _verdicts(rows)

    assert len(verdicts) == len(rows)
    assert all(verdict is Verdict.HOLD for _, verdict in verdicts)


def test_youtube_ham_without_links_is_never_held():
    """No legitimate comment without 'http' or 'www' is held, even with max_links=1."""
    rows = [
        row
        for row in _youtube_rows()
        if row["CLASS"] == "0" and not re.search("http|www", row["CONTENT"], re.IGNORECASE)
    ]
    assert len(rows) > 100

    verdicts = _verdicts(rows, max_links=1)

    assert len(verdicts) > 100
    assert [row["CONTENT"] for row, verdict in verdicts if verdict is not Verdict.APPROVE] == []


def test_youtube_link_spam_is_caught_with_max_links_one():
    """With max_links=1 every comment with an http(s) URL is held, and mostly spam is held."""
    verdicts = _verdicts(_youtube_rows(), max_links=1)
    with_url = [(row, verdict) for row, verdict in verdicts if _URL.search(row["CONTENT"])]
    held = [row for row, verdict in verdicts if verdict is Verdict.HOLD]
    held_spam = [row for row in held if row["CLASS"] == "1"]

    assert len(with_url) >= 50
    assert all(verdict is Verdict.HOLD for _, verdict in with_url)
    assert len(held_spam) >= 50
    assert len(held_spam) / len(held) >= 0.9


def test_the_finding_names_the_domain_linked_most() -> None:
    body = "See https://b.example/1 https://a.example/2 and https://b.example/3"
    (finding,) = LinksCheck(LinksSettings(max_links=2)).check(make_submission(body=body))
    assert finding.matched == "b.example"
