"""The honeypot check, short-circuiting, and how the guard handles checks that fail.

The check-error tests live here because, like short-circuiting, they are about what the guard
does around a check rather than about one built-in check.
"""

from __future__ import annotations

import logging
import threading

import pytest

import commentguard
from commentguard import Check, Finding, Verdict
from commentguard.checks import HoneypotCheck
from commentguard.testing import guard_with, make_settings, make_submission

LATER_CHECKS = (
    "form_token",
    "closed_thread",
    "spam_memory",
    "invisible_text",
    "disposable_mailbox",
    "homograph",
    "wordlists",
    "links",
    "bbcode_links",
    "link_ratio",
    "disguised_links",
    "profanity",
    "trusted_author",
)


class _Plugin:
    """A plugin object registering the given check classes."""

    def __init__(self, *check_classes: type[Check]) -> None:
        self._check_classes = check_classes

    @commentguard.hookimpl
    def register_checks(self, register):
        for check_class in self._check_classes:
            register(check_class)


# --- honeypot ------------------------------------------------------------------------------


@pytest.mark.parametrize("value", ["x", " ", "\t", "   \n ", "0", "https://spam.example/"])
def test_any_honeypot_value_discards(value):
    """Any value in the honeypot, even only whitespace, discards the comment."""
    decision = guard_with().moderate(make_submission(honeypot=value))

    assert decision.verdict is Verdict.DISCARD
    assert decision.codes == ("honeypot.filled",)
    (finding,) = decision.findings
    assert finding.check == "honeypot"
    assert finding.field == "honeypot"
    assert finding.verdict is Verdict.DISCARD


def test_discard_answers_like_an_accepted_comment():
    """A discarded comment tells the bot nothing: it is 'accepted' with the generic message."""
    decision = guard_with().moderate(make_submission(honeypot="bot"))

    assert decision.accepted
    assert "honeypot" not in decision.author_message.lower()
    assert decision.author_message == "Your comment is awaiting moderation."


def test_honeypot_value_from_a_mapping_counts_too():
    """A non-string honeypot value in raw form data (0) also discards."""
    data = {"name": "Ada", "email": "ada@example.com", "body": "Hello", "honeypot": 0}

    decision = guard_with().moderate(data)

    assert decision.verdict is Verdict.DISCARD
    assert decision.codes == ("honeypot.filled",)


@pytest.mark.parametrize("value", [None, ""])
def test_empty_honeypot_finds_nothing(value):
    """A missing or empty honeypot produces no finding and the comment is approved."""
    decision = guard_with().moderate(make_submission(honeypot=value))

    assert decision.verdict is Verdict.APPROVE
    assert decision.findings == ()


def test_honeypot_check_directly():
    """HoneypotCheck.check returns one discard finding for a filled field, none otherwise."""
    check = HoneypotCheck()

    (finding,) = check.check(make_submission(honeypot="filled"))
    assert finding.code == "honeypot.filled"
    assert finding.verdict is Verdict.DISCARD
    assert tuple(check.check(make_submission())) == ()


def test_discard_short_circuits_later_checks():
    """After a discard no later check runs: their findings and timings are absent."""
    body = "fuck this https://a.example https://b.example https://c.example"

    decision = guard_with().moderate(make_submission(honeypot="x", body=body))

    assert decision.codes == ("honeypot.filled",)
    assert set(decision.timings) == {"honeypot"}
    for name in LATER_CHECKS:
        assert name not in decision.timings


def test_without_a_discard_every_check_runs():
    """When nothing short-circuits, every enabled check appears in the timings."""
    decision = guard_with().moderate(make_submission())

    assert set(decision.timings) == {"honeypot", *LATER_CHECKS}


def test_disabled_honeypot_ignores_the_field():
    """With the honeypot check disabled, a filled honeypot changes nothing."""
    settings = make_settings(checks={"honeypot": {"enabled": False}})

    decision = guard_with(settings=settings).moderate(make_submission(honeypot="x"))

    assert decision.verdict is Verdict.APPROVE
    assert "honeypot" not in decision.timings


# --- checks that fail ----------------------------------------------------------------------

SECRET_DETAIL = "boom ada@example.com"


class ExplodingCheck(Check):
    """Raises on every submission, with a message quoting submission data."""

    name = "exploding"
    default_order = 1

    def check(self, submission):
        raise RuntimeError(SECRET_DETAIL)


class NotFindingsCheck(Check):
    """Returns something that is not a finding."""

    name = "not_findings"

    def check(self, submission):
        return ["links.too_many"]


class NoneCheck(Check):
    """Returns None, which counts as no findings."""

    name = "returns_none"

    def check(self, submission):
        return None


RELEASE = threading.Event()


class SlowCheck(Check):
    """Blocks until released (at most half a second)."""

    name = "slow"

    def check(self, submission):
        RELEASE.wait(0.5)
        return ()


def test_raising_check_holds_with_check_error():
    """A check that raises becomes a held check.error finding naming the check, not the error."""
    decision = guard_with(_Plugin(ExplodingCheck)).moderate(make_submission())

    assert decision.verdict is Verdict.HOLD
    assert decision.codes == ("check.error",)
    (finding,) = decision.findings
    assert finding.check == "exploding"
    assert finding.verdict is Verdict.HOLD
    assert "exploding" in finding.moderator_message
    assert "boom" not in finding.moderator_message
    assert "ada@example.com" not in finding.moderator_message
    assert "boom" not in decision.author_message


def test_raising_check_does_not_stop_later_checks():
    """A held check.error does not short-circuit: the checks after it still run."""
    decision = guard_with(_Plugin(ExplodingCheck)).moderate(make_submission(body="oh shit"))

    assert decision.codes == ("check.error", "profanity.word")
    assert "profanity" in decision.timings


def test_raising_check_logs_without_the_exception_message(caplog):
    """The warning logged for a failing check names the check but not the exception's text."""
    with caplog.at_level(logging.WARNING, logger="commentguard"):
        guard_with(_Plugin(ExplodingCheck)).moderate(make_submission())

    logged = " ".join(record.getMessage() for record in caplog.records)
    assert "exploding" in logged
    assert "boom" not in logged
    assert "ada@example.com" not in logged


def test_fail_open_check_error_approves():
    """With fail_open, a failing check leaves an approve-verdict check.error finding."""
    settings = make_settings(checks={"exploding": {"fail_open": True}})

    decision = guard_with(_Plugin(ExplodingCheck), settings=settings).moderate(make_submission())

    assert decision.verdict is Verdict.APPROVE
    (finding,) = decision.findings
    assert finding.code == "check.error"
    assert finding.verdict is Verdict.APPROVE
    assert "exploding" in finding.moderator_message


def test_slow_check_times_out():
    """A check that overruns its timeout becomes a held check.error saying it timed out."""
    settings = make_settings(checks={"slow": {"timeout": 0.05}})
    RELEASE.clear()
    try:
        with guard_with(_Plugin(SlowCheck), settings=settings) as guard:
            decision = guard.moderate(make_submission())
    finally:
        RELEASE.set()

    assert decision.verdict is Verdict.HOLD
    (finding,) = decision.findings
    assert finding.code == "check.error"
    assert finding.check == "slow"
    assert "timed out" in finding.moderator_message
    assert decision.timings["slow"] < 0.5


def test_check_within_its_timeout_passes():
    """A check with a timeout that finishes in time gives its own (empty) result."""
    settings = make_settings(checks={"slow": {"timeout": 5}})
    RELEASE.set()

    with guard_with(_Plugin(SlowCheck), settings=settings) as guard:
        decision = guard.moderate(make_submission())

    assert decision.verdict is Verdict.APPROVE
    assert decision.findings == ()


def test_check_returning_non_findings_is_a_check_error():
    """A check returning something other than Finding objects becomes a check.error."""
    decision = guard_with(_Plugin(NotFindingsCheck)).moderate(make_submission())

    assert decision.verdict is Verdict.HOLD
    (finding,) = decision.findings
    assert isinstance(finding, Finding)
    assert finding.code == "check.error"
    assert finding.check == "not_findings"


def test_check_returning_none_means_no_findings():
    """A check returning None is treated as having found nothing."""
    decision = guard_with(_Plugin(NoneCheck)).moderate(make_submission())

    assert decision.verdict is Verdict.APPROVE
    assert decision.findings == ()
    assert "returns_none" in decision.timings
