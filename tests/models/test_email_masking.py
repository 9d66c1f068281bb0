"""The masked form of an address never shows its whole local part, however short."""

from __future__ import annotations

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from commentguard import CommentSubmission
from commentguard._models.email import EmailAddress

# Any characters, "@" and "*" among them: masking also runs on invalid values being reported.
LOCAL = st.text(st.characters(codec="utf-8") | st.sampled_from("@*<>a"), max_size=8)
DOMAIN = st.text(st.characters(codec="utf-8", exclude_characters="@"), max_size=12)


def masked_parts(local: str, domain: str) -> tuple[str, str]:
    """(what stands for the local part, the domain) in the masked form of local@domain."""
    hidden, at, shown_domain = EmailAddress(f"{local}@{domain}").masked.rpartition("@")
    assert at == "@"
    return hidden, shown_domain


@settings(max_examples=2000, deadline=None)
@given(local=LOCAL, domain=DOMAIN)
@example(local="a", domain="example.com")
@example(local="ab", domain="example.com")
@example(local="a**", domain="example.com")
@example(local="***", domain="example.com")
@example(local="ex", domain="example.com")
def test_the_masked_local_part_never_holds_the_whole_local_part(local: str, domain: str) -> None:
    """Before the "@", at most the first character of a local part of 3 or more shows.

    The domain is shown whole, so a local part that is also part of the domain ("ex" of
    example.com) can be read there: that is the domain showing, not the local part.
    """
    hidden, shown_domain = masked_parts(local, domain)

    assert shown_domain == domain
    if local:
        assert local not in hidden
    assert hidden in ("<hidden>", "***", f"{local[:1]}***")
    if len(local) < 3:
        assert hidden in ("<hidden>", "***")


@settings(max_examples=500, deadline=None)
@given(st.text(st.characters(codec="utf-8", exclude_characters="@"), max_size=20))
def test_a_value_without_an_at_shows_nothing(text: str) -> None:
    """An invalid value with no "@" (reported by a dump check) is hidden altogether."""
    assert EmailAddress(text).masked == "<hidden>"


@pytest.mark.parametrize(
    ("address", "masked"),
    [
        ("a@example.com", "***@example.com"),
        ("ab@example.com", "***@example.com"),
        ("abc@example.com", "a***@example.com"),
        ("ada.lovelace@example.com", "a***@example.com"),
        ("**@example.com", "<hidden>@example.com"),
    ],
)
def test_masked_forms(address: str, masked: str) -> None:
    """One- and two-character local parts show none of themselves; longer ones their first."""
    email = CommentSubmission.parse({"name": "N", "email": address, "body": "B"}).email

    assert (email.masked, str(email), repr(email)) == (masked, masked, f"EmailAddress({masked!r})")


def test_digest_is_the_hmac_of_the_casefolded_address_however_often_asked() -> None:
    """Remembered digests (one per key) equal the HMAC computed afresh; a copy starts empty."""
    import hashlib
    import hmac
    import pickle

    from commentguard._models.email import EmailAddress

    address = EmailAddress("Ada.Lovelace@Example.com")
    for secret in (b"one", b"two", b"one", b"", b"two"):
        expected = hmac.new(secret, b"ada.lovelace@example.com", hashlib.sha256).hexdigest()
        assert address.digest(secret) == expected
    address.digest(b"key-never-pickled")
    copy = pickle.loads(pickle.dumps(address))  # noqa: S301 - our own bytes, just made
    assert copy.digest(b"one") == address.digest(b"one")
    assert b"key-never-pickled" not in pickle.dumps(address)  # keys never travel with it
