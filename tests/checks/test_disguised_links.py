"""The disguised_links check: a link whose text shows another site than it goes to is held."""

from __future__ import annotations

import pytest

from commentguard import Verdict
from commentguard.checks import DisguisedLinksCheck
from commentguard.checks._disguised_links import shown_domain
from commentguard.testing import guard_with, make_settings, make_submission
from commentguard.text import find_links, registrable_domain


def moderate(body, **settings):
    checks = {"disguised_links": settings, "link_ratio": {"enabled": False}}
    checks["links"] = {"max_links": 100}
    checks["bbcode_links"] = {"bbcode": True}  # a forum: BBCode links are its own
    return guard_with(settings=make_settings(checks=checks)).moderate(make_submission(body=body))


@pytest.mark.parametrize(
    ("body", "shown", "host"),
    [
        (
            'Log in: <a href="http://evil.example">https://paypal.com</a>',
            "paypal.com",
            "evil.example",
        ),
        (
            '<a href="http://evil.example/login">Pay<b>Pal</b>&#46;com</a> today',
            "paypal.com",
            "evil.example",
        ),
        ("Read [PayPal.co.uk](http://x.example/a) now", "paypal.co.uk", "x.example"),
        ("[url=http://spam.example]www.google.com[/url] it", "google.com", "spam.example"),
        (
            '<a href="https://login.evil.example">www.paypal.com/signin</a>',
            "paypal.com",
            "login.evil.example",
        ),
    ],
)
def test_a_link_showing_another_domain_is_held(body, shown, host):
    """Held, naming the domain shown and the host the link goes to, over the link."""
    decision = moderate(body)

    assert decision.verdict is Verdict.HOLD
    (finding,) = decision.findings
    assert finding.code == "disguised_links.other_domain"
    assert finding.field == "body"
    assert shown in finding.moderator_message
    assert host in finding.moderator_message
    assert finding.matched == registrable_domain(host)
    start, end = finding.span
    assert body[start:end].endswith(("</a>", ")", "[/url]"))
    assert decision.author_message == "Your comment is awaiting moderation."


@pytest.mark.parametrize(
    "body",
    [
        '<a href="https://www.paypal.com/x">paypal.com</a>',  # the same site, www. or not
        '<a href="https://shop.example.co.uk/a">example.co.uk</a>',  # a name under it
        "[click here](http://evil.example)",  # words hide nothing a reader could check
        "[setup.py](https://github.com/a/b/blob/main/setup.py)",  # a file name
        "[README.md](https://github.com/a/b)",
        "[![build](https://img.shields.io/badge.svg)](https://github.com/a/b)",  # a badge
        '<a href="/local/page">paypal.com</a>',  # no other site to go to
        "https://paypal.com and http://evil.example",  # bare links show what they are
        '<a href="https://alice.github.io/x">alice.github.io</a>',
        '<a href="http://xn--bcher-kva.example/">https://bücher.example/</a>',  # one name
    ],
)
def test_honest_links_pass(body):
    assert moderate(body).findings == ()


def test_two_sites_under_one_private_suffix_are_two_sites():
    """alice.github.io and bob.github.io have different owners."""
    decision = moderate('<a href="https://bob.github.io/">alice.github.io</a>')
    assert decision.codes == ("disguised_links.other_domain",)


def test_verdict_and_enabled_are_settings():
    body = '<a href="http://evil.example">https://paypal.com</a>'
    assert moderate(body, verdict="spam").verdict is Verdict.SPAM
    assert moderate(body, enabled=False).findings == ()


def test_the_check_alone_and_the_shown_domain():
    check = DisguisedLinksCheck()
    (finding,) = check.check(make_submission(body="[paypal.com](http://evil.example)"))
    assert finding.check == "disguised_links"
    [link] = find_links("<a href='x.example'>Visit PayPal.com today</a>")
    assert shown_domain(link) == "paypal.com"
    [bare] = find_links("https://paypal.com")
    assert shown_domain(bare) is None


@pytest.mark.parametrize(
    ("host", "domain"),
    [
        ("www.a.example.co.uk", "example.co.uk"),
        ("Alice.GitHub.io.", "alice.github.io"),
        ("github.io", None),
        ("com", None),
        ("", None),
        ("www.bücher.example", "xn--bcher-kva.example"),
        ("a.b.пример.рф", "xn--e1afmkfd.xn--p1ai"),
        ("192.0.2.1", "192.0.2.1"),
        ("[2001:db8::1]", "2001:db8::1"),  # an address is its own, written as ipaddress does
        ("2001:DB8:0::1", "2001:db8::1"),
    ],
)
def test_registrable_domain(host, domain):
    assert registrable_domain(host) == domain
