"""BBCode links: a ``[url=...]`` link on a site that does not render BBCode is a bot's.

Forum software renders BBCode; blogs and news sites do not, and a reader there sees
``[url=http://...]cheap pills[/url]`` as written. People write what their site shows them;
the spam tools that post one text to thousands of forms, forums and blogs alike write BBCode
everywhere. So on a site whose ``bbcode`` setting is off (the default), a comment with a
BBCode link (``[url=...]``, ``[url]...[/url]``, ``[link=...]``) is marked spam.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from pydantic import Field

from commentguard._check import Check, CheckSettings
from commentguard._hookspecs import hookimpl
from commentguard._models import CommentSubmission, Finding, Verdict
from commentguard.text import Link

# [link=...] is BBCode too on some forums; find_links does not count it as a link (a site
# that renders BBCode may not know it), so it is looked for here. Bounded, as find_links is.
_LINK_TAG = re.compile(r"\[link=([^\[\]\s]{1,2000}+)\]", re.IGNORECASE)


class BBCodeLinksSettings(CheckSettings):
    """Settings of the ``bbcode_links`` check."""

    bbcode: bool = Field(
        False,
        description="Whether the site renders BBCode (a forum): then BBCode links are "
        "ordinary links and this check passes them.",
    )
    verdict: Verdict = Verdict.SPAM


class BBCodeLinksCheck(Check):
    """Mark spam a comment with a BBCode link, unless the site renders BBCode."""

    name = "bbcode_links"
    settings_model = BBCodeLinksSettings
    default_order = 41
    settings: BBCodeLinksSettings

    def check(self, submission: CommentSubmission) -> Sequence[Finding]:
        """Look for BBCode links in the body as sent."""
        if self.settings.bbcode:
            return ()
        prepared = submission.prepared.body
        found = [link for link in prepared.links if link.kind == "bbcode"]
        if "[link=" in prepared.original.lower():
            found += [
                Link(match[1], match.start(), match.end(), "bbcode")
                for match in _LINK_TAG.finditer(prepared.original)
            ]
            found.sort(key=lambda link: link.start)
        if not found:
            return ()
        # One look at each target: a bot's text repeats one link thousands of times.
        targets = {link.target: link for link in found}.values()
        domains = sorted({link.domain for link in targets if link.domain})
        count = "1 BBCode link" if len(found) == 1 else f"{len(found)} BBCode links"
        return (
            self.finding(
                "bbcode_links.link",
                self.settings.verdict,
                f"The comment has {count} ([url=...]), which this site does not render "
                f"(bbcode = false): spam tools write BBCode everywhere, people write what "
                f"their site shows. Domains linked: {', '.join(domains) or 'no domain'}.",
                field="body",
                span=(found[0].start, found[0].end),
                matched=found[0].domain,
            ),
        )


@hookimpl
def register_checks(register: Callable[[type[Check]], None]) -> None:
    """Register the bbcode_links check."""
    register(BBCodeLinksCheck)
