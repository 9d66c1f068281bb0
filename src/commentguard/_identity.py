"""Keys that identify an author or a network in a store, without storing who they are.

Stores never hold an email address or a comment: they hold keyed hashes (HMAC-SHA256 under
the site's ``secret_key``). Without a secret key (a ``memory://`` store, or
``development_mode``) a fixed one is used, which still keeps addresses out of the store but
lets someone with the store test guessed addresses; settings refuse that for a store that
persists.
"""

from __future__ import annotations

import hashlib
import hmac
from ipaddress import IPv4Address, IPv6Address, ip_network

from commentguard._models import CommentSubmission
from commentguard._settings import Settings

_FALLBACK_SECRET = b"commentguard-store-key"


def store_secret(settings: Settings) -> bytes:
    """The key for hashes kept in the store."""
    if settings.secret_key is None:
        return _FALLBACK_SECRET
    return settings.secret_key.get_secret_value().encode("utf-8")


def author_key(submission: CommentSubmission, secret: bytes) -> str | None:
    """A keyed hash of the author's normalised email address (32 hex characters).

    Keyed apart from the public avatar key (which hashes the same address under the same
    secret), so a published avatar key cannot be matched against the store. ``None`` for a
    submission without an address (an old comment in a dump).
    """
    if submission.email is None:
        return None
    return submission.email.digest(b"commentguard-store\x1f" + secret)[:32]


def author_or_name_key(submission: CommentSubmission, secret: bytes) -> str:
    """:func:`author_key`, or for a submission without an address a keyed hash of its name.

    For checks that compare authors (the same author repeating a comment); a name is no
    proof of who wrote a comment, so nothing that grants trust uses it.
    """
    key = author_key(submission, secret)
    if key is not None:
        return key
    return keyed_hash(secret, "name", author_name(submission))


def author_name(submission: CommentSubmission) -> str:
    """The name as authors are compared: case-folded, runs of spaces as one."""
    return " ".join(submission.name.casefold().split())


def network_key(address: IPv4Address | IPv6Address, ipv6_prefix: int, ipv4_prefix: int = 32) -> str:
    """The client address as limited: IPv4 as is, IPv6 by its /``ipv6_prefix`` network.

    An IPv6 client usually controls a whole /64, so limiting single addresses is no limit.
    An IPv4-mapped IPv6 address counts as the IPv4 address. With ``ipv4_prefix`` below 32,
    an IPv4 address counts by its /``ipv4_prefix`` network (``192.0.2.0/24``).
    """
    if isinstance(address, IPv6Address):
        if address.ipv4_mapped is None:
            return str(ip_network(f"{address}/{ipv6_prefix}", strict=False))
        address = address.ipv4_mapped
    if ipv4_prefix >= 32:
        return str(address)
    return str(ip_network(f"{address}/{ipv4_prefix}", strict=False))


def keyed_hash(secret: bytes, *parts: str) -> str:
    """A keyed hash of ``parts`` (32 hex characters): HMAC-SHA256, its first 16 bytes.

    The HMAC keyed with ``secret`` is made once and copied for each message, which skips
    hashing the key's two blocks again (a process has one or two secrets).
    """
    keyed = _KEYED.get(secret)
    if keyed is None:
        if len(_KEYED) >= _KEYED_SECRETS:
            _KEYED.clear()
        keyed = _KEYED[secret] = hmac.new(secret, digestmod=hashlib.sha256)
    one = keyed.copy()
    one.update("\x1f".join(parts).encode("utf-8"))
    return one.hexdigest()[:32]


_KEYED: dict[bytes, hmac.HMAC] = {}
_KEYED_SECRETS = 16  # a test suite's many guards, each with its own secret, start it afresh
