"""Client addresses behind proxies: headers count only when the peer is a trusted proxy."""

from __future__ import annotations

import pytest

from commentguard.adapters.proxies import ProxyPolicy

POLICY = ProxyPolicy.from_cidrs(["10.0.0.0/8", "2001:db8:ffff::/48"])


@pytest.mark.parametrize(
    ("peer", "headers", "client"),
    [
        ("192.0.2.7", {"X-Forwarded-For": "198.51.100.1"}, "192.0.2.7"),  # untrusted peer
        ("10.1.2.3", {"X-Forwarded-For": "198.51.100.1"}, "198.51.100.1"),
        ("10.1.2.3", {"X-Forwarded-For": "203.0.113.9, 198.51.100.1, 10.9.9.9"}, "198.51.100.1"),
        ("10.1.2.3", {"X-Forwarded-For": "spoofed, 198.51.100.1"}, "198.51.100.1"),
        ("10.1.2.3", {"X-Forwarded-For": "198.51.100.1, garbage"}, "10.1.2.3"),
        ("10.1.2.3", {}, "10.1.2.3"),
        ("10.1.2.3", {"Forwarded": 'for="[2001:db8::1]:4711";proto=https'}, "2001:db8::1"),
        ("10.1.2.3", {"Forwarded": "for=192.0.2.60;proto=http, for=10.4.4.4"}, "192.0.2.60"),
        ("2001:db8:ffff::2", {"X-Forwarded-For": "192.0.2.44:8080"}, "192.0.2.44"),
        ("not an address", {"X-Forwarded-For": "198.51.100.1"}, None),
    ],
)
def test_client_address(peer: str, headers: dict[str, str], client: str | None) -> None:
    assert POLICY.client_address(peer, headers) == client


def test_no_trusted_proxies_means_the_socket_peer() -> None:
    assert ProxyPolicy().client_address("10.1.2.3", {"X-Forwarded-For": "1.2.3.4"}) == "10.1.2.3"
