"""Validators for the text fields of a submission; each raises a coded, readable error."""

from __future__ import annotations

import re
from urllib.parse import SplitResult, urlsplit

from pydantic_core import PydanticCustomError

from commentguard.i18n import N_

TEMPLATE_KEY = "commentguard_template"
"""Context key under which an error with parameters keeps its untranslated message."""

_BODY_WHITESPACE = frozenset("\t\n\r")


_CONTROL = "\x00-\x1f\x7f-\x9f"  # Unicode category Cc
_SURROGATE = "\ud800-\udfff"  # Unicode category Cs
_FORBIDDEN = re.compile(f"[{_CONTROL}{_SURROGATE}]")
_FORBIDDEN_IN_BODY = re.compile(f"[{_SURROGATE}\\x00-\\x08\\x0b\\x0c\\x0e-\\x1f\\x7f-\\x9f]")


def field_error(code: str, template: str, **params: int) -> PydanticCustomError:
    """A coded validation error whose message can still be translated.

    pydantic fills the parameters into the message; the template travels in the error's
    context so that :func:`commentguard._models.submission.field_errors` can keep it for
    :meth:`FieldError.message_in <commentguard.FieldError.message_in>`.
    """
    if not params:
        return PydanticCustomError(code, template)
    return PydanticCustomError(code, template, {**params, TEMPLATE_KEY: template})


def has_forbidden_chars(text: str, *, allow: frozenset[str] = frozenset()) -> bool:
    """Whether ``text`` holds control characters (Cc) or lone surrogates (Cs) not in ``allow``."""
    if allow == _BODY_WHITESPACE:
        return _FORBIDDEN_IN_BODY.search(text) is not None
    if not allow:
        return _FORBIDDEN.search(text) is not None
    return any(char not in allow for char in _FORBIDDEN.findall(text))


def clean_name(value: object, max_chars: int) -> str:
    """Trim a display name and refuse empty, oversized or control-character names."""
    if not isinstance(value, str) or not value.strip():
        raise field_error("name_missing", N_("Please enter your name."))
    name = value.strip()
    if has_forbidden_chars(name):
        raise field_error(
            "name_invalid_chars", N_("Your name contains characters that are not allowed.")
        )
    if len(name) > max_chars:
        raise field_error(
            "name_too_long",
            N_("Your name must be at most {max_chars} characters."),
            max_chars=max_chars,
        )
    return name


def clean_body(value: object, max_bytes: int) -> str:
    """Trim a comment body; refuse empty bodies, NUL and other control characters, and size."""
    if not isinstance(value, str) or not value.strip():
        raise field_error("body_missing", N_("Please type your comment."))
    body = value.strip()
    if has_forbidden_chars(body, allow=_BODY_WHITESPACE):
        raise field_error(
            "body_invalid_chars", N_("Your comment contains characters that are not allowed.")
        )
    if len(body) > max_bytes or len(body.encode("utf-8")) > max_bytes:
        raise field_error(
            "body_too_long",
            N_("Your comment is too long: it may be at most {max_bytes} bytes."),
            max_bytes=max_bytes,
        )
    return body


WEB_SCHEMES = ("http", "https")


def clean_web_url(value: object, *, field: str, max_chars: int) -> str | None:
    """Return an http(s) URL, ``None`` for an empty value, or raise ``<field>_invalid``.

    For the addresses a site or a browser sends (``permalink``, ``referrer``), which must name
    their scheme. The Website field, which a page prints, has its own stricter rules
    (:func:`commentguard._models.website.clean_website`).
    """
    url = url_text(value, field)
    if url is None:
        return None
    check_url_length(url, field=field, max_chars=max_chars)
    if any(char.isspace() for char in url) or has_forbidden_chars(url):
        raise bad_url(field)
    split_web_url(url, field)
    return url


def url_text(value: object, field: str) -> str | None:
    """The trimmed text of a URL field, ``None`` when empty; anything but text is invalid."""
    if value is None:
        return None
    if not isinstance(value, str):
        raise bad_url(field)
    return value.strip() or None


def check_url_length(url: str, *, field: str, max_chars: int) -> None:
    """Raise ``<field>_too_long`` for a URL of more than ``max_chars`` characters."""
    if len(url) > max_chars:
        raise field_error(
            f"{field}_too_long",
            N_("This web address must be at most {max_chars} characters."),
            max_chars=max_chars,
        )


def split_web_url(url: str, field: str) -> SplitResult:
    """Split an http(s) URL whose host has a dot or is ``localhost``.

    Raises:
        PydanticCustomError: ``<field>_scheme`` for another scheme, ``<field>_invalid`` for a
            malformed port or host.
    """
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - raises ValueError on a malformed port
    except ValueError:
        raise bad_url(field) from None
    if parts.scheme.lower() not in WEB_SCHEMES:
        raise scheme_error(field)
    if not parts.hostname or ("." not in parts.hostname and parts.hostname != "localhost"):
        raise bad_url(field)
    return parts


def bad_url(field: str) -> PydanticCustomError:
    """The ``<field>_invalid`` error for a URL."""
    return field_error(
        f"{field}_invalid", N_("Please enter a valid web address, such as https://example.com.")
    )


def scheme_error(field: str) -> PydanticCustomError:
    """The ``<field>_scheme`` error for a URL that is not http or https."""
    return field_error(
        f"{field}_scheme", N_("Only web addresses starting with http:// or https:// are allowed.")
    )


def clean_optional_text(value: object, *, field: str, max_chars: int) -> str | None:
    """Accept an optional short string (ids, user agent, tokens); ints become strings."""
    if value is None:
        return None
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str):
        raise field_error(f"{field}_invalid", N_("This value must be text."))
    text = value.strip()
    if not text:
        return None
    if has_forbidden_chars(text):
        raise field_error(
            f"{field}_invalid_chars", N_("This value contains characters that are not allowed.")
        )
    if len(text) > max_chars:
        raise field_error(
            f"{field}_too_long",
            N_("This value must be at most {max_chars} characters."),
            max_chars=max_chars,
        )
    return text
