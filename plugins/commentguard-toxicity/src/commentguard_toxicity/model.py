"""The model alt-profanity-check ships: a linear SVM over a vectorizer, in its package data.

It is loaded once per process, on first use (loading takes about two seconds), never
downloaded. The files are scikit-learn pickles made by that release with a pinned
scikit-learn; loaded by a different scikit-learn they could score wrongly without failing,
so a version mismatch is turned into a clear error instead of a warning.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable, Sequence
from functools import cache
from importlib.metadata import version
from typing import Any

from sklearn.exceptions import InconsistentVersionWarning

from commentguard import ConfigurationError


def toxicity(texts: Sequence[str]) -> list[float]:
    """The probability that each text is offensive, in [0, 1]."""
    if not texts:
        return []
    return [float(probability) for probability in load_model()(list(texts))]


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
