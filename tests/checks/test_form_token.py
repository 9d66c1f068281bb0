"""The form_token check and FormTokenSigner: signed, thread-bound, time-limited form tokens."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from pydantic import SecretStr

from commentguard import (
    ConfigurationError,
    FormToken,
    FormTokenSigner,
    InvalidFormToken,
    SettingsError,
    Verdict,
)
from commentguard.checks import FormTokenCheck
from commentguard.checks._form_token import FormTokenSettings
from commentguard.testing import guard_with, make_settings, make_submission

SECRET = "form-token-test-secret-2b8f4e6a0c9d1735"
SUBMITTED_AT = datetime(2026, 3, 14, 15, 9, 26, tzinfo=UTC)
THREAD = "article-1"


def token(age_seconds: float, *, thread_id: str | None = THREAD, secret: str = SECRET) -> str:
    """A token issued ``age_seconds`` before SUBMITTED_AT."""
    issued = SUBMITTED_AT - timedelta(seconds=age_seconds)
    return FormTokenSigner(secret).issue(thread_id=thread_id, now=issued)


def moderate(form_token: str | None, *, secret: str | None = SECRET, **check_settings):
    settings = make_settings(secret_key=secret, checks={"form_token": check_settings})
    submission = make_submission(form_token=form_token, submitted_at=SUBMITTED_AT, thread_id=THREAD)
    return guard_with(settings=settings).moderate(submission)


def test_valid_token_ten_seconds_old_is_approved():
    """A genuine token for this thread, used after 10 s, passes."""
    decision = moderate(token(10))

    assert decision.verdict is Verdict.APPROVE
    assert decision.findings == ()


def test_token_used_after_one_second_is_held_too_fast():
    """A form submitted 1 s after rendering is held as too fast for a person."""
    decision = moderate(token(1))

    assert decision.verdict is Verdict.HOLD
    assert decision.codes == ("form_token.too_fast",)
    (finding,) = decision.findings
    assert finding.field == "form_token"
    assert finding.verdict is Verdict.HOLD
    assert decision.author_message == "Your comment is awaiting moderation."


@pytest.mark.parametrize(("age", "verdict"), [(2.999, Verdict.HOLD), (3, Verdict.APPROVE)])
def test_min_seconds_boundary(age, verdict):
    """Exactly min_seconds (3 s by default) is enough; a moment less is too fast."""
    assert moderate(token(age)).verdict is verdict


def test_min_seconds_is_configurable():
    """With min_seconds=0 a token used after 1 s passes; with 20, one used after 10 s is held."""
    assert moderate(token(1), min_seconds=0).verdict is Verdict.APPROVE
    assert moderate(token(10), min_seconds=20).codes == ("form_token.too_fast",)


def test_three_hour_old_token_is_rejected_as_expired():
    """A token older than two hours is rejected and the author is asked to reload the page."""
    decision = moderate(token(3 * 3600))

    assert decision.verdict is Verdict.REJECT
    assert decision.codes == ("form_token.expired",)
    assert not decision.accepted
    assert "reload" in decision.author_message.lower()
    assert decision.findings[0].field == "form_token"


@pytest.mark.parametrize(("age", "verdict"), [(7200, Verdict.APPROVE), (7201, Verdict.REJECT)])
def test_max_age_boundary(age, verdict):
    """A token exactly max_age_seconds (7200) old passes; one second older is expired."""
    assert moderate(token(age)).verdict is verdict


def test_max_age_is_configurable():
    """With max_age_seconds=60, a two-minute-old token is expired."""
    assert moderate(token(120), max_age_seconds=60).codes == ("form_token.expired",)


def test_token_from_far_in_the_future_is_expired():
    """A token issued well after the submission (beyond clock skew) is refused as expired."""
    assert moderate(token(-600)).codes == ("form_token.expired",)


def test_expired_token_short_circuits_later_checks():
    """A rejected token stops the pipeline: later checks do not run."""
    decision = moderate(token(3 * 3600))

    assert "links" not in decision.timings
    assert "profanity" not in decision.timings


def _swap_signature(payload_from: str, signature_from: str) -> str:
    return payload_from.rsplit(".", 1)[0] + "." + signature_from.rsplit(".", 1)[1]


@pytest.mark.parametrize(
    "bad_token",
    [
        pytest.param("not-a-token", id="garbage"),
        pytest.param(token(10) + "x", id="appended"),
        pytest.param(token(10)[:-4], id="truncated"),
        pytest.param(_swap_signature(token(5000), token(10)), id="tampered-payload"),
        pytest.param(token(10, secret="another-site-secret"), id="other-secret"),
    ],
)
def test_forged_or_tampered_token_is_rejected_invalid(bad_token):
    """A token whose signature does not verify under this site's key is rejected as invalid."""
    decision = moderate(bad_token)

    assert decision.verdict is Verdict.REJECT
    assert decision.codes == ("form_token.invalid",)
    assert decision.findings[0].field == "form_token"
    assert "reload" in decision.author_message.lower()


def test_token_for_another_thread_is_rejected():
    """A genuine token issued for another thread is rejected as wrong_thread."""
    decision = moderate(token(10, thread_id="article-2"))

    assert decision.verdict is Verdict.REJECT
    assert decision.codes == ("form_token.wrong_thread",)


def test_token_without_thread_is_valid_on_any_thread():
    """A token issued without a thread id is accepted on any thread."""
    assert moderate(token(10, thread_id=None)).verdict is Verdict.APPROVE


def test_missing_token_rejected_when_required():
    """With required=True a submission without a token is rejected as missing."""
    decision = moderate(None, required=True)

    assert decision.verdict is Verdict.REJECT
    assert decision.codes == ("form_token.missing",)
    assert "reload" in decision.author_message.lower()


def test_missing_token_passes_when_not_required():
    """Without required, a submission carrying no token passes the check."""
    decision = moderate(None)

    assert decision.verdict is Verdict.APPROVE
    assert "form_token" in decision.timings
    assert decision.findings == ()


def test_required_without_secret_key_is_a_configuration_error():
    """Requiring tokens without a secret key fails when the guard is built."""
    settings = make_settings(checks={"form_token": {"required": True}})

    with pytest.raises(ConfigurationError, match="secret_key"):
        guard_with(settings=settings)


def test_required_but_disabled_without_secret_key_builds():
    """A disabled form_token check does not need a secret key, even with required set."""
    settings = make_settings(checks={"form_token": {"required": True, "enabled": False}})

    guard = guard_with(settings=settings)

    assert "form_token" not in {check.name for check in guard.checks}


def test_token_ignored_without_secret_key():
    """Without a secret key (and not required) a token cannot be verified and is ignored."""
    decision = moderate("anything", secret=None)

    assert decision.verdict is Verdict.APPROVE


@pytest.mark.parametrize(
    ("section", "key"),
    [
        ({"min_seconds": -1}, "checks.form_token.min_seconds"),
        ({"max_age_seconds": 0}, "checks.form_token.max_age_seconds"),
        ({"requried": True}, "checks.form_token.requried"),
    ],
)
def test_bad_setting_is_a_settings_error_naming_the_key(section, key):
    """An invalid or unknown form_token setting raises SettingsError naming the full key."""
    settings = make_settings(secret_key=SECRET, checks={"form_token": section})

    with pytest.raises(SettingsError) as raised:
        guard_with(settings=settings)

    assert key in str(raised.value)


# --- FormTokenSigner and the check class directly -------------------------------------------


def test_signer_round_trip():
    """read() returns the issue time and thread the token was issued with."""
    signer = FormTokenSigner(SECRET)

    read = signer.read(signer.issue(thread_id="t-9", now=SUBMITTED_AT))

    assert read == FormToken(issued_at=SUBMITTED_AT, thread_id="t-9", nonce=read.nonce)


def test_signer_accepts_secret_str():
    """A SecretStr key signs the same tokens as the plain string."""
    issued = FormTokenSigner(SecretStr(SECRET)).issue(now=SUBMITTED_AT)

    assert FormTokenSigner(SECRET).read(issued).issued_at == SUBMITTED_AT


def test_signer_refuses_other_sites_tokens():
    """A token signed with another key raises InvalidFormToken."""
    with pytest.raises(InvalidFormToken):
        FormTokenSigner(SECRET).read(token(10, secret="other"))


@pytest.mark.parametrize("secret", [None, ""])
def test_signer_needs_a_secret(secret):
    """A signer without a secret key cannot be built."""
    with pytest.raises(ConfigurationError):
        FormTokenSigner(secret)


def test_check_class_directly():
    """FormTokenCheck with an explicit signer reports too_fast and passes an older token."""
    check = FormTokenCheck(FormTokenSettings(), FormTokenSigner(SECRET))

    def submission(age):
        return make_submission(form_token=token(age), submitted_at=SUBMITTED_AT, thread_id=THREAD)

    assert [finding.code for finding in check.check(submission(0.5))] == ["form_token.too_fast"]
    assert tuple(check.check(submission(60))) == ()


@pytest.mark.parametrize(
    ("issued_for", "posted"),
    [(42, 42), (42, "42"), ("42", 42), (" article-1 ", "article-1"), (7.5, "7.5")],
    ids=["int", "int posted as text", "text posted as int", "padded", "float"],
)
def test_thread_id_of_any_type_matches_the_posted_one(issued_for, posted):
    """A token issued for an int (or padded) thread id is valid on that thread as posted."""
    issued = SUBMITTED_AT - timedelta(seconds=10)
    form_token = FormTokenSigner(SECRET).issue(thread_id=issued_for, now=issued)
    settings = make_settings(secret_key=SECRET)
    submission = make_submission(form_token=form_token, submitted_at=SUBMITTED_AT, thread_id=posted)

    assert guard_with(settings=settings).moderate(submission).verdict is Verdict.APPROVE


def test_a_bool_is_no_thread_id():
    """issue(thread_id=True) is a programming error, as it is in a submission."""
    with pytest.raises(TypeError, match="bool"):
        FormTokenSigner(SECRET).issue(thread_id=True)


@pytest.mark.parametrize("microsecond", [0, 400, 500, 999_999])
def test_a_token_never_reads_as_issued_after_it_was(microsecond):
    """The issue time is kept to the millisecond rounding down, so a token used at once with
    min_seconds = 0 is never too fast."""
    now = SUBMITTED_AT.replace(microsecond=microsecond)

    read = FormTokenSigner(SECRET).read(FormTokenSigner(SECRET).issue(now=now))

    assert now - timedelta(milliseconds=1) < read.issued_at <= now
    submission = make_submission(
        form_token=FormTokenSigner(SECRET).issue(now=now), submitted_at=now
    )
    settings = make_settings(secret_key=SECRET, checks={"form_token": {"min_seconds": 0}})
    assert guard_with(settings=settings).moderate(submission).verdict is Verdict.APPROVE
