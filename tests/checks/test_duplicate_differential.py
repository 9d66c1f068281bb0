"""The fast duplicate check finds what the one before issue 19 found (duplicate_reference.py).

Both run through the same stream, each on its own memory store: the YouTube Spam Collection's
comments with their authors (its spam runs are real campaigns: one text from many accounts),
then the Staticman comments each sent again by several authors with small edits (a word
added, a link changed, case and punctuation), and a few sent by more authors than the point
where a band is marked full.
"""

from __future__ import annotations

import csv
import zlib
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml

from commentguard._models import CommentSubmission, Finding
from commentguard.checks._duplicate import DuplicateCheck, DuplicateSettings
from commentguard.stores import MemoryStore
from duplicate_reference import ReferenceDuplicateCheck

DATA = Path(__file__).resolve().parents[3] / "shared" / "data"
SECRET = b"duplicate-differential-secret"


def _youtube() -> Iterator[dict[str, str]]:
    for path in sorted((DATA / "spam").glob("Youtube*.csv")):
        with path.open(encoding="utf-8") as file:
            for number, row in enumerate(csv.DictReader(file)):
                author = row["AUTHOR"] or "someone"
                yield {
                    "name": author,
                    "email": f"author{zlib.crc32(author.encode())}@example.com",
                    "body": row["CONTENT"],
                    "ip": f"198.51.{number % 200}.{number % 250 + 1}",
                    "thread_id": path.stem,
                }


def _staticman() -> list[str]:
    folder = DATA / "dumps" / "staticman-made-mistakes"
    texts = [yaml.safe_load(path.read_text(encoding="utf-8"))["message"]
             for path in sorted(folder.rglob("*.yml"))]  # fmt: skip
    return [text for text in texts if len(text.split()) >= 6]


def _edited_copies() -> Iterator[dict[str, str]]:
    edits = (
        lambda text: text,
        lambda text: text.upper(),
        lambda text: text + " Thanks!",
        lambda text: text.replace(" ", "  ", 3).replace(".", "!"),
        lambda text: f"{text} https://example.com/{len(text)}",
    )
    for number, text in enumerate(_staticman()):
        for copy, edit in enumerate(edits[: 2 + number % 4]):
            yield {
                "name": f"Reader {copy}",
                "email": f"reader{copy}.{number % 7}@example.com",
                "body": edit(text),
                "ip": f"192.0.2.{copy + 1}",
                "thread_id": f"post-{number}",
            }


def _wave() -> Iterator[dict[str, str]]:
    text = "Earn 500 dollars a day from home with this one simple trick at {}"
    for number in range(60):
        yield {
            "name": f"Bot {number}",
            "email": f"bot{number}@example.com",
            "body": text.format(f"https://cash.example/{number}"),
            "ip": f"203.0.{number // 250}.{number % 250 + 1}",
        }


def _outcome(check: DuplicateCheck, submission: CommentSubmission) -> list[tuple[object, ...]]:
    found: list[Finding] = [*check.check(submission)]
    if not found:
        found += check.confirm(submission)
    return [(f.code, f.verdict, f.moderator_message, f.score) for f in found]


def test_same_findings_as_before_on_real_comments() -> None:
    if not (DATA / "spam").is_dir():
        pytest.skip(f"{DATA} not found (the shared data sits beside the repository)")
    settings = DuplicateSettings()
    fast = DuplicateCheck(settings, MemoryStore(), SECRET)
    reference = ReferenceDuplicateCheck(settings, MemoryStore(), SECRET)
    outcomes = []
    for data in [*_youtube(), *_edited_copies(), *_wave()]:
        submission = CommentSubmission.parse(data)
        expected = _outcome(reference, submission)
        assert _outcome(fast, submission) == expected, data
        outcomes.append(expected)
    codes = [outcome[0][0] for outcome in outcomes if outcome]
    assert codes.count("duplicate.campaign") > 50  # the stream holds campaigns to find
    assert "duplicate.repeat" in codes
