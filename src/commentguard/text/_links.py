"""Finding links in comment text: HTML anchors, Markdown and BBCode links, bare URLs and hosts.

A link needs no scheme to bring a reader to a spammer's page: ``bit.ly/x`` and
``www.example.com`` are links too. A host without a scheme counts when it ends in a real
top-level domain (the public suffix list that ``publicsuffixlist`` ships) and either has a
path (``bit.ly/x``, ``example.ru/page``) or ends in one of the generic domains spam is
hosted on (``example.com``; see :data:`BARE_HOST_TLDS`). A file name is not a link
(``setup.py``, ``README.md`` and ``notes.txt`` have no path after them), nor the domain of an
email address.
"""

from __future__ import annotations

import re
import sys
from bisect import bisect_right, insort
from collections.abc import Iterable
from contextlib import suppress
from dataclasses import dataclass
from functools import cache, lru_cache
from ipaddress import ip_address
from urllib.parse import urlsplit

from publicsuffixlist import PSLFILE, PublicSuffixList

# Every run is bounded and stops at the next "<" or "[", and the repeats are possessive: crafted
# input ("<a href=" or "[](" thousands of times, never closed) costs linear time, not cubic.
_HTML_ANCHOR = re.compile(
    r"""<a\s[^<>]{0,2000}?href\s*+=\s*+["']?+([^"'\s<>]{0,2000}+)[^<>]{0,2000}+>""",
    re.IGNORECASE,
)
_ANCHOR_START = re.compile(r"<a\s")
_MARKDOWN_LINK = re.compile(
    r"\[([^\[\]\n]{0,500}+)\]\(\s*+<?([^()\s<>]{1,2000}+)>?[^()\n]{0,500}+\)"
)
_BBCODE_LINK = re.compile(
    r"\[url=([^\[\]\s]{1,2000}+)\](?:([^\[]{0,2000}+)\[/url\])?"
    r"|\[url\]\s*+([^\[\s]{1,2000}+)\s*+\[/url\]",
    re.IGNORECASE,
)
_BARE_URL = re.compile(r"\bhttps?://[^\s<>\"'`)\]]+", re.IGNORECASE)
_WWW_HOST = re.compile(r"(?<![\w./@-])www\.[a-z0-9-]+(?:\.[a-z0-9-]+)+", re.IGNORECASE)
# A host without a scheme: a run of labels taken whole (possessive: no backtracking into it,
# so 64 KB of "192.168.1.1 " costs one pass), not inside a word, a path or an address, then
# maybe a port and a path; _host_of decides whether the labels make a host.
_BARE_HOST = re.compile(
    r"(?<![\w.@/:-])"
    r"([a-z0-9-]++(?:\.[a-z0-9-]++){1,8}+)"
    r"(?![\w@-]|\.[a-z0-9])"
    r"((?::[0-9]{1,5})?/[^\s<>\"'`)\]]*+)?",
    re.IGNORECASE,
)
_DOT_LETTER = re.compile(r"\.[a-z]", re.IGNORECASE)
_LABEL = re.compile(r"[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?", re.IGNORECASE)
_TOP_LABEL = re.compile(r"[a-z]{2,24}|xn--[a-z0-9-]{1,59}", re.IGNORECASE)
BARE_HOST_TLDS = frozenset(
    """com net org info biz ru su xyz top online site club shop store live link click icu vip
    buzz fun space website today cn tk ml ga cf gq pw""".split()  # noqa: SIM905 - a list of words, as a reader writes one
)
"""Top-level domains a host without a scheme or a path counts as a link with.

Generic domains, the ones spam is hosted on most, and not a file extension (``.py``,
``.md``, ``.sh``, ``.zip`` are real top-level domains, but mostly file names in comments).
"""


@dataclass(frozen=True, slots=True)
class Link:
    """One link found in a text."""

    target: str
    start: int
    end: int
    kind: str  # "html", "markdown", "bbcode", "url", "www" or "host" (no scheme, no www.)
    text: str | None = None
    """A markup link's text as written, markup and references included (``click here`` of
    ``<a href="x">click here</a>``, of ``[click here](x)``, of ``[url=x]click here[/url]``);
    ``None`` for a bare link, whose text is its target, for ``[url]x[/url]``, and for an
    anchor whose ``</a>`` is not within 4,000 characters. An anchor's text stops where another
    anchor opens, as in a browser."""

    @property
    def domain(self) -> str | None:
        """The host the link points to, lower-cased, without ``www.``; ``None`` without one."""
        return target_domain(self.target)


def target_domain(target: str) -> str | None:
    """:attr:`Link.domain` of a link to ``target``."""
    host = target_host(target)
    return host.removeprefix("www.") if host else None


def target_host(target: str) -> str | None:
    """The host of a link target or URL, lower-cased (``bit.ly/x`` has ``bit.ly``), or ``None``."""
    try:
        return urlsplit(target if "://" in target else "http://" + target).hostname or None
    except ValueError:
        return None


def find_links(text: str) -> list[Link]:
    """Return every link in ``text`` once, in order.

    A markup link counts once even when its text is the URL again (``<a href="x">x</a>``).
    """
    lowered = text.lower()
    if not _may_hold_links(text, lowered):
        return []  # most comments: no pattern below can match
    links: list[Link] = []
    for found in _HTML_ANCHOR.finditer(text):
        end = found.end()
        closing = lowered.find("</a>", end, end + 4000)
        anchor_text = None
        if closing != -1:
            # An anchor opened inside this one closes it, in a browser: its text stops there
            # (so anchors' texts never overlap, and reading them all is linear).
            inner = _ANCHOR_START.search(lowered, end, closing)
            anchor_text = text[end : inner.start() if inner else closing]
        end = closing + len("</a>") if closing != -1 else end
        links.append(Link(found.group(1), found.start(), end, "html", anchor_text))
    for found in _MARKDOWN_LINK.finditer(text):
        links.append(Link(found.group(2), found.start(), found.end(), "markdown", found.group(1)))
    for found in _BBCODE_LINK.finditer(text):
        target = found.group(1) or found.group(3)
        links.append(Link(target, found.start(), found.end(), "bbcode", found.group(2)))
    taken = _Spans((link.start, link.end) for link in links)
    for kind, pattern, marker in (("url", _BARE_URL, "://"), ("www", _WWW_HOST, "www.")):
        # Each pattern needs its marker (in any case: no other character lower-cases to these),
        # found in C first: a long text without it costs no scan by a pattern that is tried at
        # every character (about 15 us a kilobyte each).
        if marker not in lowered:
            continue
        for found in pattern.finditer(text):
            if taken.covers(found.start()):
                continue
            target = found.group().rstrip(".,;:!?")
            links.append(Link(target, found.start(), found.start() + len(target), kind))
            taken.add(found.start(), found.end())
    if _DOT_LETTER.search(text):  # a host ends in ".<letter>..."
        for found in _BARE_HOST.finditer(text):
            if taken.covers(found.start()) or not _is_bare_link(found[1], found[2]):
                continue  # found[1]: the labels; found[2]: the port and path
            target = found.group().rstrip(".,;:!?")
            links.append(Link(target, found.start(), found.start() + len(target), "host"))
    return sorted(links, key=lambda link: link.start)


def _is_bare_link(host: str, path: str | None) -> bool:
    *labels, tld = host.split(".")
    if not _TOP_LABEL.fullmatch(tld) or not all(map(_LABEL.fullmatch, labels)):
        return False
    tld = tld.lower()
    if not path:
        return tld in BARE_HOST_TLDS
    return tld in top_level_domains()


def registrable_domain(host: str) -> str | None:
    """The part of ``host`` one registrant holds: ``example.co.uk`` of ``www.a.example.co.uk``.

    By the public suffix list publicsuffixlist ships, private suffixes included, so
    ``alice.github.io`` and ``bob.github.io`` are two sites. Internationalised names come back
    as browsers send them (``xn--``), so both spellings of one name are one domain. An IP
    address is its own; a public suffix alone (``com``, ``github.io``) or an empty host has
    none (``None``).
    """
    return host_and_domain(host)[1]


@lru_cache(maxsize=2048)  # hosts of at most 253 characters: about 1 MB at the most
def host_and_domain(host: str) -> tuple[str, str | None]:
    """``host`` as browsers send it (lower case, ``xn--``), and its registrable domain."""
    host = host.strip().strip("[]").rstrip(".").lower()
    if not host:
        return host, None
    try:
        address = str(ip_address(host))
    except ValueError:
        with suppress(UnicodeError):  # as browsers send it: bücher.example is xn--bcher-kva
            host = host.encode("idna").decode("ascii")
        return host, public_suffixes().privatesuffix(host)
    return address, address


@cache
def public_suffixes() -> PublicSuffixList:
    """The public suffix list publicsuffixlist ships, private suffixes too; read once (25 ms).

    Unknown top-level domains are accepted (``evil.example`` is a domain). Checks that need
    it read it when the guard is built, so no comment waits for it.
    """
    return PublicSuffixList()


@cache
def top_level_domains() -> frozenset[str]:
    """The top-level domains of the public suffix list that ``publicsuffixlist`` ships.

    Its ICANN section's one-label entries, internationalised ones in their ``xn--`` form;
    read once per process (about 12 ms), never downloaded. The links check reads it when the
    guard is built, so no comment waits for it.
    """
    found = set()
    with open(PSLFILE, encoding="utf-8") as lines:
        for line in lines:
            if line.startswith("// ===END ICANN DOMAINS"):
                break
            entry = line.strip()
            if entry and not entry.startswith("//") and "." not in entry:
                found.add(entry if entry.isascii() else "xn--" + entry.encode("punycode").decode())
    return frozenset(found)


def _may_hold_links(text: str, lowered: str) -> bool:
    """Whether ``text`` holds something every link pattern needs.

    That is ``<a``, ``](``, ``[url``, ``://``, or ``.`` for a host (``www.`` among them), in
    any case (no other character folds to these letters); a property-based test checks that
    the patterns agree.
    """
    return "." in text or "://" in text or "](" in text or "<a" in lowered or "[url" in lowered


class _Spans:
    """Spans already counted as links, looked up by bisection (texts may hold thousands)."""

    def __init__(self, spans: Iterable[tuple[int, int]]) -> None:
        self._spans = sorted(spans)

    def covers(self, position: int) -> bool:
        index = bisect_right(self._spans, (position, sys.maxsize)) - 1
        # Markup spans may nest (an anchor's text can hold a Markdown link): look back a little.
        return any(
            start <= position < end for start, end in self._spans[max(index - 8, 0) : index + 1]
        )

    def add(self, start: int, end: int) -> None:
        insort(self._spans, (start, end))
