"""The matcher gives the same answer in every process, whatever the string hash seed."""

from __future__ import annotations

import os
import subprocess
import sys

SCRIPT = """
from commentguard.text import WordMatcher
for mode in ("compat", "default"):
    matcher = WordMatcher.better_profanity(mode)
    print([(m.word, m.start, m.end) for m in matcher.find("717 and sh1t and b00bs and a$$")])
"""


def test_reported_words_do_not_depend_on_the_hash_seed() -> None:
    """Several listed spellings can read the same text ("717": tit or t1t); the list's order
    decides, not a set's, so worker processes agree with each other and with the parent."""
    answers = {
        subprocess.run(
            [sys.executable, "-c", SCRIPT],
            env={**os.environ, "PYTHONHASHSEED": str(seed)},
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        for seed in (0, 1, 2, 3, 42)
    }
    assert len(answers) == 1, answers
