"""What a web worker pays to start: import time and resident memory of building one guard.

Usage: python benchmarks/web_worker.py [--plugins] [--rounds N]

Each round is a fresh interpreter that imports commentguard, builds a ``Guard`` (the built-in
checks; ``--plugins`` loads the installed plugins too) and moderates one comment, as a web
worker does on its first request. It prints the best time of ``--rounds`` (import, build,
first comment), the process's peak resident memory, and the heavy modules loaded, beside
the anchor of a bare interpreter that imports nothing (``python -c pass``) in the same run.
The web path should load no CLI (click, rich), no dump reader and no lxml (issue 18; a test,
tests/test_web_path.py, holds that for the built-in checks).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from dataclasses import dataclass

WORKER = r"""
import json, resource, sys, time
started = time.perf_counter()
import commentguard
imported = time.perf_counter()
guard = commentguard.Guard(
    commentguard.Settings(secret_key="web-worker-benchmark-secret-0123456789"),
    load_entry_points=PLUGINS,
)
built = time.perf_counter()
guard.moderate({"name": "Reader", "email": "r@example.org", "body": "Nice post, thanks."})
done = time.perf_counter()
roots = {name.split(".")[0] for name in sys.modules}
heavy = sorted(roots & {"click", "rich", "lxml", "redis", "numpy", "scipy", "sklearn"})
readers = [m for m in sys.modules if m.startswith(("commentguard._loaders", "commentguard.cli"))]
print(json.dumps({
    "import": imported - started, "build": built - imported, "first": done - built,
    "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    "heavy": heavy, "readers": len(readers),
}))
"""


@dataclass(frozen=True)
class Start:
    """One fresh worker's start: seconds of each step, peak memory, heavy modules loaded."""

    imported: float
    built: float
    first: float
    rss_mb: float
    heavy: list[str]
    readers: int


def run(plugins: bool) -> Start:
    code = WORKER.replace("PLUGINS", repr(plugins))
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    row = json.loads(done.stdout.strip().splitlines()[-1])
    return Start(
        row["import"], row["build"], row["first"], row["rss_mb"], row["heavy"], row["readers"]
    )


def bare_rss_mb() -> float:
    code = "import resource; print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return float(done.stdout)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--plugins", action="store_true")
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    best = min(
        (run(args.plugins) for _ in range(args.rounds)),
        key=lambda start: start.imported + start.built,
    )
    what = "installed plugins loaded" if args.plugins else "built-in checks"
    print(f"a web worker's start, best of {args.rounds} fresh interpreters ({what})")
    print(f"  import commentguard   {1000 * best.imported:7.1f} ms")
    print(f"  build the guard       {1000 * best.built:7.1f} ms")
    print(f"  first comment         {1000 * best.first:7.1f} ms")
    bare = bare_rss_mb()
    print(f"  peak resident memory  {best.rss_mb:7.1f} MB  (a bare interpreter: {bare:.1f} MB)")
    print(
        f"  heavy modules loaded: {', '.join(best.heavy) or 'none'}; "
        f"dump reader and CLI modules: {best.readers}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
