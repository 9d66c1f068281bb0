"""The validation rules of CommentSubmission, and the small models around it.

Each test covers one rule, with a table of inputs. Submissions are built with
``CommentSubmission.parse`` from a minimal valid mapping, so a test only states the field it is
about.
"""

from __future__ import annotations

import math
import socket
from datetime import UTC, datetime, timedelta, timezone
from ipaddress import IPv4Address, IPv6Address
from typing import Any

import email_validator
import email_validator.deliverability
import pytest
from pydantic import SecretStr, ValidationError

from commentguard import (
    CommentguardError,
    CommentSubmission,
    Decision,
    EmailOptions,
    FieldError,
    Finding,
    InvalidSubmission,
    PublicComment,
    SubmissionLimits,
    ValidationOptions,
    Verdict,
)

BASE: dict[str, Any] = {
    "name": "Ada Lovelace",
    "email": "ada@example.com",
    "body": "A thoughtful comment about the article.",
}

MISSING = object()
"""Marks a field to leave out of the mapping altogether."""


def data_with(**fields: Any) -> dict[str, Any]:
    """Return the valid base mapping with ``fields`` replaced (``MISSING`` removes a key)."""
    data = {**BASE, **fields}
    return {key: value for key, value in data.items() if value is not MISSING}


def parse(options: ValidationOptions | None = None, **fields: Any) -> CommentSubmission:
    data = data_with(**fields)
    if options is None:
        return CommentSubmission.parse(data)
    return CommentSubmission.parse(data, options)


def errors_of(options: ValidationOptions | None = None, **fields: Any) -> dict[str, FieldError]:
    with pytest.raises(InvalidSubmission) as caught:
        parse(options, **fields)
    return caught.value.by_field()


def only_error(field: str, options: ValidationOptions | None = None, **fields: Any) -> FieldError:
    """Parse, expect exactly one error, on ``field``, and return it."""
    errors = errors_of(options, **fields)
    assert list(errors) == [field]
    return errors[field]


def limits(**values: int) -> ValidationOptions:
    return ValidationOptions(limits=SubmissionLimits(**values))


# --------------------------------------------------------------------------------------------
# name


@pytest.mark.parametrize(
    "value",
    [MISSING, None, "", " ", "   \t\n ", "\u3000", 42, ["Ada"]],
    ids=["absent", "none", "empty", "space", "whitespace", "ideographic-space", "int", "list"],
)
def test_name_is_required(value: object) -> None:
    """An absent, empty, whitespace-only or non-text name is ``name_missing``."""
    error = only_error("name", name=value)
    assert error.code == "name_missing"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("  Ada  ", "Ada"),
        ("\tAda Lovelace\n", "Ada Lovelace"),
        ("Ada  Lovelace", "Ada  Lovelace"),
        ("Jürgen Müller", "Jürgen Müller"),
        (" 用户 ", "用户"),
        ("O'Brien 🎉", "O'Brien 🎉"),
    ],
)
def test_name_is_trimmed(raw: str, expected: str) -> None:
    """Surrounding whitespace is removed; inner whitespace and any script are kept."""
    assert parse(name=raw).name == expected


@pytest.mark.parametrize(
    "value",
    [
        "Ada\x00Lovelace",
        "Ada\x07",
        "Ada\nLovelace",
        "Ada\tLovelace",
        "\x1b[31mAda",
        "Ada\x7f",
        "A\ud800",
    ],
    ids=["nul", "bell", "newline", "tab", "escape", "delete", "lone-surrogate"],
)
def test_name_with_control_characters_is_name_invalid_chars(value: str) -> None:
    """Control characters (and lone surrogates) inside a name are ``name_invalid_chars``."""
    assert only_error("name", name=value).code == "name_invalid_chars"


@pytest.mark.parametrize(
    ("options", "length", "ok"),
    [
        (None, 245, True),
        (None, 246, False),
        (limits(name_max_chars=10), 10, True),
        (limits(name_max_chars=10), 11, False),
    ],
    ids=["default-at-limit", "default-over", "custom-at-limit", "custom-over"],
)
def test_name_over_limit_is_name_too_long(
    options: ValidationOptions | None, length: int, ok: bool
) -> None:
    """Names are limited to 245 characters (WordPress), or to ``name_max_chars``."""
    name = "é" * length  # counted in characters, not bytes
    if ok:
        assert parse(options, name=name).name == name
    else:
        error = only_error("name", options, name=name)
        assert error.code == "name_too_long"
        assert str(length - 1) in error.message


# --------------------------------------------------------------------------------------------
# email


@pytest.mark.parametrize(
    "value", [MISSING, None, "", "   \n "], ids=["absent", "none", "empty", "whitespace"]
)
def test_email_is_required(value: object) -> None:
    """An absent, empty or whitespace-only email is ``email_missing``."""
    assert only_error("email", email=value).code == "email_missing"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("  a@example.com\n   ", "a@example.com"),
        ("\ta@example.com", "a@example.com"),
        ("a@example.com\r\n", "a@example.com"),
    ],
)
def test_email_surrounding_whitespace_is_stripped(raw: str, expected: str) -> None:
    """Whitespace around the address (as in WordPress exports) is removed."""
    assert parse(email=raw).email.reveal() == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Ada@EXAMPLE.COM", "Ada@example.com"),
        ("ada@Example.Org", "ada@example.org"),
        ("user@\uff25\uff38\uff21\uff2d\uff30\uff2c\uff25.com", "user@example.com"),
        ("a@xn--mller-kva.example", "a@müller.example"),
    ],
    ids=["upper-domain", "mixed-domain", "fullwidth-domain", "punycode-domain"],
)
def test_email_is_normalised(raw: str, expected: str) -> None:
    """The domain is lower-cased and IDNA-normalised; the local part keeps its case."""
    assert parse(email=raw).email.reveal() == expected


@pytest.mark.parametrize(
    "address",
    ["jürgen@müller.example", "用户@例子.测试", "Ω@example.com", "δοκιμή@παράδειγμα.δοκιμή"],
)
def test_internationalised_email_is_accepted(address: str) -> None:
    """Non-ASCII local parts and domains (SMTPUTF8, IDNA) are valid addresses."""
    assert parse(email=address).email.reveal() == address


@pytest.mark.parametrize(
    "value",
    [
        "not-an-email",
        "jane@",
        "@example.com",
        "bob@@example.com",
        "a@b",
        "a b@example.com",
        "a@example..com",
        ".a@example.com",
        '"quoted"@example.com',
        "a@[192.0.2.1]",
        "a@localhost",
        "a@example.test",
        "a\x00@example.com",
        "a\ud800@example.com",
        "<a@example.com>",
    ],
)
def test_invalid_email_is_email_invalid(value: str) -> None:
    """Anything email-validator refuses (with its default options) is ``email_invalid``."""
    assert only_error("email", email=value).code == "email_invalid"


def _address(length: int) -> str:
    local = "a" * 64
    return f"{local}@{'b' * (length - len(local) - len('@.example'))}.example"


@pytest.mark.parametrize(
    ("options", "address", "ok"),
    [
        (None, _address(100), True),
        (None, f"  {_address(100)}\n", True),
        (None, _address(101), False),
        (limits(email_max_chars=20), "abcdefgh@example.com", True),
        (limits(email_max_chars=20), "abcdefghi@example.com", False),
    ],
    ids=["default-at-limit", "padded-at-limit", "default-over", "custom-at-limit", "custom-over"],
)
def test_email_over_limit_is_email_too_long(
    options: ValidationOptions | None, address: str, ok: bool
) -> None:
    """Addresses are limited to 100 characters (WordPress), counted after stripping."""
    if ok:
        assert parse(options, email=address).email.reveal() == address.strip()
    else:
        assert only_error("email", options, email=address).code == "email_too_long"


def _no_network(*args: object, **kwargs: object) -> None:
    raise AssertionError("validation must not use the network")


@pytest.mark.parametrize(
    "options",
    [None, ValidationOptions(), ValidationOptions(email=EmailOptions(dns_timeout=1))],
    ids=["no-options", "default-options", "custom-timeout"],
)
def test_deliverability_is_not_checked_by_default(
    monkeypatch: pytest.MonkeyPatch, options: ValidationOptions | None
) -> None:
    """Unless asked for, an address with a domain that does not exist is accepted without DNS."""
    monkeypatch.setattr(socket, "socket", _no_network)
    monkeypatch.setattr(socket, "getaddrinfo", _no_network)
    monkeypatch.setattr(
        email_validator.deliverability, "validate_email_deliverability", _no_network
    )
    address = "x@nonexistent-domain-zzz.example"
    assert parse(options, email=address).email.reveal() == address


@pytest.mark.parametrize(("deliverable", "code"), [(True, None), (False, "email_undeliverable")])
def test_deliverability_check_when_enabled(
    monkeypatch: pytest.MonkeyPatch, deliverable: bool, code: str | None
) -> None:
    """``check_deliverability=True`` asks DNS (stubbed here) and refuses an undeliverable domain."""
    calls: list[tuple[str, object]] = []

    def fake_dns(domain: str, domain_i18n: str, timeout: object, resolver: object) -> dict:
        calls.append((domain, timeout))
        if not deliverable:
            raise email_validator.EmailUndeliverableError("no MX for x@nowhere.example")
        return {"mx": [(10, "mx.nowhere.example")], "mx_fallback_type": None}

    monkeypatch.setattr(email_validator.deliverability, "validate_email_deliverability", fake_dns)
    options = ValidationOptions(email=EmailOptions(check_deliverability=True, dns_timeout=2))
    if code is None:
        assert parse(options, email="x@nowhere.example").email.reveal() == "x@nowhere.example"
    else:
        error = only_error("email", options, email="x@nowhere.example")
        assert error.code == code
        assert "nowhere" not in error.message
    assert calls == [("nowhere.example", 2)]


# --------------------------------------------------------------------------------------------
# url


@pytest.mark.parametrize(
    "value", [MISSING, None, "", "   "], ids=["absent", "none", "empty", "whitespace"]
)
def test_url_is_optional(value: object) -> None:
    """No website, or an empty one, is ``None``."""
    assert parse(url=value).url is None


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("example.com", "http://example.com"),
        ("www.example.com/blog?p=1", "http://www.example.com/blog?p=1"),
        ("localhost:8000", "http://localhost:8000"),
        ("  example.org  ", "http://example.org"),
        ("https://example.com/", "https://example.com/"),
        ("HTTP://EXAMPLE.COM", "HTTP://EXAMPLE.COM"),
        ("http://müller.example/", "http://müller.example/"),
    ],
)
def test_url_bare_host_gets_http(raw: str, expected: str) -> None:
    """A bare host gets ``http://`` (as WordPress does); http(s) URLs are kept, trimmed."""
    assert parse(url=raw).url == expected


@pytest.mark.parametrize(
    "value",
    [
        "javascript:alert(1)",
        "JavaScript:alert(document.cookie)",
        "ftp://example.com/file.txt",
        "data:text/html;base64,PHNjcmlwdD4=",
        "file:///etc/passwd",
        "gopher://example.com/",
    ],
)
def test_url_with_other_scheme_is_url_scheme(value: str) -> None:
    """Only http and https are allowed: other schemes are ``url_scheme``."""
    assert only_error("url", url=value).code == "url_scheme"


@pytest.mark.parametrize(
    "value",
    [
        "http://",
        "https://",
        "http://example.com:99999",
        "http://[::1",
        "https://nodot",
        "http:///path-only",
        42,
    ],
)
def test_junk_url_is_url_invalid(value: object) -> None:
    """Values that are not a web address with a host are ``url_invalid``."""
    assert only_error("url", url=value).code == "url_invalid"


@pytest.mark.parametrize(
    ("options", "url", "ok"),
    [
        (None, "https://example.com/" + "a" * 180, True),
        (None, "https://example.com/" + "a" * 181, False),
        (limits(url_max_chars=20), "https://example.com/", True),
        (limits(url_max_chars=20), "https://example.com/a", False),
    ],
    ids=["default-at-limit", "default-over", "custom-at-limit", "custom-over"],
)
def test_url_over_limit_is_url_too_long(
    options: ValidationOptions | None, url: str, ok: bool
) -> None:
    """Websites are limited to 200 characters (WordPress), or to ``url_max_chars``."""
    if ok:
        assert parse(options, url=url).url == url
    else:
        assert only_error("url", options, url=url).code == "url_too_long"


@pytest.mark.parametrize(
    ("options", "host", "ok"),
    [
        (None, f"{'a' * 63}.{'b' * 63}.{'c' * 61}.com", True),  # labels of at most 63
        (None, f"{'a' * 63}.{'b' * 63}.{'c' * 62}.com", False),
        (limits(url_max_chars=20), "abcdefghi.com", True),
        (limits(url_max_chars=20), "abcdefghij.com", False),
    ],
    ids=["default-at-limit", "default-over", "custom-at-limit", "custom-over"],
)
def test_url_limit_counts_added_scheme(
    options: ValidationOptions | None, host: str, ok: bool
) -> None:
    """The limit applies to the stored url, ``http://`` included: it never exceeds the column."""
    limit = (options or ValidationOptions()).limits.url_max_chars
    if ok:
        url = parse(options, url=host).url
        assert url == f"http://{host}"
        assert len(url) == limit
    else:
        assert only_error("url", options, url=host).code == "url_too_long"


# --------------------------------------------------------------------------------------------
# body


@pytest.mark.parametrize(
    "value",
    [MISSING, None, "", "  \n\t  ", 7],
    ids=["absent", "none", "empty", "whitespace", "int"],
)
def test_body_is_required(value: object) -> None:
    """An absent, empty, whitespace-only or non-text body is ``body_missing``."""
    assert only_error("body", body=value).code == "body_missing"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("  Hello  ", "Hello"), ("\n\nHello\n\n", "Hello"), ("\t Hello world \r\n", "Hello world")],
)
def test_body_is_trimmed(raw: str, expected: str) -> None:
    """Leading and trailing whitespace is removed from the body."""
    assert parse(body=raw).body == expected


@pytest.mark.parametrize(
    "value",
    ["Hello\x00world", "Bell\x07", "Esc\x1b[2J", "Back\x08space", "\ud800", "lone \udfff low"],
    ids=["nul", "bell", "escape", "backspace", "lone-high-surrogate", "lone-low-surrogate"],
)
def test_body_with_control_characters_is_body_invalid_chars(value: str) -> None:
    """NUL, other control characters and lone surrogates are refused, without crashing."""
    assert only_error("body", body=value).code == "body_invalid_chars"


@pytest.mark.parametrize(
    "body",
    ["line one\nline two", "col\tcol", "windows\r\nline", "para\n\n\tindented"],
)
def test_body_keeps_tabs_and_newlines(body: str) -> None:
    """Tabs, newlines and carriage returns inside the body are allowed and kept."""
    assert parse(body=body).body == body


@pytest.mark.parametrize(
    ("options", "body", "ok"),
    [
        (None, "a" * 65_525, True),
        (None, "a" * 65_526, False),
        (None, "é" * 32_762, True),  # 65,524 bytes
        (None, "é" * 32_763, False),  # 65,526 bytes, only 32,763 characters
        (None, "€" * 21_841, True),  # 65,523 bytes
        (None, "€" * 21_842, False),  # 65,526 bytes
        (None, "😀" * 16_381, True),  # 65,524 bytes
        (None, "😀" * 16_382, False),  # 65,528 bytes
        (limits(body_max_bytes=10), "ééééé", True),
        (limits(body_max_bytes=10), "éééééa", False),
    ],
    ids=[
        "ascii-at-limit",
        "ascii-over",
        "2-byte-under",
        "2-byte-over",
        "3-byte-under",
        "3-byte-over",
        "4-byte-under",
        "4-byte-over",
        "custom-at-limit",
        "custom-over",
    ],
)
def test_body_limit_counts_utf8_bytes(
    options: ValidationOptions | None, body: str, ok: bool
) -> None:
    """The body limit (65,525, WordPress's TEXT column) counts UTF-8 bytes, not characters."""
    if ok:
        assert parse(options, body=body).body == body
    else:
        assert only_error("body", options, body=body).code == "body_too_long"


# --------------------------------------------------------------------------------------------
# ip


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("192.0.2.10", IPv4Address("192.0.2.10")),
        (" 198.51.100.7 ", IPv4Address("198.51.100.7")),
        ("2001:db8::1", IPv6Address("2001:db8::1")),
        ("::ffff:192.0.2.1", IPv6Address("::ffff:192.0.2.1")),
        (IPv4Address("203.0.113.5"), IPv4Address("203.0.113.5")),
        (IPv6Address("2001:db8::2"), IPv6Address("2001:db8::2")),
        ("", None),
        (None, None),
        (MISSING, None),
    ],
)
def test_ip_accepts_ipv4_and_ipv6(raw: object, expected: object) -> None:
    """IPv4 and IPv6 addresses (text or ipaddress objects) are accepted; empty means none."""
    assert parse(ip=raw).ip == expected


@pytest.mark.parametrize(
    "value",
    ["not-an-ip", "256.1.1.1", "192.0.2", "2001:db8:::1", "192.0.2.10/24", "   ", 12345],
)
def test_junk_ip_is_ip_invalid(value: object) -> None:
    """Anything that is not a single IP address is ``ip_invalid``."""
    assert only_error("ip", ip=value).code == "ip_invalid"


# --------------------------------------------------------------------------------------------
# submitted_at


@pytest.mark.parametrize(
    "value",
    [datetime(2026, 1, 1, 12, 0), "2026-01-01T12:00:00", "yesterday", 1.5e20],
    ids=["naive-datetime", "naive-string", "junk", "out-of-range"],
)
def test_submitted_at_naive_is_refused(value: object) -> None:
    """A submission time without a time zone is ``submitted_at_invalid``."""
    assert only_error("submitted_at", submitted_at=value).code == "submitted_at_invalid"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (datetime(2026, 1, 1, 12, tzinfo=UTC), datetime(2026, 1, 1, 12, tzinfo=UTC)),
        (
            datetime(2026, 1, 1, 14, tzinfo=timezone(timedelta(hours=2))),
            datetime(2026, 1, 1, 12, tzinfo=UTC),
        ),
        ("2026-01-01T12:00:00Z", datetime(2026, 1, 1, 12, tzinfo=UTC)),
        ("2026-01-01T07:00:00-05:00", datetime(2026, 1, 1, 12, tzinfo=UTC)),
    ],
)
def test_submitted_at_aware_is_accepted(raw: object, expected: datetime) -> None:
    """Aware datetimes (objects or ISO strings with an offset) are accepted unchanged."""
    submitted_at = parse(submitted_at=raw).submitted_at
    assert submitted_at == expected
    assert submitted_at.utcoffset() is not None


def test_submitted_at_defaults_to_now_utc() -> None:
    """Without a submission time, the current time in UTC is used."""
    before = datetime.now(UTC)
    submitted_at = parse().submitted_at
    after = datetime.now(UTC)
    assert before <= submitted_at <= after
    assert submitted_at.utcoffset() == timedelta(0)


# --------------------------------------------------------------------------------------------
# ids


@pytest.mark.parametrize("field", ["id", "parent_id", "thread_id"])
@pytest.mark.parametrize(
    ("raw", "expected"),
    [(42, "42"), (0, "0"), (-7, "-7"), ("article-1", "article-1"), ("  7 ", "7"), ("", None)],
)
def test_ids_are_coerced_to_str(field: str, raw: object, expected: str | None) -> None:
    """Integer ids (database keys) become strings; text ids are trimmed; empty means none."""
    assert getattr(parse(**{field: raw}), field) == expected


@pytest.mark.parametrize("field", ["id", "parent_id", "thread_id"])
@pytest.mark.parametrize(
    ("raw", "code"),
    [(True, "invalid"), (1.5, "invalid"), ("a\x00b", "invalid_chars"), ("x" * 256, "too_long")],
    ids=["bool", "float", "nul", "too-long"],
)
def test_bad_ids_are_refused(field: str, raw: object, code: str) -> None:
    """Booleans, floats, control characters and over-long ids get ``<field>_<problem>``."""
    assert only_error(field, **{field: raw}).code == f"{field}_{code}"


# --------------------------------------------------------------------------------------------
# honeypot


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (None, None),
        ("", None),
        (" ", " "),
        ("http://spam.example", "http://spam.example"),
        (0, "0"),
    ],
)
def test_honeypot_keeps_any_value(raw: object, expected: str | None) -> None:
    """Any honeypot value, even blank, is kept as text and never refused (that tips off bots)."""
    assert parse(honeypot=raw).honeypot == expected


@pytest.mark.parametrize(
    ("options", "length"),
    [(None, 2048), (limits(token_max_chars=5), 5)],
    ids=["default", "custom"],
)
def test_honeypot_is_truncated(options: ValidationOptions | None, length: int) -> None:
    """A long honeypot value is cut to ``token_max_chars`` instead of refused."""
    assert parse(options, honeypot="x" * (length + 100)).honeypot == "x" * length


@pytest.mark.parametrize("value", ["\ud800", "bot\udfff"], ids=["high", "low"])
def test_honeypot_with_lone_surrogate_stays_serialisable(value: str) -> None:
    """A submission the model accepts can always be dumped to JSON (the CLI writes dumps)."""
    submission = parse(honeypot=value)
    assert submission.honeypot is not None
    submission.model_dump_json()


# --------------------------------------------------------------------------------------------
# errors


@pytest.mark.parametrize(
    "extra",
    [{"comment_author": "Ada"}, {"Email": "ada@example.com"}, {"email ": "x"}, {"avatar": None}],
)
def test_unknown_field_is_unknown_field(extra: dict[str, object]) -> None:
    """A key that is not a submission field is refused with ``unknown_field`` under its name."""
    [key] = extra
    error = only_error(key, **extra)
    assert error == FieldError(key, "unknown_field", "This field is not part of a comment.")


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        ({"name": "\x00" * 300}, {"name": "name_invalid_chars"}),
        ({"body": "\x00" + "a" * 70_000}, {"body": "body_invalid_chars"}),
        ({"email": " " * 120}, {"email": "email_missing"}),
        ({"url": "javascript:" + "a" * 300}, {"url": "url_too_long"}),
        (
            {"name": "", "email": "bad", "body": "", "url": "ftp://x.example", "ip": "x"},
            {
                "name": "name_missing",
                "email": "email_invalid",
                "body": "body_missing",
                "url": "url_scheme",
                "ip": "ip_invalid",
            },
        ),
    ],
    ids=["name", "body", "email", "url", "several"],
)
def test_one_error_per_field(fields: dict[str, object], expected: dict[str, str]) -> None:
    """A field with several problems gets one error: the first that applies."""
    with pytest.raises(InvalidSubmission) as caught:
        parse(**fields)
    assert [(error.field, error.code) for error in caught.value.errors] == list(expected.items())


@pytest.mark.parametrize(
    "data",
    [
        {
            "zzz": 1,
            "submitted_at": "naive",
            "ip": "x",
            "thread_id": True,
            "url": "javascript:x",
            "body": "",
            "email": "@",
            "name": "",
        },
        {"email": "@", "aaa": 1, "name": None},
    ],
    ids=["all-reversed", "missing-body"],
)
def test_errors_come_in_model_field_order(data: dict[str, object]) -> None:
    """Errors follow the order of the model's fields, whatever the input's order; unknown last."""
    with pytest.raises(InvalidSubmission) as caught:
        CommentSubmission.parse(data)
    fields = [error.field for error in caught.value.errors]
    order = [
        *CommentSubmission.model_fields,
        *sorted(set(data) - set(CommentSubmission.model_fields)),
    ]
    assert fields == sorted(fields, key=order.index)
    assert len(fields) == len(set(fields))


@pytest.mark.parametrize(
    "fields",
    [
        {"name": ""},
        {"email": "x"},
        {"body": "\x00"},
        {"url": "data:,x"},
        {"ip": "x"},
        {"submitted_at": "x"},
        {"thread_published_at": "2020-01-01"},
        {"referrer": "ftp://x.example"},
        {"permalink": "nope"},
        {"user_agent": "a\x00"},
        {"form_token": ["not", "text"]},
        {"parent_id": 1.5},
        {"nonsense": 1},
    ],
    ids=lambda fields: next(iter(fields)),
)
def test_every_error_has_code_and_message(fields: dict[str, object]) -> None:
    """Each error names its field, and has a ``<field>_...`` code and a sentence for people."""
    [error] = errors_of(**fields).values()
    [field] = fields
    assert error.field == field
    assert error.code == "unknown_field" or error.code.startswith(f"{field}_")
    assert error.message
    assert error.message[0].isupper()
    assert error.message.endswith(".")


@pytest.mark.parametrize(
    "fields",
    [{"name": ""}, {"name": "", "body": "", "url": "x"}, {"zzz": 1, "email": "x"}],
    ids=["one", "three", "unknown"],
)
def test_invalid_submission_by_field(fields: dict[str, object]) -> None:
    """``by_field()`` maps each failing field to its error, for form renderers."""
    with pytest.raises(InvalidSubmission) as caught:
        parse(**fields)
    exc = caught.value
    by_field = exc.by_field()
    assert set(by_field) == set(fields)
    assert list(by_field.values()) == list(exc.errors)
    assert all(by_field[error.field] is error for error in exc.errors)
    assert isinstance(exc, CommentguardError)
    assert isinstance(exc, ValueError)


SECRET = "Zq7SecretValue"


@pytest.mark.parametrize(
    "fields",
    [
        {"name": f"{SECRET}\x00"},
        {"name": SECRET * 50},
        {"email": f"{SECRET}@@example.com"},
        {"email": f"{SECRET}@example.com" + "m" * 100},
        {"email": f"{SECRET}@example.test"},
        {"body": f"{SECRET}\x00"},
        {"url": f"javascript:{SECRET}"},
        {"url": f"http://{SECRET} example.com"},
        {"url": f"https://example.com/{SECRET}" + "a" * 200},
        {"ip": SECRET},
        {"submitted_at": SECRET},
        {"thread_id": SECRET * 30},
        {"user_agent": f"{SECRET}\x00"},
        {"referrer": f"ftp://{SECRET}.example"},
        {"name": "", "email": f"{SECRET}@", "body": SECRET + "\x07"},
    ],
    ids=lambda fields: "+".join(fields),
)
def test_errors_never_contain_input_values(fields: dict[str, object]) -> None:
    """Neither InvalidSubmission nor pydantic's own error quotes what was submitted."""
    with pytest.raises(InvalidSubmission) as caught:
        parse(**fields)
    exc = caught.value
    texts = [str(exc), repr(exc), *map(str, exc.args), *(repr(error) for error in exc.errors)]
    assert exc.__cause__ is None
    assert exc.__suppress_context__
    with pytest.raises(ValidationError) as direct:
        CommentSubmission.model_validate(data_with(**fields))
    texts += [str(direct.value), repr(direct.value)]
    assert all(SECRET.casefold() not in text.casefold() for text in texts)


# --------------------------------------------------------------------------------------------
# Verdict


@pytest.mark.parametrize(
    ("verdict", "severity"),
    [
        (Verdict.APPROVE, 0),
        (Verdict.HOLD, 1),
        (Verdict.SPAM, 2),
        (Verdict.REJECT, 3),
        (Verdict.DISCARD, 4),
    ],
)
def test_verdict_severity_order(verdict: Verdict, severity: int) -> None:
    """Verdicts rank approve < hold < spam < reject < discard, in declaration order."""
    assert verdict.severity == severity
    assert list(Verdict).index(verdict) == severity
    assert Verdict(verdict.value) is verdict


@pytest.mark.parametrize(
    ("verdict", "accepted"),
    [
        (Verdict.APPROVE, True),
        (Verdict.HOLD, True),
        (Verdict.SPAM, True),
        (Verdict.REJECT, False),
        (Verdict.DISCARD, True),
    ],
)
def test_verdict_accepted(verdict: Verdict, accepted: bool) -> None:
    """Every verdict but reject answers the author as if the comment was received."""
    assert verdict.accepted is accepted


@pytest.mark.parametrize(
    ("verdict", "published"),
    [
        (Verdict.APPROVE, True),
        (Verdict.HOLD, False),
        (Verdict.SPAM, False),
        (Verdict.REJECT, False),
        (Verdict.DISCARD, False),
    ],
)
def test_verdict_published(verdict: Verdict, published: bool) -> None:
    """Only approved comments are shown to readers."""
    assert verdict.published is published


# --------------------------------------------------------------------------------------------
# Finding and Decision


def finding(code: str, verdict: Verdict, **details: Any) -> Finding:
    return Finding(
        check=code.partition(".")[0], code=code, verdict=verdict, moderator_message="m", **details
    )


@pytest.mark.parametrize(
    ("score", "ok"),
    [
        (None, True),
        (0.0, True),
        (0.5, True),
        (1.0, True),
        (1, True),
        (-0.01, False),
        (1.01, False),
        (math.nan, False),
        (math.inf, False),
        (-math.inf, False),
    ],
)
def test_finding_score_bounds(score: float | None, ok: bool) -> None:
    """A finding's score is optional, and when given lies in [0, 1]."""
    if ok:
        assert finding("x.y", Verdict.HOLD, score=score).score == score
    else:
        with pytest.raises(ValidationError):
            finding("x.y", Verdict.HOLD, score=score)


FINDINGS = (
    finding("links.too_many", Verdict.HOLD),
    finding("wordlists.disallowed", Verdict.SPAM),
    finding("profanity.word", Verdict.HOLD),
)


@pytest.mark.parametrize(
    ("findings", "codes"),
    [
        ((), ()),
        (FINDINGS, ("links.too_many", "wordlists.disallowed", "profanity.word")),
        (FINDINGS[::-1], ("profanity.word", "wordlists.disallowed", "links.too_many")),
    ],
    ids=["none", "three", "reversed"],
)
def test_decision_codes(findings: tuple[Finding, ...], codes: tuple[str, ...]) -> None:
    """``Decision.codes`` lists the finding codes in the order the checks produced them."""
    decision = Decision(verdict=Verdict.SPAM, findings=findings, author_message="Thanks.")
    assert decision.codes == codes


@pytest.mark.parametrize(
    ("verdict", "codes"),
    [
        (Verdict.HOLD, ("links.too_many", "profanity.word")),
        (Verdict.SPAM, ("wordlists.disallowed",)),
        (Verdict.APPROVE, ()),
        (Verdict.REJECT, ()),
        (Verdict.DISCARD, ()),
    ],
)
def test_decision_findings_for(verdict: Verdict, codes: tuple[str, ...]) -> None:
    """``findings_for(verdict)`` returns the findings that asked for that verdict, in order."""
    decision = Decision(verdict=Verdict.SPAM, findings=FINDINGS, author_message="Thanks.")
    found = decision.findings_for(verdict)
    assert tuple(f.code for f in found) == codes
    assert all(f.verdict is verdict for f in found)


@pytest.mark.parametrize("verdict", list(Verdict))
def test_decision_accepted_follows_verdict(verdict: Verdict) -> None:
    """``Decision.accepted`` is the verdict's ``accepted``."""
    decision = Decision(verdict=verdict, author_message="Thanks.")
    assert decision.accepted is verdict.accepted


# --------------------------------------------------------------------------------------------
# PublicComment


@pytest.mark.parametrize(
    "fields",
    [
        {},
        {"url": "example.com", "id": 3, "parent_id": 2, "thread_id": "t", "ip": "192.0.2.1"},
        {"email": "jürgen@müller.example", "honeypot": "x", "user_agent": "UA"},
    ],
    ids=["minimal", "ids", "private-fields"],
)
def test_public_comment_has_no_email(fields: dict[str, object]) -> None:
    """The public view copies the publishable fields and has no email (nor ip, agent, honeypot)."""
    submission = parse(**fields)
    public = PublicComment.from_submission(submission, secret="site-secret")
    assert "email" not in PublicComment.model_fields
    assert set(public.model_dump()) == {
        "name",
        "body",
        "url",
        "id",
        "parent_id",
        "thread_id",
        "submitted_at",
        "avatar_key",
    }
    for key in ("name", "body", "url", "id", "parent_id", "thread_id", "submitted_at"):
        assert getattr(public, key) == getattr(submission, key)
    assert submission.email.reveal() not in public.model_dump_json()


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("ada@example.com", "ADA@EXAMPLE.COM"),
        ("Ada@Example.com", "ada@example.com"),
        ("  ada@example.com ", "aDa@example.com"),
        ("JÜRGEN@Müller.example", "jürgen@müller.example"),
    ],
)
def test_avatar_key_is_stable_per_address_ignoring_case(first: str, second: str) -> None:
    """The same address, in any case and on any comment, gets the same avatar key."""
    one = PublicComment.from_submission(parse(email=first), secret="s")
    two = PublicComment.from_submission(parse(email=second, body="Another comment."), secret="s")
    assert one.avatar_key == two.avatar_key
    assert len(one.avatar_key) == 64
    assert all(char in "0123456789abcdef" for char in one.avatar_key)


@pytest.mark.parametrize(
    ("first", "second"),
    [("ada@example.com", "bob@example.com"), ("ada@example.com", "ada@example.org")],
)
def test_avatar_key_differs_per_address(first: str, second: str) -> None:
    """Different addresses get different avatar keys."""
    one = PublicComment.from_submission(parse(email=first), secret="s")
    two = PublicComment.from_submission(parse(email=second), secret="s")
    assert one.avatar_key != two.avatar_key


@pytest.mark.parametrize(
    ("secret", "other", "same"),
    [
        ("secret-one", "secret-two", False),
        ("secret-one", b"secret-one", True),
        ("secret-one", SecretStr("secret-one"), True),
        ("s", "S", False),
    ],
)
def test_avatar_key_differs_per_secret(
    secret: str | bytes | SecretStr, other: str | bytes | SecretStr, same: bool
) -> None:
    """The key depends on the secret (given as str, bytes or SecretStr), not only the address."""
    submission = parse()
    one = PublicComment.from_submission(submission, secret=secret).avatar_key
    two = PublicComment.from_submission(submission, secret=other).avatar_key
    assert (one == two) is same


@pytest.mark.parametrize("secret", ["", b"", SecretStr("")], ids=["str", "bytes", "secretstr"])
def test_avatar_key_empty_secret_is_refused(secret: str | bytes | SecretStr) -> None:
    """An empty secret would make avatar keys a plain, guessable hash: it is refused."""
    with pytest.raises(ValueError, match="secret"):
        PublicComment.from_submission(parse(), secret=secret)
