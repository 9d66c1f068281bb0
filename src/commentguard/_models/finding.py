"""A finding: one check's observation about one submission."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from commentguard._models.verdict import Verdict


class Finding(BaseModel):
    """Something a check noticed, and the verdict it asks for.

    ``moderator_message`` may name what matched and where (``field`` and ``span``); the author
    only ever sees ``author_message``, which is generic unless a check sets a safe one (a flood
    or a closed thread should be explained; what tripped a spam filter should not).
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    check: str = Field(description="Name of the check that produced the finding.")
    code: str = Field(description="Stable machine code, such as ``links.too_many``.")
    verdict: Verdict = Field(description="The verdict this finding asks for.")
    moderator_message: str = Field(description="What happened, for a moderator.")
    author_message: str | None = Field(
        None, description="A message safe to show the author; ``None`` means the generic one."
    )
    score: float | None = Field(None, ge=0.0, le=1.0, description="Confidence in [0, 1].")
    field: str | None = Field(None, description="The submission field the match is in.")
    span: tuple[int, int] | None = Field(
        None, description="Start and end character offsets of the match within ``field``."
    )
    matched: str | None = Field(
        None, description="The listed word, phrase or domain that matched (never from the email)."
    )
    lifts_hold: bool = Field(
        False,
        description="Let a comment that would only be held through (a trusted author). Never "
        "lifts spam, discard or reject, nor a hold caused by a failed check.",
    )
