"""The disposable_mailbox check: an address at a throwaway mailbox service is held."""

from __future__ import annotations

import pytest

from commentguard import Verdict
from commentguard._loaders import Record, read_disqus, read_wxr
from commentguard.checks import DisposableMailboxCheck
from commentguard.checks._disposable_mailbox import listed_domain
from commentguard.testing import guard_with, make_settings, make_submission
from shared_data import shared_data


def moderate(email, **settings):
    guard = guard_with(settings=make_settings(checks={"disposable_mailbox": settings}))
    return guard.moderate(make_submission(email=email))


@pytest.mark.parametrize(
    ("email", "listed"),
    [
        ("someone@mailinator.com", "mailinator.com"),
        ("Someone@YOPmail.com", "yopmail.com"),
        ("reader@box.guerrillamail.com", "guerrillamail.com"),  # a name under a listed one
    ],
)
def test_an_address_at_a_listed_domain_is_held_naming_the_service_not_the_address(email, listed):
    """Held; the moderator learns the listed service, nobody sees the address."""
    decision = moderate(email)

    assert decision.verdict is Verdict.HOLD
    (finding,) = decision.findings
    assert finding.code == "disposable_mailbox.listed"
    assert finding.field == "email"
    assert finding.span is None
    assert finding.matched is None
    assert listed in finding.moderator_message
    local = email.partition("@")[0]
    dumped = finding.model_dump_json() + repr(decision)
    assert local not in dumped
    assert local.lower() not in dumped.lower()
    assert decision.author_message == "Your comment is awaiting moderation."


@pytest.mark.parametrize(
    "email",
    [
        "ada@example.com",
        "ada@gmail.com",
        "ada@mailinator.com.example",
        "ada@readmailinator.example",
    ],
)
def test_other_addresses_pass(email):
    """Only the listed domains and the names under them: not a longer name ending alike."""
    assert moderate(email).findings == ()


def test_no_email_is_skipped():
    """An old comment from a dump may have no address: nothing to look up."""
    guard = guard_with(settings=make_settings(email={"required": False}))
    submission = guard.parse({"name": "Old reader", "body": "A comment from 2009."})
    assert submission.email is None

    assert guard.moderate(submission).findings == ()


def test_the_site_allowlist_and_the_verdict_are_settings():
    """allowed_domains lets a listed service (and names under it) through; verdict is kept."""
    assert moderate("a@mailinator.com", allowed_domains=["Mailinator.com"]).findings == ()
    assert moderate("a@x.mailinator.com", allowed_domains=["mailinator.com"]).findings == ()
    assert moderate("a@yopmail.com", allowed_domains=["mailinator.com"]).verdict is Verdict.HOLD
    assert moderate("a@yopmail.com", verdict="spam").verdict is Verdict.SPAM


def test_disabled():
    assert moderate("a@mailinator.com", enabled=False).findings == ()


def test_the_check_alone_and_the_lookup():
    """The class works without a guard; listed_domain reduces to the listed name."""
    check = DisposableMailboxCheck()
    (finding,) = check.check(make_submission(email="a@sub.mailinator.com"))
    assert finding.check == "disposable_mailbox"
    assert listed_domain("SUB.Mailinator.COM.") == "mailinator.com"
    assert listed_domain("com") is None
    assert listed_domain("") is None


def test_no_address_of_the_shared_exports_is_held():
    """The real exports' addresses (WordPress's and Disqus's fixtures) are not disposable."""
    dumps = shared_data("dumps")
    items = []
    for name, reader in (
        ("wordpress-theme-unit-test.xml", read_wxr),
        ("wordpress-isso-fixture.xml", read_wxr),
        ("disqus-isso-fixture.xml", read_disqus),
    ):
        with (dumps / name).open("rb") as stream:
            items += [item for item in reader(stream, name) if isinstance(item, Record)]
    addresses = [str(item.data["email"]).strip() for item in items if item.data.get("email")]
    domains = {address.rpartition("@")[2] for address in addresses if "@" in address}

    assert len(addresses) >= 30
    assert [domain for domain in domains if listed_domain(domain)] == []
