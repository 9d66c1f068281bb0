"""Links: hold comments with many links, as WordPress does.

``max_links`` means what WordPress's ``comment_max_links`` means ("Hold a comment in the queue
if it contains [2] or more links"): a comment with ``max_links`` links *or more* is held, so
the default 2 holds a comment with two links and passes one with a single link.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence

from pydantic import Field, PositiveInt

from commentguard._check import Check, CheckSettings
from commentguard._hookspecs import hookimpl
from commentguard._models import CommentSubmission, Finding, Verdict
from commentguard.text._links import target_domain, top_level_domains


class LinksSettings(CheckSettings):
    """Settings of the ``links`` check."""

    max_links: PositiveInt = Field(
        2,
        description="Hold a comment with this many links or more: with 2 (WordPress's "
        "comment_max_links default) one link passes and two are held; 1 holds any link.",
    )
    verdict: Verdict = Verdict.HOLD


class LinksCheck(Check):
    """Hold a comment whose body has ``max_links`` links or more.

    Counts HTML anchors, Markdown and BBCode links, bare ``http(s)://`` URLs and ``www.`` hosts,
    each link once.
    """

    name = "links"
    settings_model = LinksSettings
    default_order = 40
    settings: LinksSettings

    def __init__(self, settings: CheckSettings | None = None) -> None:
        super().__init__(settings)
        top_level_domains()  # read now, when the guard is built, not on a comment

    def check(self, submission: CommentSubmission) -> Sequence[Finding]:
        """Count the links in the body."""
        links = submission.prepared.body.links
        if len(links) < self.settings.max_links:
            return ()
        counts: Counter[str] = Counter()
        # Each target once: 64 KB of "bit.ly/x " is 7,000 links and one host to parse
        for target, times in Counter(link.target for link in links).items():
            domain = target_domain(target)
            if domain:
                counts[domain] += times
        domains = sorted(counts)
        # The domain linked most (alphabetically first on a tie): what a spammer promotes.
        promoted = max(domains, key=lambda domain: counts[domain]) if domains else None
        limit = self.settings.max_links
        return (
            self.finding(
                "links.too_many",
                self.settings.verdict,
                f"The comment has {_links(len(links))}; comments with {limit} or more links "
                f"are {_OUTCOMES[self.settings.verdict]} (max_links = {limit}). "
                f"Domains linked: {', '.join(domains) or 'no domain'}.",
                field="body",
                span=(links[0].start, links[-1].end),
                score=min(1.0, len(links) / (2 * self.settings.max_links)),
                matched=promoted,
            ),
        )


_OUTCOMES = {
    Verdict.APPROVE: "approved",
    Verdict.HOLD: "held",
    Verdict.SPAM: "marked as spam",
    Verdict.DISCARD: "discarded",
    Verdict.REJECT: "refused",
}
"""What happens to a comment with too many links, by the ``verdict`` setting, for the message."""


def _links(count: int) -> str:
    return "1 link" if count == 1 else f"{count} links"


@hookimpl
def register_checks(register: Callable[[type[Check]], None]) -> None:
    """Register the links check."""
    register(LinksCheck)
