"""Disposable email: hold a comment whose email address is at a throwaway mailbox service.

The list is the ``disposable_email_domains`` package's (a maintained community list, shipped in
the wheel and never fetched at run time). A domain counts when it, or a domain it is under, is
listed: ``x.mailinator.com`` is ``mailinator.com``'s.

The address is never shown. The finding names the *listed* domain, which is the name of a
public service on a public list, not the author's (see docs/checks.md).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from contextlib import suppress
from functools import cache

from pydantic import Field

from commentguard._check import Check, CheckSettings
from commentguard._hookspecs import hookimpl
from commentguard._models import CommentSubmission, Finding, Verdict


class DisposableMailboxSettings(CheckSettings):
    """Settings of the ``disposable_mailbox`` check."""

    verdict: Verdict = Verdict.HOLD
    allowed_domains: tuple[str, ...] = Field(
        (),
        description="Domains the site accepts although they are listed (and the domains "
        "under them), such as a service its own readers use.",
    )


class DisposableMailboxCheck(Check):
    """Hold a comment whose email domain is on the list of disposable mailbox services."""

    name = "disposable_mailbox"
    settings_model = DisposableMailboxSettings
    default_order = 21
    settings: DisposableMailboxSettings

    def __init__(self, settings: CheckSettings | None = None) -> None:
        super().__init__(settings)
        self._allowed = frozenset(
            domain.strip().lower().strip(".") for domain in self.settings.allowed_domains
        )

    def check(self, submission: CommentSubmission) -> Sequence[Finding]:
        """Look the email's domain up, and the domains it is under."""
        if submission.email is None:
            return ()
        listed = listed_domain(submission.email.domain, self._allowed)
        if listed is None:
            return ()
        return (
            self.finding(
                "disposable_mailbox.listed",
                self.settings.verdict,
                f"The email address is at {listed}, a disposable mailbox service "
                "(the disposable_email_domains list).",
                field="email",
            ),
        )


def listed_domain(domain: str, allowed: frozenset[str] = frozenset()) -> str | None:
    """The listed domain ``domain`` is or is under, or ``None`` (also when it is allowed)."""
    if not domain.isascii():  # an ASCII name is its own IDNA form
        with suppress(UnicodeError):  # the list holds internationalised names in xn-- form
            domain = domain.encode("idna").decode("ascii")
    labels = domain.lower().rstrip(".").split(".")
    suffixes = [".".join(labels[index:]) for index in range(len(labels) - 1)]
    if any(suffix in allowed for suffix in suffixes):
        return None
    blocklist = _blocklist()
    return next((suffix for suffix in suffixes if suffix in blocklist), None)


@cache
def _blocklist() -> frozenset[str]:
    # Imported on first use: a set of about 10,000 names, read once per process.
    from disposable_email_domains import blocklist

    return frozenset(blocklist)


@hookimpl
def register_checks(register: Callable[[type[Check]], None]) -> None:
    """Register the disposable_mailbox check."""
    register(DisposableMailboxCheck)
