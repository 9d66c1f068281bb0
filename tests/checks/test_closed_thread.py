"""The closed_thread check: refuse comments on threads older than close_after_days."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest

from commentguard import SettingsError, Verdict
from commentguard.checks import ClosedThreadCheck
from commentguard.checks._closed_thread import ClosedThreadSettings
from commentguard.testing import guard_with, make_settings, make_submission

SUBMITTED_AT = datetime(2026, 1, 1, 12, 0, tzinfo=UTC)


def moderate(published_at, **check_settings):
    settings = make_settings(checks={"closed_thread": check_settings})
    submission = make_submission(submitted_at=SUBMITTED_AT, thread_published_at=published_at)
    return guard_with(settings=settings).moderate(submission)


def test_off_by_default():
    """Without close_after_days even a ten-year-old thread accepts comments."""
    decision = moderate(SUBMITTED_AT - timedelta(days=3650))

    assert decision.verdict is Verdict.APPROVE
    assert decision.findings == ()


def test_thread_older_than_limit_is_closed():
    """A thread published 15 days ago with close_after_days=14 rejects the comment."""
    decision = moderate(SUBMITTED_AT - timedelta(days=15), close_after_days=14)

    assert decision.verdict is Verdict.REJECT
    assert decision.codes == ("closed_thread.closed",)
    assert not decision.accepted
    assert decision.author_message.startswith("Comments are closed")
    (finding,) = decision.findings
    assert finding.check == "closed_thread"
    assert "14" in finding.moderator_message


def test_closed_thread_short_circuits_later_checks():
    """A closed thread stops the pipeline before the content checks run."""
    decision = moderate(SUBMITTED_AT - timedelta(days=15), close_after_days=14)

    assert "links" not in decision.timings
    assert "profanity" not in decision.timings


@pytest.mark.parametrize(
    ("age", "verdict"),
    [
        (timedelta(days=13), Verdict.APPROVE),
        (timedelta(days=14), Verdict.APPROVE),
        (timedelta(days=14, seconds=1), Verdict.REJECT),
        (timedelta(days=15), Verdict.REJECT),
    ],
)
def test_limit_boundary(age, verdict):
    """Comments are accepted up to exactly close_after_days, and refused after."""
    assert moderate(SUBMITTED_AT - age, close_after_days=14).verdict is verdict


def test_without_publication_date_the_check_passes():
    """A submission without thread_published_at is never closed."""
    decision = moderate(None, close_after_days=1)

    assert decision.verdict is Verdict.APPROVE
    assert "closed_thread" in decision.timings


def test_thread_published_after_submission_is_open():
    """A publication date after the submission (clock skew) does not close the thread."""
    assert moderate(SUBMITTED_AT + timedelta(days=2), close_after_days=1).verdict is Verdict.APPROVE


def test_time_zones_are_compared_as_instants():
    """The age is computed on instants, whatever offset each datetime carries."""
    tokyo = timezone(timedelta(hours=9))
    # 2025-12-18 21:00+09:00 is 2025-12-18 12:00 UTC: exactly 14 days before submission.
    published = datetime(2025, 12, 18, 21, 0, tzinfo=tokyo)

    assert moderate(published, close_after_days=14).verdict is Verdict.APPROVE
    assert moderate(published - timedelta(minutes=1), close_after_days=14).verdict is (
        Verdict.REJECT
    )


@pytest.mark.parametrize("days", [0, -3])
def test_non_positive_days_is_a_settings_error(days):
    """close_after_days must be positive; the error names the key."""
    settings = make_settings(checks={"closed_thread": {"close_after_days": days}})

    with pytest.raises(SettingsError, match=r"checks\.closed_thread\.close_after_days"):
        guard_with(settings=settings)


def test_check_class_directly():
    """ClosedThreadCheck reports closed_thread.closed for an old thread and nothing otherwise."""
    check = ClosedThreadCheck(ClosedThreadSettings(close_after_days=1))

    old = make_submission(
        submitted_at=SUBMITTED_AT, thread_published_at=SUBMITTED_AT - timedelta(days=2)
    )
    new = make_submission(
        submitted_at=SUBMITTED_AT, thread_published_at=SUBMITTED_AT - timedelta(hours=2)
    )
    assert [finding.code for finding in check.check(old)] == ["closed_thread.closed"]
    assert tuple(check.check(new)) == ()
    assert tuple(ClosedThreadCheck().check(old)) == ()
