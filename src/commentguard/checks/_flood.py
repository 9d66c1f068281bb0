"""Flood: refuse an author who comments faster than a person does."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Literal

from limits import RateLimitItem, parse
from pydantic import Field, field_validator

from commentguard._check import Check, CheckSettings, StoreCheck
from commentguard._hookspecs import hookimpl
from commentguard._identity import author_key, keyed_hash, network_key
from commentguard._models import CommentSubmission, Finding, Verdict
from commentguard.i18n import N_
from commentguard.stores import Store

_AUTHOR_MESSAGE = N_("You are posting comments too quickly. Slow down.")  # WordPress's words


class FloodSettings(CheckSettings):
    """Settings of the ``flood`` check."""

    rates: tuple[str, ...] = Field(
        ("1 per 15 seconds", "3 per minute"),
        description="Limits in the limits library's notation; each must hold.",
    )
    by: tuple[Literal["ip", "email"], ...] = Field(
        ("ip", "email"), description="What is limited: the client address, the email, or both."
    )
    exempt_roles: tuple[Literal["trusted", "moderator"], ...] = Field(
        ("moderator",), description="Submissions whose author_role is listed are not limited."
    )
    ipv6_prefix: int = Field(64, ge=32, le=128, description="IPv6 clients are limited per /N.")

    @field_validator("rates")
    @classmethod
    def _parse(cls, rates: tuple[str, ...]) -> tuple[str, ...]:
        for rate in rates:
            parse(rate)  # raises ValueError with the limits library's explanation
        return rates


class FloodCheck(StoreCheck):
    """Reject a submission from an IP address, IPv6 /64 or email that is over its rate.

    The default is WordPress's one comment per 15 seconds, plus at most three a minute. Counts
    live in the guard's store, so every worker and host sharing the store shares the limits.
    """

    name = "flood"
    settings_model = FloodSettings
    default_order = 13
    comment_types = frozenset({"comment"})  # not pingbacks or trackbacks
    default_timeout = 3.0
    settings: FloodSettings

    def __init__(
        self, settings: CheckSettings | None = None, store: Store | None = None, secret: bytes = b""
    ) -> None:
        super().__init__(settings, store, secret)
        self._rates: tuple[tuple[str, RateLimitItem], ...] = tuple(
            (rate, parse(rate)) for rate in self.settings.rates
        )

    def check(self, submission: CommentSubmission) -> Sequence[Finding]:
        """Count this submission against each rate; reject it if one is exceeded."""
        if self._store is None or submission.author_role in self.settings.exempt_roles:
            return ()
        for kind, identity in self._identities(submission):
            for text, rate in self._rates:
                if not self._store.hit(rate, "flood", kind, identity):
                    return (
                        self.finding(
                            "flood.too_fast",
                            Verdict.REJECT,
                            f"The same {'IP address' if kind == 'ip' else 'email address'} "
                            f"already sent comments at the limit of {text}.",
                            author_message=_AUTHOR_MESSAGE,
                        ),
                    )
        return ()

    def _identities(self, submission: CommentSubmission) -> list[tuple[str, str]]:
        identities = []
        if "ip" in self.settings.by and submission.ip is not None:
            network = network_key(submission.ip, self.settings.ipv6_prefix)
            identities.append(("ip", keyed_hash(self._secret, network)))
        author = author_key(submission, self._secret) if "email" in self.settings.by else None
        if author is not None:  # an old comment without an address is limited by its IP only
            identities.append(("email", author))
        return identities


@hookimpl
def register_checks(register: Callable[[type[Check]], None]) -> None:
    """Register the flood check."""
    register(FloodCheck)
