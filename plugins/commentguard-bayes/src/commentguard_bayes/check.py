"""The ``bayes`` check: score each comment, and learn from every moderator's verdict."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Self

from pydantic import Field, NonNegativeInt, PositiveFloat, PositiveInt, model_validator

from commentguard import CheckSettings, CommentSubmission, Finding, StoreCheck, Verdict
from commentguard_bayes.features import FEATURES_VERSION, SpamText
from commentguard_bayes.model import NaiveBayes, Score
from commentguard_bayes.seed import load_seed

if TYPE_CHECKING:
    from commentguard.stores import Store

SEED_LEASE_SECONDS = 60.0
"""How long one worker holds the right to seed: if it dies before seeding, another seeds after."""


class BayesSettings(CheckSettings):
    """Settings of the ``bayes`` check (``[checks.bayes]``)."""

    hold_threshold: float = Field(
        0.65, gt=0.0, le=1.0, description="Hold a comment whose spam probability reaches this."
    )
    spam_threshold: float = Field(
        0.9, gt=0.0, le=1.0, description="File a comment as spam from this probability on."
    )
    seed: bool = Field(
        True,
        description="Start from the model shipped with the plugin (public labelled comments) "
        "rather than from nothing.",
    )
    cold_start_lessons: NonNegativeInt = Field(
        50,
        description="Until the site's own moderators (Guard.report) or labelled files "
        "(commentguard train) have taught the model this many comments, it only holds, and "
        "only from cold_hold_threshold: the seed was learned from other sites' comments.",
    )
    cold_hold_threshold: float = Field(
        0.99,
        gt=0.0,
        le=1.0,
        description="The spam probability from which an untaught model holds a comment.",
    )
    min_documents: PositiveInt = Field(
        10, description="Give no verdict until the model knows this many spams and hams."
    )
    remember_seconds: PositiveFloat = Field(
        5 * 365 * 86_400.0,
        description="How long the model is kept after it last learned something (five years).",
    )

    @model_validator(mode="after")
    def _thresholds_in_order(self) -> Self:
        if self.spam_threshold < self.hold_threshold:
            raise ValueError("spam_threshold must not be below hold_threshold")
        return self


class BayesCheck(StoreCheck):
    """Naive Bayes over the words, word pairs, links and shape of a comment.

    Its counts live in the guard's store, so every worker and host shares one model and it
    survives restarts. ``Guard.report(submission, "approve")`` teaches it ham, ``"spam"`` or
    ``"discard"`` spam; ``commentguard train --labels FILE`` teaches it in bulk.
    """

    name = "bayes"
    settings_model = BayesSettings
    default_order = 80
    default_timeout = 3.0
    settings: BayesSettings

    @property
    def model(self) -> NaiveBayes | None:
        """The model in the store (seeded on first use), or ``None`` without a store."""
        store = self.store
        if store is None:
            return None
        model = NaiveBayes(
            store,
            self.store_key(FEATURES_VERSION, "model"),
            ttl=self.settings.remember_seconds,
            min_documents=self.settings.min_documents,
        )
        if self.settings.seed and not model.seeded():
            self._seed(model, store)
        return model

    def _seed(self, model: NaiveBayes, store: Store) -> None:
        """Add the shipped seed, once across every worker sharing the store.

        The seed's counts and the mark that the model is seeded go in one write, and the model
        is asked each time, so a model that expired is seeded again. A short lease keeps two
        workers from seeding at once; one that dies holding it only delays the seed until the
        lease runs out. Meanwhile the others score with what the model has.
        """
        lease = self.store_key(FEATURES_VERSION, "seeding")
        if not store.add(lease, "1", SEED_LEASE_SECONDS):
            return
        try:
            if not model.seeded():  # another worker may have seeded since we looked
                model.add(load_seed(), seed=True)
        finally:
            store.delete(lease)

    def check(self, submission: CommentSubmission) -> Sequence[Finding]:
        """Score one comment."""
        return self.check_many([submission])[0]

    def check_many(self, submissions: Sequence[CommentSubmission]) -> list[Sequence[Finding]]:
        """Score a batch with one read of the store."""
        model = self.model
        if model is None:
            return [() for _ in submissions]
        scores = model.score_many([SpamText.of(submission) for submission in submissions])
        return [self._findings(score) for score in scores]

    def learn(self, submission: CommentSubmission, verdict: Verdict) -> None:
        """Approve teaches ham; spam and discard teach spam; hold and reject teach nothing."""
        if verdict not in (Verdict.APPROVE, Verdict.SPAM, Verdict.DISCARD):
            return
        model = self.model
        if model is not None:
            model.learn_many([(SpamText.of(submission), verdict is not Verdict.APPROVE)])

    def _findings(self, score: Score | None) -> Sequence[Finding]:
        if score is None:
            return ()
        settings = self.settings
        cold = settings.seed and score.taught < settings.cold_start_lessons
        threshold = settings.cold_hold_threshold if cold else settings.hold_threshold
        if score.probability < threshold:
            return ()
        spam = not cold and score.probability >= settings.spam_threshold
        tokens = ", ".join(repr(token) for token in score.weighed_most) or "none"
        why = (
            f" (held, never filed as spam, until the site has taught the filter "
            f"{settings.cold_start_lessons} comments: {score.taught} so far)"
            if cold
            else ""
        )
        return (
            self.finding(
                "bayes.spam" if spam else "bayes.likely_spam",
                Verdict.SPAM if spam else Verdict.HOLD,
                f"Spam probability {score.probability:.3f}{why}; the tokens that weighed "
                f"most: {tokens}.",
                score=score.probability,
                matched=", ".join(score.weighed_most) or None,
            ),
        )
