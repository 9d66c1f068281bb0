"""Comments without an address, and pingbacks and trackbacks: what old exports are made of."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from commentguard import (
    CommentSubmission,
    EmailOptions,
    Guard,
    InvalidSubmission,
    PublicComment,
    ValidationOptions,
    Verdict,
)
from commentguard._loaders import Record
from commentguard.dumps._runner import ANONYMOUS, submission_data
from commentguard.testing import make_settings

SECRET_KEY = "old-comments-test-secret-4d8b2f6a0c9e1375"
OPTIONAL = ValidationOptions(email=EmailOptions(required=False))
# Two links among words: links holds it, link_ratio (mostly links) does not.
LINKS = "See https://a.example and https://b.example: both have the council's figures"


def old(**fields: Any) -> CommentSubmission:
    """A submission as an old export has it: no address unless given."""
    data = {"name": "Guest", "body": "Nice write-up.", "ip": "192.0.2.1", **fields}
    return CommentSubmission.parse(data, OPTIONAL)


def guard(store_url: str, **checks: dict[str, object]) -> Guard:
    sections: dict[str, dict[str, object]] = {"flood": {}, "duplicate": {}, **checks}
    settings = make_settings(
        store=store_url, secret_key=SECRET_KEY, email={"required": False}, checks=sections
    )
    return Guard(settings, load_entry_points=False)


# -- the address is optional only where a setting says so ---------------------------------


@pytest.mark.parametrize("email", [None, "", "   "])
def test_forms_require_an_address(email: str | None) -> None:
    data = {"name": "Ada", "body": "Hi", **({} if email is None else {"email": email})}
    with pytest.raises(InvalidSubmission) as caught:
        CommentSubmission.parse(data)
    assert [(e.field, e.code) for e in caught.value.errors] == [("email", "email_missing")]


@pytest.mark.parametrize("email", [None, "", "   "])
def test_without_required_an_absent_address_is_none(email: str | None) -> None:
    submission = old(**({} if email is None else {"email": email}))
    assert submission.email is None
    assert submission.model_dump()["email"] is None
    assert PublicComment.from_submission(submission, secret=SECRET_KEY).avatar_key is None


def test_without_required_a_given_address_is_still_checked() -> None:
    with pytest.raises(InvalidSubmission) as caught:
        old(email="ada@")
    assert caught.value.errors[0].code == "email_invalid"
    assert old(email="Ada@Example.com").email is not None


@given(st.text(max_size=40).filter(lambda text: "@" not in text))
def test_text_without_an_at_sign_is_a_field_error_or_no_address(text: str) -> None:
    if text.strip():
        with pytest.raises(InvalidSubmission, match="email"):
            old(email=text)
    else:
        assert old(email=text).email is None


# -- checks work from what there is -------------------------------------------------------


def test_flood_limits_by_address_and_ip_and_by_ip_alone_without_one(store_url: str) -> None:
    with guard(store_url) as g:
        assert g.moderate(old(body="One.")).verdict is Verdict.APPROVE
        assert g.moderate(old(body="Two.", ip="198.51.100.9")).verdict is Verdict.APPROVE
        assert g.moderate(old(body="Three.")).codes == ("flood.too_fast",)


def test_a_repeat_by_the_same_name_without_an_address_is_a_duplicate(store_url: str) -> None:
    with guard(store_url, flood={"enabled": False}) as g:
        g.moderate(old(body="I agree with the council."))
        repeat = g.moderate(old(body="i agree with THE council!"))
        other = g.moderate(old(name="Someone Else", body="I agree with the council."))
    assert repeat.codes == ("duplicate.repeat",)
    assert other.verdict is Verdict.APPROVE


def test_no_one_is_trusted_by_name_alone(store_url: str) -> None:
    with guard(store_url, flood={"enabled": False}) as g:
        g.report(old(body=LINKS), Verdict.APPROVE)  # nothing to remember: no address
        again = g.moderate(old(body=LINKS + " again"))
    assert again.verdict is Verdict.HOLD
    assert "trusted_author.known" not in again.codes


# -- pingbacks and trackbacks -------------------------------------------------------------


@pytest.mark.parametrize("kind", ["pingback", "trackback"])
def test_pings_skip_what_only_a_readers_form_has(store_url: str, kind: str) -> None:
    """No honeypot, form token or posting rate; links, words and duplicates apply."""
    with guard(store_url, form_token={"required": True}) as g:
        names = {check.name for check in g._pipelines[kind]}
        first = g.moderate(old(comment_type=kind, body="A post links here."))
        second = g.moderate(old(comment_type=kind, body="Another post links here."))
        linked = g.moderate(old(comment_type=kind, body=LINKS, ip="198.51.100.3"))
        comment = g.moderate(old(body="A reader without a form token."))
    assert {"honeypot", "form_token", "flood", "trusted_author"}.isdisjoint(names)
    assert {"links", "wordlists", "duplicate", "profanity"} <= names
    assert (first.verdict, second.verdict) == (Verdict.APPROVE, Verdict.APPROVE)
    assert linked.codes == ("links.too_many",)
    assert comment.codes == ("form_token.missing",)


def test_moderate_many_skips_the_same_checks_as_moderate(store_url: str) -> None:
    submissions = [
        old(comment_type="pingback", body="Linked from my blog."),
        old(body="A comment with no token.", ip="198.51.100.4"),
        old(comment_type="trackback", body=LINKS, ip="198.51.100.5"),
    ]
    off: dict[str, object] = {"enabled": False}  # the second guard shares the first's store
    checks = {"flood": off, "duplicate": off, "form_token": {"required": True}}
    with guard(store_url, **checks) as g:
        one_by_one = [g.moderate(s).codes for s in submissions]
    with guard(store_url, **checks) as g:
        batched = [d.codes for d in g.moderate_many(submissions)]
    assert one_by_one == batched == [(), ("form_token.missing",), ("links.too_many",)]


# -- records of a dump --------------------------------------------------------------------


def record(kind: str = "comment", **data: object) -> Record:
    return Record("dump.xml", 1, "1", {"body": "Hello", **data}, kind=kind)


def test_a_record_without_a_name_is_anonymous() -> None:
    assert submission_data(record(), require_email=False)["name"] == ANONYMOUS
    assert submission_data(record(name="  "), require_email=False)["name"] == ANONYMOUS
    assert submission_data(record(name="Ada"), require_email=False)["name"] == "Ada"


@pytest.mark.parametrize(
    "digest",
    ["0bc83cb571cd1c50ba6f3e8a78ef1346", "A" * 40, "f" * 64],
)
def test_a_hashed_address_counts_as_none_unless_one_is_required(digest: str) -> None:
    assert "email" not in submission_data(record(email=digest), require_email=False)
    assert submission_data(record(email=digest), require_email=True)["email"] == digest


def test_a_ping_record_carries_its_type() -> None:
    data = submission_data(record("trackback", name="A blog"), require_email=False)
    assert CommentSubmission.parse(data, OPTIONAL).comment_type == "trackback"


def test_moderate_rows_treats_mappings_as_commentguard_check_does() -> None:
    from commentguard.dumps import moderate_rows, replay_settings

    settings = replay_settings(make_settings(), duplicates=False, require_email=False)
    with Guard(settings, load_entry_points=False) as g:
        rows = moderate_rows(
            g,
            [
                {"id": 1, "body": "No name, no address."},
                {
                    "id": "2",
                    "name": "Sam",
                    "email": "0bc83cb571cd1c50ba6f3e8a78ef1346",
                    "body": "Hi",
                },
                {"id": "3", "name": "Bo", "email": "bo@", "body": "Bad address."},
            ],
        )
    assert [(row["record_id"], row["name"], row["verdict"]) for row in rows] == [
        ("1", ANONYMOUS, "approve"),
        ("2", "Sam", "approve"),
        ("3", "Bo", "invalid"),
    ]
