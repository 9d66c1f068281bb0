"""The model alt-profanity-check ships, as numbers in this package: nothing to unpickle.

alt-profanity-check 1.9.1 ships a TF-IDF vectorizer (15,442 words) and five calibrated linear
SVMs (one per fold) as scikit-learn pickles. ``scripts/export_model.py`` reads them once, with
the scikit-learn that made them, and writes their numbers to ``model.json.gz`` beside this
module: the analyzer's token pattern and stop words, each word's IDF weight, each fold's
coefficients, intercept and sigmoid. At run time the plugin reads that file (about 70 ms,
once per process) and imports neither scikit-learn, scipy nor numpy, which a web worker would
otherwise carry: their modules made every full garbage collection of the worker dearer (one
collection inside a request cost 60 ms with them), and loading the pickles took two seconds.

Scoring a comment is a few dozen float operations: about 12 microseconds, where
``predict_proba`` on one comment took 2.3 ms (its input checks and sparse matrices cost the
same for one text as for hundreds). The tokens are the vectorizer's (lower-cased, its token
pattern, its stop words out), and every sum is taken in the order scikit-learn takes it (the
words by column, then the intercept), so the scores are the same floats as ``predict_prob``'s:
the plugin's tests compare them on real comments and generated texts, bit for bit, with
alt-profanity-check installed (a test dependency).
"""

from __future__ import annotations

import gzip
import json
import math
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from typing import Any

MODEL_FILE = "model.json.gz"
"""The model's numbers, package data of this plugin (see the module)."""


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
        analyze: The vectorizer's analyzer, rebuilt from its settings (lower-casing, its token
            pattern, its English stop words removed): a text's words as the vectorizer counts
            them.
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
    def from_data(cls, data: dict[str, Any]) -> LinearModel:
        """The model in ``data``, as ``scripts/export_model.py`` writes it."""
        coefficients = data["coefficients"]
        folds = len(coefficients)
        terms = {
            word: _Term(
                column,
                data["idf"][column],
                tuple(fold[column] for fold in coefficients),
                _added(fold[column] for fold in coefficients) / folds,
            )
            for column, word in enumerate(data["words"])
        }
        token = re.compile(data["token_pattern"])
        stop_words = frozenset(data["stop_words"])

        def analyze(text: str) -> list[str]:
            # scikit-learn's word analyzer: lower-case, the token pattern, no stop word
            return [word for word in token.findall(text.lower()) if word not in stop_words]

        return cls(
            analyze=analyze,
            terms=terms,
            intercepts=tuple(data["intercepts"]),
            sigmoids=tuple((a, b) for a, b in data["sigmoids"]),
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
        norm = math.sqrt(_added(weight * weight for weight in weights))
        if norm:  # the vector is scaled to length 1 (a text of no known word stays 0)
            weights = [weight / norm for weight in weights]
        total = 0.0
        for fold, (intercept, (a, b)) in enumerate(
            zip(self.intercepts, self.sigmoids, strict=True)
        ):
            decision = _added(
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


def _added(values: Iterable[float]) -> float:
    """``values`` added one by one from 0.0, left to right, as numpy and scipy add them.

    Not the built-in ``sum``: from Python 3.12 it compensates the rounding of each addition
    (Neumaier's algorithm), which gives other floats than scikit-learn's for about one comment
    in nine.
    """
    total = 0.0
    for value in values:
        total += value
    return total


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


@cache  # read once per process
def linear_model() -> LinearModel:
    """The shipped model (see the module): read from the package on first use."""
    raw = files("commentguard_toxicity").joinpath(MODEL_FILE).read_bytes()
    return LinearModel.from_data(json.loads(gzip.decompress(raw)))
