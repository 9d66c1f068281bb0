"""A JSON, JSON Lines or CSV record may say it is a pingback: the rows and totals say so too."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from commentguard.cli import build_cli


def test_a_records_own_comment_type_is_its_kind(tmp_path: Path) -> None:
    dump = tmp_path / "dump.jsonl"
    records = [
        {"id": "1", "name": "A blog", "body": "Linked here.", "comment_type": "pingback"},
        {"id": "2", "name": "Ada", "body": "Hello"},
    ]
    dump.write_text("".join(json.dumps(record) + "\n" for record in records), encoding="utf-8")
    result = CliRunner().invoke(
        build_cli(), ["--no-plugins", "check", str(dump), "--format", "jsonl", "--jobs", "1"]
    )
    assert result.exit_code == 0
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert [row["kind"] for row in rows] == ["pingback", "comment"]
    assert "2 records (1 comment, 1 pingback)" in result.stderr
