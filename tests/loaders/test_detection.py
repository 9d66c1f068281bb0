"""Formats are recognised by content, and a dump that no format reads exits non-zero, saying why."""

from __future__ import annotations

import gzip
import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from loader_counts import FIXTURES, REGISTRY, shared

from commentguard._loaders import sniff
from commentguard._loaders.formats import (
    BUILTIN_FORMATS,
    COMMENTO,
    ISSO_JSON,
    JSON,
    JSONL,
    REMARK42,
    WXR,
)
from commentguard.cli import build_cli
from hostile_json import json_values, to_json


def check(*args: str, input: bytes | None = None, jobs: int = 1) -> tuple[int, str, str]:
    argv = ["--no-plugins", "check", "--jobs", str(jobs), *args]
    result = CliRunner().invoke(build_cli(argv), argv, input=input)
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.stdout, result.stderr


COMMENT = {"id": "c1", "name": "Ada", "email": "ada@example.com", "body": "Hello there"}


# --- What the start of a dump shows -----------------------------------------------------------


def test_keys_are_read_from_a_head_that_ends_inside_a_value() -> None:
    head = b'\xef\xbb\xbf {"version": 1, "comments": [{"commentHex": "a", "text": "{[\\"'
    assert sniff.object_keys(head) == ["version", "comments"]
    assert sniff.first_element_keys(b'[ {"comments": [], "id": "/a/"') == ["comments", "id"]
    assert sniff.first_element_keys(b"[1, 2]") is None
    assert sniff.looks_like_jsonl(b'{"a": 1}\n{"b": 2}\n')
    assert not sniff.looks_like_jsonl(b'{\n  "a": 1\n}\n')


@pytest.mark.parametrize(
    ("head", "expected"),
    [
        (b"", "nothing: the dump is empty"),
        (b"SQLite format 3\x00" + b"\x00" * 100, "a SQLite database"),
        (b"`<?xml version='1.0'?><rss>", "XML (<rss>)"),
        (b'{"a": 1}\n{"a": 2}\n', "JSON Lines (one object per line)"),
        (b'{\n "version": 1,\n "comments": [', "a JSON object with the keys version, comments"),
        (b"[1, 2]", "a JSON array"),
        (b"\x00\x01\x02", "binary data"),
        (b"\x1f\x8b\x08\x00", "gzip-compressed data"),
        (b"name,email,body\nAda,a@b.c,Hi\n", "text starting 'name,email,body'"),
    ],
)
def test_describe_says_what_a_dump_looks_like(head: bytes, expected: str) -> None:
    assert sniff.describe(head) == expected


@pytest.mark.parametrize(
    ("name", "head", "expected"),
    [
        ("export.json", b'[\n  {\n    "id": "c1"\n  }\n]\n', JSON),
        ("export.txt", b'{\n  "id": "c1",\n  "body": "Hi"\n}\n', JSON),
        ("export.txt", b'{"id": "c1"}\n{"id": "c2"}\n', JSONL),
        ("export.txt", b'{"id": "c1", broken\n{"id": "c2"}\n', JSONL),  # a bad first record
        ("export.txt", b'{"id": "c1", "body": "' + b"x" * 70_000, JSONL),  # a long first line
        ("export.txt", b'{\n  "comments": [\n    {"id": 1}\n  ]\n}\n', JSON),
        ("export.jsonl", b'{\n  "id": "c1"\n}\n', JSONL),  # the name says so: it decides
        ("export.json", b'[{"comments": [{"text": "Hi"}], "id": "/a/"}]', ISSO_JSON),
        ("export.json", b'{"version": 1, "comments": [{"commentHex": "ab"', COMMENTO),
        ("backup", b'{"version":1,"users":[],"posts":[]}\n{"id": "1"}\n', REMARK42),
        (
            "export",
            b'` <?xml version="1.0"?>\n<rss xmlns:wp="http://wordpress.org/export/1.2/">',
            WXR,
        ),
    ],
)
def test_formats_are_recognised_by_content(name: str, head: bytes, expected) -> None:
    assert REGISTRY.detect(name, head) is expected


# --- The command line ---------------------------------------------------------------------------


def test_a_pretty_printed_json_object_is_one_comment(tmp_path: Path) -> None:
    """Not 5 lines of JSON Lines of which 4 are invalid."""
    dump = tmp_path / "comment.json"
    dump.write_text(json.dumps(COMMENT, indent=2), encoding="utf-8")
    code, out, err = check(str(dump))
    assert (code, err) == (0, "")
    assert out.startswith("1 record (1 comment)")


def test_a_pretty_printed_json_array_is_read_as_json(tmp_path: Path) -> None:
    dump = tmp_path / "comments.txt"
    dump.write_text(json.dumps([COMMENT, {**COMMENT, "id": "c2"}], indent=2), encoding="utf-8")
    code, out, _ = check(str(dump), "--format", "jsonl")
    assert code == 0
    assert [json.loads(line)["record_id"] for line in out.splitlines()] == ["c1", "c2"]


def test_a_stray_byte_before_a_disqus_export_gets_the_xml_error_at_line_1(tmp_path: Path) -> None:
    dump = tmp_path / "disqus.xml"
    dump.write_bytes(b"`" + shared("disqus-isso-fixture.xml").read_bytes())
    code, _, err = check(str(dump))
    assert code == 2
    assert f"Error: {dump}:1:1: malformed XML: Start tag expected" in err


def test_a_dump_no_format_recognises_says_what_it_looks_like(tmp_path: Path) -> None:
    dump = tmp_path / "dump.bin"
    dump.write_bytes(bytes(range(256)))
    code, _, err = check(str(dump))
    assert code == 2
    assert "cannot tell the format of this dump; choose one with --input-format" in err
    assert "It looks like binary data." in err


def test_a_format_that_reads_none_of_the_records_exits_2_and_names_the_right_one() -> None:
    """Commento read as JSON Lines: every line is an error, then one line says what to try."""
    dump = shared("commento-remark42-rest-api.json")
    code, _, err = check(str(dump), "--input-format", "jsonl")
    assert code == 2
    assert err.count("not valid JSON") == 116
    assert err.splitlines()[-1] == (
        f"Error: {dump}: none of its 116 records could be read as jsonl: it looks like a JSON "
        "object with the keys version, comments, commenters; try --input-format commento, json"
    )


def test_unreadable_records_are_counted_across_worker_processes() -> None:
    """A WordPress export read as JSON Lines: 10,757 lines in 22 pieces, read by 2 workers."""
    dump = shared("wordpress-theme-unit-test.xml")
    code, _, err = check(str(dump), "--input-format", "jsonl", jobs=2)
    assert code == 2
    assert err.splitlines()[-1] == (
        f"Error: {dump}: none of its 10,757 records could be read as jsonl: it looks like XML "
        "(<rss>); try --input-format wxr"
    )


def test_a_dump_with_some_readable_records_exits_0(tmp_path: Path) -> None:
    dump = tmp_path / "mixed.jsonl"
    dump.write_text(json.dumps(COMMENT) + "\n{broken\n", encoding="utf-8")
    code, out, err = check(str(dump))
    assert code == 0
    assert "mixed.jsonl:2: not valid JSON" in err
    assert out.startswith("2 records")


def test_commento_is_read_and_no_longer_69_unreadable_records() -> None:
    code, out, err = check(str(shared("commento-remark42-rest-api.json")), "--format", "jsonl")
    assert code == 0
    found = [json.loads(line) for line in out.splitlines()]
    assert len(found) == 7
    assert {row["thread_id"] for row in found} == {"example.com/example"}
    assert "not valid JSON" not in err


def test_a_staticman_folder_is_checked_whole() -> None:
    code, out, _ = check(str(shared("staticman-made-mistakes")), "--format", "jsonl")
    assert code == 0
    found = [json.loads(line) for line in out.splitlines()]
    assert len(found) == 267
    assert len({row["thread_id"] for row in found}) == 24
    assert all(row["email"] is None for row in found)  # md5 hashes are never shown as one


def test_a_folder_without_comments_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("hello")
    code, _, err = check(str(tmp_path))
    assert code == 2
    assert "a folder that no format reads; folders are read by staticman" in err
    code, _, err = check(str(tmp_path), "--input-format", "json")
    assert code == 2
    assert "the json format reads files, not folders" in err


def test_an_isso_database_on_the_command_line_and_not_on_stdin(tmp_path: Path) -> None:
    isso_db = pytest.importorskip("isso.db")
    isso_config = pytest.importorskip("isso.config")
    isso_migrate = pytest.importorskip("isso.migrate")
    path = tmp_path / "comments.db"
    db = isso_db.SQLite3(str(path), isso_config.new({"general": {"dbpath": str(path)}}))
    isso_migrate.Generic(db, str(shared("isso-generic-fixture.json"))).migrate()
    code, out, _ = check(str(path), "--format", "jsonl")
    assert code == 0
    assert [json.loads(line)["thread_id"] for line in out.splitlines()] == [
        "/posts/0001/",
        "/posts/0007/",
    ]
    code, _, err = check("-", input=path.read_bytes())
    assert code == 2
    assert "an Isso database is read from its file, not from standard input" in err


def test_remark42_backup_on_the_command_line() -> None:
    code, out, _ = check(str(FIXTURES / "remark42" / "backup.jsonl"), "--format", "jsonl")
    assert code == 0
    found = [json.loads(line) for line in out.splitlines()]
    assert [row["line"] for row in found] == [2, 3, 4, 5, 6]
    assert {row["status"] for row in found} == {"approved", "deleted"}


def test_without_pyyaml_staticman_says_how_to_install_it() -> None:
    """A run in a fresh interpreter where importing yaml fails, as it does without PyYAML."""
    program = (
        "import sys; sys.modules['yaml'] = None\n"
        "from commentguard.cli import main\n"
        "sys.argv = ['commentguard', '--no-plugins', 'check', '--jobs', '1', sys.argv[1]]\n"
        "main()\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", program, str(shared("staticman-made-mistakes"))],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert result.returncode == 2
    assert result.stderr.strip() == (
        "Error: reading Staticman YAML comments needs PyYAML, which is not installed: "
        "pip install 'commentguard[yaml]'"
    )


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.one_of(
        st.binary(max_size=300),
        json_values.map(lambda value: to_json(value).encode("utf-8", "surrogatepass")),
    ),
    st.integers(min_value=0, max_value=300),
)
def test_detection_never_fails_on_any_head(data: bytes, cut: int) -> None:
    """Whatever a dump starts with, cut anywhere, every format's sniff and describe answer."""
    for prefix in (b"", b"[", b"{", b'{"comments": [', b"\xef\xbb\xbf"):
        head = (prefix + data)[: cut + len(prefix)]
        for dump_format in BUILTIN_FORMATS:
            assert dump_format.sniff("dump", head) in (True, False)
        assert sniff.describe(head)


def test_json_lines_with_a_broken_first_line_lose_only_that_line() -> None:
    """On stdin, with no name to go by: still JSON Lines, not a JSON document that fails."""
    lines = "{broken\n" + "\n".join(json.dumps({**COMMENT, "id": f"c{n}"}) for n in range(3))
    code, out, err = check("-", "--format", "jsonl", input=lines.encode())
    assert code == 0
    assert "<stdin>:1: not valid JSON" in err
    assert [json.loads(row)["record_id"] for row in out.splitlines()] == [None, "c0", "c1", "c2"]


def test_gzip_compressed_dumps_are_read_as_the_file_inside(tmp_path: Path) -> None:
    """Disqus hands out .xml.gz and Remark42 gzips its backups: both read as they come."""
    disqus = tmp_path / "export.xml.gz"
    disqus.write_bytes(gzip.compress(shared("disqus-isso-fixture.xml").read_bytes()))
    code, out, _ = check(str(disqus), "--format", "jsonl")
    assert code == 0
    assert [json.loads(row)["status"] for row in out.splitlines()].count("approved") == 5
    backup = gzip.compress((FIXTURES / "remark42" / "backup.jsonl").read_bytes())
    code, out, _ = check("-", "--format", "jsonl", input=backup)
    assert code == 0
    assert len(out.splitlines()) == 5
    code, _, err = check(str(disqus), "--write-back", str(tmp_path / "out.xml"))
    assert code == 2
    assert "--write-back needs the dump uncompressed; gunzip it first" in err


def test_damaged_gzip_data_is_one_clear_error(tmp_path: Path) -> None:
    dump = tmp_path / "export.xml.gz"
    dump.write_bytes(gzip.compress(shared("wordpress-theme-unit-test.xml").read_bytes())[:5000])
    code, _, err = check(str(dump))
    assert code == 2
    assert err.strip().splitlines()[-1] == (
        f"Error: {dump}: the gzip data is damaged (Compressed file ended before the "
        "end-of-stream marker was reached)"
    )
