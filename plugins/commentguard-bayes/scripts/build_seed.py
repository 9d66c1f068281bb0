"""Build src/commentguard_bayes/seed.json from the YouTube Spam Collection.

Usage: python scripts/build_seed.py [DATA_DIR]

DATA_DIR holds Youtube01-Psy.csv and Youtube02-KatyPerry.csv (default: the shared/ data folder
beside the repository). The seed is counts only, written as JSON: nothing in it runs.
"""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Iterator
from pathlib import Path

from commentguard_bayes.features import SpamText
from commentguard_bayes.seed import SEED_FILE, build_seed

FILES = ("Youtube01-Psy.csv", "Youtube02-KatyPerry.csv")
PLUGIN = Path(__file__).resolve().parents[1]
DEFAULT_DATA = PLUGIN.parents[2] / "shared" / "data" / "spam"


def examples(data: Path) -> Iterator[tuple[SpamText, bool]]:
    """Each labelled comment of the collection (CLASS 1 is spam)."""
    for name in FILES:
        with (data / name).open(encoding="utf-8", newline="") as rows:
            for row in csv.DictReader(rows):
                yield SpamText(row["CONTENT"]), row["CLASS"] == "1"


def main() -> None:
    """Write the seed file and say how big it is."""
    data = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_DATA
    source = "YouTube Spam Collection (Alberto, Lochter, Almeida, 2015; CC BY 4.0): " + ", ".join(
        FILES
    )
    seed = build_seed(examples(data), source)
    target = PLUGIN / "src" / "commentguard_bayes" / SEED_FILE
    target.write_text(json.dumps(seed, separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"wrote {target} ({target.stat().st_size:,} bytes, documents {seed['documents']})")


if __name__ == "__main__":
    main()
