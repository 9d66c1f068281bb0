"""Client addresses behind proxies: the one configured header counts, from trusted peers only."""

from __future__ import annotations

import pytest
from starlette.datastructures import Headers

from commentguard import SettingsError
from commentguard.adapters._proxies import ForwardedHeader, ProxyPolicy

TRUSTED = ["10.0.0.0/8", "2001:db8:ffff::/48"]
XFF = ProxyPolicy.from_cidrs(TRUSTED)
FORWARDED = ProxyPolicy.from_cidrs(TRUSTED, "Forwarded")


@pytest.mark.parametrize(
    ("peer", "headers", "client"),
    [
        ("192.0.2.7", {"X-Forwarded-For": "198.51.100.1"}, "192.0.2.7"),  # untrusted peer
        ("10.1.2.3", {"X-Forwarded-For": "198.51.100.1"}, "198.51.100.1"),
        ("10.1.2.3", {"X-Forwarded-For": "203.0.113.9, 198.51.100.1, 10.9.9.9"}, "198.51.100.1"),
        ("10.1.2.3", {"X-Forwarded-For": "spoofed, 198.51.100.1"}, "198.51.100.1"),
        ("10.1.2.3", {"X-Forwarded-For": "198.51.100.1, garbage"}, "10.1.2.3"),
        ("10.1.2.3", {"X-Forwarded-For": "198.51.100.1,, "}, "198.51.100.1"),
        ("10.1.2.3", {}, "10.1.2.3"),
        ("2001:db8:ffff::2", {"X-Forwarded-For": "192.0.2.44:8080"}, "192.0.2.44"),
        ("2001:db8:ffff::2", {"X-Forwarded-For": "[2001:db8::1]:4711"}, "2001:db8::1"),
        ("not an address", {"X-Forwarded-For": "198.51.100.1"}, None),
    ],
)
def test_x_forwarded_for_is_read_right_to_left(
    peer: str, headers: dict[str, str], client: str | None
) -> None:
    """From a trusted peer the first untrusted hop from the right is the client; otherwise
    the peer is, and an unreadable hop stops the walk."""
    assert XFF.client_address(peer, headers) == client


@pytest.mark.parametrize(
    ("forwarded", "client"),
    [
        ('for="[2001:db8::1]:4711";proto=https', "2001:db8::1"),
        ("for=192.0.2.60;proto=http, for=10.4.4.4", "192.0.2.60"),
        ("For=192.0.2.60", "192.0.2.60"),
        ("for=192.0.2.60, proto=https", "10.1.2.3"),  # the proxy's element names no client
        ("for=192.0.2.60, for=unknown", "10.1.2.3"),
        ("for=192.0.2.60, for=_hidden", "10.1.2.3"),
        ("for=192.0.2.60;for=192.0.2.61", "10.1.2.3"),
        ('for="203.0.113.5, for=198.51.100.1', "198.51.100.1"),  # the client's open quote
    ],
)
def test_forwarded_is_read_by_element_when_chosen(forwarded: str, client: str) -> None:
    """With ``Forwarded`` chosen, each element's single ``for`` node is a hop; an element
    without one (or with two, ``unknown`` or an obfuscated name) stops the walk."""
    assert FORWARDED.client_address("10.1.2.3", {"Forwarded": forwarded}) == client


def test_x_forwarded_for_is_the_default_and_forwarded_is_never_read_with_it() -> None:
    """A client's own ``Forwarded`` passes an nginx that sets only ``X-Forwarded-For``: the
    default policy ignores it."""
    headers = {"Forwarded": "for=203.0.113.66", "X-Forwarded-For": "198.51.100.1"}

    assert ProxyPolicy().header is ForwardedHeader.X_FORWARDED_FOR
    assert XFF.client_address("10.1.2.3", headers) == "198.51.100.1"
    assert XFF.client_address("10.1.2.3", {"Forwarded": "for=203.0.113.66"}) == "10.1.2.3"


def test_with_forwarded_chosen_x_forwarded_for_is_never_read() -> None:
    """Behind a proxy that sets ``Forwarded``, a client's own ``X-Forwarded-For`` is ignored."""
    headers = {"Forwarded": "for=198.51.100.1", "X-Forwarded-For": "203.0.113.66"}

    assert FORWARDED.client_address("10.1.2.3", headers) == "198.51.100.1"
    assert FORWARDED.client_address("10.1.2.3", {"X-Forwarded-For": "203.0.113.66"}) == ("10.1.2.3")


@pytest.mark.parametrize(
    ("policy", "name", "lines", "client"),
    [
        (XFF, "x-forwarded-for", ["198.51.100.1", "10.0.0.9"], "198.51.100.1"),
        (XFF, "X-Forwarded-For", ["203.0.113.66", "198.51.100.1"], "198.51.100.1"),
        (FORWARDED, "forwarded", ["for=198.51.100.1", "for=10.0.0.9"], "198.51.100.1"),
    ],
)
def test_repeated_header_lines_are_one_list(
    policy: ProxyPolicy, name: str, lines: list[str], client: str
) -> None:
    """Starlette keeps each header line; they are read as one list, in order, so a proxy
    adding its own line (HAProxy, a second proxy) is not mistaken for the whole chain."""
    headers = Headers(raw=[(name.encode(), line.encode()) for line in lines])

    assert policy.client_address("10.1.2.3", headers) == client


@pytest.mark.parametrize(
    ("peer", "headers", "client"),
    [
        ("::ffff:10.0.0.1", {"X-Forwarded-For": "198.51.100.1"}, "198.51.100.1"),
        ("::ffff:192.0.2.7", {"X-Forwarded-For": "198.51.100.1"}, "192.0.2.7"),
        ("10.0.0.1", {"X-Forwarded-For": "198.51.100.1, ::ffff:10.0.0.2"}, "198.51.100.1"),
        ("10.0.0.1", {"X-Forwarded-For": "::ffff:198.51.100.1"}, "198.51.100.1"),
    ],
)
def test_ipv4_mapped_addresses_are_ipv4(peer: str, headers: dict[str, str], client: str) -> None:
    """A dual-stack listener's ``::ffff:10.0.0.1`` is in ``10.0.0.0/8``, and every mapped
    address is given in IPv4 form, so one reader is one address."""
    assert XFF.client_address(peer, headers) == client


def test_a_mapped_cidr_covers_ipv4_peers() -> None:
    """A trusted network written as ``::ffff:10.0.0.0/104`` is the IPv4 ``10.0.0.0/8``."""
    policy = ProxyPolicy.from_cidrs(["::ffff:10.0.0.0/104"])

    assert policy.client_address("10.0.0.1", {"X-Forwarded-For": "198.51.100.1"}) == (
        "198.51.100.1"
    )
    assert policy.client_address("::ffff:10.0.0.1", {"X-Forwarded-For": "198.51.100.1"}) == (
        "198.51.100.1"
    )


def test_no_trusted_proxies_means_the_socket_peer() -> None:
    """Without trusted proxies, the default, no header is read."""
    assert ProxyPolicy().client_address("10.1.2.3", {"X-Forwarded-For": "1.2.3.4"}) == "10.1.2.3"


@pytest.mark.parametrize("name", ["x-forwarded-for", "FORWARDED"])
def test_header_names_are_case_insensitive(name: str) -> None:
    """The configured header may be written in any case."""
    assert ProxyPolicy.from_cidrs(TRUSTED, name).header.lower() == name.lower()


@pytest.mark.parametrize("name", ["X-Real-IP", "", "X-Forwarded-For, Forwarded"])
def test_other_headers_are_a_settings_error(name: str) -> None:
    """Only the two headers commentguard can read are accepted; the message lists them."""
    with pytest.raises(SettingsError, match="'X-Forwarded-For' or 'Forwarded'"):
        ProxyPolicy.from_cidrs(TRUSTED, name)
