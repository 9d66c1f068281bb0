"""The dump engine as a library: check_dump, Summary and write_corrected_copy without the CLI."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from commentguard.dumps import DumpRun, Summary, check_dump, write_corrected_copy
from commentguard.loaders import DumpError, ReadOptions, StatusChange, read_jsonl
from commentguard.loaders.formats import WXR


def lines(*records: dict[str, str] | str) -> io.BytesIO:
    text = "\n".join(r if isinstance(r, str) else json.dumps(r) for r in records)
    return io.BytesIO(text.encode())


def test_outcomes_and_summary_counts() -> None:
    run = DumpRun(load_entry_points=False)
    dump = lines(
        {"id": "1", "name": "Ada", "email": "ada@example.com", "body": "Lovely piece."},
        {"id": "2", "name": "Bob", "email": "bob@example.com", "body": "Buy viagra now"},
        "{oops",
        {"id": "4", "name": "Cy", "email": "not an address", "body": "Hi"},
    )
    summary = Summary()
    with run.guard() as guard:
        outcomes = list(check_dump(guard, run, read_jsonl(dump, "d.jsonl")))
    for outcome in outcomes:
        summary.add(outcome)
    assert [o.index for o in outcomes] == [0, 1, 2, 3]
    assert [o.verdict for o in outcomes] == ["approve", "hold", "invalid", "invalid"]
    assert outcomes[1].email == "b***@example.com"
    assert outcomes[3].problems == ("email: Please enter a valid email address. (email_invalid)",)
    assert summary.as_dict() == {
        "total": 4,
        "verdicts": {"approve": 1, "hold": 1, "invalid": 2},
        "kinds": {"comment": 4},
        "verdicts_by_kind": {"comment": {"approve": 1, "hold": 1, "invalid": 2}},
        "checks": {"profanity": 1},
        "codes": {"profanity.word": 1},
        "top_matched": [{"check": "profanity", "matched": "viagra", "count": 1}],
    }


def test_the_run_turns_off_flood_limits_and_duplicates_unless_asked(tmp_path: Path) -> None:
    names = {check.name for check in DumpRun(load_entry_points=False).guard().checks}
    assert "flood" not in names
    assert "duplicate" not in names
    assert "trusted_author" not in names  # an empty memory store can trust nobody
    config = tmp_path / "commentguard.toml"
    config.write_text(
        f'store = "sqlite:///{tmp_path}/site.db"\n'
        'secret_key = "check-dump-test-secret-0a4e8c2f6b1d5739"\n'
    )
    with DumpRun(config=config, load_entry_points=False).guard() as guard:
        assert "trusted_author" in {check.name for check in guard.checks}
    with_duplicates = DumpRun(load_entry_points=False, duplicates=True, jobs=4)
    assert "duplicate" in {check.name for check in with_duplicates.guard().checks}
    assert with_duplicates.processes == 1


def test_a_copy_never_replaces_its_source(tmp_path: Path) -> None:
    source = tmp_path / "export.xml"
    source.write_bytes(b'<rss xmlns:wp="http://wordpress.org/export/1.2/"><channel/></rss>')
    assert WXR.rewrite is not None
    with pytest.raises(DumpError, match="would overwrite the input"):
        write_corrected_copy(source, source, WXR.rewrite, {})
    link = tmp_path / "link.xml"
    link.symlink_to(source)
    with pytest.raises(DumpError, match="would overwrite the input"):
        write_corrected_copy(source, link, WXR.rewrite, {})


def test_a_failed_copy_leaves_no_file(tmp_path: Path) -> None:
    source = tmp_path / "export.xml"
    source.write_bytes(b'<rss xmlns:wp="http://wordpress.org/export/1.2/"><channel/></rss>')
    target = tmp_path / "out.xml"
    assert WXR.rewrite is not None
    with pytest.raises(DumpError, match="found 0 of the 1 comments to change"):
        write_corrected_copy(source, target, WXR.rewrite, {0: StatusChange("spam", 1)})
    assert not target.exists()
    assert not list(tmp_path.glob(".out.xml.*"))  # nor a temporary one


def test_read_options_are_passed_to_csv() -> None:
    from commentguard.loaders.formats import CSV

    rows = list(
        CSV.read(
            io.BytesIO(b"AUTHOR,MAIL,TEXT\nAda,ada@example.com,Hello\n"),
            "c.csv",
            ReadOptions({"name": "AUTHOR", "email": "MAIL", "body": "TEXT"}),
        )
    )
    assert rows[0].data == {"name": "Ada", "email": "ada@example.com", "body": "Hello"}
