"""Write the plugin's model file from alt-profanity-check's scikit-learn pickles.

Usage: python plugins/commentguard-toxicity/scripts/export_model.py

Reads the vectorizer and the calibrated linear SVMs that alt-profanity-check 1.9.1 ships
(made with, and loaded by, scikit-learn 1.9.1) and writes their numbers to
``src/commentguard_toxicity/model.json.gz`` (gzip, no timestamp, so the same pickles always
give the same bytes): the analyzer's settings and stop words, each word's
column and IDF weight, each fold's SVM coefficients and intercept, each fold's sigmoid.
Floats are written as Python's ``repr``, which reads back to the same float. The plugin's
tests compare the file with the pickles and the scores with ``predict_proba``, bit for bit.
"""

from __future__ import annotations

import gzip
import json
import warnings
from importlib.metadata import version
from pathlib import Path
from typing import Any

from sklearn.exceptions import InconsistentVersionWarning

TARGET = Path(__file__).resolve().parents[1] / "src" / "commentguard_toxicity" / "model.json.gz"


def model_data() -> dict[str, Any]:
    """The numbers of the shipped model, as the file holds them."""
    with warnings.catch_warnings():
        warnings.simplefilter("error", InconsistentVersionWarning)  # a wrong scikit-learn
        from profanity_check import profanity_check

    vectorizer, model = profanity_check.vectorizer, profanity_check.model
    params = vectorizer.get_params()
    expected = {"analyzer": "word", "lowercase": True, "ngram_range": (1, 1), "norm": "l2"}
    expected |= {"preprocessor": None, "strip_accents": None, "tokenizer": None}
    expected |= {"binary": False, "sublinear_tf": False, "use_idf": True}
    assert {key: params[key] for key in expected} == expected, params  # noqa: S101 - a script
    folds = model.calibrated_classifiers_
    assert all(fold.method == "sigmoid" for fold in folds)  # noqa: S101 - a script
    by_column = sorted(vectorizer.vocabulary_.items(), key=lambda item: item[1])
    assert [column for _, column in by_column] == list(range(len(by_column)))  # noqa: S101
    return {
        "source": f"alt-profanity-check {version('alt-profanity-check')}, "
        f"scikit-learn {version('scikit-learn')}",
        "token_pattern": params["token_pattern"],
        "stop_words": sorted(vectorizer.get_stop_words()),
        "words": [str(word) for word, _ in by_column],
        "idf": [float(weight) for weight in vectorizer.idf_],
        "coefficients": [[float(c) for c in fold.estimator.coef_[0]] for fold in folds],
        "intercepts": [float(fold.estimator.intercept_[0]) for fold in folds],
        "sigmoids": [
            [float(fold.calibrators[0].a_), float(fold.calibrators[0].b_)] for fold in folds
        ],
    }


def main() -> None:
    """Write the file."""
    text = json.dumps(model_data(), separators=(",", ":")) + "\n"
    TARGET.write_bytes(gzip.compress(text.encode("utf-8"), mtime=0))
    print(f"wrote {TARGET} ({TARGET.stat().st_size:,} bytes)")


if __name__ == "__main__":
    main()
