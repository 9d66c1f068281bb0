"""The akismet check against a server on 127.0.0.1 speaking Akismet's protocol.

The real akismet clients make real HTTP requests here; only the address differs from Akismet's.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime

import pytest
from akismet_server import API_KEY, SITE_URL, AkismetServer, RegisterCheck

from commentguard import CommentSubmission, EmailOptions, Guard, ValidationOptions, Verdict
from commentguard.testing import async_guard_with, guard_with, make_settings, make_submission

EMAIL = "grace.hopper@example.org"


def settings(**section):
    return make_settings(checks={"akismet": {"api_key": API_KEY, "site_url": SITE_URL, **section}})


def full_submission(**fields):
    """A submission with every field Akismet can use."""
    return make_submission(
        **{
            "name": "Grace Hopper",
            "email": EMAIL,
            "body": "Nanoseconds are about a foot long.",
            "url": "https://grace.example.org",
            "permalink": "https://blog.example.com/2026/01/article-1",
            "referrer": "https://search.example/?q=nanoseconds",
            "user_agent": "Mozilla/5.0 (X11; Linux x86_64) Firefox/128.0",
            "ip": "203.0.113.7",
            "submitted_at": datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC),
            "thread_published_at": datetime(2025, 12, 31, 9, 0, tzinfo=UTC),
            **fields,
        }
    )


@pytest.fixture
def guard(local_plugin: RegisterCheck):
    with guard_with(local_plugin, settings=settings(), builtins=False) as guard:
        yield guard


def test_comment_check_sends_everything_akismet_uses(guard: Guard, akismet_server: AkismetServer):
    guard.moderate(full_submission())

    sent = akismet_server.fields("comment-check")
    assert sent == {
        "api_key": API_KEY,
        "blog": SITE_URL,
        "blog_charset": "UTF-8",
        "user_ip": "203.0.113.7",
        "user_agent": "Mozilla/5.0 (X11; Linux x86_64) Firefox/128.0",
        "referrer": "https://search.example/?q=nanoseconds",
        "permalink": "https://blog.example.com/2026/01/article-1",
        "comment_type": "comment",
        "comment_author": "Grace Hopper",
        "comment_author_email": EMAIL,
        "comment_author_url": "https://grace.example.org",
        "comment_content": "Nanoseconds are about a foot long.",
        "comment_date_gmt": "2026-01-02T03:04:05+00:00",
        "comment_post_modified_gmt": "2025-12-31T09:00:00+00:00",
        "honeypot_field_name": "cg_website",
    }


def test_a_reply_by_a_moderator_is_sent_as_such(
    local_plugin: RegisterCheck, akismet_server: AkismetServer
):
    section = {"blog_lang": "en, fr_ca", "is_test": True, "honeypot_field_name": None}
    with guard_with(local_plugin, settings=settings(**section), builtins=False) as guard:
        guard.moderate(full_submission(parent_id="c-41", author_role="moderator"))

    sent = akismet_server.fields("comment-check")
    assert sent["comment_type"] == "reply"
    assert sent["user_role"] == "administrator"
    assert sent["blog_lang"] == "en, fr_ca"
    assert sent["is_test"] == "true"
    assert "honeypot_field_name" not in sent


@pytest.mark.parametrize("kind", ["pingback", "trackback"])
def test_a_ping_without_an_address_is_sent_with_its_type(
    guard: Guard, akismet_server: AkismetServer, kind: str
):
    """An old pingback from a dump: Akismet's own comment_type, and no address to send."""
    ping = CommentSubmission.parse(
        {"name": "A blog", "body": "[...] linked here [...]", "ip": "203.0.113.9",
         "comment_type": kind, "parent_id": "c-1"},
        ValidationOptions(email=EmailOptions(required=False)),
    )  # fmt: skip
    guard.moderate(ping)

    sent = akismet_server.fields("comment-check")
    assert sent["comment_type"] == kind
    assert "comment_author_email" not in sent


def test_ham_is_published(guard: Guard, akismet_server: AkismetServer):
    akismet_server.answer = "false"

    decision = guard.moderate(full_submission())

    assert decision.verdict is Verdict.APPROVE
    assert decision.findings == ()


def test_spam_is_spam(guard: Guard, akismet_server: AkismetServer):
    akismet_server.answer = "true"

    decision = guard.moderate(full_submission())

    assert decision.verdict is Verdict.SPAM
    assert decision.codes == ("akismet.spam",)


def test_the_discard_pro_tip_is_discard(guard: Guard, akismet_server: AkismetServer):
    akismet_server.answer = "true"
    akismet_server.headers = {"X-akismet-pro-tip": "discard"}

    decision = guard.moderate(full_submission())

    assert decision.verdict is Verdict.DISCARD
    assert decision.codes == ("akismet.discard",)


def test_a_timeout_is_a_finding_with_the_fallback(
    local_plugin: RegisterCheck, akismet_server: AkismetServer
):
    akismet_server.delay = 2.0
    with guard_with(local_plugin, settings=settings(request_timeout=0.2), builtins=False) as guard:
        decision = guard.moderate(full_submission())

    assert decision.verdict is Verdict.HOLD
    assert decision.codes == ("akismet.timeout",)
    assert decision.timings["akismet"] < 1.5


@pytest.mark.parametrize(
    ("fallback", "verdict"), [("approve", Verdict.APPROVE), ("spam", Verdict.SPAM)]
)
def test_the_fallback_is_configurable(
    local_plugin: RegisterCheck, akismet_server: AkismetServer, fallback, verdict
):
    akismet_server.status = 503
    with guard_with(local_plugin, settings=settings(fallback=fallback), builtins=False) as guard:
        decision = guard.moderate(full_submission())

    assert decision.verdict is verdict
    assert decision.codes == ("akismet.unavailable",)
    assert "HTTP 503" in decision.findings[0].moderator_message


@pytest.mark.parametrize(
    ("answer", "code"),
    [
        ("invalid", "akismet.invalid_key"),
        ("maybe", "akismet.bad_response"),
        ("", "akismet.bad_response"),
        ("<html>Service Unavailable</html>", "akismet.bad_response"),
    ],
)
def test_an_answer_akismet_does_not_document_holds_the_comment(
    guard: Guard, akismet_server: AkismetServer, answer, code
):
    akismet_server.answer = answer

    decision = guard.moderate(full_submission())

    assert decision.verdict is Verdict.HOLD
    assert decision.codes == (code,)


def test_an_invalid_key_holds_the_comment(local_plugin: RegisterCheck):
    wrong = make_settings(checks={"akismet": {"api_key": "wrong", "site_url": SITE_URL}})
    with guard_with(local_plugin, settings=wrong, builtins=False) as guard:
        decision = guard.moderate(full_submission())

    assert decision.verdict is Verdict.HOLD
    assert decision.codes == ("akismet.invalid_key",)
    assert "refused the API key" in decision.findings[0].moderator_message


def test_nothing_listening_holds_the_comment():
    from akismet_server import check_class_for_port

    unreachable = RegisterCheck(check_class_for_port(1))  # nothing listens on port 1
    with guard_with(unreachable, settings=settings(), builtins=False) as guard:
        decision = guard.moderate(full_submission())

    assert decision.verdict is Verdict.HOLD
    assert decision.codes == ("akismet.unavailable",)


def test_a_comment_without_an_ip_address_is_not_sent(guard: Guard, akismet_server: AkismetServer):
    decision = guard.moderate(full_submission(ip=None))

    assert decision.verdict is Verdict.APPROVE
    assert decision.codes == ("akismet.no_ip",)
    assert akismet_server.requests == []


@pytest.mark.parametrize(
    ("verdict", "endpoint"),
    [("spam", "submit-spam"), ("discard", "submit-spam"), ("approve", "submit-ham")],
)
def test_a_moderators_verdict_is_sent_to_akismet(
    guard: Guard, akismet_server: AkismetServer, verdict, endpoint
):
    guard.report(full_submission(), verdict)

    ((name, sent),) = akismet_server.requests
    assert name == endpoint
    assert sent["comment_author_email"] == EMAIL
    assert sent["comment_content"] == "Nanoseconds are about a foot long."
    assert sent["user_ip"] == "203.0.113.7"


@pytest.mark.parametrize("verdict", ["hold", "reject"])
def test_hold_and_reject_are_not_sent(guard: Guard, akismet_server: AkismetServer, verdict):
    guard.report(full_submission(), verdict)

    assert akismet_server.requests == []


def test_reporting_can_be_turned_off(local_plugin: RegisterCheck, akismet_server: AkismetServer):
    with guard_with(local_plugin, settings=settings(report=False), builtins=False) as guard:
        guard.report(full_submission(), "spam")

    assert akismet_server.requests == []


def test_a_failed_report_is_logged_not_raised(
    guard: Guard, akismet_server: AkismetServer, caplog: pytest.LogCaptureFixture
):
    akismet_server.status = 500

    with caplog.at_level(logging.WARNING, logger="commentguard.akismet"):
        guard.report(full_submission(), "spam")

    assert "akismet submit-spam failed: it answered HTTP 500" in caplog.text


async def test_the_async_guard_uses_the_async_client(
    local_plugin: RegisterCheck, akismet_server: AkismetServer
):
    akismet_server.answer = "true"
    akismet_server.headers = {"X-akismet-pro-tip": "discard"}
    async with async_guard_with(local_plugin, settings=settings(), builtins=False) as guard:
        decision = await guard.moderate(full_submission())
        await guard.report(full_submission(), "approve")

    assert decision.verdict is Verdict.DISCARD
    assert [name for name, _ in akismet_server.requests] == ["comment-check", "submit-ham"]
    assert akismet_server.fields("comment-check")["comment_author_email"] == EMAIL


async def test_an_async_timeout_is_a_finding_with_the_fallback(
    local_plugin: RegisterCheck, akismet_server: AkismetServer
):
    akismet_server.delay = 2.0
    section = settings(request_timeout=0.2)
    async with async_guard_with(local_plugin, settings=section, builtins=False) as guard:
        decision = await guard.moderate(full_submission())

    assert decision.verdict is Verdict.HOLD
    assert decision.codes == ("akismet.timeout",)


def test_the_email_reaches_akismet_and_nothing_else(
    local_plugin: RegisterCheck, akismet_server: AkismetServer, caplog: pytest.LogCaptureFixture
):
    """The address goes to Akismet; never into findings, decisions, log lines or reprs."""
    seen: list[str] = []
    with caplog.at_level(logging.DEBUG):
        for answer, status in [("true", 200), ("invalid", 200), ("maybe", 200), ("", 500)]:
            akismet_server.answer, akismet_server.status = answer, status
            with guard_with(local_plugin, settings=settings(), builtins=False) as guard:
                decision = guard.moderate(full_submission())
                guard.report(full_submission(), "spam")
                seen += [decision.model_dump_json(), repr(decision), repr(guard.checks)]
                seen += [repr(finding) for finding in decision.findings]

    from commentguard_akismet import akismet_request

    seen.append(repr(akismet_request(full_submission())))
    seen.append(caplog.text)
    assert any(sent.get("comment_author_email") == EMAIL for _, sent in akismet_server.requests)
    assert "akismet" in caplog.text  # the failures were logged ...
    for text in seen:
        assert EMAIL not in text  # ... without the address
        assert "grace.hopper" not in text
