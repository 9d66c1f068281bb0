"""docs/cli.md, "From Python": the DumpCheck script runs as written and prints what it shows."""

from __future__ import annotations

from pathlib import Path

import pytest

from doc_apps import console_session, page_module, python_blocks

PAGE = "cli.md"
SCRIPT_RUN = "$ python check_comments.py"


def test_the_script_gives_the_output_the_page_shows(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    assert len(python_blocks(PAGE)) == 1  # the page's only script is the one run here
    session = console_session(PAGE, SCRIPT_RUN)
    dump = next(lines for command, lines in session if command == "$ cat comments.jsonl")
    expected = next(lines for command, lines in session if command == SCRIPT_RUN)
    workdir = tmp_path / "work"
    workdir.mkdir()
    with page_module(PAGE, workdir, monkeypatch) as module:
        (workdir / "comments.jsonl").write_text("\n".join(dump) + "\n", encoding="utf-8")
        capsys.readouterr()
        module.main()
    assert capsys.readouterr().out.splitlines() == expected
