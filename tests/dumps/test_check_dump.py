"""The dump engine as a library: DumpCheck, check_dump, Summary and write_corrected_copy."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from commentguard import Verdict
from commentguard._loaders import DumpError, ReadOptions, StatusChange, read_jsonl
from commentguard._loaders.formats import WXR
from commentguard.dumps import DumpCheck, DumpRun, Summary, check_dump, write_corrected_copy


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
    assert "spam_memory" not in names  # nor remember any reported spam
    config = tmp_path / "commentguard.toml"
    config.write_text(
        f'store = "sqlite:///{tmp_path}/site.db"\n'
        'secret_key = "check-dump-test-secret-0a4e8c2f6b1d5739"\n'
    )
    with DumpRun(config=config, load_entry_points=False).guard() as guard:
        assert {"trusted_author", "spam_memory"} <= {check.name for check in guard.checks}
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
    from commentguard._loaders.formats import CSV

    rows = list(
        CSV.read(
            io.BytesIO(b"AUTHOR,MAIL,TEXT\nAda,ada@example.com,Hello\n"),
            "c.csv",
            ReadOptions({"name": "AUTHOR", "email": "MAIL", "body": "TEXT"}),
        )
    )
    assert rows[0].data == {"name": "Ada", "email": "ada@example.com", "body": "Hello"}


WXR_EXPORT = (
    '<?xml version="1.0"?>\n<rss xmlns:wp="http://wordpress.org/export/1.2/"><channel><item>\n'
    "<wp:comment><wp:comment_id>1</wp:comment_id><wp:comment_author>Ada</wp:comment_author>"
    "<wp:comment_content>Lovely piece.</wp:comment_content>"
    "<wp:comment_approved>1</wp:comment_approved></wp:comment>\n"
    "<wp:comment><wp:comment_id>2</wp:comment_id><wp:comment_author>Bob</wp:comment_author>"
    "<wp:comment_content>Buy viagra now</wp:comment_content>"
    "<wp:comment_approved>1</wp:comment_approved></wp:comment>\n"
    "</item></channel></rss>\n"
)


def test_dump_check_keeps_the_verdicts_asked_for_and_counts_all(tmp_path: Path) -> None:
    """Outcomes come whole only for ``keep`` (and invalid records); the summary counts all."""
    dump = tmp_path / "comments.jsonl"
    dump.write_bytes(
        lines(
            {"id": "1", "name": "Ada", "email": "ada@example.com", "body": "Lovely piece."},
            {"id": "2", "name": "Bob", "email": "bob@example.com", "body": "Buy viagra now"},
            "{oops",
        ).getvalue()
    )
    run = DumpRun(load_entry_points=False)
    with DumpCheck(dump, run, keep={Verdict.HOLD}) as checked:
        outcomes = [outcome for batch in checked for outcome in batch.outcomes]
        assert checked.finish() is None  # no write-back asked
    assert checked.format.name == "jsonl"
    assert [(o.record_id, o.verdict) for o in outcomes] == [("2", Verdict.HOLD), (None, "invalid")]
    assert checked.summary.as_dict()["verdicts"] == {"approve": 1, "hold": 1, "invalid": 1}


def test_dump_check_notes_and_writes_the_corrected_copy(tmp_path: Path) -> None:
    """With ``write_back``, flagged comments come back even with ``keep`` empty; finish writes."""
    dump = tmp_path / "export.xml"
    dump.write_text(WXR_EXPORT, encoding="utf-8")
    target = tmp_path / "corrected.xml"
    run = DumpRun(load_entry_points=False)
    with DumpCheck(dump, run, keep=(), write_back=target) as checked:
        for _ in checked:
            pass
    assert checked.write_back is not None
    assert checked.write_back.changes == {1: StatusChange("0", 4)}
    assert checked.finish(dry_run=True) == f"would write {target}: 1 comment changed (1 to '0')"
    assert not target.exists()
    assert checked.finish() == f"wrote {target}: 1 comment changed (1 to '0')"
    assert target.read_text(encoding="utf-8") == WXR_EXPORT.replace(
        "Buy viagra now</wp:comment_content><wp:comment_approved>1",
        "Buy viagra now</wp:comment_content><wp:comment_approved>0",
    )


def test_dump_check_refuses_what_the_command_refuses(tmp_path: Path) -> None:
    """The checks run before anything is read, with the command's messages."""
    dump = tmp_path / "comments.jsonl"
    dump.write_text("not json at all\n", encoding="utf-8")
    run = DumpRun(load_entry_points=False)
    with pytest.raises(DumpError, match="has no moderation status to correct"):
        DumpCheck(dump, run, write_back=tmp_path / "copy.jsonl")
    with pytest.raises(DumpError, match="would overwrite the input"):
        DumpCheck(dump, run, input_format="wxr", write_back=dump)
    with DumpCheck(dump, run) as checked:
        assert sum(batch.records for batch in checked) == 1
    with pytest.raises(DumpError, match="none of its 1 records could be read as jsonl"):
        checked.finish()


def test_an_outcome_moved_keeps_every_field_but_its_index() -> None:
    """``Outcome.moved`` lists the fields by hand: a field added later must be added there."""
    import dataclasses

    from commentguard import Verdict
    from commentguard.dumps import FindingRow, Outcome

    values = {field.name: f"value of {field.name}" for field in dataclasses.fields(Outcome)}
    values |= {"index": 3, "line": 7, "verdict": Verdict.HOLD, "read_failed": True}
    values["findings"] = (FindingRow("links", "links.too_many", Verdict.HOLD, "Many.", None),)
    values["problems"] = ("a problem",)
    outcome = Outcome(**values)
    assert outcome.moved(10) == dataclasses.replace(outcome, index=13)


def test_with_workers_every_piece_is_moderated_with_the_runs_settings() -> None:
    """A guard passed in moderates only when one process does: with workers, the pieces this
    process takes get a guard built from the run, as the workers' are, so none differs."""
    from commentguard import Guard
    from commentguard.testing import make_settings

    run = DumpRun(load_entry_points=False, jobs=2)
    spam = {"name": "Bob", "email": "bob@example.com", "body": "Buy viagra now"}
    records = [json.dumps({**spam, "id": str(n)}) for n in range(30 * 512)]
    lenient = Guard(
        make_settings(checks={"profanity": {"enabled": False}}), load_entry_points=False
    )
    with lenient:
        outcomes = list(check_dump(lenient, run, read_jsonl(lines(*records), "d.jsonl")))
    assert len(outcomes) == 30 * 512
    assert {outcome.verdict for outcome in outcomes} == {Verdict.HOLD}  # the run's profanity
