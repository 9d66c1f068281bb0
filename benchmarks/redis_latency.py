"""Latency of ``Guard.moderate`` on a real redis-server: the store's one-script calls against
the base class's call-by-call ones.

Usage: python benchmarks/redis_latency.py [--comments 600]

Starts a redis-server on a free port (``commentguard.testing.running_redis``), then moderates
the shared YouTube comments one at a time with the built-in checks on ``redis://`` (flood off:
one client posting hundreds of comments would be refused), twice each way, alternated:
``RedisStore.add_member_unless_full`` as shipped (one Lua script for the duplicate check's 16
bands) and ``Store.add_member_unless_full`` (three calls a band), the reference it replaced.
Prints p50 and mean in microseconds.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

import redis

sys.path.insert(0, os.path.dirname(__file__))
from corpora import youtube_comments

from commentguard import Guard, Settings
from commentguard.stores import RedisStore, Store
from commentguard.testing import running_redis


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--comments", type=int, default=600)
    texts = list(youtube_comments())[: parser.parse_args().comments]
    one_script = RedisStore.add_member_unless_full
    with tempfile.TemporaryDirectory() as folder, running_redis(Path(folder)) as (url, _):
        for way in ("one script", "call by call") * 2:
            chosen = one_script if way == "one script" else Store.add_member_unless_full
            RedisStore.add_member_unless_full = chosen  # type: ignore[method-assign]
            settings = Settings(
                secret_key="redis-latency-benchmark-secret-0123456789",
                store=url,
                checks={"flood": {"enabled": False}},
            )
            redis.Redis.from_url(url).flushdb()  # each run starts from an empty store
            with Guard(settings, load_entry_points=False) as guard:
                seconds = []
                for number, text in enumerate(texts):
                    started = time.perf_counter()
                    guard.moderate(
                        {"name": f"R{number}", "email": f"r{number}@example.org", "body": text}
                    )
                    seconds.append(time.perf_counter() - started)
            print(
                f"{way:13} p50 {statistics.median(seconds) * 1e6:7.0f} us"
                f"   mean {statistics.mean(seconds) * 1e6:7.0f} us   ({len(texts)} comments)"
            )
    RedisStore.add_member_unless_full = one_script  # type: ignore[method-assign]


if __name__ == "__main__":
    main()
