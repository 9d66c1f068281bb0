"""Disguised links: hold a comment with a link whose text shows another site than it goes to.

``<a href="http://evil.example">https://paypal.com</a>`` shows a reader PayPal and takes them
elsewhere: the phishing link. The text of each HTML anchor, Markdown link and BBCode
``[url=...]`` link is read as a reader sees it (prepared: references decoded, tags dropped);
when it holds a URL or a host and that one's registrable domain (``paypal.com`` of
``www.paypal.com``) is not the target's, the link is disguised. Link text in words
(``click here``) hides nothing a reader could check, and is not looked at.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from commentguard._check import Check, CheckSettings
from commentguard._hookspecs import hookimpl
from commentguard._models import CommentSubmission, Finding, Verdict
from commentguard.text import Link, find_links, prepare, registrable_domain
from commentguard.text._links import top_level_domains

_MARKUP_KINDS = frozenset({"html", "markdown", "bbcode"})
_BARE_KINDS = frozenset({"url", "www", "host"})
FILE_NAME_TLDS = frozenset({"py", "md", "sh", "zip", "rs", "pl", "ps", "mov", "ts", "cs", "so"})
"""Top-level domains that are mostly file extensions in link text: ``[setup.py](https://...)``
names a file, not a site."""
# A link text that is one host name, as people write a site's name: "PayPal.co.uk".
_HOST_TEXT = re.compile(
    r"(?:www\.)?+((?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.){1,8}([a-z]{2,24}))"
)


class DisguisedLinksSettings(CheckSettings):
    """Settings of the ``disguised_links`` check."""

    verdict: Verdict = Verdict.HOLD


class DisguisedLinksCheck(Check):
    """Hold a comment with a markup link whose text names a domain its target is not on."""

    name = "disguised_links"
    settings_model = DisguisedLinksSettings
    default_order = 43
    settings: DisguisedLinksSettings

    def check(self, submission: CommentSubmission) -> Sequence[Finding]:
        """Compare each markup link's visible domain with its target's."""
        for link in submission.prepared.body.links:
            shown = shown_domain(link)
            if shown is None:
                continue
            target = registrable_domain(link.domain or "")
            if target is None or target == shown:
                continue
            host = link.domain or target
            on = "" if host == target else f" (on {target})"
            return (
                self.finding(
                    "disguised_links.other_domain",
                    self.settings.verdict,
                    f"A link's text shows {shown} but the link goes to {host}{on}, another "
                    "site: what a phishing link does.",
                    field="body",
                    span=(link.start, link.end),
                    matched=target,
                ),
            )
        return ()


def shown_domain(link: Link) -> str | None:
    """The registrable domain a markup link's text shows, or ``None`` (words, or no text)."""
    if link.kind not in _MARKUP_KINDS or not link.text:
        return None
    text = prepare(link.text).text.strip().lower()
    if "." not in text:
        return None
    whole = _HOST_TEXT.fullmatch(text)
    if whole is not None:
        tld = whole[2]
        if tld not in FILE_NAME_TLDS and tld.lower() in top_level_domains():
            return registrable_domain(whole[1])
        return None
    for found in find_links(text):
        # Not a link nested in the text (a Markdown image in a link): what it shows, bare.
        domain = registrable_domain(found.domain or "") if found.kind in _BARE_KINDS else None
        if domain is not None:
            return domain
    return None


@hookimpl
def register_checks(register: Callable[[type[Check]], None]) -> None:
    """Register the disguised_links check."""
    register(DisguisedLinksCheck)
