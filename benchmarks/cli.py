"""Throughput and memory of ``commentguard check`` on generated dumps of real comments.

Usage: python benchmarks/cli.py [--sizes 200000,1000000] [--wxr 50000] [--jobs N]

Builds JSON Lines dumps of realistic comments: the bodies are the shared real texts (Davidson
tweets and YouTube comments, cycled), with names from the YouTube authors, addresses derived
from them, a website on one comment in seven, threads, IP addresses and dates. For each size it
prints, on this machine and in this run:

- the parse-only floor: the JSONL loader reading every record, nothing else (the anchor; the
  best of three runs, so a busy moment cannot lower it);
- ``commentguard check`` with the default checks, all cores: comments per second, the ratio to
  the floor, and the peak memory of the whole process tree two ways: ``tree MB``, the sum of
  each process's own resident high-water mark (VmHWM), an upper bound (the peaks need not
  coincide, and each process counts the pages of the interpreter and libraries it shares with
  the others); and ``PSS MB``, the largest sum of the processes' proportional set sizes seen
  every 50 ms (shared pages divided among their sharers: what the run really holds, though a
  peak between two samples is missed). The largest single process is shown too;
- the growth of peak memory from the smallest to the largest size.

Then the same for a WordPress (WXR) export of ``--wxr`` comments. The targets (issue 19) are at
least 25,000 comments/s on JSON Lines and 15,000 on WXR, within 4x of the floor, and a peak
(``tree MB``, the upper bound) of at most 200 MB that grows less than 10% from 200k to 1M
comments.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import random
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from xml.sax.saxutils import escape

sys.path.insert(0, os.path.dirname(__file__))
from corpora import DATA, davidson_tweets, youtube_comments

from commentguard._loaders import Record, read_jsonl

USER_AGENTS = (
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:132.0) Gecko/20100101 Firefox/132.0",
    "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 "
    "(KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1",
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/131.0.0.0 Safari/537.36",
)
DOMAINS = ("example.com", "example.org", "example.net", "mail.example", "example.co.uk")


def authors() -> list[str]:
    """The YouTube Spam Collection's author names."""
    names = []
    for path in sorted((DATA / "spam").glob("*.csv")):
        with path.open(encoding="utf-8") as file:
            names += [row["AUTHOR"].lstrip("\ufeff").strip() for row in csv.DictReader(file)]
    return [name for name in names if name]


def comments(count: int) -> Iterator[dict[str, str]]:
    """``count`` realistic comments, the same ones on every run."""
    rng = random.Random(2026)
    texts = davidson_tweets() + youtube_comments()
    rng.shuffle(texts)
    names = authors()
    for number in range(count):
        name = names[number * 7919 % len(names)]
        local = "".join(char for char in name.lower() if char.isalnum())[:20] or "reader"
        comment = {
            "id": f"c{number}",
            "thread_id": f"post-{number // 40}",
            "name": name,
            "email": f"{local}.{number % 9973}@{DOMAINS[number % len(DOMAINS)]}",
            "body": texts[number % len(texts)],
            "ip": f"198.51.{number // 250 % 256}.{number % 250 + 1}",
            "user_agent": USER_AGENTS[number % len(USER_AGENTS)],
            "submitted_at": f"2025-{number % 12 + 1:02}-{number % 28 + 1:02}T08:12:41+00:00",
        }
        if number % 7 == 0:
            # a host name of one script (IDNA refuses a label mixing Latin and Arabic)
            host = "".join(char for char in local if char.isascii()) or "reader"
            comment["url"] = f"https://{host}.example.com/"
        yield comment


def write_jsonl(path: Path, count: int) -> None:
    with path.open("w", encoding="utf-8") as file:
        for comment in comments(count):
            file.write(json.dumps(comment, ensure_ascii=False) + "\n")


def write_wxr(path: Path, count: int) -> None:
    """A WXR 1.2 export with 40 comments a post."""
    with path.open("w", encoding="utf-8") as file:
        file.write(
            '<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0" '
            'xmlns:wp="http://wordpress.org/export/1.2/"><channel>\n'
        )
        for comment in comments(count):
            number = int(comment["id"][1:])
            if number % 40 == 0:
                if number:
                    file.write("</item>\n")
                file.write(
                    f"<item><title>Post {number // 40}</title>"
                    f"<link>https://news.example/{number // 40}/</link>"
                    f"<wp:post_id>{number // 40}</wp:post_id>\n"
                )
            body = comment["body"].replace("]]>", "]]]]><![CDATA[>")
            file.write(
                f"<wp:comment><wp:comment_id>{number}</wp:comment_id>"
                f"<wp:comment_author><![CDATA[{comment['name']}]]></wp:comment_author>"
                f"<wp:comment_author_email>{escape(comment['email'])}</wp:comment_author_email>"
                f"<wp:comment_author_url>{escape(comment.get('url', ''))}</wp:comment_author_url>"
                f"<wp:comment_author_IP>{comment['ip']}</wp:comment_author_IP>"
                f"<wp:comment_date_gmt>2025-01-01 08:12:41</wp:comment_date_gmt>"
                f"<wp:comment_content><![CDATA[{body}]]></wp:comment_content>"
                f"<wp:comment_approved>1</wp:comment_approved>"
                f"<wp:comment_type>comment</wp:comment_type>"
                f"<wp:comment_parent>0</wp:comment_parent></wp:comment>\n"
            )
        file.write("</item>\n</channel></rss>\n")


def parse_floor(path: Path) -> float:
    """Seconds for the JSONL loader to read every record (the anchor): the best of three."""
    times = []
    for _ in range(3):
        started = time.perf_counter()
        with path.open("rb") as stream:
            records = sum(1 for item in read_jsonl(stream, path.name) if isinstance(item, Record))
        times.append(time.perf_counter() - started)
    assert records > 0
    return min(times)


def _descendants(root: int) -> list[int]:
    """``root`` and every process below it, from ``/proc/PID/task/TID/children``.

    Reading only the tree keeps the sampler cheap: scanning all of ``/proc`` every few
    milliseconds took a quarter of a core away from the run being measured.
    """
    found, stack = [], [root]
    while stack:
        pid = stack.pop()
        found.append(pid)
        try:
            for thread in os.listdir(f"/proc/{pid}/task"):
                with open(f"/proc/{pid}/task/{thread}/children") as children:
                    stack += [int(child) for child in children.read().split()]
        except OSError:
            continue  # the process ended meanwhile
    return found


def _peak_rss(pid: int) -> int:
    """The most resident memory ``pid`` has had so far (the kernel's VmHWM), in bytes."""
    try:
        with open(f"/proc/{pid}/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


def _pss(pid: int) -> int:
    """``pid``'s proportional set size now (its shared pages divided among their sharers)."""
    try:
        with open(f"/proc/{pid}/smaps_rollup") as rollup:
            for line in rollup:
                if line.startswith("Pss:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


def run_check(
    path: Path, jobs: int | None, statuses: tuple[int, ...] = (0,)
) -> tuple[float, int, int, int, str]:
    """Seconds, peak memory (two ways), largest process's peak, and the summary line of a run.

    The first peak is the sum of every process's own peak resident memory, an upper bound of
    what the tree held at once; the second the largest sum of proportional set sizes sampled.
    An exit status outside ``statuses`` stops the benchmark.
    """
    command = [sys.executable, "-m", "commentguard", "--no-plugins", "check", str(path)]
    command += ["--no-progress"] + (["--jobs", str(jobs)] if jobs else [])
    started = time.perf_counter()
    process = subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True
    )
    peaks: dict[int, int] = {}
    pss_peak = 0

    def sample() -> None:
        nonlocal pss_peak
        # Each process's own high-water mark, so no peak falls between two samples.
        while process.poll() is None:
            pss = 0
            for pid in _descendants(process.pid):
                peaks[pid] = max(peaks.get(pid, 0), _peak_rss(pid))
                pss += _pss(pid)
            pss_peak = max(pss_peak, pss)
            time.sleep(0.05)

    sampler = threading.Thread(target=sample)
    sampler.start()
    output, _ = process.communicate()
    seconds = time.perf_counter() - started
    sampler.join()
    if process.returncode not in statuses:
        raise SystemExit(f"commentguard check failed ({process.returncode}):\n{output}")
    summary = output.splitlines()[0]
    return seconds, sum(peaks.values()), pss_peak, max(peaks.values(), default=0), summary


def main() -> int:
    """Run the benchmark; the exit status is 1 when a target is missed."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="200000,1000000", help="JSONL dump sizes")
    parser.add_argument("--wxr", type=int, default=50_000, help="WXR dump size (0: skip)")
    parser.add_argument("--jobs", type=int, default=None, help="worker processes (all cores)")
    args = parser.parse_args()
    sizes = [int(size) for size in args.sizes.split(",")]
    print(f"cores: {os.cpu_count()}, jobs: {args.jobs or 'all cores'}")
    print(
        f"{'dump':<22} {'floor/s':>10} {'check/s':>10} {'x floor':>8} {'tree MB':>8} "
        f"{'PSS MB':>7} {'max MB':>7}"
    )
    peaks, rates, ratios = [], [], []
    wxr_rate = None
    with tempfile.TemporaryDirectory(prefix="commentguard-bench-") as folder:
        for size in sizes:
            path = Path(folder) / f"comments-{size}.jsonl"
            write_jsonl(path, size)
            floor = parse_floor(path)
            seconds, tree, pss, largest, summary = run_check(path, args.jobs)
            peaks.append(tree)
            rates.append(size / seconds)
            ratios.append(seconds / floor)
            print(
                f"{path.name:<22} {size / floor:>10,.0f} {size / seconds:>10,.0f} "
                f"{seconds / floor:>8.1f} {tree / 2**20:>8.0f} {pss / 2**20:>7.0f} "
                f"{largest / 2**20:>7.0f}"
            )
            print(f"  {summary}")
            path.unlink()
        growth = peaks[-1] / peaks[0] - 1
        if len(sizes) > 1:
            print(f"peak tree memory growth {sizes[0]:,} -> {sizes[-1]:,}: {growth:+.1%}")
        if args.wxr:
            path = Path(folder) / f"comments-{args.wxr}.xml"
            write_wxr(path, args.wxr)
            seconds, tree, pss, largest, summary = run_check(path, args.jobs)
            peaks.append(tree)
            wxr_rate = args.wxr / seconds
            megabytes = path.stat().st_size / 2**20
            print(
                f"WXR {args.wxr:,} comments ({megabytes:.0f} MB): {wxr_rate:,.0f} comments/s, "
                f"peak {tree / 2**20:.0f} MB, PSS {pss / 2**20:.0f} MB "
                f"(largest process {largest / 2**20:.0f} MB)"
            )
            print(f"  {summary}")
    targets = {
        ">= 25,000 comments/s (JSON Lines)": min(rates) >= 25_000,
        ">= 15,000 comments/s (WXR)": wxr_rate is None or wxr_rate >= 15_000,
        "<= 4x the parse-only floor": max(ratios) <= 4,
        "peak <= 200 MB": max(peaks) <= 200 * 2**20,
        "growth < 10%": len(sizes) < 2 or growth < 0.10,
    }
    for target, met in targets.items():
        print(f"{'met   ' if met else 'MISSED'} {target}")
    return 0 if all(targets.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
