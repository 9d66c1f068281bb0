"""commentguard-bayes against a plain scikit-learn MultinomialNB, on the YouTube Spam Collection.

Usage: python benchmarks/bayes.py

Trains on one file and tests on the other, in both directions. The plugin's model is trained
from scratch (no seed: the seed was built from these very files) through the same code the
check and ``commentguard train`` use, its counts in an in-memory store.

Its smoothing and threshold are chosen on the training file only: 5-fold cross-validation
over a small grid picks the pair with the best F1 among those whose precision reaches 0.95
(the best F1 overall when none does). The test file is then scored once, with that pair, and
also with the check's defaults for comparison. The anchor is MultinomialNB on
CountVectorizer with its defaults, on the same split. Figures are precision, recall and F1 of
the spam class.

The same cross-validation on both files together (the seed's data) is what the check's
defaults (``SMOOTHING``, ``hold_threshold``) should be; the script prints its pick next to
them and counts a difference as a miss. (It picks a hold threshold of 0.45, which holds
ordinary blog comments such as "Great article, thanks for writing it." under the seed model,
so the defaults stay at 0.03 and 0.65, set by looking at both files: see docs/bayes.md.)
Either way the defaults have seen both files, so their figures are not held out.

The target is F1 >= 0.93 with precision >= 0.95 in both directions, with the parameters
cross-validation chose on the training file; the script exits 1 when a direction misses it,
or when the defaults are no longer what cross-validation picks on the seed's data.
"""

from __future__ import annotations

import itertools
import os
import sys
import time
from dataclasses import dataclass

from sklearn.feature_extraction.text import CountVectorizer, TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import precision_recall_fscore_support
from sklearn.model_selection import StratifiedKFold
from sklearn.naive_bayes import MultinomialNB

from commentguard.stores import open_store
from commentguard_bayes import BayesSettings, NaiveBayes, SpamText
from commentguard_bayes.model import SMOOTHING
from commentguard_bayes.seed import load_seed

sys.path.insert(0, os.path.dirname(__file__))
from corpora import YOUTUBE_FILES, youtube_labelled
from false_positives import legitimate_records

ALL_FILES = (*YOUTUBE_FILES, "Youtube03-LMFAO.csv")
SEED_HELD_OUT = "Youtube03-LMFAO.csv"
"""The file the seed was not built from (``YOUTUBE_FILES`` are the seed's)."""

Labelled = list[tuple[str, bool]]

SMOOTHINGS = (0.01, 0.03, 0.1, 0.3, 1.0)
THRESHOLDS = tuple(round(0.30 + 0.05 * step, 2) for step in range(14))  # 0.30 ... 0.95
FOLDS = 5
TARGET_F1, TARGET_PRECISION = 0.93, 0.97


@dataclass(frozen=True)
class Figures:
    precision: float
    recall: float
    f1: float

    def __str__(self) -> str:
        return f"precision {self.precision:.3f}  recall {self.recall:.3f}  F1 {self.f1:.3f}"

    def meets_target(self) -> bool:
        return self.f1 >= TARGET_F1 and self.precision >= TARGET_PRECISION


def figures(truth: list[bool], predicted: list[bool]) -> Figures:
    precision, recall, f1, _ = precision_recall_fscore_support(
        truth, predicted, average="binary", zero_division=0.0
    )
    return Figures(float(precision), float(recall), float(f1))


def baseline(train: Labelled, test: Labelled) -> list[bool]:
    vectorizer = CountVectorizer()
    model = MultinomialNB().fit(
        vectorizer.fit_transform([t for t, _ in train]), [y for _, y in train]
    )
    return [bool(p) for p in model.predict(vectorizer.transform([t for t, _ in test]))]


def probabilities(
    train: Labelled, test: Labelled, smoothings: tuple[float, ...]
) -> list[list[float]]:
    """Learn ``train`` once; the test texts' spam probabilities under each smoothing."""
    with open_store("memory://") as store:
        NaiveBayes(store, "bench", ttl=3600).learn_many(
            (SpamText(text), label) for text, label in train
        )
        texts = [SpamText(text) for text, _ in test]
        return [
            [s.probability if s else 0.0 for s in scored]
            for scored in (
                NaiveBayes(store, "bench", ttl=3600, smoothing=smoothing).score_many(texts)
                for smoothing in smoothings
            )
        ]


def cross_validate(train: Labelled) -> tuple[float, float, Figures]:
    """The (smoothing, threshold) cross-validation on ``train`` picks, and its pooled figures."""
    labels = [label for _, label in train]
    folds = StratifiedKFold(n_splits=FOLDS, shuffle=True, random_state=0)
    pooled: list[list[float]] = [[0.0] * len(train) for _ in SMOOTHINGS]
    for fit_rows, held_rows in folds.split(train, labels):
        fold_scores = probabilities(
            [train[i] for i in fit_rows], [train[i] for i in held_rows], SMOOTHINGS
        )
        for per_smoothing, scores in zip(pooled, fold_scores, strict=True):
            for row, score in zip(held_rows, scores, strict=True):
                per_smoothing[row] = score
    candidates = [
        (smoothing, threshold, figures(labels, [p >= threshold for p in scores]))
        for smoothing, scores in zip(SMOOTHINGS, pooled, strict=True)
        for threshold in THRESHOLDS
    ]
    precise = [c for c in candidates if c[2].precision >= TARGET_PRECISION] or candidates
    return max(precise, key=lambda candidate: candidate[2].f1)


def tfidf_logistic(train: Labelled, test: Labelled) -> list[bool]:
    """The issue's second anchor: TF-IDF features and logistic regression, both defaults."""
    vectorizer = TfidfVectorizer()
    model = LogisticRegression(max_iter=1000).fit(
        vectorizer.fit_transform([t for t, _ in train]), [y for _, y in train]
    )
    return [bool(p) for p in model.predict(vectorizer.transform([t for t, _ in test]))]


def seed_probabilities(texts: list[str]) -> list[float]:
    """The shipped seed's spam probability of each text (a new site's untaught filter)."""
    with open_store("memory://") as store:
        model = NaiveBayes(store, "seed", ttl=3600)
        model.add(load_seed(), seed=True)
        return [s.probability if s else 0.0 for s in model.score_many(map(SpamText, texts))]


RELIABILITY_BINS = (0.0, 0.1, 0.3, 0.5, 0.65, 0.8, 0.9, 0.95, 0.99, 1.01)


def reliability_table() -> None:
    """How often the untaught seed is right at each probability, on comments it never saw.

    LMFAO is held out from the seed (built from Psy and KatyPerry); the blog comments (the
    Staticman folder and the approved WordPress and Disqus comments) are all legitimate, so
    their observed spam share is 0 in every bin: what the seed calls spam there is the cost
    of its YouTube vocabulary on blogs, which is why an untaught filter only holds, and only
    from ``cold_hold_threshold``.
    """
    lmfao = youtube_labelled(SEED_HELD_OUT)
    blogs = [
        str(record.data.get("body") or "")
        for source, record in legitimate_records()
        if not source.startswith("youtube")
    ]
    lmfao_scores = seed_probabilities([text for text, _ in lmfao])
    blog_scores = seed_probabilities(blogs)
    print(f"The untaught seed's reliability ({SEED_HELD_OUT}: held out; blogs: all legitimate)")
    print(f"{'probability':<14}{'LMFAO n':>9}{'spam share':>12}{'blogs n':>9}")
    for low, high in itertools.pairwise(RELIABILITY_BINS):
        rows = [label for (_, label), p in zip(lmfao, lmfao_scores, strict=True) if low <= p < high]
        blog_n = sum(1 for p in blog_scores if low <= p < high)
        share = f"{sum(rows) / len(rows):.2f}" if rows else "-"
        print(f"[{low:.2f}, {min(high, 1.0):.2f}){'':<2}{len(rows):>9}{share:>12}{blog_n:>9}")
    cold = BayesSettings().cold_hold_threshold
    caught = sum(
        1 for (_, label), p in zip(lmfao, lmfao_scores, strict=True) if label and p >= cold
    )
    spam_total = sum(label for _, label in lmfao)
    held_blogs = sum(1 for p in blog_scores if p >= cold)
    print(
        f"untaught, holding from {cold}: {caught}/{spam_total} of {SEED_HELD_OUT}'s spam held, "
        f"{held_blogs}/{len(blogs)} blog comments held, none filed as spam"
    )


def main() -> int:
    hold = BayesSettings().hold_threshold
    missed = []
    seed_data = [row for name in YOUTUBE_FILES for row in youtube_labelled(name)]
    smoothing, threshold, cv = cross_validate(seed_data)
    print(
        f"{FOLDS}-fold CV on the seed's files picks smoothing {smoothing}, "
        f"threshold {threshold:.2f} ({cv}); the check's defaults: {SMOOTHING}, {hold:.2f}"
    )
    if (smoothing, threshold) != (SMOOTHING, hold):
        missed.append("the defaults (not what cross-validation picks on the seed's data)")
    for train_file, test_file in itertools.permutations(ALL_FILES, 2):
        train, test = youtube_labelled(train_file), youtube_labelled(test_file)
        truth = [label for _, label in test]
        print(f"train {train_file} ({len(train)}) -> test {test_file} ({len(test)})")
        counted = figures(truth, baseline(train, test))
        print(f"  MultinomialNB, CountVectorizer defaults:     {counted}")
        print(
            f"  LogisticRegression, TfidfVectorizer defaults: "
            f"{figures(truth, tfidf_logistic(train, test))}"
        )
        started = time.perf_counter()
        smoothing, threshold, cv = cross_validate(train)
        cv_seconds = time.perf_counter() - started
        print(
            f"  {FOLDS}-fold CV on {train_file} picks smoothing {smoothing}, threshold "
            f"{threshold:.2f} ({cv}; {cv_seconds:.1f} s)"
        )
        (chosen,) = probabilities(train, test, (smoothing,))
        held_out = figures(truth, [p >= threshold for p in chosen])
        print(f"  commentguard-bayes, CV's choice, held out:   {held_out}")
        if not held_out.meets_target():
            missed.append(f"{train_file} -> {test_file}")
    reliability_table()
    print(f"target: F1 >= {TARGET_F1} and precision >= {TARGET_PRECISION} in all six directions")
    if missed:
        print(f"MISSED: {', '.join(missed)}")
        return 1
    print("met in all six directions")
    return 0


if __name__ == "__main__":
    sys.exit(main())
