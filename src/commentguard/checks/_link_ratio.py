"""Link ratio: hold a comment that is mostly links, as a reader sees it.

What a reader sees of a link: the text of an HTML anchor, Markdown or BBCode link (a site that
renders them shows that text, not the address), and the whole of a bare URL or host. The rest
is the body with every link taken out. Both are counted in letters and digits of the prepared
text (HTML decoded, tags dropped), so punctuation, emoji and invisible characters weigh
nothing, and a URL inside a tag's attribute (``<img src="https://...">``) is no link a
reader sees.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from pydantic import Field, NonNegativeInt

from commentguard._check import Check, CheckSettings
from commentguard._hookspecs import hookimpl
from commentguard._models import CommentSubmission, Finding, Verdict
from commentguard.text import Link, prepare


class LinkRatioSettings(CheckSettings):
    """Settings of the ``link_ratio`` check."""

    max_share: float = Field(
        0.7,
        gt=0.0,
        le=1.0,
        description="Hold a comment whose links make up this share or more of the letters "
        "and digits a reader sees.",
    )
    min_chars: NonNegativeInt = Field(
        20,
        description="Pass a comment with fewer letters and digits than this, links included: "
        "on a text that short the share says little (see https://x.example).",
    )
    verdict: Verdict = Verdict.HOLD


class LinkRatioCheck(Check):
    """Hold a comment whose visible text is mostly links (``max_share`` of it or more)."""

    name = "link_ratio"
    settings_model = LinkRatioSettings
    default_order = 42
    settings: LinkRatioSettings

    def check(self, submission: CommentSubmission) -> Sequence[Finding]:
        """Weigh the links' visible text against the rest."""
        prepared = submission.prepared.body
        links = prepared.links
        if not links:
            return ()
        linked, other = link_chars(prepared.original, prepared.text, links)
        total = linked + other
        if total < self.settings.min_chars or linked < self.settings.max_share * total:
            return ()
        share = linked / total
        return (
            self.finding(
                "link_ratio.mostly_links",
                self.settings.verdict,
                f"Links make up {share:.0%} of the comment's text as a reader sees it "
                f"({linked} of {total} letters and digits; max_share = "
                f"{self.settings.max_share:.0%}).",
                field="body",
                span=(links[0].start, links[-1].end),
                score=share,
            ),
        )


def link_chars(original: str, shown: str, links: Sequence[Link]) -> tuple[int, int]:
    """Letters and digits a reader sees in ``links`` and in the rest of the text.

    ``original`` is the body as sent, ``shown`` its prepared text, ``links`` its links (in
    ``original``'s offsets, in order). A markup link with text is shown as its text; the rest
    is the original with every link cut out, prepared again. Linear in the text.
    """
    rendered: list[str] = []  # the original with Markdown and BBCode links as their text
    rest: list[str] = []  # the original without its links
    position = 0
    for link in links:
        if link.start < position:  # inside a link already taken (a Markdown link in an anchor)
            continue
        rest.append(original[position : link.start])
        rendered.append(original[position : link.start])
        if link.kind in _RENDERED_AS_TEXT:
            rendered.append(link.text if link.text is not None else link.target)
        else:  # an anchor (preparing drops its tags) or a bare link: as written
            rendered.append(original[link.start : link.end])
        position = link.end
    rest.append(original[position:])
    rendered.append(original[position:])
    renders = any(link.kind in _RENDERED_AS_TEXT for link in links)
    visible = prepare("".join(rendered)).text if renders else shown
    unlinked = prepare(" ".join(rest)).text
    other = _alnum(unlinked)
    return max(_alnum(visible) - other, 0), other


_RENDERED_AS_TEXT = frozenset({"markdown", "bbcode"})


_NOT_ALNUM = re.compile(r"[\W_]+")


def _alnum(text: str) -> int:
    # Letters and digits (\w less "_"), counted at C speed: a 64 KB body in well under 1 ms.
    return len(_NOT_ALNUM.sub("", text))


@hookimpl
def register_checks(register: Callable[[type[Check]], None]) -> None:
    """Register the link_ratio check."""
    register(LinkRatioCheck)
