"""docs/dask.md: its Python script runs as written, on its files, with the output it shows.

The page's ```` ```python ```` block is the Dask script; the Spark recipe is in
``{code-block} python`` fences, which ``python_blocks`` leaves out (pyspark is not installed).
The console block that runs the script gives the files (``$ cat NAME``) and the output
(``$ python moderate_comments.py``); the test writes the one and compares the other.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from doc_apps import DOCS, console_session, page_module, python_blocks

pytest.importorskip("distributed")

PAGE = "dask.md"
SCRIPT_RUN = "$ python moderate_comments.py"


def test_the_spark_recipe_is_not_among_the_runnable_blocks() -> None:
    blocks = python_blocks(PAGE)
    assert len(blocks) == 1
    assert "moderate_bag" in blocks[0]
    assert "pyspark" not in blocks[0]
    assert "mapInPandas" in (DOCS / PAGE).read_text(encoding="utf-8")


def test_the_script_gives_the_output_the_page_shows(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    session = console_session(PAGE, SCRIPT_RUN)
    files = {
        command.removeprefix("$ cat "): lines
        for command, lines in session
        if command.startswith("$ cat ")
    }
    assert set(files) == {"commentguard.toml", "comments-2019.jsonl", "comments-2020.jsonl"}
    expected = next(lines for command, lines in session if command == SCRIPT_RUN)

    workdir = tmp_path / "work"
    workdir.mkdir()
    with page_module(PAGE, workdir, monkeypatch) as module:
        for name, lines in files.items():  # after page_module has cleared the folder's settings
            (workdir / name).write_text("\n".join(lines) + "\n", encoding="utf-8")
        capsys.readouterr()
        module.main()  # no scheduler: the script's two-worker LocalCluster(processes=True)
    assert capsys.readouterr().out.splitlines() == expected
