"""The model alt-profanity-check ships: a linear SVM over a vectorizer, in its package data.

It is loaded once per process, on first use (loading takes about two seconds), never
downloaded. The files are scikit-learn pickles made by that release with a pinned
scikit-learn; loaded by a different scikit-learn they could score wrongly without failing,
so a version mismatch is turned into a clear error instead of a warning.

Scoring does not go through scikit-learn. The model is a TF-IDF vectorizer (15,442 words),
five linear SVMs (one per calibration fold) and a sigmoid per fold, so :class:`LinearModel`
reads their numbers once and scores a comment with a few dozen float operations: about
12 microseconds, where ``predict_proba`` on one comment took 2.3 ms (its input checks and
sparse matrices cost the same for one text as for hundreds). The tokens are the vectorizer's
own (its analyzer), and every sum is taken in the order scikit-learn takes it (the words by
column, then the intercept), so the scores are the same floats as ``predict_prob``'s: the
plugin's tests compare them on real comments, bit for bit.
"""

from __future__ import annotations

import math
import warnings
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache
from importlib.metadata import version
from typing import Any

from sklearn.exceptions import InconsistentVersionWarning

from commentguard import ConfigurationError


@dataclass(frozen=True, slots=True)
class _Term:
    """One word of the vocabulary: its column, IDF weight and each fold's SVM coefficient."""

    column: int
    idf: float
    coefficients: tuple[float, ...]
    mean_coefficient: float  # over the folds: how much the word pushes a score up


@dataclass(frozen=True, slots=True)
class LinearModel:
    """alt-profanity-check's fitted model as numbers: what scoring one text needs.

    Attributes:
        analyze: The vectorizer's own analyzer (lower-casing, its token pattern, English stop
            words removed): a text's words exactly as the vectorizer counts them.
        terms: Each word of the vocabulary.
        intercepts: Each fold's SVM intercept.
        sigmoids: Each fold's calibration ``(a, b)``: probability ``1 / (1 + exp(a * d + b))``
            of the fold's decision value ``d``.
    """

    analyze: Callable[[str], list[str]]
    terms: dict[str, _Term]
    intercepts: tuple[float, ...]
    sigmoids: tuple[tuple[float, float], ...]

    @classmethod
    def of(cls, vectorizer: Any, model: Any) -> LinearModel:
        """Read a fitted ``TfidfVectorizer`` and ``CalibratedClassifierCV`` of linear SVMs."""
        folds = model.calibrated_classifiers_
        coefficients = [fold.estimator.coef_[0] for fold in folds]
        mean = sum(coefficients) / len(folds)  # numpy, in the order the words' pushes used
        terms = {
            str(word): _Term(
                int(column),
                float(vectorizer.idf_[column]),
                tuple(float(fold[column]) for fold in coefficients),
                float(mean[column]),
            )
            for word, column in vectorizer.vocabulary_.items()
        }
        return cls(
            analyze=vectorizer.build_analyzer(),
            terms=terms,
            intercepts=tuple(float(fold.estimator.intercept_[0]) for fold in folds),
            sigmoids=tuple(
                (float(fold.calibrators[0].a_), float(fold.calibrators[0].b_)) for fold in folds
            ),
        )

    def score(
        self, text: str, explain_from: float = math.inf, count: int = 3
    ) -> tuple[float, tuple[str, ...]]:
        """The probability that ``text`` is offensive, and its strongest words.

        The words only when the probability is ``explain_from`` or more: those that pushed it
        up most (TF-IDF weight times the folds' mean coefficient), at most ``count``,
        strongest first.
        """
        terms = self.terms
        counts: dict[str, int] = {}
        for token in self.analyze(text):
            if token in terms:
                counts[token] = counts.get(token, 0) + 1
        # By column, as the vectorizer's sparse row holds them: the sums below add in its order
        found = sorted((terms[word].column, terms[word], word) for word in counts)
        weights = [counts[word] * term.idf for _, term, word in found]
        norm = math.sqrt(sum(weight * weight for weight in weights))
        if norm:  # the vector is scaled to length 1 (a text of no known word stays 0)
            weights = [weight / norm for weight in weights]
        total = 0.0
        for fold, (intercept, (a, b)) in enumerate(
            zip(self.intercepts, self.sigmoids, strict=True)
        ):
            decision = sum(
                term.coefficients[fold] * weight
                for (_, term, _), weight in zip(found, weights, strict=True)
            )
            total += 1.0 / (1.0 + math.exp(a * (decision + intercept) + b))
        probability = total / len(self.intercepts)
        if probability < explain_from:
            return probability, ()
        pushes = [
            (weight * term.mean_coefficient, column, word)
            for (column, term, word), weight in zip(found, weights, strict=True)
        ]
        # Strongest first; of two equal pushes the later column, as numpy's argsort reversed
        strongest = sorted(pushes, reverse=True)[:count]
        return probability, tuple(word for push, _, word in strongest if push > 0)


def toxicity(texts: Sequence[str]) -> list[float]:
    """The probability that each text is offensive, in [0, 1]."""
    return [score for score, _ in scores_and_words(texts, explain_from=math.inf)]


def scores_and_words(
    texts: Sequence[str], explain_from: float, count: int = 3
) -> list[tuple[float, tuple[str, ...]]]:
    """Each text's probability of being offensive, with the words that pushed it up most.

    Words only for the texts scoring ``explain_from`` or more, strongest first (see
    :meth:`LinearModel.score`).
    """
    model = linear_model()
    return [model.score(text, explain_from, count) for text in texts]


@cache  # read once per process, after load_model's version check
def linear_model() -> LinearModel:
    """The shipped model's numbers (see :class:`LinearModel`).

    Raises:
        ConfigurationError: the installed scikit-learn is not the one the model was made with.
    """
    load_model()
    from profanity_check import profanity_check  # loaded by load_model, with its checks

    return LinearModel.of(profanity_check.vectorizer, profanity_check.model)


@cache  # one model per process; Python's import lock makes concurrent first calls wait
def load_model() -> Callable[[Sequence[str]], Any]:
    """Load the model (once per process) and return alt-profanity-check's scoring function.

    Raises:
        ConfigurationError: the installed scikit-learn is not the one the model was made with.
    """
    with warnings.catch_warnings():
        warnings.simplefilter("error", InconsistentVersionWarning)
        try:
            from profanity_check import predict_prob
        except InconsistentVersionWarning as mismatch:
            raise ConfigurationError(
                "the toxicity model of alt-profanity-check "
                f"{version('alt-profanity-check')} was made with scikit-learn "
                f"{mismatch.original_sklearn_version}, but scikit-learn "
                f"{mismatch.current_sklearn_version} is installed: "
                "pip install 'commentguard-toxicity' to get the matching versions"
            ) from None
    return predict_prob  # type: ignore[no-any-return] # the package has no type hints
