"""Where the ``duplicate`` check spends its time inside ``Guard.moderate``, part by part.

Usage: python benchmarks/duplicate_parts.py [--rounds 2]

Moderates the comments of ``guard_latency.py`` (the same requests, settings and warm-up, the
built-in checks on a ``memory://`` store) and times each call of the check's parts with
``time.perf_counter``: ``gram_hashes``, ``signature``, ``band_hashes``, ``band_keys`` (the
three before it and the store keys), ``MemoryStore.add_member_unless_full``, and the check's
``check`` and ``confirm``. The parts run where they run in a request, after the other checks,
so the figures include what those leave in the processor's caches (up to twice the time of
the same call repeated alone). A part nested in another adds its timer to the outer one's.
The gram memo is process-wide: the first round finds it empty, the next ones filled.
Prints p50 and mean in microseconds for each round.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from collections.abc import Callable
from typing import Any

sys.path.insert(0, os.path.dirname(__file__))
from corpora import youtube_comments
from guard_latency import SECRET_KEY, requests, staticman_bodies

from commentguard import Guard, Settings
from commentguard.checks import _duplicate
from commentguard.stores._memory import MemoryStore
from commentguard.text import _minhash

SAMPLES: dict[str, list[float]] = {}


def timed(owner: Any, name: str, label: str) -> None:
    """Replace ``owner.name`` with a wrapper adding each call's duration to ``SAMPLES``."""
    original: Callable[..., Any] = getattr(owner, name)
    samples = SAMPLES.setdefault(label, [])

    def wrapper(*args: Any, **kwargs: Any) -> Any:
        started = time.perf_counter()
        try:
            return original(*args, **kwargs)
        finally:
            samples.append(time.perf_counter() - started)

    setattr(owner, name, wrapper)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args()

    timed(_minhash, "gram_hashes", "gram_hashes")  # signature() reads the module's name
    timed(_duplicate, "signature", "signature")
    timed(_duplicate, "band_hashes", "band_hashes")
    timed(_duplicate.DuplicateCheck, "band_keys", "band_keys")
    timed(MemoryStore, "add_member_unless_full", "add_member_unless_full")
    timed(_duplicate.DuplicateCheck, "check", "DuplicateCheck.check")
    timed(_duplicate.DuplicateCheck, "confirm", "DuplicateCheck.confirm")

    items = requests(staticman_bodies() + youtube_comments())
    settings = Settings(secret_key=SECRET_KEY, checks={"flood": {"enabled": False}})
    warm = [{**item, "body": f"{item['body']} (warm-up {n})"} for n, item in enumerate(items[:200])]
    for number in range(1, args.rounds + 1):
        with Guard(settings, load_entry_points=False) as guard:
            for item in warm:
                guard.moderate(item)
            for samples in SAMPLES.values():
                samples.clear()
            for item in items:
                guard.moderate(item)
        print(f"round {number}: {len(items):,} comments, one call each")
        print(f"  {'what':26} {'calls':>6} {'p50 us':>8} {'mean us':>8}")
        for label, samples in SAMPLES.items():
            ordered = sorted(samples)
            p50 = ordered[len(ordered) // 2] * 1e6
            mean = statistics.fmean(ordered) * 1e6
            print(f"  {label:26} {len(ordered):6} {p50:8.1f} {mean:8.1f}")


if __name__ == "__main__":
    main()
