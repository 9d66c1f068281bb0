"""Latency of one ``Guard.moderate`` and ``AsyncGuard.moderate`` call, as a web request sees it.

Usage: python benchmarks/guard_latency.py [--plugins] [--rounds 3]

Moderates the shared real comments (the legitimate Staticman comments and the YouTube
comments) one at a time, each as a mapping a request would give (validation included), and
prints p50, p99 and the mean in microseconds, with better-profanity's ``contains_profanity``
on the same texts beside them as the anchor. Stateful checks run on a ``memory://`` store;
the flood check is off (one client posting thousands of comments would be refused, which is
not the path measured). Without ``--plugins`` only the built-in checks run.

Targets (issue 19): built-in checks p50 <= 30 us, p99 <= 300 us; with the repository's plugins
p50 <= 150 us, p99 <= 2 ms.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, os.path.dirname(__file__))
from corpora import DATA, youtube_comments

from commentguard import AsyncGuard, Guard, Settings
from commentguard._loaders import Record
from commentguard._loaders.formats import FormatRegistry, ReadOptions
from commentguard._plugins import load_plugins

SECRET_KEY = "guard-latency-benchmark-secret-6c1f8a3e9b2d4750"


def staticman_bodies() -> list[str]:
    """The 267 legitimate comments of the Staticman folder, read by commentguard's loader."""
    folder = DATA / "dumps" / "staticman-made-mistakes"
    staticman = FormatRegistry.from_plugins(load_plugins(load_entry_points=False)).get("staticman")
    assert staticman.read_path is not None
    options = ReadOptions({}, 2**20)
    texts = []
    for piece in staticman.pieces_at(Path(folder), folder.name, options, 512):
        texts += [item.data["body"] for item in piece.records() if isinstance(item, Record)]
    return texts


def requests(texts: list[str]) -> list[dict[str, Any]]:
    """One request's data per text: a name, an address, an IP, as a form sends them."""
    return [
        {
            "name": f"Reader {number % 97}",
            "email": f"reader{number % 97}@example.com",
            "body": text,
            "ip": f"192.0.2.{number % 250 + 1}",
            "thread_id": f"post-{number % 13}",
        }
        for number, text in enumerate(texts)
    ]


def percentiles(samples: list[float]) -> tuple[float, float, float]:
    ordered = sorted(samples)
    p50 = ordered[len(ordered) // 2]
    p99 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))]
    return p50 * 1e6, p99 * 1e6, statistics.fmean(ordered) * 1e6


def timed(call: Callable[[dict[str, Any]], object], items: list[dict[str, Any]]) -> list[float]:
    samples = []
    for item in items:
        started = time.perf_counter()
        call(item)
        samples.append(time.perf_counter() - started)
    return samples


async def timed_async(guard: AsyncGuard, items: list[dict[str, Any]]) -> list[float]:
    samples = []
    for item in items:
        started = time.perf_counter()
        await guard.moderate(item)
        samples.append(time.perf_counter() - started)
    return samples


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--plugins", action="store_true", help="load the installed plugins")
    parser.add_argument("--rounds", type=int, default=3, help="best of this many runs")
    args = parser.parse_args()

    texts = staticman_bodies() + youtube_comments()
    items = requests(texts)
    settings = Settings(secret_key=SECRET_KEY, checks={"flood": {"enabled": False}})
    which = "the repository's plugins" if args.plugins else "the built-in checks"
    print(f"{len(items):,} real comments, one call each; {which}; best of {args.rounds}")
    print(f"{'what':34} {'p50 us':>9} {'p99 us':>9} {'mean us':>9}")

    from better_profanity import profanity

    profanity.load_censor_words()
    # Each round is a new guard (a new memory store), warmed on other texts: every comment is
    # new to it, as in a running worker, so the duplicate check never short-cuts a repeat.
    warm = [{**item, "body": f"{item['body']} (warm-up {n})"} for n, item in enumerate(items[:200])]

    def run_sync() -> tuple[float, float, float]:
        with Guard(settings, load_entry_points=args.plugins) as guard:
            for item in warm:
                guard.moderate(item)
            return percentiles(timed(guard.moderate, items))

    async def run_async() -> tuple[float, float, float]:
        async with AsyncGuard(settings, load_entry_points=args.plugins) as guard:
            for item in warm:
                await guard.moderate(item)
            return percentiles(await timed_async(guard, items))

    rows: dict[str, tuple[float, float, float]] = {}
    rows["Guard.moderate"] = min((run_sync() for _ in range(args.rounds)), key=lambda r: r[0])
    rows["AsyncGuard.moderate"] = min(
        (asyncio.run(run_async()) for _ in range(args.rounds)), key=lambda r: r[0]
    )
    rows["better-profanity contains_profanity"] = min(
        (
            percentiles(timed(lambda item: profanity.contains_profanity(item["body"]), items))
            for _ in range(args.rounds)
        ),
        key=lambda row: row[0],
    )
    for name, (p50, p99, mean) in rows.items():
        print(f"{name:34} {p50:9.1f} {p99:9.1f} {mean:9.1f}")
    anchor = rows["better-profanity contains_profanity"][0]
    print(f"Guard.moderate p50 is {rows['Guard.moderate'][0] / anchor:.2f}x better-profanity's")


if __name__ == "__main__":
    main()
