"""The model alt-profanity-check ships: a linear SVM over a vectorizer, in its package data.

It is loaded once per process, on first use (loading takes about two seconds), never
downloaded. The files are scikit-learn pickles made by that release with a pinned
scikit-learn; loaded by a different scikit-learn they could score wrongly without failing,
so a version mismatch is turned into a clear error instead of a warning.
"""

from __future__ import annotations

import math
import warnings
from collections.abc import Callable, Sequence
from functools import cache
from importlib.metadata import version
from typing import Any

from sklearn.exceptions import InconsistentVersionWarning

from commentguard import ConfigurationError


def toxicity(texts: Sequence[str]) -> list[float]:
    """The probability that each text is offensive, in [0, 1]."""
    return [score for score, _ in scores_and_words(texts, explain_from=math.inf)]


def scores_and_words(
    texts: Sequence[str], explain_from: float, count: int = 3
) -> list[tuple[float, tuple[str, ...]]]:
    """Each text's probability of being offensive, with the words that pushed it up most.

    Words only for the texts scoring ``explain_from`` or more, strongest first; the batch is
    vectorized once. The model is linear: a word's push is its TF-IDF weight in the text
    times the SVM's coefficient for it (averaged over the calibrated folds).
    """
    if not texts:
        return []
    load_model()
    from profanity_check import profanity_check  # loaded by load_model, with its checks

    matrix = profanity_check.vectorizer.transform(list(texts)).tocsr()
    probabilities = profanity_check.model.predict_proba(matrix)[:, 1]
    vocabulary, coefficients = _linear_terms()
    found = []
    for row, probability in enumerate(probabilities):
        words: tuple[str, ...] = ()
        if probability >= explain_from:
            start, end = matrix.indptr[row], matrix.indptr[row + 1]
            columns = matrix.indices[start:end]
            pushes = matrix.data[start:end] * coefficients[columns]
            strongest = pushes.argsort()[::-1][:count]
            words = tuple(vocabulary[columns[i]] for i in strongest if pushes[i] > 0)
        found.append((float(probability), words))
    return found


@cache
def _linear_terms() -> tuple[list[str], Any]:
    from profanity_check import profanity_check

    vocabulary = [str(term) for term in profanity_check.vectorizer.get_feature_names_out()]
    folds = profanity_check.model.calibrated_classifiers_
    return vocabulary, sum(fold.estimator.coef_[0] for fold in folds) / len(folds)


@cache  # one model per process; Python's import lock makes concurrent first calls wait
def load_model() -> Callable[[Sequence[str]], Any]:
    """Load the model (once per process) and return its scoring function.

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
