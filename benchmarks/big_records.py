"""Peak memory of ``commentguard check`` on dumps whose records are 10 MB each.

Usage: python benchmarks/big_records.py [--count 150] [--among 6000] [--jobs N]

A 10 MB comment is far over the body limit (65,525 bytes), so each is an invalid record, but
it must still be read with bounded memory and reported, and it must not take the records
after it down. For each format the script writes two dumps of real comments (the shared
Davidson tweets and YouTube comments, cycled) to a temporary folder, one at a time:

- ``--count`` records of 10 MiB each and nothing else (issue 13: 150 records);
- the same records among ``--among`` ordinary comments, so that worker processes start too.

WordPress (WXR) bodies are 9.5 MB (9.1 MiB): libxml2 refuses a text node over 10,000,000
bytes, which stops the whole dump instead. It prints the peak resident memory of the whole
process tree (the sum of each process's own high-water mark, as ``benchmarks/cli.py``
measures it) and of its largest process, and whether each stays under the target of 200 MB.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from xml.sax.saxutils import escape

sys.path.insert(0, os.path.dirname(__file__))
from corpora import davidson_tweets, youtube_comments

from cli import comments, run_check

TARGET = 200 * 2**20
BIG_JSON = 10 * 2**20
BIG_XML = 9_500_000  # under libxml2's 10,000,000-byte limit on one text node


def big_body(size: int) -> str:
    """``size`` characters of real comments, one after another."""
    block = " ".join((davidson_tweets() + youtube_comments())[:2000])
    return (block * (size // len(block) + 1))[:size]


def records(count: int, among: int, size: int) -> Iterator[dict[str, str]]:
    """``among`` ordinary comments with ``count`` big ones spread through them."""
    total = count + among
    every = total // count
    big = big_body(size)
    for number, comment in enumerate(comments(total)):
        if number % every == 0 and number // every < count:
            comment["body"] = big[number % 97 :] + big[: number % 97]
        yield comment


def write_jsonl(path: Path, items: Iterator[dict[str, str]]) -> None:
    with path.open("w", encoding="utf-8") as file:
        for item in items:
            file.write(json.dumps(item, ensure_ascii=False) + "\n")


def write_json(path: Path, items: Iterator[dict[str, str]]) -> None:
    with path.open("w", encoding="utf-8") as file:
        file.write("[\n")
        for number, item in enumerate(items):
            file.write(("," if number else "") + json.dumps(item, ensure_ascii=False) + "\n")
        file.write("]\n")


def write_wxr(path: Path, items: Iterator[dict[str, str]]) -> None:
    with path.open("w", encoding="utf-8") as file:
        file.write(
            '<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0" '
            'xmlns:wp="http://wordpress.org/export/1.2/"><channel><item>'
            "<wp:post_id>1</wp:post_id>\n"
        )
        for item in items:
            body = item["body"].replace("]]>", "]]]]><![CDATA[>")
            file.write(
                f"<wp:comment><wp:comment_id>{item['id'][1:]}</wp:comment_id>"
                f"<wp:comment_author><![CDATA[{item['name']}]]></wp:comment_author>"
                f"<wp:comment_author_email>{escape(item['email'])}</wp:comment_author_email>"
                f"<wp:comment_content><![CDATA[{body}]]></wp:comment_content>"
                "<wp:comment_approved>1</wp:comment_approved></wp:comment>\n"
            )
        file.write("</item></channel></rss>\n")


FORMATS = (("jsonl", write_jsonl, BIG_JSON), ("json", write_json, BIG_JSON))
FORMATS += (("xml", write_wxr, BIG_XML),)


def main() -> int:
    """Run the benchmark; the exit status is 1 when a target is missed."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=150, help="big records in each dump")
    parser.add_argument("--among", type=int, default=6000, help="ordinary comments around them")
    parser.add_argument("--jobs", type=int, default=None, help="worker processes (all cores)")
    args = parser.parse_args()
    print(f"cores: {os.cpu_count()}, jobs: {args.jobs or 'all cores'}")
    print(f"{'dump':<34} {'MB':>6} {'seconds':>8} {'tree MB':>8} {'PSS MB':>7} {'max MB':>7}")
    results = {}
    with tempfile.TemporaryDirectory(prefix="commentguard-bench-") as folder:
        for suffix, write, size in FORMATS:
            for among in (0, args.among):
                name = f"{args.count} x {size / 2**20:.1f} MiB" + (f" + {among:,}" if among else "")
                path = Path(folder) / f"big.{suffix}"
                write(path, records(args.count, among, size))
                megabytes = path.stat().st_size / 2**20
                # Alone, every record is unreadable (too long to be a comment): the command
                # then ends with status 2, "none of its records could be read", as it should.
                statuses = (0, 2) if not among else (0,)
                seconds, tree, pss, largest, summary = run_check(path, args.jobs, statuses)
                path.unlink()
                results[f"{suffix} {name}"] = tree
                print(
                    f"{suffix + ' ' + name:<34} {megabytes:>6,.0f} {seconds:>8.1f} "
                    f"{tree / 2**20:>8.0f} {pss / 2**20:>7.0f} {largest / 2**20:>7.0f}"
                )
                print(f"  {summary}")
    for name, tree in results.items():
        print(f"{'met   ' if tree <= TARGET else 'MISSED'} peak <= 200 MB: {name}")
    return 0 if all(tree <= TARGET for tree in results.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
