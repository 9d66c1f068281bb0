"""The email address never leaks: property tests over arbitrary submissions and settings.

A commenter's email is collected to reach them and to key their avatar, never to be shown. These
tests moderate arbitrary valid submissions with both guards, under word lists built from parts
of the submission itself (so findings can match inside the email), and look for the address in
everything a site might print, log, publish or return. Invalid submissions get the same check on
their errors.
"""

from __future__ import annotations

import asyncio
import logging
import re
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from typing import Any

import email_validator
import pytest
from hypothesis import HealthCheck, event, given, reject, settings
from hypothesis import strategies as st
from hypothesis.provisional import domains
from pydantic import ValidationError

from commentguard import (
    CommentSubmission,
    Decision,
    FormTokenSigner,
    InvalidSubmission,
    Moderation,
    PublicComment,
    Settings,
    Verdict,
)
from commentguard.testing import async_guard_with, guard_with, make_settings

PROPERTY_SETTINGS = settings(
    max_examples=100,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
CHEAP_PROPERTY_SETTINGS = settings(max_examples=150, deadline=None)

AVATAR_SECRET = "avatar-secret"
SEARCHED_FIELDS = ("name", "email", "url", "body", "ip", "user_agent")
OTHER_TEXT_FIELDS = (
    "name",
    "body",
    "url",
    "id",
    "parent_id",
    "thread_id",
    "permalink",
    "ip",
    "user_agent",
    "referrer",
    "honeypot",
    "form_token",
)


# --------------------------------------------------------------------------------------------
# capturing the "commentguard" logger (caplog does not mix with @given)


class ListHandler(logging.Handler):
    """Keeps every record's message and its fully formatted form (with any traceback)."""

    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.setFormatter(logging.Formatter("%(levelname)s %(name)s %(threadName)s %(message)s"))
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())
        self.messages.append(self.format(record))


@contextmanager
def captured_logs() -> Iterator[list[str]]:
    logger = logging.getLogger("commentguard")
    handler = ListHandler()
    level = logger.level
    logger.addHandler(handler)
    logger.setLevel(logging.DEBUG)
    try:
        yield handler.messages
    finally:
        logger.removeHandler(handler)
        logger.setLevel(level)


# --------------------------------------------------------------------------------------------
# strategies


def accepted_email(address: str) -> bool:
    """Whether commentguard's email rules (email-validator defaults, 100 chars) accept it."""
    stripped = address.strip()
    if not stripped or len(stripped) > 100:
        return False
    try:
        email_validator.validate_email(stripped, check_deliverability=False)
    except email_validator.EmailNotValidError:
        return False
    return True


SAFE_DOMAINS = ("example.com", "example.org", "mail.example.net", "müller.example", "例子.测试")
# Addresses at a listed disposable service: the disposable_mailbox check names the service.
DISPOSABLE_DOMAINS = ("mailinator.com", "box.guerrillamail.com")
ASCII_LOCAL_CHARS = (
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.!#$%&'*+-/=?^_`{|}~"
)

international_local_parts = st.text(
    st.characters(categories=("L", "N")) | st.sampled_from(ASCII_LOCAL_CHARS),
    min_size=1,
    max_size=20,
)
email_addresses = st.one_of(
    st.emails(domains=domains(max_length=40)),
    st.builds(
        "{}@{}".format,
        international_local_parts,
        st.sampled_from(SAFE_DOMAINS + DISPOSABLE_DOMAINS),
    ),
)
padding = st.sampled_from(["", " ", "\n", "  \t", "\r\n   "])
valid_emails = st.builds("{}{}{}".format, padding, email_addresses, padding).filter(accepted_email)

# Text a validated single-line field keeps: no control characters, no lone surrogates.
line_chars = st.characters(exclude_categories=("Cc", "Cs"))
body_chars = line_chars | st.sampled_from("\n\t\r")
names = st.text(line_chars, min_size=1, max_size=40).filter(str.strip)

# Fragments that make checks fire: links, listed words, bidi controls, email-like text.
TRIGGERS = (
    "http://spam.example/buy",
    "https://example.org/?ref=1",
    "www.cheap-pills.example",
    '<a href="http://a.example">a</a>',
    "[url=http://b.example]b[/url]",
    '<a href="http://d.example">https://e.example</a>',  # a disguised link
    "[md](https://c.example)",
    "shit",
    "viagra",
    "\u202eexe.docx",
    "mail me at someone@example.net",
    "192.168.1.",
)
words = st.text(line_chars, min_size=1, max_size=15).filter(str.strip)
body_fragments = st.text(body_chars, max_size=30) | st.sampled_from(TRIGGERS)
bodies = st.builds(
    lambda head, rest: " ".join([head, *rest]),
    words | st.sampled_from(TRIGGERS),
    st.lists(body_fragments, max_size=5),
)

page_urls = st.builds(
    "{}://{}/{}".format,
    st.sampled_from(["http", "https"]),
    domains(max_length=40),
    st.text("abcdefghijklmnopqrstuvwxyz0123456789-_~%/", max_size=20),
)
web_urls = page_urls | st.sampled_from(
    ["example.com", "https://example.org/blog", "http://müller.example/", ""]
)
short_texts = st.text(line_chars, max_size=20)
ids = st.none() | st.integers(min_value=0, max_value=10**12) | short_texts
aware_datetimes = st.datetimes(
    min_value=datetime(2000, 1, 1),
    max_value=datetime(2100, 1, 1),
    timezones=st.just(UTC),
)


@st.composite
def submission_data(draw: st.DrawFn) -> dict[str, Any]:
    """A mapping that validates into a submission, with a sample of optional fields filled."""
    data: dict[str, Any] = {
        "name": draw(names),
        "email": draw(valid_emails),
        "body": draw(bodies),
        "submitted_at": draw(aware_datetimes),
    }
    optional = {
        "url": web_urls,
        "id": ids,
        "parent_id": ids,
        "thread_id": ids,
        "permalink": page_urls,
        "referrer": page_urls,
        "thread_published_at": aware_datetimes,
        "ip": st.ip_addresses().map(str) | st.ip_addresses(),
        "user_agent": short_texts,
        "honeypot": st.text(max_size=10),
        "form_token": short_texts,
    }
    for key, strategy in optional.items():
        # A filled honeypot discards the comment before the other checks run: keep it rare.
        chance = 6 if key == "honeypot" else 2
        if draw(st.integers(1, chance)) == 1:
            data[key] = draw(strategy)
    return data


def _parts(data: dict[str, Any]) -> list[str]:
    """Strings a moderator might list as keys: pieces of this very submission."""
    email = str(data["email"]).strip()
    local, _, domain = email.rpartition("@")
    parts = [email, local, domain, "@" + domain]
    parts += [str(data[key]) for key in ("name", "body", "url", "ip", "user_agent") if key in data]
    return [part for part in parts if part.strip()]


@st.composite
def keys_from(draw: st.DrawFn, parts: list[str]) -> str:
    """A substring of one of ``parts`` (often the whole of it), or an unrelated word."""
    if draw(st.integers(0, 9)) == 0:
        return draw(st.text(line_chars, min_size=1, max_size=8))
    # Half the keys come from the email (whole, local part, domain), where a match is secret.
    text = draw(st.sampled_from(parts[:4] if draw(st.booleans()) else parts))
    if draw(st.booleans()):
        return text
    start = draw(st.integers(0, len(text) - 1))
    end = draw(st.integers(start + 1, len(text)))
    return text[start:end]


@st.composite
def cases(draw: st.DrawFn) -> tuple[dict[str, Any], Settings]:
    """A valid submission mapping and guard settings whose word lists come from it."""
    data = draw(submission_data())
    keys = st.lists(keys_from(_parts(data)), max_size=3)
    checks: dict[str, dict[str, Any]] = {
        "wordlists": {
            "moderation_keys": draw(keys),
            "disallowed_keys": draw(keys),
            "fields": draw(
                st.just(SEARCHED_FIELDS)
                | st.permutations(SEARCHED_FIELDS).flatmap(_nonempty_prefix)
            ),
        },
        "links": {"max_links": draw(st.integers(1, 3))},
        # Extra words recompile the ~800-word profanity pattern (slow): only now and then.
        "profanity": {"extra_words": draw(keys) if draw(st.integers(1, 4)) == 1 else []},
        "closed_thread": {"close_after_days": draw(st.none() | st.integers(1, 30))},
    }
    overrides: dict[str, Any] = {"checks": checks}
    if draw(st.booleans()):
        secret = "privacy-form-secret-4a8c2e6f0b9d1357"
        overrides["secret_key"] = secret
        if draw(st.booleans()):
            age = timedelta(seconds=draw(st.integers(-120, 10_000)))
            thread = draw(st.none() | st.sampled_from([data.get("thread_id"), "other-thread"]))
            data["form_token"] = FormTokenSigner(secret).issue(
                thread_id=None if thread is None else str(thread).strip() or None,
                now=data["submitted_at"] - age,
            )
    if draw(st.booleans()):
        overrides["short_circuit"] = draw(st.frozensets(st.sampled_from(list(Verdict))))
    return data, make_settings(**overrides)


def _nonempty_prefix(fields: list[str]) -> st.SearchStrategy[list[str]]:
    return st.integers(1, len(fields)).map(lambda size: fields[:size])


# --------------------------------------------------------------------------------------------
# helpers


def occurs(needle: str, haystack: str) -> bool:
    """Whether ``needle`` is in ``haystack``, exactly or ignoring case (as the word lists match)."""
    return (
        needle in haystack
        or needle.casefold() in haystack.casefold()
        or re.search(re.escape(needle), haystack, re.IGNORECASE) is not None
    )


def other_field_texts(data: dict[str, Any], submission: CommentSubmission) -> list[str]:
    """Every submitted and validated value except the email, as text."""
    texts = [str(value) for key, value in data.items() if key != "email"]
    texts += [str(getattr(submission, field)) for field in OTHER_TEXT_FIELDS]
    return texts


def finding_texts(decision: Decision) -> list[str]:
    texts = [repr(decision), str(decision), decision.model_dump_json(), repr(decision.model_dump())]
    texts.append(decision.author_message)
    if isinstance(decision, Moderation):  # what Guard.moderate returns: the submission rides along
        texts += [repr(decision.decision), repr(decision.submission), str(decision.submission)]
        texts += [repr(decision.public), decision.public.model_dump_json()]
    for finding in decision.findings:
        texts += [
            repr(finding),
            finding.moderator_message,
            finding.author_message or "",
            finding.matched or "",
            finding.model_dump_json(),
        ]
    return texts


def submission_texts(submission: CommentSubmission) -> list[str]:
    email = submission.email
    dump = submission.model_dump()
    json_dump = submission.model_dump(mode="json")
    public = PublicComment.from_submission(submission, secret=AVATAR_SECRET)
    changed = submission.model_copy(update={"body": "Edited by a moderator."})
    return [
        repr(submission),
        str(submission),
        repr(dump),
        *map(str, dump.values()),
        repr(json_dump),
        *map(str, json_dump.values()),
        submission.model_dump_json(),
        submission.model_dump_json(context={"reveal_email": False}),
        repr(email),
        str(email),
        f"{email}",
        f"{email!r}",
        f"{email!s}",
        "%s %r" % (email, email),  # noqa: UP031 - old-style formatting is what logging uses
        email.masked,
        public.model_dump_json(),
        repr(public),
        str(public),
        repr(changed),
        changed.model_dump_json(),
    ]


def assert_not_leaked(secrets: set[str], texts: list[str]) -> None:
    for secret in secrets:
        leaks = [text for text in texts if secret in text]
        assert not leaks, f"the email appears in {leaks!r}"


async def moderate_async(settings: Settings, submission: CommentSubmission) -> list[Decision]:
    async with async_guard_with(settings=settings) as guard:
        decision = await guard.moderate(submission)
        batch = [found async for found in guard.moderate_many([submission, submission])]
        await guard.report(submission, Verdict.SPAM)
        remembered = await guard.moderate(submission)  # spam_memory matches its signals
        await guard.report(submission, Verdict.APPROVE)
    return [decision, *batch, remembered]


# --------------------------------------------------------------------------------------------
# valid submissions


@PROPERTY_SETTINGS
@given(case=cases())
def test_moderating_valid_submission_never_reveals_email(
    case: tuple[dict[str, Any], Settings],
) -> None:
    """No repr, dump, public view, decision, finding or log line contains the email address."""
    data, guard_settings = case
    try:
        submission = CommentSubmission.parse(data, guard_settings.validation)
    except InvalidSubmission:
        reject()
    revealed = submission.email.reveal()
    raw = str(data["email"]).strip()
    others = other_field_texts(data, submission)
    if any(occurs(secret, text) for secret in (revealed, raw) for text in others):
        reject()

    with captured_logs() as logs:
        with guard_with(settings=guard_settings) as guard:
            decisions = [guard.moderate(data), guard.moderate(submission)]
            decisions += guard.moderate_many([submission, submission], batch_size=1)
            guard.report(submission, Verdict.SPAM)
            guard.report(data, Verdict.HOLD)
            decisions.append(guard.moderate(data))  # spam_memory matches the address now
        decisions += asyncio.run(moderate_async(guard_settings, submission))

    assert logs, "the log plugin should have logged each decision"
    event(f"verdict: {decisions[0].verdict.value}")
    if any(finding.field == "email" for decision in decisions for finding in decision.findings):
        event("a word list matched inside the email")
    if any(f.code == "spam_memory.email" for decision in decisions for f in decision.findings):
        event("spam_memory recognised the reported address")
    texts = [*submission_texts(submission), *logs]
    for decision in decisions:
        texts += finding_texts(decision)
    assert_not_leaked({revealed, raw}, texts)


@pytest.mark.parametrize("local", ["*", "**", "***", "****"])
def test_all_star_local_part_is_masked(local: str) -> None:
    """Masking hides the address even when its local part is made of stars."""
    address = f"{local}@example.com"
    submission = CommentSubmission.parse({"name": "Ada", "email": address, "body": "Hello."})
    assert submission.email.reveal() == address
    assert_not_leaked({address}, submission_texts(submission))


@CHEAP_PROPERTY_SETTINGS
@given(email=valid_emails)
def test_reveal_context_dumps_email(email: str) -> None:
    """``model_dump(context={"reveal_email": True})`` is the one explicit way to get the address."""
    submission = CommentSubmission.parse({"name": "Ada", "email": email, "body": "Hello."})
    revealed = submission.email.reveal()
    assert submission.model_dump(context={"reveal_email": True})["email"] == revealed
    assert submission.model_dump(mode="json", context={"reveal_email": True})["email"] == revealed
    assert revealed in submission.model_dump_json(context={"reveal_email": True})
    again = CommentSubmission.parse(submission.model_dump(context={"reveal_email": True}))
    assert again.email.reveal() == revealed
    for not_true in ({"reveal_email": 1}, {"reveal_email": "yes"}, {"reveal": True}, None):
        assert submission.model_dump(context=not_true)["email"] == submission.email.masked


# --------------------------------------------------------------------------------------------
# invalid submissions


def _with_control(text: str) -> st.SearchStrategy[str]:
    return st.sampled_from("\x00\x07\x1b\n\x7f").map(lambda char: text[:1] + char + text[1:])


BAD_FIELDS: dict[str, st.SearchStrategy[Any]] = {
    "name": st.sampled_from(["", "   ", None])
    | names.flatmap(_with_control)
    | st.text(line_chars, min_size=246, max_size=300).filter(lambda name: len(name.strip()) > 245),
    "body": st.sampled_from(["", " \n ", "\ud800"])
    | bodies.flatmap(_with_control).filter(
        lambda body: "\x00" in body or "\x07" in body or "\x1b" in body or "\x7f" in body
    ),
    "url": st.sampled_from(["javascript:alert(1)", "ftp://example.com", "http://", "a b", 3])
    | st.text(line_chars, max_size=10).map("javascript:{}".format),
    "ip": st.text(max_size=20).filter(lambda text: text.strip() and not _is_ip(text)),
    "submitted_at": st.datetimes(),
    "thread_id": st.booleans() | st.floats(),
    "user_agent": st.text(line_chars, max_size=10).flatmap(_with_control),
    "comment_author": st.text(max_size=10),
    "Email": st.text(max_size=10),
}


def _is_ip(text: str) -> bool:
    try:
        CommentSubmission.parse({"name": "n", "email": "a@example.com", "body": "b", "ip": text})
    except InvalidSubmission:
        return False
    return True


def _mutations(address: str) -> st.SearchStrategy[str]:
    """Ways to break a valid address; every result keeps an at-sign (or a look-alike)."""
    local, _, domain = address.rpartition("@")
    return st.sampled_from(
        [
            f"{local}@@{domain}",
            f"{local}@",
            f"@{domain}",
            f"{local}\uff20{domain}",
            f"{local} @{domain}",
            f"{local}@{domain.split('.')[0]}",
            f"{local}@{domain}..",
            f".{local}@{domain}",
            f"{local}@{domain}.test",
            f"{local}@{domain}.invalid",
            f"{local}@localhost",
            f'"{local}"@{domain}',
            f"<{local}@{domain}>",
            f"{local}\x00@{domain}",
            f"{local}@[192.0.2.1]",
            f"{local}@{'x' * 60}.{domain}",
            f"{local}{'y' * 64}@{domain}",
        ]
    )


invalid_emails = (
    email_addresses.flatmap(_mutations)
    .filter(lambda address: not accepted_email(address))
    .filter(lambda address: "@" in address or "\uff20" in address)
)


@st.composite
def invalid_cases(draw: st.DrawFn) -> tuple[dict[str, Any], str]:
    """A submission mapping that fails validation, and the email string it carries."""
    data: dict[str, Any] = {"name": draw(names), "body": draw(bodies)}
    if draw(st.booleans()):
        data["email"] = draw(invalid_emails)
    else:
        data["email"] = draw(valid_emails)
        bad = draw(st.lists(st.sampled_from(sorted(BAD_FIELDS)), min_size=1, max_size=3))
        for field in bad:
            data[field] = draw(BAD_FIELDS[field])
    if draw(st.booleans()):
        data["url"] = data.get("url", draw(web_urls))
    return data, data["email"].strip()


@CHEAP_PROPERTY_SETTINGS
@given(case=invalid_cases())
def test_invalid_submission_errors_never_reveal_email(case: tuple[dict[str, Any], str]) -> None:
    """InvalidSubmission and pydantic's ValidationError never quote the email, valid or not."""
    data, email = case
    if any(occurs(email, str(value)) for key, value in data.items() if key != "email"):
        reject()
    try:
        CommentSubmission.parse(data)
    except InvalidSubmission as exc:
        texts = [str(exc), repr(exc), repr(exc.errors), *map(str, exc.args)]
        texts += [f"{error.field} {error.code} {error.message}" for error in exc.errors]
        texts += [repr(exc.by_field())]
    else:
        reject()  # a bad-field draw that happens to be valid (a float thread_id that is 1.0...)
    try:
        CommentSubmission(**data)
    except ValidationError as exc:
        texts += [str(exc), repr(exc)]
    else:
        pytest.fail("CommentSubmission(...) accepted what parse() refused")
    assert_not_leaked({email}, texts)
