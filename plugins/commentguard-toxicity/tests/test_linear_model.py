"""The scores and words of ``LinearModel`` are scikit-learn's, float for float.

The oracle is the plugin's scoring before it read the model's numbers itself: the vectorizer's
``transform`` and the calibrated classifier's ``predict_proba``, on a batch, with the words
taken from the sparse row. Compared on real comments (every Davidson tweet and YouTube comment
of the shared data, when it sits beside the repository) and on generated texts of the model's
own vocabulary, its stop words, case, accents and punctuation.
"""

from __future__ import annotations

import csv
import math
from collections.abc import Sequence
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from commentguard_toxicity.model import linear_model, scores_and_words

SHARED = Path(__file__).resolve().parents[4] / "shared" / "data"


def reference(texts: Sequence[str], explain_from: float) -> list[tuple[float, tuple[str, ...]]]:
    """What ``scores_and_words`` gave through scikit-learn."""
    from profanity_check import profanity_check

    matrix = profanity_check.vectorizer.transform(list(texts)).tocsr()
    probabilities = profanity_check.model.predict_proba(matrix)[:, 1]
    vocabulary = [str(term) for term in profanity_check.vectorizer.get_feature_names_out()]
    folds = profanity_check.model.calibrated_classifiers_
    coefficients = sum(fold.estimator.coef_[0] for fold in folds) / len(folds)
    found = []
    for row, probability in enumerate(probabilities):
        words: tuple[str, ...] = ()
        if probability >= explain_from:
            start, end = matrix.indptr[row], matrix.indptr[row + 1]
            columns = matrix.indices[start:end]
            pushes = matrix.data[start:end] * coefficients[columns]
            strongest = pushes.argsort()[::-1][:3]
            words = tuple(vocabulary[columns[i]] for i in strongest if pushes[i] > 0)
        found.append((float(probability), words))
    return found


def _real_comments() -> list[str]:
    texts = []
    davidson = SHARED / "toxicity" / "davidson-labeled-data.csv"
    for path in [davidson, *sorted((SHARED / "spam").glob("Youtube*.csv"))]:
        if path.is_file():
            with path.open(encoding="utf-8") as file:
                column = "tweet" if path == davidson else "CONTENT"
                texts += [row[column] for row in csv.DictReader(file)]
    return texts


def test_real_comments_score_as_scikit_learn_scores_them() -> None:
    texts = _real_comments()
    if not texts:
        pytest.skip(f"the shared data is not at {SHARED}")
    assert len(texts) > 20_000
    assert scores_and_words(texts, explain_from=0.5) == reference(texts, explain_from=0.5)


WORDS = sorted(linear_model().terms)
PIECES = st.one_of(
    st.sampled_from(WORDS),
    st.sampled_from(["the", "and", "of", "I", "a"]),  # stop words and one-letter words
    st.sampled_from(WORDS).map(str.upper),
    st.text(max_size=6),
)
TEXTS = st.lists(PIECES, max_size=40).flatmap(
    lambda pieces: st.sampled_from([" ", ", ", "\n", "!!! ", "-"]).map(lambda gap: gap.join(pieces))
)


@settings(max_examples=300, deadline=None)
@given(st.lists(TEXTS, min_size=1, max_size=8), st.sampled_from([0.0, 0.5, math.inf]))
def test_generated_texts_score_as_scikit_learn_scores_them(
    texts: list[str], explain_from: float
) -> None:
    assert scores_and_words(texts, explain_from) == reference(texts, explain_from)


@settings(max_examples=500, deadline=None)
@given(TEXTS)
def test_the_words_are_the_vectorizers(text: str) -> None:
    """The rebuilt analyzer gives the tokens scikit-learn's gives (case, stop words, Unicode)."""
    from profanity_check import profanity_check

    assert linear_model().analyze(text) == profanity_check.vectorizer.build_analyzer()(text)


def test_a_text_of_no_known_word_scores_the_intercepts_alone() -> None:
    """No word of the vocabulary: the vector is zero, as scikit-learn's."""
    texts = ["", "zzqx", "the and of"]
    assert scores_and_words(texts, 0.0) == reference(texts, 0.0)
