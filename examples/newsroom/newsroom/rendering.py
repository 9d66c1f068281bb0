"""Turning stored text into HTML: comment bodies, matched spans, avatars and dates."""

from __future__ import annotations

import re
from datetime import datetime

import nh3
from markupsafe import Markup, escape

ALLOWED_TAGS = frozenset({"a", "b", "strong", "i", "em", "code", "blockquote", "p", "br"})
"""The HTML a comment may keep (roughly WordPress's list for readers without accounts)."""
ALLOWED_ATTRIBUTES = {"a": frozenset({"href", "title"})}
LINK_REL = "nofollow ugc noopener noreferrer"
_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")


def comment_html(body: str) -> Markup:
    """A comment body as safe HTML: paragraphs and line breaks, then only the allowed tags.

    The sanitiser runs last, on the finished HTML, so nothing added here can open a hole.
    """
    paragraphs = _PARAGRAPH_BREAK.split(body.replace("\r\n", "\n").strip())
    html = "".join(
        f"<p>{paragraph.strip().replace(chr(10), '<br>')}</p>" for paragraph in paragraphs
    )
    cleaned = nh3.clean(
        html,
        tags=set(ALLOWED_TAGS),
        attributes={tag: set(names) for tag, names in ALLOWED_ATTRIBUTES.items()},
        url_schemes={"http", "https"},
        link_rel=LINK_REL,
    )
    # A reader's own <p> inside ours parses as empty paragraphs around theirs; drop those.
    return Markup(cleaned.replace("<p></p>", ""))  # the sanitiser's output: safe


def highlighted(text: str, span: tuple[int, int] | None, context: int = 60) -> Markup:
    """``text`` escaped with ``span`` in ``<mark>``, cut to ``context`` characters each side."""
    if span is None:
        return escape(_shortened(text, context * 2))
    start, end = max(0, span[0]), min(len(text), span[1])
    before = text[max(0, start - context) : start]
    after = text[end : end + context]
    lead = "…" if start - context > 0 else ""
    tail = "…" if end + context < len(text) else ""
    return Markup("{}{}<mark>{}</mark>{}{}").format(lead, before, text[start:end], after, tail)


def avatar_colour(avatar_key: str) -> str:
    """A colour for the author's avatar: the same author (email) always gets the same one."""
    return f"hsl({int(avatar_key[:6], 16) % 360}, 45%, 42%)"


def comment_date(moment: datetime) -> str:
    """WordPress's date line: ``March 5, 2026 at 2:14 pm`` (UTC)."""
    hour = moment.hour % 12 or 12
    suffix = "am" if moment.hour < 12 else "pm"
    return f"{moment:%B} {moment.day}, {moment.year} at {hour}:{moment:%M} {suffix}"


def comment_count(count: int) -> str:
    """The heading over the comments."""
    if count == 0:
        return "Be the first to comment"
    return f"{count} Comment" if count == 1 else f"{count} Comments"


def _shortened(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[:limit] + "…"
