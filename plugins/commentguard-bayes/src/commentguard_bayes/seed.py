"""The seed model shipped inside the package: counts as JSON, never a pickle.

``scripts/build_seed.py`` writes ``seed.json`` from public labelled comments (the YouTube Spam
Collection); a new site's filter starts from it and then learns from its own moderators.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from functools import cache
from importlib.resources import files
from typing import Any

from commentguard_bayes.features import FEATURES_VERSION, N_FEATURES, SpamText, vectorize
from commentguard_bayes.model import HAM, SPAM, Counts

SEED_FILE = "seed.json"


def build_seed(examples: Iterable[tuple[SpamText, bool]], source: str) -> dict[str, Any]:
    """The JSON document of a seed model learned from ``(text, is_spam)`` pairs."""
    counts = Counts()
    for text, is_spam in examples:
        counts.count(vectorize(text), SPAM if is_spam else HAM)
    return {
        "features": FEATURES_VERSION,
        "n_features": N_FEATURES,
        "source": source,
        "documents": counts.documents,
        "weights": {label: _rounded(weights) for label, weights in counts.weights.items()},
        "frequency": dict(sorted(counts.frequency.items(), key=lambda item: int(item[0]))),
    }


@cache
def load_seed() -> Counts:
    """The shipped seed model.

    Raises:
        ValueError: the file was made for another tokenizer (rebuild it with the script).
    """
    document = json.loads(files("commentguard_bayes").joinpath(SEED_FILE).read_text("utf-8"))
    if document["features"] != FEATURES_VERSION or document["n_features"] != N_FEATURES:
        raise ValueError(
            f"{SEED_FILE} was built for features {document['features']!r}; "
            "rebuild it with scripts/build_seed.py"
        )
    return Counts(
        weights={label: dict(weights) for label, weights in document["weights"].items()},
        documents={label: int(n) for label, n in document["documents"].items()},
        frequency={slot: int(n) for slot, n in document["frequency"].items()},
    )


def _rounded(weights: dict[str, float]) -> dict[str, float]:
    return {slot: round(weights[slot], 6) for slot in sorted(weights, key=int)}
