"""Website in body: hold a comment whose body links to the site its author's website is on.

A spammer fills in the Website field with the site they promote and links it again in the
text, to have two links to it on the page. The author's ``url`` and each body link are reduced
to their registrable domain (``example.co.uk`` of ``www.shop.example.co.uk``, by the public
suffix list, private suffixes included: ``alice.github.io`` is Alice's alone); the same one in
both is the signal. Links to the site the comment is on (its ``permalink``'s domain, and the
``site_domains`` setting) are no advertising, and the site's own people linking it pass.

Off by default: readers link their own posts where they help (see docs/checks.md).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from pydantic import Field

from commentguard._check import Check, CheckSettings
from commentguard._hookspecs import hookimpl
from commentguard._models import CommentSubmission, Finding, Verdict
from commentguard.text import registrable_domain
from commentguard.text._links import target_host


class WebsiteInBodySettings(CheckSettings):
    """Settings of the ``website_in_body`` check."""

    enabled: bool = False
    verdict: Verdict = Verdict.HOLD
    site_domains: tuple[str, ...] = Field(
        (),
        description="The site's own domains: an author whose website is on one of them "
        "(the site's own people) is not advertising it. The permalink's domain counts too.",
    )


class WebsiteInBodyCheck(Check):
    """Hold a comment linking, in its body, the registrable domain of its author's website."""

    name = "website_in_body"
    settings_model = WebsiteInBodySettings
    default_order = 44
    settings: WebsiteInBodySettings

    def __init__(self, settings: CheckSettings | None = None) -> None:
        super().__init__(settings)
        self._site = {_domain_of(domain) for domain in self.settings.site_domains}

    def check(self, submission: CommentSubmission) -> Sequence[Finding]:
        """Compare the website's registrable domain with each body link's."""
        website = _domain_of(submission.url)
        if website is None or website in self._site:
            return ()
        if website == _domain_of(submission.permalink):
            return ()  # the site's own people, on their own site
        spellings = _spellings(website)
        looked_up: set[str] = set()  # targets already found elsewhere (a bot repeats one)
        for link in submission.prepared.body.links:
            # Only a target that spells the domain can be on it: a cheap test first, for
            # texts of thousands of links.
            target = link.target.lower()
            if target in looked_up or not any(spelling in target for spelling in spellings):
                continue
            looked_up.add(target)
            if _domain_of(link.target) == website:
                return (
                    self.finding(
                        "website_in_body.same_domain",
                        self.settings.verdict,
                        f"The author's website is on {website}, and the comment links to "
                        f"{website} too: a site promoted twice, in the Website field and in "
                        "the text.",
                        field="body",
                        span=(link.start, link.end),
                        matched=website,
                    ),
                )
        return ()


def _domain_of(url: str | None) -> str | None:
    """The registrable domain of ``url``'s host (internationalised names in ``xn--`` form)."""
    host = target_host(url) if url else None
    return registrable_domain(host) if host else None


def _spellings(domain: str) -> tuple[str, ...]:
    """``domain`` as it may be written in a link: as browsers send it, and in Unicode."""
    try:
        shown = domain.encode("ascii").decode("idna")
    except UnicodeError:
        return (domain,)
    return (domain,) if shown == domain else (domain, shown)


@hookimpl
def register_checks(register: Callable[[type[Check]], None]) -> None:
    """Register the website_in_body check."""
    register(WebsiteInBodyCheck)
