"""A field's text prepared once for every check: HTML decoded, tags dropped, spans kept.

A comment body from WordPress, Disqus or a site that allows some markup is HTML: the reader
sees ``fuck`` where the source says ``&#102;uck`` or ``f<b></b>uck``. Each check that reads
words (profanity, the site's key lists, the learned filters) reads :attr:`PreparedText.text`,
the text as a page shows it, and maps what it finds back into the original with
:meth:`PreparedText.original_span`, so findings point at what the author wrote.

The preparation, in one left-to-right pass (linear in the text, every pattern bounded):

- character references are decoded: numeric ones (``&#102;``, ``&#x66;``, with or without
  the ``;`` browsers forgive) and named ones ending in ``;`` (``&eacute;``); each counts as
  one piece of the original, so a match never starts or ends inside one;
- tags are dropped and their text kept; a tag that ends a line or a block in a browser
  (``<p>``, ``<br>``, ``<div>``, ``<li>``, ``<img>``, ...) leaves a line break, an inline one
  (``<b>``, ``<span>``, ``<a>``, ...) nothing, so ``f<b></b>uck`` reads ``fuck`` and
  ``<p>one</p><p>two</p>`` reads ``one`` and ``two`` apart;
- HTML comments are dropped (an unclosed one hides the rest of the text, as in a browser).

A ``<`` not followed by a letter, ``/`` and a letter, or ``!--`` is text (``I <3 it``,
``a < b``). Text without ``<`` or ``&`` is its own preparation, at no cost.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from html import unescape

from commentguard.text._links import Link, find_links

_MARKUP = re.compile(
    r"<!--"  # a comment: its end is looked for with str.find (linear)
    r"|<(/?)([a-zA-Z][a-zA-Z0-9]{0,15})(?![a-zA-Z0-9])[^<>]{0,2000}+>"  # a tag
    r"|&(?:\#[0-9]{1,7};?|\#[xX][0-9a-fA-F]{1,6};?|[a-zA-Z][a-zA-Z0-9]{1,31};)"  # a reference
)
_BREAKING_TAGS = frozenset(
    """address article aside blockquote br caption dd details div dl dt embed fieldset
    figcaption figure footer form h1 h2 h3 h4 h5 h6 header hr iframe img input li main nav
    object ol p pre section summary table tbody td textarea tfoot th thead tr ul video""".split()  # noqa: SIM905 - a list of words, as a reader writes one
)
"""Tags a browser shows as a line break or a block: they separate the words around them."""
_WORDS = re.compile(r"\w+")


class PreparedText:
    """The text of one field as a reader sees it, with a map back to the original.

    Built by :func:`prepare`; checks reach it through ``submission.prepared``
    (:attr:`CommentSubmission.prepared <commentguard.CommentSubmission.prepared>`). The text
    and its map back never change. Three derived views (:attr:`folded`, :attr:`words`,
    :attr:`links`) are worked out the first time they are read and kept, so every check after
    the first reads them for free. That is still safe to share between threads: each view is
    a pure function of the unchanging text, so two threads reading one at once may both work
    it out, and whichever value is kept is the same.
    """

    __slots__ = ("_folded", "_links", "_origins", "_pieces", "_words", "original", "text")

    original: str
    """The field as submitted."""
    text: str
    """Character references decoded, tags and HTML comments dropped (see the module)."""

    def __init__(self, original: str, text: str, pieces: list[tuple[int, int, int, bool]]) -> None:
        self.original = original
        self.text = text
        # (start in text, start in original, end in original, copied as it is), one per
        # piece of text that has characters; dropped markup has none and is not listed.
        self._pieces = pieces
        self._origins = [piece[0] for piece in pieces]
        self._folded: str | None = None
        self._words: tuple[str, ...] | None = None
        self._links: tuple[Link, ...] | None = None

    def __repr__(self) -> str:
        return f"PreparedText({len(self.original)} characters, {len(self.text)} prepared)"

    @property
    def changed(self) -> bool:
        """Whether preparing changed anything (the text held markup or references)."""
        return self.text is not self.original

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """Where ``text[start:end]`` came from in :attr:`original`.

        A span that starts or ends in a decoded reference takes the whole reference; one that
        spans dropped tags takes them (``f<b></b>uck`` maps whole).
        """
        if not self.changed:
            return start, end
        if end <= start:
            position = self._start_of(start)
            return position, position
        return self._start_of(start), self._end_of(end - 1)

    def _start_of(self, position: int) -> int:
        if position >= len(self.text):
            return len(self.original)
        text_start, origin, _, copied = self._pieces[bisect_right(self._origins, position) - 1]
        return origin + (position - text_start) if copied else origin

    def _end_of(self, last: int) -> int:
        text_start, origin, origin_end, copied = self._pieces[bisect_right(self._origins, last) - 1]
        return origin + (last - text_start) + 1 if copied else origin_end

    @property
    def folded(self) -> str:
        """:attr:`text` compatibility-normalised (NFKC) and case-folded, for token checks.

        Its offsets are not those of :attr:`text`; a check that reports a span matches
        :attr:`text` instead.
        """
        if self._folded is None:
            self._folded = unicodedata.normalize("NFKC", self.text).casefold()
        return self._folded

    @property
    def words(self) -> tuple[str, ...]:
        """The words (runs of letters, digits and ``_``) of :attr:`folded`."""
        if self._words is None:
            self._words = tuple(_WORDS.findall(self.folded))
        return self._words

    @property
    def links(self) -> tuple[Link, ...]:
        """Every link of the original text once, in order (see :func:`find_links`).

        Found in :attr:`original`, where the markup still is (``<a href>``, Markdown,
        BBCode), with spans in its offsets.
        """
        if self._links is None:
            self._links = tuple(find_links(self.original))
        return self._links


def prepare(text: str) -> PreparedText:
    """Prepare ``text`` as described in the module: one pass, linear in its length."""
    if "<" not in text and "&" not in text:
        return PreparedText(text, text, [(0, 0, len(text), True)])
    parts: list[str] = []
    pieces: list[tuple[int, int, int, bool]] = []
    length = 0  # of the prepared text so far
    copied_from = 0  # start of the original text not yet copied
    position = 0
    changed = False

    def copy_up_to(end: int) -> None:
        nonlocal length
        if end > copied_from:
            pieces.append((length, copied_from, end, True))
            parts.append(text[copied_from:end])
            length += end - copied_from

    while (found := _MARKUP.search(text, position)) is not None:
        start, end = found.span()
        piece = found.group()
        if piece == "<!--":
            closing = text.find("-->", end)
            end = len(text) if closing == -1 else closing + 3
            replacement = ""
        elif piece[0] == "<":
            replacement = "\n" if found.group(2).lower() in _BREAKING_TAGS else ""
        else:
            replacement = unescape(piece)
            if replacement == piece:  # not a reference HTML knows: text as written
                position = end
                continue
        changed = True
        copy_up_to(start)
        if replacement:
            pieces.append((length, start, end, False))
            parts.append(replacement)
            length += len(replacement)
        copied_from = position = end
    copy_up_to(len(text))
    if not changed:  # only references HTML does not know
        return PreparedText(text, text, [(0, 0, len(text), True)])
    return PreparedText(text, "".join(parts), pieces)


class PreparedFields:
    """The prose fields of a submission, each prepared once: :attr:`name` and :attr:`body`.

    Reached as ``submission.prepared``; the first check to read it prepares it, the others
    share it.
    """

    __slots__ = ("body", "name")

    def __init__(self, name: str, body: str) -> None:
        self.name = prepare(name)
        """The author's name, prepared."""
        self.body = prepare(body)
        """The comment text, prepared."""

    def prepares(self, name: str, body: str) -> bool:
        """Whether these are the preparations of exactly ``name`` and ``body``."""
        return self.name.original is name and self.body.original is body

    def __getitem__(self, field: str) -> PreparedText:
        """The prepared ``"name"`` or ``"body"``."""
        if field == "name":
            return self.name
        if field == "body":
            return self.body
        raise KeyError(field)

    def __repr__(self) -> str:
        return f"PreparedFields(name={self.name!r}, body={self.body!r})"
