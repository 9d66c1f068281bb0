"""The Dask engine: the same verdicts on a two-worker cluster as in one process."""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from commentguard import ConfigurationError
from commentguard.testing import make_settings
from shared_data import shared_data

YOUTUBE = ("Youtube01-Psy.csv", "Youtube02-KatyPerry.csv", "Youtube03-LMFAO.csv")


def youtube_comments() -> list[dict[str, Any]]:
    """The three YouTube files' 1,138 comments as submissions (they carry no address)."""
    comments = []
    for name in YOUTUBE:
        with shared_data(f"spam/{name}").open(encoding="utf-8-sig", newline="") as file:
            for entry in csv.DictReader(file):
                comments.append(
                    {"id": entry["COMMENT_ID"], "name": entry["AUTHOR"], "body": entry["CONTENT"]}
                )
    return comments


@pytest.fixture(scope="module")
def cluster() -> Iterator[Any]:
    from distributed import Client, LocalCluster

    with (
        LocalCluster(n_workers=2, threads_per_worker=1, processes=True) as local,
        Client(local) as client,
    ):
        yield client


def test_moderate_bag_gives_the_verdicts_of_a_local_run(cluster: Any) -> None:
    import dask.bag as db

    from commentguard.dask import DaskJob, moderate_bag

    comments = youtube_comments()
    settings = make_settings(checks={"wordlists": {"disallowed_keys": ["subscribe"]}})
    bag = db.from_sequence(comments, npartitions=6)
    rows = moderate_bag(bag, settings, load_entry_points=False).compute()

    job = DaskJob.of(settings, load_entry_points=False)
    local = job.moderate_partition(comments)  # in this process, in one go
    assert len(rows) == len(comments) == 1138
    assert [(row["record_id"], row["verdict"], row["codes"]) for row in rows] == [
        (row["record_id"], row["verdict"], row["codes"]) for row in local
    ]
    verdicts = {row["verdict"] for row in rows}
    assert {"approve", "spam"} <= verdicts  # "subscribe" is a disallowed key: spam
    assert "invalid" not in verdicts  # old comments without an address are checked


def test_duplicates_across_workers_need_a_shared_store() -> None:
    from commentguard.dask import DaskJob

    with pytest.raises(ConfigurationError, match="redis://"):
        DaskJob.of(make_settings(), duplicates=True)


def run_check(dump: Path, *args: str) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "commentguard", "--no-plugins", "check", str(dump), *args]
    return subprocess.run(command, capture_output=True, text=True, timeout=300)


def test_check_with_the_dask_engine_matches_the_process_engine(tmp_path: Path) -> None:
    dump = tmp_path / "youtube.jsonl"
    dump.write_text(
        "".join(json.dumps(comment) + "\n" for comment in youtube_comments()), encoding="utf-8"
    )  # 1,138 records: three pieces
    local = run_check(dump, "--format", "jsonl", "--jobs", "2")
    on_dask = run_check(dump, "--format", "jsonl", "--engine", "dask", "--jobs", "2")
    assert local.returncode == on_dask.returncode == 0, on_dask.stderr
    assert on_dask.stdout == local.stdout
    assert len(on_dask.stdout.splitlines()) == 1138
    assert "1,138 records" in on_dask.stderr


def test_dask_duplicates_without_a_shared_store_is_a_clear_error(tmp_path: Path) -> None:
    dump = tmp_path / "one.jsonl"
    dump.write_text('{"name": "Ada", "body": "Hi"}\n', encoding="utf-8")
    result = run_check(dump, "--engine", "dask", "--duplicates", "--jobs", "1")
    assert result.returncode == 2
    assert "redis://" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_scheduler_without_the_dask_engine_is_refused(tmp_path: Path) -> None:
    dump = tmp_path / "one.jsonl"
    dump.write_text('{"name": "Ada", "body": "Hi"}\n', encoding="utf-8")
    result = run_check(dump, "--scheduler", "tcp://127.0.0.1:8786")
    assert result.returncode == 2
    assert "--scheduler needs --engine dask" in result.stderr
    assert "Traceback" not in result.stderr
