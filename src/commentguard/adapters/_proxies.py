"""The client's address behind reverse proxies: which peers and which header to believe."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum
from ipaddress import (
    IPv4Address,
    IPv4Network,
    IPv6Address,
    IPv6Network,
    ip_address,
    ip_network,
)
from typing import Any

from commentguard._errors import SettingsError

Network = IPv4Network | IPv6Network
Address = IPv4Address | IPv6Address
Headers = Any
"""A framework's header mapping (Werkzeug's, Django's, Starlette's) or a plain dict."""


class ForwardedHeader(StrEnum):
    """The header a trusted proxy writes the client's address into."""

    X_FORWARDED_FOR = "X-Forwarded-For"
    """What nginx (``$proxy_add_x_forwarded_for``), HAProxy and most load balancers set."""
    FORWARDED = "Forwarded"
    """RFC 7239's header, set only by proxies configured to (HAProxy's ``option forwarded``)."""

    @classmethod
    def named(cls, name: str) -> ForwardedHeader:
        """The header called ``name``, in any letter case.

        Raises:
            SettingsError: ``name`` is neither ``X-Forwarded-For`` nor ``Forwarded``.
        """
        for header in cls:
            if str(name).lower() == header.value.lower():
                return header
        choices = " or ".join(repr(header.value) for header in cls)
        raise SettingsError(f"the trusted header must be {choices}, not {name!r}")


@dataclass(frozen=True)
class ProxyPolicy:
    """Which peers may tell us the client's address, and in which header.

    Only when the direct peer is in ``trusted`` is ``header`` read, right to left, skipping
    trusted proxies: the first untrusted address is the client. The other header is never
    read: a proxy that sets only ``X-Forwarded-For`` passes a client's own ``Forwarded`` on
    untouched, so believing it would let the client pick the address its flood limit is
    counted against.
    """

    trusted: tuple[Network, ...] = field(default_factory=tuple)
    header: ForwardedHeader = ForwardedHeader.X_FORWARDED_FOR

    @classmethod
    def from_cidrs(
        cls, cidrs: Iterable[str], header: str = ForwardedHeader.X_FORWARDED_FOR
    ) -> ProxyPolicy:
        """Build from CIDR strings such as ``10.0.0.0/8`` and the name of the header to read.

        Raises:
            ValueError: a CIDR is malformed.
            SettingsError: the header is not one commentguard reads.
        """
        networks = tuple(_unmapped_network(ip_network(cidr, strict=False)) for cidr in cidrs)
        return cls(networks, ForwardedHeader.named(header))

    def client_address(self, peer: str | None, headers: Headers) -> str | None:
        """The client's address: the peer, or what trusted proxies say the client was.

        An IPv4 address is always given in IPv4 form, also when a dual-stack listener saw it
        as ``::ffff:192.0.2.1``, so one client is counted under one address.
        """
        peer_address = _address(peer)
        if peer_address is None or not self._is_trusted(peer_address):
            return str(peer_address) if peer_address is not None else None
        for hop in reversed(self._chain(headers)):
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

    def _chain(self, headers: Headers) -> list[str]:
        # Repeated header lines are one list (RFC 9110, section 5.3). WSGI servers and Django
        # join them already; Starlette keeps each line, and a dict lookup would see the last.
        name = self.header.value.lower()
        lines = [str(value) for key, value in headers.items() if str(key).lower() == name]
        # Empty elements ("a,,b", a trailing comma) are ignored, as RFC 9110 asks of lists.
        elements = [element for element in ",".join(lines).split(",") if element.strip()]
        if self.header is ForwardedHeader.FORWARDED:
            return [_forwarded_for(element) for element in elements]
        return [element.strip() for element in elements]

    def _is_trusted(self, address: Address) -> bool:
        return any(address in network for network in self.trusted)


def _forwarded_for(element: str) -> str:
    """The ``for`` node of one ``Forwarded`` element, or ``""`` when it has not exactly one.

    Splitting on every comma and semicolon, quoted or not, is deliberate: a valid node never
    holds either, and a quote left open by the client cannot swallow what the proxies added.
    An element without ``for`` is unreadable rather than skipped, or a proxy writing only
    ``proto=https`` would hand its hop to the client's element before it.
    """
    nodes = []
    for pair in element.split(";"):
        key, _, value = pair.strip().partition("=")
        if key.strip().lower() == "for":
            nodes.append(value.strip().strip('"'))
    return nodes[0] if len(nodes) == 1 else ""


def _address(text: str | None) -> Address | None:
    if not text:
        return None
    text = text.strip()
    if text.startswith("["):  # [2001:db8::1]:4711
        text = text[1 : text.find("]")]
    elif text.count(":") == 1:  # 192.0.2.1:4711
        text = text.partition(":")[0]
    try:
        address = ip_address(text)
    except ValueError:
        return None
    if isinstance(address, IPv6Address) and address.ipv4_mapped is not None:
        return address.ipv4_mapped  # ::ffff:10.0.0.1 from a dual-stack listener is 10.0.0.1
    return address


def _unmapped_network(network: Network) -> Network:
    """``::ffff:10.0.0.0/104`` as ``10.0.0.0/8``, since mapped addresses are read as IPv4."""
    if isinstance(network, IPv6Network) and network.prefixlen >= 96:
        mapped = network.network_address.ipv4_mapped
        if mapped is not None:
            return IPv4Network(f"{mapped}/{network.prefixlen - 96}")
    return network
