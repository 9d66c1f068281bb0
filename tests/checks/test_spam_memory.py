"""spam_memory: what shares a domain, a network or an address with reported spam is held."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from commentguard import Guard, Verdict
from commentguard._models import CommentSubmission
from commentguard.checks._spam_memory import COMMON_DOMAINS
from commentguard.testing import FakeClock, make_settings, make_submission
from commentguard.text import registrable_domain

SECRET_KEY = "spam-memory-test-secret-5d1e9a7c3b0f2468"
SPAM = "Cheap watches at https://a.spam.example/offer, hurry"


def guard(store_url: str, clock: FakeClock | None = None, **settings: Any) -> Guard:
    """A guard on ``store_url`` with only the spam_memory check's section set."""
    checks = {"spam_memory": settings} if settings else {}
    return Guard(
        make_settings(store=store_url, secret_key=SECRET_KEY, checks=checks),
        load_entry_points=False,
        clock=clock,
    )


def spam(**fields: Any) -> CommentSubmission:
    """The reported comment: a spammer's address, IP and domain."""
    data = {"name": "Watch Deals", "email": "deals@spam-mail.example", "ip": "203.0.113.7"}
    return make_submission(**{**data, "body": SPAM, **fields})


def stranger(**fields: Any) -> CommentSubmission:
    """A comment sharing nothing with :func:`spam` unless ``fields`` say so."""
    data = {"name": "Bea", "email": "bea@example.org", "ip": "198.51.100.20"}
    return make_submission(**{**data, "body": "I liked the article.", **fields})


def memory_codes(decision: Any) -> list[str]:
    return [code for code in decision.codes if code.startswith("spam_memory.")]


def test_nothing_reported_holds_nothing(store_url: str) -> None:
    with guard(store_url) as g:
        decision = g.moderate(spam())
    assert memory_codes(decision) == []


def test_a_subdomain_of_a_reported_domain_is_held_from_another_author(store_url: str) -> None:
    """Reported: a.spam.example; later b.spam.example from another address and IP is held."""
    with guard(store_url) as g:
        g.report(spam(), Verdict.SPAM)
        decision = g.moderate(
            stranger(body="Look at this new page, it has it all: https://b.spam.example/new")
        )
    assert decision.verdict is Verdict.HOLD
    (finding,) = decision.findings
    assert finding.code == "spam_memory.domain"
    assert finding.matched == "spam.example"
    assert finding.field == "body"
    assert finding.moderator_message == (
        "A moderator reported a comment linking spam.example as spam."
    )


def test_the_website_field_counts_as_a_domain(store_url: str) -> None:
    with guard(store_url) as g:
        g.report(spam(body="Nice post", url="https://shop.spam.example/"), "discard")
        decision = g.moderate(stranger(url="http://www.spam.example"))
    assert memory_codes(decision) == ["spam_memory.domain"]
    assert decision.findings[0].field == "url"


def test_approval_lifts_at_once(store_url: str) -> None:
    """A moderator approving a comment forgets its domains, network and address."""
    with guard(store_url) as g:
        g.report(spam(), Verdict.SPAM)
        rescued = spam(body="Sorry: https://www.spam.example was a mistake")
        assert memory_codes(g.moderate(rescued)) == [
            "spam_memory.domain", "spam_memory.ip", "spam_memory.email",
        ]  # fmt: skip
        g.report(rescued, Verdict.APPROVE)
        assert memory_codes(g.moderate(rescued)) == []
        assert memory_codes(g.moderate(stranger(body="https://a.spam.example"))) == []


def test_hold_and_reject_reports_change_nothing(store_url: str) -> None:
    with guard(store_url) as g:
        g.report(spam(), Verdict.HOLD)
        g.report(spam(), Verdict.REJECT)
        assert memory_codes(g.moderate(spam())) == []
        g.report(spam(), Verdict.SPAM)
        g.report(spam(), Verdict.HOLD)
        assert "spam_memory.email" in memory_codes(g.moderate(spam()))


def test_allowlisted_and_public_suffix_domains_are_never_poisoned(store_url: str) -> None:
    """Spam linking YouTube, Google, a public suffix and the site itself poisons none."""
    body = (
        "Subscribe https://www.youtube.com/watch?v=x https://youtu.be/x "
        "https://maps.google.com/x https://github.io/x https://en.wikipedia.org/wiki/Spam "
        "https://news.site.example/other-article https://partner.example/deal"
    )
    reported = spam(body=body, permalink="https://news.site.example/article-1")
    with guard(store_url, allowed_domains=["www.partner.example"]) as g:
        g.report(reported, Verdict.SPAM)
        for link in body.split()[1:]:
            decision = g.moderate(stranger(body=f"Source: {link}"))
            assert memory_codes(decision) == [], link


def test_the_ip_network_matches_by_default_per_address_and_per_ipv6_64(store_url: str) -> None:
    with guard(store_url, signals=["ip"]) as g:
        g.report(spam(ip="203.0.113.7"), Verdict.SPAM)
        g.report(spam(ip="2001:db8:1:2::10"), Verdict.SPAM)
        same = g.moderate(stranger(ip="203.0.113.7"))
        mapped = g.moderate(stranger(ip="::ffff:203.0.113.7"))
        neighbour = g.moderate(stranger(ip="203.0.113.8"))
        same_64 = g.moderate(stranger(ip="2001:db8:1:2:ffff::1"))
        other_64 = g.moderate(stranger(ip="2001:db8:1:3::10"))
    assert memory_codes(same) == memory_codes(mapped) == ["spam_memory.ip"]
    assert same.findings[0].moderator_message == (
        "A moderator reported a comment from the same IP address as spam."
    )
    assert memory_codes(neighbour) == memory_codes(other_64) == []
    assert memory_codes(same_64) == ["spam_memory.ip"]
    assert "2001" not in same_64.findings[0].moderator_message
    assert "IPv6 /64 network" in same_64.findings[0].moderator_message


def test_an_ipv4_prefix_widens_the_network() -> None:
    with guard("memory://", signals=["ip"], ipv4_prefix=24) as g:
        g.report(spam(ip="203.0.113.7"), Verdict.SPAM)
        neighbour = g.moderate(stranger(ip="203.0.113.200"))
        elsewhere = g.moderate(stranger(ip="203.0.114.7"))
    assert memory_codes(neighbour) == ["spam_memory.ip"]
    assert "203.0" not in neighbour.findings[0].moderator_message
    assert "IPv4 /24 network" in neighbour.findings[0].moderator_message
    assert memory_codes(elsewhere) == []


def test_the_address_matches_ignoring_case_and_is_never_quoted(store_url: str) -> None:
    with guard(store_url) as g:
        g.report(spam(), Verdict.SPAM)
        decision = g.moderate(
            stranger(email="Deals@SPAM-mail.example", body="Hello again, nice article.")
        )
    assert memory_codes(decision) == ["spam_memory.email"]
    (finding,) = decision.findings
    assert finding.moderator_message == (
        "A moderator reported a comment from the author's address as spam."
    )
    texts = [repr(decision), decision.model_dump_json(), repr(finding), str(decision)]
    assert not any("deals@" in text.casefold() for text in texts)
    assert not any("spam-mail" in text.casefold() for text in texts)


def test_signals_turned_off_are_neither_remembered_nor_compared() -> None:
    with guard("memory://", signals=["email"]) as g:
        g.report(spam(), Verdict.SPAM)
        assert memory_codes(g.moderate(stranger(body=SPAM, ip="203.0.113.7"))) == []
        assert memory_codes(g.moderate(spam())) == ["spam_memory.email"]


def test_the_verdict_is_configurable() -> None:
    with guard("memory://", verdict="spam") as g:
        g.report(spam(), Verdict.SPAM)
        assert g.moderate(stranger(body=SPAM)).verdict is Verdict.SPAM


def test_moderators_are_exempt() -> None:
    with guard("memory://") as g:
        g.report(spam(), Verdict.SPAM)
        quoted = spam(author_role="moderator", body=f"Removed a comment: {SPAM}")
        assert memory_codes(g.moderate(quoted)) == []


def test_pingbacks_are_remembered_and_compared_by_their_domains_only(store_url: str) -> None:
    """A ping's address is the linking site's server, and its email address means little."""
    ping = {"comment_type": "pingback", "name": "Spam Blog"}
    with guard(store_url) as g:
        g.report(spam(**ping, url="https://blog.spam.example/post", body="[...] nice"), "spam")
        same_server = g.moderate(stranger(ip="203.0.113.7"))
        same_address = g.moderate(stranger(email="deals@spam-mail.example"))
        same_domain = g.moderate(stranger(**ping, url="https://spam.example/other"))
        g.report(spam(), Verdict.SPAM)
        ping_from_reported_ip = g.moderate(spam(**ping, url="https://ok.example/x", body="ok"))
    assert memory_codes(same_server) == memory_codes(same_address) == []
    assert memory_codes(same_domain) == ["spam_memory.domain"]
    assert memory_codes(ping_from_reported_ip) == []


async def test_an_async_guard_remembers_and_forgets(store_url: str) -> None:
    from commentguard import AsyncGuard

    settings = make_settings(store=store_url, secret_key=SECRET_KEY)
    async with AsyncGuard(settings, load_entry_points=False) as g:
        await g.report(spam(), Verdict.SPAM)
        held = await g.moderate(stranger(body="https://b.spam.example"))
        await g.report(stranger(body="https://b.spam.example"), Verdict.APPROVE)
        lifted = await g.moderate(stranger(body="https://b.spam.example"))
    assert memory_codes(held) == ["spam_memory.domain"]
    assert memory_codes(lifted) == []


def test_a_memory_expires(clocked_url: str, clock: FakeClock) -> None:
    with guard(clocked_url, clock, remember_seconds=3600, ip_remember_seconds=600) as g:
        g.report(spam(), Verdict.SPAM)
        assert memory_codes(g.moderate(spam())) != []
        clock.advance(600)  # the network is forgotten; the domain is not
        assert memory_codes(g.moderate(spam(email="other@example.org"))) == ["spam_memory.domain"]
        clock.advance(3000)
        assert memory_codes(g.moderate(spam())) == []


def test_workers_sharing_a_store_share_the_memory(shared_url: str) -> None:
    """Two guards on one SQLite file or one Redis: a report in one holds in the other."""
    with guard(shared_url) as one, guard(shared_url) as two:
        one.report(spam(), Verdict.SPAM)
        held = two.moderate(stranger(body="https://b.spam.example"))
        two.report(stranger(body="https://b.spam.example"), Verdict.APPROVE)
        lifted = one.moderate(stranger(email="cy@example.org", body="https://c.spam.example"))
    assert memory_codes(held) == ["spam_memory.domain"]
    assert memory_codes(lifted) == []


def test_the_store_holds_neither_domain_nor_address_nor_ip(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path}/store.db"
    with guard(url) as g:
        g.report(spam(), Verdict.SPAM)
        assert memory_codes(g.moderate(spam())) != []
    raw = b"".join(path.read_bytes() for path in tmp_path.glob("store.db*"))
    for secret in (b"spam.example", b"spam-mail", b"deals", b"203.0.113"):
        assert secret not in raw


@pytest.mark.parametrize(
    ("host", "domain"),
    [
        ("a.spam.example", "spam.example"),
        ("B.Spam.Example.", "spam.example"),
        ("www.bbc.co.uk", "bbc.co.uk"),
        ("user.github.io", "user.github.io"),  # the private section splits hosting platforms
        ("co.uk", None),
        ("github.io", None),
        ("", None),
        ("192.0.2.1", "192.0.2.1"),
        ("[2001:db8::1]", "2001:db8::1"),
        ("shop.bücher.example", "xn--bcher-kva.example"),
    ],
)
def test_registrable_domain(host: str, domain: str | None) -> None:
    assert registrable_domain(host) == domain


def test_the_allowlist_holds_registrable_domains_only() -> None:
    """An entry that is not its own registrable domain would never match."""
    assert all(registrable_domain(domain) == domain for domain in COMMON_DOMAINS)
