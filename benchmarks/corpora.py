"""The shared real-world texts the benchmarks run on (see ../shared/data/README.md)."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path

DATA = Path(__file__).resolve().parents[2] / "shared" / "data"


def davidson_tweets() -> list[str]:
    """The 24,783 tweets of the Davidson hate-speech and offensive-language data set."""
    with (DATA / "toxicity" / "davidson-labeled-data.csv").open(encoding="utf-8") as file:
        return [row["tweet"] for row in csv.DictReader(file)]


def youtube_comments() -> list[str]:
    """The 700 comments of the YouTube Spam Collection files shipped in shared/data/spam."""
    texts = []
    for path in sorted((DATA / "spam").glob("*.csv")):
        with path.open(encoding="utf-8") as file:
            texts += [row["CONTENT"] for row in csv.DictReader(file)]
    return texts


def all_texts() -> Iterator[tuple[str, str]]:
    """Every text, with the name of its corpus."""
    for text in davidson_tweets():
        yield "davidson", text
    for text in youtube_comments():
        yield "youtube", text


YOUTUBE_FILES = ("Youtube01-Psy.csv", "Youtube02-KatyPerry.csv")


def youtube_labelled(name: str) -> list[tuple[str, bool]]:
    """One file of the YouTube Spam Collection as ``(comment, is_spam)`` pairs."""
    with (DATA / "spam" / name).open(encoding="utf-8") as file:
        return [(row["CONTENT"], row["CLASS"] == "1") for row in csv.DictReader(file)]


def davidson_labelled() -> list[tuple[str, int]]:
    """The Davidson tweets with their class: 0 hate speech, 1 offensive, 2 neither."""
    with (DATA / "toxicity" / "davidson-labeled-data.csv").open(encoding="utf-8") as file:
        return [(row["tweet"], int(row["class"])) for row in csv.DictReader(file)]
