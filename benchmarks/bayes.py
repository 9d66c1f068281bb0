"""commentguard-bayes against a plain scikit-learn MultinomialNB, on the YouTube Spam Collection.

Usage: python benchmarks/bayes.py

Trains on one file and tests on the other, in both directions. The plugin's model is trained
from scratch (no seed: the seed was built from these very files) through the same code the
check and ``commentguard train`` use, its counts in an in-memory store. The anchor is
MultinomialNB on CountVectorizer with its defaults, on the same split. Prints precision,
recall and F1 of the spam class: for the plugin, at its default hold threshold (0.65, the
point from which a comment is held or filed) and at its spam threshold (0.9).
The target is F1 >= 0.93 with precision >= 0.95 at the hold threshold, in both directions.
"""

from __future__ import annotations

import os
import sys
import time

from sklearn.feature_extraction.text import CountVectorizer
from sklearn.metrics import precision_recall_fscore_support
from sklearn.naive_bayes import MultinomialNB

from commentguard.stores import open_store
from commentguard_bayes import BayesSettings, NaiveBayes, SpamText

sys.path.insert(0, os.path.dirname(__file__))
from corpora import YOUTUBE_FILES, youtube_labelled

Labelled = list[tuple[str, bool]]


def figures(truth: list[bool], predicted: list[bool]) -> str:
    precision, recall, f1, _ = precision_recall_fscore_support(
        truth, predicted, average="binary", zero_division=0.0
    )
    return f"precision {precision:.3f}  recall {recall:.3f}  F1 {f1:.3f}"


def baseline(train: Labelled, test: Labelled) -> list[bool]:
    vectorizer = CountVectorizer()
    model = MultinomialNB().fit(
        vectorizer.fit_transform([t for t, _ in train]), [y for _, y in train]
    )
    return [bool(p) for p in model.predict(vectorizer.transform([t for t, _ in test]))]


def plugin(train: Labelled, test: Labelled) -> tuple[list[float], float, float]:
    with open_store("memory://") as store:
        model = NaiveBayes(store, "commentguard:bench:model", ttl=3600)
        started = time.perf_counter()
        model.learn_many((SpamText(text), label) for text, label in train)
        learn_rate = len(train) / (time.perf_counter() - started)
        started = time.perf_counter()
        scores = model.score_many([SpamText(text) for text, _ in test])
        score_rate = len(test) / (time.perf_counter() - started)
    return [s.probability if s else 0.0 for s in scores], learn_rate, score_rate


def main() -> None:
    settings = BayesSettings()
    hold, spam = settings.hold_threshold, settings.spam_threshold
    for train_file, test_file in (YOUTUBE_FILES, YOUTUBE_FILES[::-1]):
        train, test = youtube_labelled(train_file), youtube_labelled(test_file)
        truth = [label for _, label in test]
        probabilities, learn_rate, score_rate = plugin(train, test)
        print(f"train {train_file} ({len(train)}) -> test {test_file} ({len(test)})")
        print(f"  MultinomialNB, CountVectorizer defaults: {figures(truth, baseline(train, test))}")
        flagged = [p >= hold for p in probabilities]
        print(f"  commentguard-bayes at hold {hold:.2f}:        {figures(truth, flagged)}")
        filed = [p >= spam for p in probabilities]
        print(f"  commentguard-bayes at spam {spam:.2f}:        {figures(truth, filed)}")
        print(f"  (learned {learn_rate:,.0f} comments/s, scored {score_rate:,.0f} comments/s)")


if __name__ == "__main__":
    main()
