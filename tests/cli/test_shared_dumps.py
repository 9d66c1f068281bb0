"""Every shared dump, checked with the default settings: records, kinds and verdicts counted.

The verdicts are today's; a change in a check that moves them shows here, on real exports.
"""

from __future__ import annotations

import json
from collections import Counter

import pytest
from click.testing import CliRunner

from commentguard.cli import build_cli
from shared_data import shared_data

EXPECTED = {
    "wordpress-theme-unit-test.xml": (
        {"comment": 28, "pingback": 2, "trackback": 2},
        {"approve": 31, "hold": 1},  # Lorem ipsum's "massa" is not on the curated list
    ),
    "wordpress-isso-fixture.xml": ({"comment": 8}, {"approve": 8}),
    "disqus-isso-fixture.xml": ({"comment": 6}, {"approve": 5, "invalid": 1}),  # a deleted post
    "isso-generic-fixture.json": ({"comment": 2}, {"approve": 2}),
    "commento-remark42-rest-api.json": ({"comment": 7}, {"invalid": 7}),  # every body is empty
    # 16 held, each for two links or more; better-profanity's whole list held 31
    "staticman-made-mistakes": ({"comment": 267}, {"approve": 251, "hold": 16}),
}


@pytest.mark.parametrize("dump", sorted(EXPECTED))
def test_a_shared_dump_is_checked_whole(dump: str) -> None:
    path = shared_data(f"dumps/{dump}")
    result = CliRunner().invoke(
        build_cli(), ["--no-plugins", "check", str(path), "--format", "jsonl", "--jobs", "1"]
    )
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    kinds, verdicts = EXPECTED[dump]
    assert Counter(row["kind"] for row in rows) == kinds
    assert Counter(row["verdict"] for row in rows) == verdicts
    assert result.exit_code == 0
    # Old comments without an address are checked, never invalid for it.
    assert not any("email_missing" in message for row in rows for message in row["messages"])
