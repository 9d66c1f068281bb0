"""The Website field: an http(s) address that a page can print in an ``href`` as it is."""

from __future__ import annotations

import re
import string
import unicodedata
from ipaddress import IPv4Address

import idna

from commentguard._models.fields import (
    WEB_SCHEMES,
    bad_url,
    check_url_length,
    field_error,
    scheme_error,
    split_web_url,
    url_text,
)
from commentguard.i18n import N_

FIELD = "url"

# What RFC 3986 allows in a URI, less the apostrophe, which would close a single-quoted
# attribute. Brackets stay: browsers leave them in queries (?tags[]=a).
_ASCII_ALLOWED = frozenset(string.ascii_letters + string.digits + "-._~:/?#[]@!$&()*+,;=%")

# Invisible characters (Unicode's Default_Ignorable_Code_Point) that are not in a category the
# check below refuses anyway (C: controls, format characters; Z: separators): combining
# grapheme joiner, Hangul fillers, Khmer inherent vowels, Mongolian and other variation
# selectors. IDNA's mapping drops some of them silently, so a printed host could hide one.
_INVISIBLE = re.compile(
    "[\u034f\u115f\u1160\u17b4\u17b5\u180b-\u180d\u180f\u3164\ufe00-\ufe0f\uffa0"
    "\U000e0100-\U000e01ef]"
)
_PERCENT_WITHOUT_HEX = re.compile("%(?![0-9A-Fa-f]{2})")
_SCHEME = re.compile("([A-Za-z][A-Za-z0-9+.-]*):")
_HOST_AND_PORT = re.compile("[^:/?#]+:[0-9]+(?:[/?#]|$)")  # example.com:8080/path, no scheme
# A hostname label as browsers take it: letters, digits, hyphens inside, and underscores.
_ASCII_LABEL = re.compile("(?!-)[a-z0-9_-]{1,63}(?<!-)")
_MAX_HOST_CHARS = 253


def clean_website(value: object, *, max_chars: int) -> str | None:
    """The Website field as given, with ``http://`` in front of a bare host, or ``None``.

    Accepted is an ``http`` or ``https`` URL with nothing that could break out of an
    attribute or hide what it says: no quote, angle bracket, backslash, space, control,
    format (zero-width, bidi) or other invisible character, and no user name in front of the
    host (``google.com@evil.example`` goes to ``evil.example``). The host is a domain name
    (international ones in IDNA 2008's rules, such as ``bücher.example`` or ``пример.рф``),
    ``localhost`` or an IPv4 address.

    Raises:
        PydanticCustomError: ``url_scheme``, ``url_too_long``, ``url_invalid_chars``,
            ``url_userinfo`` or ``url_invalid``.
    """
    text = url_text(value, FIELD)
    if text is None:
        return None
    url = _with_scheme(text)
    check_url_length(url, field=FIELD, max_chars=max_chars)
    scheme = _SCHEME.match(url)
    if scheme is None or scheme.group(1).lower() not in WEB_SCHEMES:
        raise scheme_error(FIELD)
    if not is_href_safe(url):
        raise field_error(
            "url_invalid_chars",
            N_(
                "This web address contains characters that are not allowed, such as spaces, "
                "quotes, < or >."
            ),
        )
    parts = split_web_url(url, FIELD)
    if "@" in parts.netloc:
        raise field_error(
            "url_userinfo",
            N_(
                "A web address must not have a name and @ before the site's name; your email "
                "address goes in the email field."
            ),
        )
    if parts.hostname is None or not _is_valid_host(parts.hostname):
        raise bad_url(FIELD)
    return url


def is_href_safe(url: str) -> bool:
    """Whether every character of ``url`` may stand in an ``href`` unescaped and visible."""
    for char in url:
        if char.isascii():
            if char not in _ASCII_ALLOWED:
                return False
        elif unicodedata.category(char)[0] in "CZ":
            return False
    return _INVISIBLE.search(url) is None and _PERCENT_WITHOUT_HEX.search(url) is None


def _with_scheme(url: str) -> str:
    """Put ``http://`` in front of a bare host, as WordPress does; keep any scheme given.

    ``mailto:jane@x.example`` names a scheme (and is refused for it); ``example.com:8080``
    is a host and a port.
    """
    if url.startswith("//"):
        return "http:" + url
    if _SCHEME.match(url) and not _HOST_AND_PORT.match(url):
        return url
    return "http://" + url


def _is_valid_host(host: str) -> bool:
    """Whether ``host`` (lower-cased) is a domain name, ``localhost`` or an IPv4 address."""
    host = host.removesuffix(".")
    labels = host.split(".")
    if labels[-1].isdigit():  # browsers read a host ending in a number as an IPv4 address
        try:
            IPv4Address(host)
        except ValueError:
            return False
        return True
    if len(host) > _MAX_HOST_CHARS:
        return False
    return all(_is_valid_label(label) for label in labels)


def _is_valid_label(label: str) -> bool:
    if label.isascii() and not label.startswith("xn--"):
        return _ASCII_LABEL.fullmatch(label) is not None
    try:
        # UTS 46 maps as browsers do (width, case, NFC) before IDNA 2008's rules; it also
        # checks that an xn-- label decodes.
        idna.encode(label, uts46=True)
    except idna.IDNAError:
        return False
    return True
