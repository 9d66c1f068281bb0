"""Passwords out of URLs before they reach a message, a ``repr`` or a log line.

A store URL can carry a password twice over: in its userinfo (``redis://:pw@host/0``) and in
its query (``redis://host/0?password=pw``, which redis-py reads too). Error messages quote the
URL so that an operator can see which setting is wrong, so every quote goes through
:func:`redacted` first. It works on the text, not through :func:`urllib.parse.urlsplit`, because
the URLs worth reporting are the malformed ones, which ``urlsplit`` refuses to read.
"""

from __future__ import annotations

import re
from urllib.parse import unquote

HIDDEN = "***"
"""What stands in for a password."""

# A query parameter whose name says it holds a secret: password, ssl_password, passwd, token...
_SECRET_PARAMETER = re.compile(
    r"(?P<name>[?&;][^=&;#]*(?:pass|secret|token|auth)[^=&;#]*=)(?P<value>[^&;#]*)", re.IGNORECASE
)
_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:(?://)?")
# host[:port] of a URL without userinfo; an IPv6 host is bracketed.
_AUTHORITY = re.compile(r"(?:\[[^\]/]*\])?[^:/?#]*(?::(?P<port>[^/?#]*))?")


def redacted(url: str) -> str:
    """``url`` with every password replaced by ``***``; never raises.

    The userinfo is everything between the scheme and the last ``@`` (an unencoded ``@`` or
    ``/`` in a password is common, and redis-py reads it the same way): its user name is kept
    and the rest hidden. A query parameter whose name contains ``pass``, ``secret``, ``token``
    or ``auth`` has its value hidden, and so does a port that is not a number (a password whose
    ``@`` was forgotten: ``redis://user:pw-host:6379``). When in doubt more is hidden, never less.
    """
    return _redact(url)[0]


def secrets_in(url: str) -> tuple[str, ...]:
    """The passwords ``url`` carries, as written and percent-decoded (for :func:`scrubbed`)."""
    forms = (form for value in _redact(url)[1] if value for form in (value, unquote(value)))
    return tuple(dict.fromkeys(forms))


def scrubbed(message: str, url: str) -> str:
    """``message`` with every password of ``url`` replaced by ``***``.

    For messages a backend wrote about ``url`` (a driver's ``ValueError``), which may quote a
    piece of it that :func:`redacted` cannot point at.
    """
    for secret in sorted(secrets_in(url), key=len, reverse=True):
        message = message.replace(secret, HIDDEN)
    return message


def _redact(url: str) -> tuple[str, list[str]]:
    """``url`` with its passwords hidden, and the passwords."""
    found = [match["value"] for match in _SECRET_PARAMETER.finditer(url)]
    text = _SECRET_PARAMETER.sub(lambda match: match["name"] + HIDDEN, url)
    scheme = _SCHEME.match(text)
    start = scheme.end() if scheme else 0
    at = text.rfind("@", start)
    if at != -1:
        user, colon, password = text[start:at].partition(":")
        if colon and "/" not in user:
            found.append(password)
            return f"{text[:start]}{user}:{HIDDEN}{text[at:]}", found
        # Without a colon the userinfo may be a password written where a user name goes.
        found.append(text[start:at])
        return f"{text[:start]}{HIDDEN}{text[at:]}", found
    authority = _AUTHORITY.match(text, start)
    if authority and authority["port"] and not authority["port"].isdigit():
        found.append(authority["port"])
        return f"{text[: authority.start('port')]}{HIDDEN}{text[authority.end('port') :]}", found
    return text, found
