"""Finding links in comment text: HTML anchors, Markdown and BBCode links, bare URLs, www hosts."""

from __future__ import annotations

import re
import sys
from bisect import bisect_right, insort
from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import urlsplit

# Every run is bounded and stops at the next "<" or "[", and the repeats are possessive: crafted
# input ("<a href=" or "[](" thousands of times, never closed) costs linear time, not cubic.
_HTML_ANCHOR = re.compile(
    r"""<a\s[^<>]{0,2000}?href\s*+=\s*+["']?+([^"'\s<>]{0,2000}+)[^<>]{0,2000}+>""",
    re.IGNORECASE,
)
_MARKDOWN_LINK = re.compile(r"\[[^\[\]\n]{0,500}+\]\(\s*+<?([^()\s<>]{1,2000}+)>?[^()\n]{0,500}+\)")
_BBCODE_LINK = re.compile(
    r"\[url=([^\[\]\s]{1,2000}+)\](?:[^\[]{0,2000}+\[/url\])?"
    r"|\[url\]\s*+([^\[\s]{1,2000}+)\s*+\[/url\]",
    re.IGNORECASE,
)
_BARE_URL = re.compile(r"\bhttps?://[^\s<>\"'`)\]]+", re.IGNORECASE)
_WWW_HOST = re.compile(r"(?<![\w./@-])www\.[a-z0-9-]+(?:\.[a-z0-9-]+)+", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Link:
    """One link found in a text."""

    target: str
    start: int
    end: int
    kind: str  # "html", "markdown", "bbcode", "url" or "www"

    @property
    def domain(self) -> str | None:
        """The host the link points to, lower-cased, or ``None`` when it has none."""
        target = self.target if "://" in self.target else "http://" + self.target
        try:
            host = urlsplit(target).hostname
        except ValueError:
            return None
        return host.removeprefix("www.") if host else None


def find_links(text: str) -> list[Link]:
    """Return every link in ``text`` once, in order.

    A markup link counts once even when its text is the URL again (``<a href="x">x</a>``).
    """
    lowered = text.lower()
    if not _may_hold_links(text, lowered):
        return []  # most comments: no pattern below can match
    links: list[Link] = []
    for kind, pattern in (("html", _HTML_ANCHOR), ("markdown", _MARKDOWN_LINK)):
        for found in pattern.finditer(text):
            end = found.end()
            if kind == "html":
                closing = lowered.find("</a>", end, end + 4000)
                end = closing + len("</a>") if closing != -1 else end
            links.append(Link(found.group(1), found.start(), end, kind))
    for found in _BBCODE_LINK.finditer(text):
        target = found.group(1) or found.group(2)
        links.append(Link(target, found.start(), found.end(), "bbcode"))
    taken = _Spans((link.start, link.end) for link in links)
    for kind, pattern in (("url", _BARE_URL), ("www", _WWW_HOST)):
        for found in pattern.finditer(text):
            if taken.covers(found.start()):
                continue
            target = found.group().rstrip(".,;:!?")
            links.append(Link(target, found.start(), found.start() + len(target), kind))
            taken.add(found.start(), found.end())
    return sorted(links, key=lambda link: link.start)


def _may_hold_links(text: str, lowered: str) -> bool:
    """Whether ``text`` holds something every link pattern needs.

    That is ``<a``, ``](``, ``[url``, ``://`` or ``www.``, in any case (no other character
    folds to these letters); a property-based test checks that the patterns agree.
    """
    return (
        "://" in text or "](" in text or "<a" in lowered or "[url" in lowered or "www." in lowered
    )


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
