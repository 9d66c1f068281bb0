"""Spam memory: hold what shares a linked domain, an IP network or an address with spam.

Antispam Bee's "local spam database": once a moderator reports a comment as spam, later
comments linking the same registrable domains, sent from the same IP network or by the same
email address are held (or filed as spam). An approval forgets what the approved comment
carried, so a moderator's correction takes effect at once. The store keeps keyed hashes only.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass
from ipaddress import IPv6Address
from typing import ClassVar, Literal

from pydantic import Field, PositiveFloat, field_validator

from commentguard._check import Check, CheckSettings, StoreCheck
from commentguard._hookspecs import hookimpl
from commentguard._identity import author_key, keyed_hash, network_key
from commentguard._models import CommentSubmission, Finding, Verdict
from commentguard.stores import Store
from commentguard.text._links import (
    host_and_domain,
    public_suffixes,
    registrable_domain,
    target_domain,
)

Signal = Literal["domain", "ip", "email"]
SIGNALS: tuple[Signal, ...] = ("domain", "ip", "email")

COMMON_DOMAINS = frozenset(
    """
    google.com youtube.com youtu.be facebook.com instagram.com twitter.com x.com t.co
    linkedin.com reddit.com tiktok.com pinterest.com whatsapp.com t.me telegram.org
    wikipedia.org wikimedia.org wiktionary.org archive.org github.com gitlab.com
    stackoverflow.com stackexchange.com python.org mozilla.org w3.org
    wordpress.com wordpress.org medium.com tumblr.com substack.com blogger.com weebly.com
    imgur.com flickr.com vimeo.com soundcloud.com spotify.com twitch.tv
    bit.ly tinyurl.com goo.gl ow.ly buff.ly is.gd
    amazon.com apple.com microsoft.com
    example.com example.org example.net
    """.split()  # noqa: SIM905 - a list of words, as a reader writes one
)
"""Domains never remembered as a spammer's, whatever a reported comment linked.

Sites everyone links (search, video, social networks, Wikipedia, code hosting), platforms
whose users' blogs share one registrable domain the public suffix list does not split
(``wordpress.com``, ``medium.com``), and link shorteners (``bit.ly``): one spam comment
linking them must not hold every later comment that does. A listed domain covers its
subdomains. Sites add their own with ``allowed_domains``.
"""

MAX_DOMAINS = 20
"""Distinct domains of one comment looked up or remembered: bounds the store calls a comment
costs. A comment with more links is held by the ``links`` check anyway."""


class SpamMemorySettings(CheckSettings):
    """Settings of the ``spam_memory`` check."""

    verdict: Verdict = Field(
        Verdict.HOLD, description="What a comment sharing a signal with reported spam gets."
    )
    signals: tuple[Signal, ...] = Field(
        SIGNALS,
        description="What is remembered and compared: the linked domains, the client's IP "
        "network, the author's email address.",
    )
    remember_seconds: PositiveFloat = Field(
        30 * 86_400.0, description="How long a reported comment's domains and address count."
    )
    ip_remember_seconds: PositiveFloat = Field(
        7 * 86_400.0,
        description="How long its IP network counts: addresses are reassigned, so shorter.",
    )
    ipv4_prefix: int = Field(
        32, ge=8, le=32, description="IPv4 clients are compared per /N (32: the address)."
    )
    ipv6_prefix: int = Field(64, ge=32, le=128, description="IPv6 clients are compared per /N.")
    allowed_domains: tuple[str, ...] = Field(
        (),
        description="Domains never remembered, besides the shipped COMMON_DOMAINS (the "
        "site's own and its partners'); each covers its subdomains.",
    )
    exempt_roles: tuple[Literal["trusted", "moderator"], ...] = Field(
        ("moderator",), description="Submissions whose author_role is listed are not held."
    )

    @field_validator("allowed_domains")
    @classmethod
    def _normalise(cls, domains: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(host_and_domain(domain.strip().removeprefix("www."))[0] for domain in domains)


@dataclass(frozen=True, slots=True)
class _Domain:
    """A registrable domain a comment links, and where its first link is."""

    name: str
    field: str
    span: tuple[int, int] | None


class SpamMemoryCheck(StoreCheck):
    """Hold a comment that shares a domain, an IP network or an address with reported spam.

    ``Guard.report(submission, "spam")`` (or ``"discard"``) remembers the registrable domain
    of each link in the body and of the author's website, the client's IP network and the
    author's email address, as keyed hashes, for ``remember_seconds`` (the network for
    ``ip_remember_seconds``). ``Guard.report(submission, "approve")`` forgets the approved
    comment's. Pingbacks and trackbacks are compared and remembered by their domains only:
    their address is the linking site's server, often a shared host, and their email address
    (when they have one) the linking blog's.
    """

    name = "spam_memory"
    settings_model = SpamMemorySettings
    # After the checks that refuse a comment outright (closed_thread is 15), so what they
    # refuse costs no lookups; before those that read the text.
    default_order = 16
    default_timeout = 3.0
    common_domains: ClassVar[frozenset[str]] = COMMON_DOMAINS
    """The shipped domains never remembered (video sites, code hosts, shorteners, ...)."""
    settings: SpamMemorySettings

    def __init__(
        self, settings: CheckSettings | None = None, store: Store | None = None, secret: bytes = b""
    ) -> None:
        super().__init__(settings, store, secret)
        self._allowed = COMMON_DOMAINS.union(self.settings.allowed_domains)
        self._most_labels = _most_labels(self._allowed)
        public_suffixes()  # read the list now (about 25 ms, once), not on a comment's time

    def check(self, submission: CommentSubmission) -> Sequence[Finding]:
        """Look up each of the submission's signals among those of reported spam."""
        if self._store is None or submission.author_role in self.settings.exempt_roles:
            return ()
        matched = [
            (kind, domain)
            for kind, key, domain in self._keys(submission, self._signals(submission))
            if self._store.get(key) is not None
        ]
        findings = []
        domains = [domain for _, domain in matched if domain is not None]
        if domains:
            findings.append(self._domain_finding(domains))
        if any(kind == "ip" for kind, _ in matched):
            findings.append(
                self.finding(
                    "spam_memory.ip",
                    self.settings.verdict,
                    f"A moderator reported a comment from {self._network_words(submission)} "
                    "as spam.",
                    field="ip",
                )
            )
        if any(kind == "email" for kind, _ in matched):
            findings.append(
                self.finding(
                    "spam_memory.email",
                    self.settings.verdict,
                    "A moderator reported a comment from the author's address as spam.",
                )
            )
        return findings

    def learn(self, submission: CommentSubmission, verdict: Verdict) -> None:
        """Remember the signals of a comment reported as spam; forget an approved one's."""
        if self._store is None:
            return
        if verdict in (Verdict.SPAM, Verdict.DISCARD):
            ttl, ip_ttl = self.settings.remember_seconds, self.settings.ip_remember_seconds
            for kind, key, _ in self._keys(submission, self._signals(submission)):
                self._store.set(key, "1", ip_ttl if kind == "ip" else ttl)
        elif verdict is Verdict.APPROVE:
            for _, key, _ in self._keys(submission, SIGNALS):
                self._store.delete(key)

    def _signals(self, submission: CommentSubmission) -> tuple[Signal, ...]:
        """The enabled signals that apply: domains only for a pingback or a trackback."""
        if submission.comment_type != "comment":
            return tuple(signal for signal in self.settings.signals if signal == "domain")
        return self.settings.signals

    def _keys(
        self, submission: CommentSubmission, signals: Collection[Signal]
    ) -> list[tuple[Signal, str, _Domain | None]]:
        """The store key of each of ``signals`` the submission carries, with its domain."""
        keys: list[tuple[Signal, str, _Domain | None]] = []
        if "domain" in signals:
            keys += [
                ("domain", self.store_key("domain", keyed_hash(self._secret, "domain", d.name)), d)
                for d in self._domains(submission)
            ]
        if "ip" in signals and submission.ip is not None:
            ipv4, ipv6 = self.settings.ipv4_prefix, self.settings.ipv6_prefix
            network = keyed_hash(self._secret, "ip", network_key(submission.ip, ipv6, ipv4))
            keys.append(("ip", self.store_key("ip", network), None))
        address = author_key(submission, self._secret) if "email" in signals else None
        if address is not None:
            keys.append(("email", self.store_key("email", address), None))
        return keys

    def _domains(self, submission: CommentSubmission) -> list[_Domain]:
        """The registrable domains the body links and the website names, first seen first.

        Never a public suffix, a domain of :data:`COMMON_DOMAINS` or ``allowed_domains``, nor
        the site's own (the domain of the comment's ``permalink``); at most :data:`MAX_DOMAINS`.
        """
        allowed, most = self._allowed, self._most_labels
        if submission.permalink is not None:
            own = registrable_domain(target_domain(submission.permalink) or "")
            if own:
                allowed, most = allowed | {own}, max(most, _most_labels((own,)))
        found: dict[str, _Domain] = {}
        hosts: list[tuple[str | None, str, tuple[int, int] | None]] = []
        targets: set[str] = set()  # 64 KB of "bit.ly/x " is 7,000 links to one target
        for link in submission.prepared.body.links:
            if link.target not in targets:
                targets.add(link.target)
                hosts.append((link.domain, "body", (link.start, link.end)))
        if submission.url is not None:
            hosts.append((target_domain(submission.url), "url", None))
        for host, field, span in hosts:
            ascii_host, domain = host_and_domain(host or "")
            if domain is None or domain in found or _is_allowed(ascii_host, allowed, most):
                continue
            found[domain] = _Domain(domain, field, span)
            if len(found) == MAX_DOMAINS:
                break
        return list(found.values())

    def _network_words(self, submission: CommentSubmission) -> str:
        """The network compared, in words, without quoting it."""
        ip = submission.ip
        if isinstance(ip, IPv6Address) and ip.ipv4_mapped is None:
            return f"the same IPv6 /{self.settings.ipv6_prefix} network"
        if self.settings.ipv4_prefix == 32:
            return "the same IP address"
        return f"the same IPv4 /{self.settings.ipv4_prefix} network"

    def _domain_finding(self, matched: list[_Domain]) -> Finding:
        first = matched[0]
        names = ", ".join(domain.name for domain in matched)
        return self.finding(
            "spam_memory.domain",
            self.settings.verdict,
            f"A moderator reported a comment linking {names} as spam.",
            field=first.field,
            span=first.span,
            matched=first.name,
        )


def _is_allowed(host: str, allowed: frozenset[str] | set[str], most: int) -> bool:
    """Whether ``host`` is an allowed domain or under one (``most``: their most labels).

    Only as many of its last labels are tried as the longest allowed domain has: 64 KB of
    ``www.www.www...`` is one host of 16,000 labels, and trying each suffix was quadratic.
    """
    labels = host.rsplit(".", most)[-most:] if most else []
    return any(".".join(labels[start:]) in allowed for start in range(len(labels)))


def _most_labels(domains: Collection[str]) -> int:
    return max((domain.count(".") + 1 for domain in domains), default=0)


@hookimpl
def register_checks(register: Callable[[type[Check]], None]) -> None:
    """Register the spam-memory check."""
    register(SpamMemoryCheck)
