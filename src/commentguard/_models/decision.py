"""The decision: the verdict a site acts on, with the findings behind it."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from commentguard._models.finding import Finding
from commentguard._models.verdict import Verdict
from commentguard.i18n import translate


class Decision(BaseModel):
    """The outcome of moderating one submission."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    verdict: Verdict
    findings: tuple[Finding, ...] = ()
    author_message: str = Field(
        description="What to tell the person who sent the comment, in English; for another "
        "language, ``author_message_in``."
    )
    timings: dict[str, float] = Field(
        default_factory=dict, description="Seconds spent in each check that ran, by check name."
    )

    @property
    def codes(self) -> tuple[str, ...]:
        """The finding codes, in the order the checks produced them."""
        return tuple(finding.code for finding in self.findings)

    def author_message_in(self, locale: str | None) -> str:
        """:attr:`author_message` in ``locale`` (``"de"``, ``"fr_CA"``).

        English when the language has no catalogue, and for a message the catalogues do not
        know (a plugin's own).
        """
        return translate(self.author_message, locale)

    @property
    def accepted(self) -> bool:
        """Whether to answer the author as if the comment was received (see ``Verdict``)."""
        return self.verdict.accepted

    def findings_for(self, verdict: Verdict) -> tuple[Finding, ...]:
        """Return the findings that asked for ``verdict``."""
        return tuple(finding for finding in self.findings if finding.verdict is verdict)
