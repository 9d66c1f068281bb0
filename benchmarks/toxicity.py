"""commentguard-toxicity on the Davidson tweets: quality, and throughput next to its anchors.

Usage: python benchmarks/toxicity.py [--single N] [--better-profanity N]

Quality: toxic means class 0 (hate speech) or 1 (offensive); class 2 (neither) is not. A text
is flagged when the check's finding is there (score >= its default hold threshold, 0.5).
alt-profanity-check was trained partly on this data set, so these figures are optimistic.

Throughput, all on one core, same texts: the check batched (``check_many``, batches of 256
submissions) over every tweet, and one at a time (``check``) over the first N tweets; the
anchors are ``profanity_check.predict_prob`` called directly the same two ways, and
better-profanity's ``contains_profanity`` (core's dependency) on a sample.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections.abc import Callable, Sequence

from better_profanity import Profanity
from sklearn.metrics import precision_recall_fscore_support

from commentguard.testing import make_submission
from commentguard_toxicity import ToxicityCheck, ToxicitySettings

sys.path.insert(0, os.path.dirname(__file__))
from corpora import davidson_labelled

BATCH = 256


def rate(run: Callable[[], object], count: int) -> float:
    started = time.perf_counter()
    run()
    return count / (time.perf_counter() - started)


def batched(score: Callable[[Sequence[object]], object], items: Sequence[object]) -> None:
    for start in range(0, len(items), BATCH):
        score(items[start : start + BATCH])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--single", type=int, default=1000, help="texts scored one at a time")
    parser.add_argument("--better-profanity", type=int, default=300, help="texts for it")
    args = parser.parse_args()

    labelled = davidson_labelled()
    texts = [text for text, _ in labelled]
    truth = [label in (0, 1) for _, label in labelled]
    submissions = [make_submission(body=text) for text in texts]
    check = ToxicityCheck(ToxicitySettings())
    from profanity_check import predict_prob  # the anchor: the package's own scoring

    check.check_many(submissions[:BATCH])  # warm up

    findings: list[Sequence[object]] = []
    started = time.perf_counter()
    for start in range(0, len(submissions), BATCH):
        findings += check.check_many(submissions[start : start + BATCH])
    check_batched = len(submissions) / (time.perf_counter() - started)
    flagged = [bool(found) for found in findings]
    precision, recall, f1, _ = precision_recall_fscore_support(truth, flagged, average="binary")
    toxic = sum(truth)
    print(f"Davidson et al. tweets: {len(texts):,}, toxic (hate or offensive) {toxic:,}")
    quality = f"precision {precision:.3f}  recall {recall:.3f}  F1 {f1:.3f}"
    print(f"  commentguard-toxicity at hold 0.5: {quality}")
    print("  (alt-profanity-check was trained partly on this data: optimistic figures)")

    single = submissions[: args.single]
    check_single = rate(lambda: [check.check(s) for s in single], len(single))
    anchor_batched = rate(lambda: batched(predict_prob, texts), len(texts))
    anchor_single = rate(lambda: [predict_prob([t]) for t in texts[: args.single]], len(single))
    profanity = Profanity()
    profanity.load_censor_words()
    sample = texts[: args.better_profanity]
    better = rate(lambda: [profanity.contains_profanity(t) for t in sample], len(sample))
    print("Throughput, comments/s (one core):")
    print(f"  commentguard-toxicity check_many, batches of {BATCH}: {check_batched:10,.0f}")
    print(f"  profanity_check.predict_prob, batches of {BATCH}:    {anchor_batched:10,.0f}")
    print(f"  commentguard-toxicity check, one at a time:      {check_single:10,.0f}")
    print(f"  profanity_check.predict_prob, one at a time:     {anchor_single:10,.0f}")
    print(f"  better-profanity contains_profanity:             {better:10,.0f}")


if __name__ == "__main__":
    main()
