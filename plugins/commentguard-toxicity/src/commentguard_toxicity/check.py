"""The ``toxicity`` check: hold (or refuse) comments the offensive-language model scores high."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Self

from pydantic import Field, model_validator

from commentguard import Check, CheckContext, CheckSettings, CommentSubmission, Finding, Verdict
from commentguard_toxicity.model import linear_model, scores_and_words


class ToxicitySettings(CheckSettings):
    """Settings of the ``toxicity`` check (``[checks.toxicity]``)."""

    hold_threshold: float = Field(
        0.5, gt=0.0, le=1.0, description="Hold a comment for a moderator from this score on."
    )
    reject_threshold: float | None = Field(
        None,
        gt=0.0,
        le=1.0,
        description="Refuse a comment outright from this score on; off unless set (the model "
        "scores swearing, not intent, so refusing is a site's choice).",
    )

    @model_validator(mode="after")
    def _thresholds_in_order(self) -> Self:
        if self.reject_threshold is not None and self.reject_threshold < self.hold_threshold:
            raise ValueError("reject_threshold must not be below hold_threshold")
        return self


class ToxicityCheck(Check):
    """Score the body with alt-profanity-check's model, offline (about 12 µs a comment).

    A score from ``hold_threshold`` holds the comment; from ``reject_threshold`` (when set)
    refuses it. The finding carries the score.
    """

    name = "toxicity"
    settings_model = ToxicitySettings
    default_order = 70
    settings: ToxicitySettings

    @classmethod
    def from_settings(cls, context: CheckContext) -> Self:
        """Load the model now, so a broken install fails when the guard is built, not later."""
        linear_model()
        return cls(context.check_settings)

    def check(self, submission: CommentSubmission) -> Sequence[Finding]:
        """Score one comment."""
        return self.check_many([submission])[0]

    def check_many(self, submissions: Sequence[CommentSubmission]) -> list[Sequence[Finding]]:
        """Score a batch: each comment as :meth:`check` would, with the model read once."""
        texts = [submission.prepared.body.text for submission in submissions]
        scored = scores_and_words(texts, explain_from=self.settings.hold_threshold)
        return [self._findings(score, words) for score, words in scored]

    def _findings(self, score: float, words: tuple[str, ...]) -> Sequence[Finding]:
        if score < self.settings.hold_threshold:
            return ()
        reject = self.settings.reject_threshold
        refused = reject is not None and score >= reject
        return (
            self.finding(
                "toxicity.refused" if refused else "toxicity.offensive",
                Verdict.REJECT if refused else Verdict.HOLD,
                f"The offensive-language model scores the body {score:.3f} "
                f"({'reject' if refused else 'hold'}_threshold is "
                f"{reject if refused else self.settings.hold_threshold:g}); the words that "
                f"weighed most: {', '.join(map(repr, words)) or 'none'}.",
                score=score,
                field="body",
                matched=", ".join(words) or None,
            ),
        )
