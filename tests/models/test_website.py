"""The Website field: only http(s) addresses a page can print in an href as they are."""

from __future__ import annotations

import string
import unicodedata
from html import escape
from typing import Any
from urllib.parse import urlsplit

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from pydantic_core import PydanticCustomError

from commentguard import CommentSubmission, FieldError, InvalidSubmission, PublicComment
from commentguard._models.website import clean_website

BASE = {"name": "Ada", "email": "ada@example.com", "body": "A comment."}


def website(url: object) -> str | None:
    return CommentSubmission.parse({**BASE, "url": url}).url


def url_error(url: object) -> FieldError:
    """The one field error a website gives."""
    with pytest.raises(InvalidSubmission) as caught:
        CommentSubmission.parse({**BASE, "url": url})
    (error,) = caught.value.errors
    assert error.field == "url"
    return error


@pytest.mark.parametrize(
    "url",
    [
        'http://a.example/"onmouseover="alert(1)',
        "http://a.example/'onmouseover='alert(1)",
        "http://a.example/<script>",
        "http://a.example/>",
        "http://a.example\\@evil.example",
        "http:\\\\evil.example",
        "http://a.example/a b",
        "not a url",
        "http://a.example/\tx",
        "http://a.example/\x00",
        "http://a.example/a\u00a0b",  # no-break space
        "http://a.example/a\u3000b",  # ideographic space
        "http://a.example/a\u2028b",  # line separator
        "http://a\u200b.example",  # zero-width space
        "http://a\u200d.example",  # zero-width joiner
        "http://a.example/\ufeff",  # byte order mark
        "http://a.example/\u202etxt.exe",  # right-to-left override
        "http://a.example/\u2066",  # left-to-right isolate
        "http://ab\u00ad.example",  # soft hyphen
        "http://a\u3164b.example",  # Hangul filler, dropped by IDNA's mapping
        "http://goo\ufe0fgle.example",  # variation selector
        "http://bad\u0378.example",  # unassigned
        "http://a.example/`",
        "http://a.example/{{x}}",
        "http://a.example/%zz",
        "http://a.example/100%",
    ],
)
def test_characters_an_href_must_not_hold_are_url_invalid_chars(url: str) -> None:
    """Quotes, angle brackets, backslashes, spaces, controls, zero-width, bidi and other
    invisible characters are refused with a message naming the kind of character."""
    error = url_error(url)

    assert error.code == "url_invalid_chars"
    assert error.message == (
        "This web address contains characters that are not allowed, such as spaces, quotes, < or >."
    )


@pytest.mark.parametrize(
    "url",
    [
        "http://google.com@evil.example",
        "google.com@evil.example",
        "https://user:password@example.com/",
        "http://a.example:80@evil.example/",
        "http://@example.com",
        "jane@x.example",
    ],
)
def test_a_user_name_before_the_host_is_url_userinfo(url: str) -> None:
    """``google.com@evil.example`` goes to evil.example: anything before ``@`` in the host
    part is refused, and the message points an email address to the email field."""
    error = url_error(url)

    assert error.code == "url_userinfo"
    assert "email field" in error.message


@pytest.mark.parametrize(
    "url",
    [
        "mailto:jane@x.example",
        "MAILTO:jane@x.example",
        "tel:+44-20-7946-0000",
        "javascript:alert(1)",
        "javascript://example.com/%0aalert(1)",
        "data:text/html,<script>alert(1)</script>",
        "ftp://example.com/",
    ],
)
def test_a_url_naming_another_scheme_keeps_it_and_is_url_scheme(url: str) -> None:
    """``mailto:jane@x.example`` is not turned into ``http://mailto:jane@x.example``: a
    scheme other than http(s) is refused for what it is."""
    assert url_error(url).code == "url_scheme"


@pytest.mark.parametrize(
    "url",
    [
        "http://-a.example",
        "http://a..example",
        "http://xn--zz.example",
        "http://999.1.1.1/",
        "http://1.2.3/",
        "http://example.123/",
        "http://[::1]:8000/",
        "http://[2001:db8::1]/",
        "http://" + "a" * 64 + ".example",
        "http://a%2eexample/",
        "http://google.com\u2044evil.example",  # a fraction slash, not a slash
        "http://evil\uff20google.com",  # a fullwidth @
    ],
)
def test_a_host_that_is_no_domain_name_is_url_invalid(url: str) -> None:
    """The host must be a domain name that IDNA accepts, ``localhost`` or an IPv4 address."""
    assert url_error(url).code == "url_invalid"


@pytest.mark.parametrize(
    ("given", "kept"),
    [
        ("example.com", "http://example.com"),
        ("www.example.com/blog?p=1#c2", "http://www.example.com/blog?p=1#c2"),
        ("example.com:8080/path", "http://example.com:8080/path"),
        ("localhost:3000", "http://localhost:3000"),
        ("//example.com/", "http://example.com/"),
        ("https://example.com:8443/a/b?x=1&y=2", "https://example.com:8443/a/b?x=1&y=2"),
        ("https://medium.com/@jane", "https://medium.com/@jane"),
        (
            "https://en.wikipedia.org/wiki/Ada_(language)",
            "https://en.wikipedia.org/wiki/Ada_(language)",
        ),
        ("https://example.com/?tags[]=a&tags[]=b", "https://example.com/?tags[]=a&tags[]=b"),
        ("https://example.com/caf%C3%A9", "https://example.com/caf%C3%A9"),
        ("https://example.com/café", "https://example.com/café"),
        ("https://my_blog.example.com/", "https://my_blog.example.com/"),
        ("https://example.com./", "https://example.com./"),
        ("http://192.0.2.1:8080/", "http://192.0.2.1:8080/"),
        ("bücher.example", "http://bücher.example"),
        ("BÜCHER.example", "http://BÜCHER.example"),
        ("http://xn--bcher-kva.example/", "http://xn--bcher-kva.example/"),
        ("https://пример.рф/", "https://пример.рф/"),
        ("https://例え.テスト/パス", "https://例え.テスト/パス"),
        ("https://ελληνικά.gr", "https://ελληνικά.gr"),
        ("https://مثال.إختبار/", "https://مثال.إختبار/"),
        ("https://उदाहरण.परीक्षा", "https://उदाहरण.परीक्षा"),
        ("https://한국어.kr", "https://한국어.kr"),
    ],
)
def test_normal_sites_are_kept(given: str, kept: str) -> None:
    """Ports, paths, queries, fragments, ``@`` in a path, percent escapes, IDN hosts in one
    script and IPv4 hosts are accepted as typed; a bare host gets ``http://``."""
    assert website(given) == kept


def test_public_comment_never_carries_an_address_from_the_website_field() -> None:
    """``mailto:`` used to become ``http://mailto:jane@x.example`` and reach PublicComment.url;
    now the submission is refused, and an accepted one's url has no ``@`` before its path."""
    assert url_error("mailto:jane@x.example").code == "url_scheme"
    submission = CommentSubmission.parse({**BASE, "url": "https://medium.com/@jane"})

    public = PublicComment.from_submission(submission, secret="s")

    assert public.url is not None
    assert "@" not in urlsplit(public.url).netloc


# --------------------------------------------------------------------------------------------
# properties

HOSTILE = ['"', "'", "<", ">", "\\", " ", "\t", "\n", "`", "@", "%", "\u200b", "\u202e", "\u00a0"]
hosts = st.sampled_from(
    ["example.com", "a.example", "bücher.example", "пример.рф", "xn--80ak6aa92e.com", "localhost"]
)
usual = st.text(
    st.sampled_from([*string.ascii_letters, *string.digits, *"/?#=&:.-_~()[]!$*+,;%@éü例"]),
    max_size=8,
)
# Mostly what URLs hold, so that many are accepted; now and then a hostile or any character.
piece = st.one_of(usual, usual, usual, st.sampled_from(HOSTILE), st.characters(codec="utf-8"))
pieces = st.lists(piece, max_size=4).map("".join)
url_like = st.builds(
    "{}{}{}{}{}".format,
    st.sampled_from(["", "http://", "https://", "HTTP://", "//", "mailto:", "javascript:"]),
    st.sampled_from(["", "", "", "user@", "google.com@"]) | pieces,
    hosts,
    st.sampled_from(["", "", ":8080", ":", ":99999"]),
    st.sampled_from(["", "/"]).flatmap(lambda slash: pieces.map(slash.__add__)),
)
anything = url_like | st.text(max_size=40)


def accepted(text: str) -> str | None:
    try:
        return clean_website(text, max_chars=200)
    except PydanticCustomError:
        return None


def is_unsafe(char: str) -> bool:
    # C: controls, format (zero-width, bidi), surrogates, private, unassigned; Z: separators.
    return char in "\"'<>\\`" or char.isspace() or unicodedata.category(char)[0] in "CZ"


@settings(max_examples=500)
@given(anything)
@example('http://a.example/"onmouseover="x')
@example("http://a\u200b.example")
@example("google.com@evil.example")
def test_an_accepted_url_prints_in_an_href_unchanged(text: str) -> None:
    """Whatever was typed, an accepted url has no quote, angle bracket, backslash, whitespace,
    control or format character, so HTML-escaping it for an attribute changes nothing but
    ``&``; it is http(s) and has no ``@`` in its authority."""
    url = accepted(text)
    if url is None:
        return

    assert not any(is_unsafe(char) for char in url)
    assert escape(url, quote=True) == url.replace("&", "&amp;")
    parts = urlsplit(url)
    assert parts.scheme.lower() in ("http", "https")
    assert "@" not in parts.netloc
    assert parts.hostname


@settings(max_examples=500)
@given(anything)
def test_an_accepted_url_is_accepted_again_unchanged(text: str) -> None:
    """Validating a stored url again (a dump, a store) keeps it as it is."""
    url = accepted(text)
    if url is not None:
        assert clean_website(url, max_chars=200) == url


@given(st.one_of(st.none(), st.integers(), st.floats(), st.lists(st.text())))
def test_anything_but_text_is_refused_or_empty(value: Any) -> None:
    """None is no website; numbers and lists are ``url_invalid``, never an exception."""
    if value is None:
        assert clean_website(value, max_chars=200) is None
        return
    with pytest.raises(PydanticCustomError) as caught:
        clean_website(value, max_chars=200)
    assert caught.value.type == "url_invalid"
