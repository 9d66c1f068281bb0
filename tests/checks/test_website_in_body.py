"""The website_in_body check: the author's website promoted again in the text is held."""

from __future__ import annotations

import pytest

from commentguard import Verdict
from commentguard._loaders import Record
from commentguard._loaders.staticman import read_staticman_folder
from commentguard._models.limits import RECORD_MAX_BYTES
from commentguard.checks import WebsiteInBodyCheck
from commentguard.checks._website_in_body import WebsiteInBodySettings
from commentguard.testing import guard_with, make_settings, make_submission
from shared_data import shared_data

BODY = "Great tips! I wrote more at https://blog.pills.example/cheap and it helps a lot."


def moderate(url, body=BODY, **settings):
    checks = {"website_in_body": {"enabled": True, **settings}, "link_ratio": {"enabled": False}}
    guard = guard_with(settings=make_settings(checks=checks))
    return guard.moderate(make_submission(url=url, body=body))


@pytest.mark.parametrize(
    "url",
    ["https://pills.example", "http://www.pills.example/about", "shop.pills.example"],
)
def test_the_website_linked_again_in_the_text_is_held(url):
    """The same registrable domain in the Website field and a body link: held, named."""
    decision = moderate(url)

    assert decision.verdict is Verdict.HOLD
    (finding,) = decision.findings
    assert finding.code == "website_in_body.same_domain"
    assert finding.matched == "pills.example"
    assert "pills.example" in finding.moderator_message
    assert finding.field == "body"
    assert BODY[slice(*finding.span)] == "https://blog.pills.example/cheap"
    assert decision.author_message == "Your comment is awaiting moderation."


@pytest.mark.parametrize(
    ("url", "body"),
    [
        ("https://other.example", BODY),  # another site
        (None, BODY),  # no website
        ("https://pills.example", "No links in this one at all."),
        ("https://alice.github.io", "See https://bob.github.io/post for the answer."),
        ("https://shop.example.co.uk", "Compare https://other.co.uk/prices before buying."),
    ],
)
def test_other_comments_pass(url, body):
    """Different registrable domains (two github.io users are two sites) pass."""
    assert moderate(url, body).findings == ()


@pytest.mark.parametrize(
    ("url", "body"),
    [
        ("https://bücher.example", "Mehr unter http://xn--bcher-kva.example/neu für alle hier."),
        ("https://xn--bcher-kva.example", "Mehr unter http://shop.bücher.example/neu für alle."),
        ("HTTPS://Www.Pills.Example", BODY),
    ],
)
def test_internationalised_and_upper_case_hosts_are_the_same_domain(url, body):
    assert moderate(url, body).codes == ("website_in_body.same_domain",)


def test_the_sites_own_domains_pass():
    """The permalink's domain and site_domains are the site's own: its people link it."""
    checks = {"website_in_body": {"enabled": True}, "link_ratio": {"enabled": False}}
    guard = guard_with(settings=make_settings(checks=checks))
    own = make_submission(
        url="https://news.example",
        body="More in our archive: https://news.example/archive/2019 for everyone.",
        permalink="https://www.news.example/2026/article#comments",
    )
    assert guard.moderate(own).findings == ()
    site_owner = {"site_domains": ["www.pills.example"]}
    assert moderate("https://pills.example", **site_owner).findings == ()


def test_off_by_default_and_the_verdict_is_a_setting():
    """It holds legitimate comments (readers linking their own posts): a site turns it on."""
    assert WebsiteInBodySettings().enabled is False
    guard = guard_with()
    assert "website_in_body" not in [check.name for check in guard.checks]
    assert moderate("https://pills.example", verdict="spam").verdict is Verdict.SPAM


def test_the_check_alone():
    (finding,) = WebsiteInBodyCheck().check(make_submission(url="https://pills.example", body=BODY))
    assert finding.check == "website_in_body"


def test_staticman_readers_who_link_their_own_posts():
    """On Made Mistakes' real comments (site_domains = its own), the readers it holds each
    link a post on their own site: why the check is off by default."""
    staticman = shared_data("dumps/staticman-made-mistakes")
    check = WebsiteInBodyCheck(WebsiteInBodySettings(site_domains=("mademistakes.com",)))
    records = [
        item
        for item in read_staticman_folder(staticman, staticman.name, RECORD_MAX_BYTES)
        if isinstance(item, Record) and item.data.get("url")
    ]
    held = {
        found.matched
        for record in records
        for found in check.check(make_submission(url=record.data["url"], body=record.data["body"]))
    }
    assert held == {"lauratucker.com", "stevencombs.com", "mattseemon.in", "s-knibbs.github.io"}
