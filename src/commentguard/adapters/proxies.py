"""The client's address behind reverse proxies: which peers to believe."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from ipaddress import IPv4Address, IPv4Network, IPv6Address, IPv6Network, ip_address, ip_network
from typing import Any

Network = IPv4Network | IPv6Network
Headers = Any
"""A framework's header mapping (Werkzeug's, Django's, Starlette's) or a plain dict."""
Address = IPv4Address | IPv6Address


@dataclass(frozen=True)
class ProxyPolicy:
    """Which peers may tell us the client's address (``X-Forwarded-For``, ``Forwarded``).

    Only when the direct peer is in ``trusted`` are the headers read, right to left, skipping
    trusted proxies: the first untrusted address is the client. A forged header from anyone
    else is ignored, so a client cannot pick the address its flood limit is counted against.
    """

    trusted: tuple[Network, ...] = field(default_factory=tuple)

    @classmethod
    def from_cidrs(cls, cidrs: Iterable[str]) -> ProxyPolicy:
        """Build from CIDR strings such as ``10.0.0.0/8``."""
        return cls(tuple(ip_network(cidr, strict=False) for cidr in cidrs))

    def client_address(self, peer: str | None, headers: Headers) -> str | None:
        """The client's address: the peer, or what trusted proxies say the client was."""
        peer_address = _address(peer)
        if peer_address is None or not self._is_trusted(peer_address):
            return str(peer_address) if peer_address is not None else None
        for hop in reversed(_forwarded_chain(headers)):
            address = _address(hop)
            if address is None:
                return str(peer_address)  # a hop we cannot read: trust nothing before it
            if not self._is_trusted(address):
                return str(address)
        return str(peer_address)

    def request_context(self, peer: str | None, headers: Headers) -> dict[str, Any]:
        """The submission's request fields: client address, user agent and referrer."""
        return {
            "ip": self.client_address(peer, headers),
            "user_agent": headers.get("User-Agent"),
            "referrer": headers.get("Referer"),
        }

    def _is_trusted(self, address: Address) -> bool:
        return any(address in network for network in self.trusted)


def _forwarded_chain(headers: Headers) -> list[str]:
    lowered = {str(key).lower(): str(value) for key, value in headers.items()}
    forwarded = lowered.get("forwarded")
    if forwarded:
        hops = []
        for element in forwarded.split(","):
            for pair in element.split(";"):
                key, _, value = pair.strip().partition("=")
                if key.lower() == "for":
                    hops.append(value.strip().strip('"'))
        return hops
    return [hop.strip() for hop in lowered.get("x-forwarded-for", "").split(",") if hop.strip()]


def _address(text: str | None) -> Address | None:
    if not text:
        return None
    text = text.strip()
    if text.startswith("["):  # [2001:db8::1]:4711
        text = text[1 : text.find("]")]
    elif text.count(":") == 1:  # 192.0.2.1:4711
        text = text.partition(":")[0]
    try:
        return ip_address(text)
    except ValueError:
        return None
