"""The plain-address fast path gives exactly email-validator's answer wherever it answers."""

from __future__ import annotations

import email_validator
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from commentguard._models.email import plain_address

ALPHABET = "abcXYZ019.-_+!#$%&'*/=?^`{|}~@\"() ,;:<>[]\\éü\u00a0"
LABEL = st.text("abzAZ09-", min_size=1, max_size=8)
DOMAIN = st.lists(LABEL, min_size=1, max_size=4).map(".".join) | st.sampled_from(
    [
        "example.com",
        "EXAMPLE.org",
        "mail.co.uk",
        "x.test",
        "localhost",
        "home.arpa",
        "a.b",
        "1.2.3.4",
    ]
)
LOCAL = st.text(ALPHABET.replace("@", ""), min_size=1, max_size=12)


def validator_answer(address: str) -> str | None:
    try:
        return email_validator.validate_email(address, check_deliverability=False).normalized
    except email_validator.EmailNotValidError:
        return None


def assert_agrees(address: str) -> None:
    plain = plain_address(address)
    if plain is not None:
        assert plain == validator_answer(address), address


@settings(max_examples=3000, deadline=None)
@given(local=LOCAL, domain=DOMAIN)
@example(local="Ada.Lovelace", domain="Example.COM")
@example(local="a" * 65, domain="example.com")
@example(local="a", domain="ab--cd.com")
@example(local="a", domain="xn--bcher-kva.example")
@example(local=".a", domain="example.com")
@example(local="a.", domain="example.com")
def test_plain_path_agrees_with_email_validator(local: str, domain: str) -> None:
    assert_agrees(f"{local}@{domain}")


@settings(max_examples=1000, deadline=None)
@given(st.text(ALPHABET, max_size=40))
def test_plain_path_agrees_on_any_text(text: str) -> None:
    assert_agrees(text)


@pytest.mark.parametrize(
    "address", ["ada@example.com", "Ada.Lovelace+news@Mail.Example.ORG", "o'brien@example.ie"]
)
def test_common_addresses_take_the_plain_path(address: str) -> None:
    assert plain_address(address) == validator_answer(address) is not None
