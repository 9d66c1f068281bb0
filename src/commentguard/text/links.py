"""Finding links in comment text: HTML anchors, Markdown and BBCode links, bare URLs, www hosts."""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urlsplit

_HTML_ANCHOR = re.compile(r"""<a\s[^>]*?href\s*=\s*["']?([^"'\s>]*)[^>]*>""", re.IGNORECASE)
_MARKDOWN_LINK = re.compile(r"\[[^\]\n]*\]\(\s*<?([^)\s>]+)>?[^)]*\)")
_BBCODE_LINK = re.compile(
    r"\[url=([^\]\s]+)\](?:[^\[]*\[/url\])?|\[url\]\s*([^\[\s]+)\s*\[/url\]", re.IGNORECASE
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
    links: list[Link] = []
    taken: list[tuple[int, int]] = []
    for kind, pattern in (("html", _HTML_ANCHOR), ("markdown", _MARKDOWN_LINK)):
        for found in pattern.finditer(text):
            end = _markup_end(text, found, kind)
            links.append(Link(found.group(1), found.start(), end, kind))
            taken.append((found.start(), end))
    for found in _BBCODE_LINK.finditer(text):
        target = found.group(1) or found.group(2)
        links.append(Link(target, found.start(), found.end(), "bbcode"))
        taken.append((found.start(), found.end()))
    for kind, pattern in (("url", _BARE_URL), ("www", _WWW_HOST)):
        for found in pattern.finditer(text):
            if _inside(found.start(), taken):
                continue
            target = found.group().rstrip(".,;:!?")
            links.append(Link(target, found.start(), found.start() + len(target), kind))
            taken.append((found.start(), found.end()))
    return sorted(links, key=lambda link: link.start)


def _markup_end(text: str, found: re.Match[str], kind: str) -> int:
    if kind == "html":
        closing = text.lower().find("</a>", found.end())
        return closing + len("</a>") if closing != -1 else found.end()
    return found.end()


def _inside(position: int, spans: list[tuple[int, int]]) -> bool:
    return any(start <= position < end for start, end in spans)
