"""The C-library IPv4 path gives exactly ``ipaddress.ip_address``'s answer."""

from __future__ import annotations

from ipaddress import ip_address

from hypothesis import example, given
from hypothesis import strategies as st

from commentguard._models.submission import IPAddress, parse_ip

OCTET = st.integers(0, 300).map(str) | st.text("0123456789x", min_size=0, max_size=4)
DOTTED = st.lists(OCTET, min_size=1, max_size=6).map(".".join)
NOISE = st.text("0123456789.:abcdef% \t\x00\u0661\uff11", max_size=20)


def answer(function: object, text: str) -> IPAddress | None:
    try:
        return function(text)  # type: ignore[operator, no-any-return]
    except ValueError:
        return None


@given(DOTTED | NOISE)
@example("01.2.3.4")
@example("1.2.3.4 ")
@example("1.2.3.4\x00")
@example("\u0661.2.3.4")
@example("255.255.255.255")
@example("::ffff:1.2.3.4")
@example("fe80::1%eth0")
def test_parse_ip_agrees_with_ip_address(text: str) -> None:
    assert answer(parse_ip, text) == answer(ip_address, text)
