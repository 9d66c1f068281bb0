"""The ``url_shorteners`` check: hold comments whose links hide behind a URL shortener.

A shortened link (``https://bit.ly/3xYz``) hides where it leads, so a moderator cannot judge it
at a glance, and spammers use shorteners to slip past lists of banned domains. This check does
not decide that such a link is spam; it holds the comment so that a person looks first.

Everything here is ordinary commentguard API: a :class:`~commentguard.CheckSettings` subclass
for the settings a site can change, and a :class:`~commentguard.Check` subclass that turns a
submission into findings.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from pydantic import Field, field_validator

from commentguard import Check, CheckSettings, CommentSubmission, Finding, Verdict
from commentguard.text import Link, find_links

DEFAULT_SHORTENERS: tuple[str, ...] = (
    "adf.ly",
    "bit.ly",
    "bitly.com",
    "buff.ly",
    "clck.ru",
    "cutt.ly",
    "goo.gl",
    "is.gd",
    "ow.ly",
    "rb.gy",
    "rebrand.ly",
    "s.id",
    "shorte.st",
    "shorturl.at",
    "t.co",
    "t.ly",
    "tiny.cc",
    "tinyurl.com",
    "v.gd",
)
"""Public URL-shortening services whose links a moderator cannot read at a glance."""


class ShortenerSettings(CheckSettings):
    """Settings of the ``url_shorteners`` check, read from ``[checks.url_shorteners]``.

    Every field has a default, so the check works with no configuration at all. The inherited
    fields (``enabled``, ``order``, ``timeout``, ``fail_open``) work as for every check.
    """

    domains: tuple[str, ...] = Field(
        DEFAULT_SHORTENERS,
        description="Shortener domains; setting it replaces the default list.",
    )
    extra_domains: tuple[str, ...] = Field(
        (), description="Domains added to ``domains``, to extend the default list."
    )
    verdict: Verdict = Field(Verdict.HOLD, description="What a comment with a shortened link gets.")
    check_author_url: bool = Field(
        True, description="Also look at the author's website field, not only the body."
    )

    @field_validator("domains", "extra_domains", mode="after")
    @classmethod
    def _plain_domains(cls, domains: tuple[str, ...]) -> tuple[str, ...]:
        """Lower-case each domain and drop a leading ``www.``; refuse anything but a host.

        A site that writes ``"https://bit.ly/"`` instead of ``"bit.ly"`` gets an error naming
        the setting, rather than a rule that silently never matches.
        """
        cleaned = []
        for domain in domains:
            host = domain.strip().lower().removeprefix("www.").rstrip(".")
            if not host or "." not in host or any(char in host for char in "/:@ \t"):
                raise ValueError(f"{domain!r} is not a domain name such as 'bit.ly'")
            cleaned.append(host)
        return tuple(cleaned)


class ShortenerCheck(Check):
    """Hold a comment that links to a URL shortener, in its body or as the author's website.

    A link matches when its host is a listed domain or a subdomain of one (``www.bit.ly`` and
    ``m.bit.ly`` match ``bit.ly``; ``notbit.ly`` does not). The check makes one finding per field,
    naming every shortener found there, so a moderator sees the whole picture at once; its
    ``span`` and ``matched`` are those of the first such link.

    Example:
        >>> from commentguard.testing import make_submission
        >>> check = ShortenerCheck()
        >>> [f.code for f in check.check(make_submission(body="see https://bit.ly/3xYz"))]
        ['url_shorteners.link']
    """

    name = "url_shorteners"
    settings_model = ShortenerSettings
    # The built-in links check runs at 40; this one is as cheap (no I/O), so it runs just after.
    default_order = 45
    settings: ShortenerSettings  # narrows the inherited attribute's type for type checkers

    def __init__(self, settings: ShortenerSettings | None = None) -> None:
        super().__init__(settings)
        # Built once here, read by every request: a frozenset is safe to share between threads.
        self._domains = frozenset(self.settings.domains) | frozenset(self.settings.extra_domains)
        # Only a host's last labels can name a listed domain: no more are ever tried.
        self._most_labels = max((domain.count(".") + 1 for domain in self._domains), default=0)

    def check(self, submission: CommentSubmission) -> Sequence[Finding]:
        """Return a finding for the body and one for the author's website, when they match."""
        findings = []
        body_links = self._shortened(submission.prepared.body.links)
        if body_links:
            findings.append(self._finding("url_shorteners.link", "body", body_links))
        if self.settings.check_author_url and submission.url is not None:
            url_links = self._shortened(find_links(submission.url))
            if url_links:
                findings.append(self._finding("url_shorteners.author_url", "url", url_links))
        return findings

    def shortener_of(self, host: str | None) -> str | None:
        """Return the listed domain that ``host`` belongs to, or ``None``.

        Tries ``host`` itself, then each parent domain (``a.b.bit.ly``, ``b.bit.ly``,
        ``bit.ly``, ``ly``), from as many labels as the longest listed domain has, so the cost
        depends neither on the list's size nor on the host's (``www.www.www...`` in 64 KB
        once took a quarter of a second).
        """
        if not host:
            return None
        labels = host.lower().split(".")
        for start in range(max(len(labels) - self._most_labels, 0), len(labels)):
            candidate = ".".join(labels[start:])
            if candidate in self._domains:
                return candidate
        return None

    def _shortened(self, links: Iterable[Link]) -> list[tuple[Link, str]]:
        pairs = ((link, self.shortener_of(link.domain)) for link in links)
        return [(link, shortener) for link, shortener in pairs if shortener is not None]

    def _finding(self, code: str, field: str, matches: list[tuple[Link, str]]) -> Finding:
        shorteners = sorted({shortener for _, shortener in matches})
        first, first_shortener = matches[0]
        where = "The author's website is" if field == "url" else "The body has"
        what, lead = (
            ("a link", "it leads") if len(matches) == 1 else (f"{len(matches)} links", "they lead")
        )
        return self.finding(
            code,
            self.settings.verdict,
            f"{where} {what} through a URL shortener ({', '.join(shorteners)}); "
            f"a moderator cannot see where {lead} without following.",
            field=field,
            span=(first.start, first.end),
            matched=first_shortener,
        )
