"""``commentguard check``: moderate a whole comment export, report, and optionally correct it."""

from __future__ import annotations

import gc
import os
import sys
import time
from contextlib import ExitStack
from pathlib import Path
from typing import IO, Literal

import click
from rich.console import Console
from rich.progress import (
    BarColumn,
    Progress,
    ProgressColumn,
    Task,
    TaskProgressColumn,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.text import Text

from commentguard._loaders._write_back import same_file
from commentguard._models import Verdict
from commentguard.cli._base import (
    CliContext,
    CommandError,
    cli,
    exits_on_interrupt,
    friendly_errors,
)
from commentguard.dumps import DumpCheck, DumpRun
from commentguard.dumps._outcome import INVALID
from commentguard.dumps._rows import ROW_FORMATS, RowWriter

EXIT_FLAGGED = 1
"""Exit status when a record got a verdict named by ``--fail-on``."""

OUTCOMES: dict[str, Verdict | Literal["invalid"]] = {
    **{verdict.value: verdict for verdict in Verdict},
    INVALID: INVALID,
}
"""What ``--only`` and ``--fail-on`` accept, by name."""


@cli.command()
@click.argument("dump", type=click.Path(allow_dash=True, path_type=Path))
@click.option(
    "--input-format",
    "input_format",
    metavar="NAME",
    help="The dump's format: wxr, disqus, isso-db, isso, commento, remark42, json, jsonl, "
    "staticman, csv, or one a plugin adds. Default: recognised from the content.",
)
@click.option(
    "--map",
    "mapping",
    metavar="FIELD=COLUMN,...",
    help="CSV columns for submission fields, such as name=AUTHOR,body=CONTENT.",
)
@click.option(
    "--format",
    "row_format",
    type=click.Choice(["summary", *ROW_FORMATS]),
    default="summary",
    show_default=True,
    help="summary: totals for a reader. json, jsonl, csv: one row per comment for pipelines "
    "(the totals then go to stderr).",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, allow_dash=True, path_type=Path),
    default="-",
    help="Where rows go (default: stdout); never the dump itself.",
)
@click.option(
    "--only",
    metavar="VERDICT,...",
    help=f"Write rows only for these outcomes ({', '.join(OUTCOMES)}).",
)
@click.option(
    "--fail-on",
    metavar="VERDICT,...",
    help="Exit with status 1 if any comment gets one of these outcomes (such as spam,invalid).",
)
@click.option("--show-emails", is_flag=True, help="Show email addresses instead of masking them.")
@click.option(
    "--require-email",
    is_flag=True,
    help="Count a comment without an email address as invalid. By default old comments need "
    "none (Disqus guests, pingbacks, hashed addresses), as the site took them.",
)
@click.option(
    "--strict", is_flag=True, help="Stop at the first record that is unreadable or invalid."
)
@click.option(
    "-j",
    "--jobs",
    type=click.IntRange(min=1),
    default=lambda: len(os.sched_getaffinity(0)),
    show_default="all cores",
    help="Processes that moderate: this one and N-1 workers. Output keeps the dump's order.",
)
@click.option(
    "--engine",
    type=click.Choice(["processes", "dask"]),
    default="processes",
    show_default=True,
    help="processes: processes on this machine (--jobs). dask: a Dask cluster "
    "(pip install 'commentguard[dask]'), local with --jobs workers unless --scheduler.",
)
@click.option(
    "--scheduler",
    metavar="ADDRESS",
    help="With --engine dask: the address of a running Dask scheduler (tcp://host:8786).",
)
@click.option(
    "--duplicates",
    is_flag=True,
    help="Also find repeats and campaigns across the dump (one process, in order).",
)
@click.option(
    "--write-back",
    type=click.Path(dir_okay=False, path_type=Path),
    metavar="OUT",
    help="Write a copy of a WXR or Disqus dump to OUT in which only flagged comments' status "
    "changes (WordPress: spam or pending; Disqus: isSpam).",
)
@click.option("--overwrite", is_flag=True, help="Let --write-back replace an existing OUT.")
@click.option(
    "--dry-run",
    is_flag=True,
    help="With --write-back: say what would change, write nothing (without it nothing is "
    "written anyway).",
)
@click.option(
    "--progress/--no-progress",
    default=None,
    help="Show a progress bar on stderr (default: when stderr is a terminal).",
)
@click.pass_obj
@exits_on_interrupt
@friendly_errors
def check(
    obj: CliContext,
    dump: Path,
    input_format: str | None,
    mapping: str | None,
    row_format: str,
    output: Path,
    only: str | None,
    fail_on: str | None,
    show_emails: bool,
    require_email: bool,
    strict: bool,
    jobs: int,
    engine: Literal["processes", "dask"],
    scheduler: str | None,
    duplicates: bool,
    write_back: Path | None,
    overwrite: bool,
    dry_run: bool,
    progress: bool | None,
) -> None:
    """Moderate every comment of an export and report what the checks found.

    DUMP is a WordPress (WXR), Disqus, Isso (JSON or its database), Commento, Remark42, JSON,
    JSON Lines or CSV export, a folder of Staticman YAML comments, or - for stdin. Records are
    read as a stream and moderated in batches on all cores. Nothing is written unless
    --write-back asks; the input is never changed. Flood limits are off: they count live
    submissions by the clock. Exit status: 0, or 1 for --fail-on, or 2 when the dump cannot be
    read (or none of its records can), or 130 after Ctrl-C.
    """
    shown = _outcomes(only, "--only")
    failing = _outcomes(fail_on, "--fail-on")
    rows_to_stdout = _check_outputs(dump, output, write_back, row_format, only)
    run = DumpRun(obj.config, obj.load_entry_points, show_emails, duplicates, jobs, require_email)
    errors = Console(stderr=True, highlight=False, soft_wrap=True)
    report = errors if rows_to_stdout else Console(highlight=False, soft_wrap=True)
    with DumpCheck(
        dump, run, input_format=input_format, mapping=_mapping(mapping),
        keep=frozenset() if row_format == "summary" else _keep(shown), write_back=write_back,
        overwrite=overwrite, engine=engine, scheduler=scheduler,
    ) as checked:  # fmt: skip
        bar = _progress(errors, checked.size, progress)
        seconds = _moderate(checked, bar, row_format, output, shown, strict)
    checked.summary.render(report, seconds=seconds)
    written = checked.finish(dry_run=dry_run)
    if written is not None:
        report.print(written, markup=False)
    if failing is not None and any(checked.summary.verdicts[verdict] for verdict in failing):
        sys.exit(EXIT_FLAGGED)


def _moderate(
    checked: DumpCheck,
    bar: Progress,
    row_format: str,
    output: Path,
    shown: frozenset[Verdict | Literal["invalid"]] | None,
    strict: bool,
) -> float:
    """Moderate the dump with a progress bar, tell bad records, write rows; the seconds taken.

    Rows (unless ``row_format`` is ``summary``) go to ``output``, for the outcomes in ``shown``
    (all with ``None``). Their file is opened once the first piece is moderated: a check that
    cannot be built must not have emptied an existing ``-o`` file first.
    """
    with ExitStack() as stack:
        stack.enter_context(bar)
        task = bar.add_task("checking", total=checked.size, records=0)
        started = time.perf_counter()
        writer: RowWriter | None = None
        frozen = False
        for batch in checked:
            if not frozen:
                # This process usually moderates too, with the guard it built for the first
                # piece: out of the collector's sight while the run lasts, like the workers'
                # (see dumps._runner), so full collections walk only each piece's garbage.
                gc.freeze()
                stack.callback(gc.unfreeze)  # a caller running the command in its process
                frozen = True
            if row_format != "summary" and writer is None:
                writer = RowWriter(_open_output(output, stack), row_format)
            for outcome in batch.outcomes:
                if outcome.problems:
                    bar.console.print(
                        f"{outcome.where}: {'; '.join(outcome.problems)}", markup=False
                    )
                    if strict:
                        raise CommandError(
                            f"{outcome.where}: stopped at the first bad record (--strict)"
                        )
                if writer is not None and (shown is None or outcome.verdict in shown):
                    writer.write(outcome)
            bar.update(task, completed=checked.consumed, records=checked.summary.total)
        bar.update(task, completed=checked.size or checked.consumed, records=checked.summary.total)
        seconds = time.perf_counter() - started
        if row_format != "summary" and writer is None:  # an empty dump: an empty table still
            writer = RowWriter(_open_output(output, stack), row_format)
        if writer is not None:
            writer.close()
    return seconds


def _check_outputs(
    dump: Path, output: Path, write_back: Path | None, row_format: str, only: str | None
) -> bool:
    """Refuse outputs that would damage the dump or be ignored; whether rows go to stdout."""
    to_stdout = str(output) == "-"
    if row_format == "summary" and (only is not None or not to_stdout):
        raise click.UsageError("--only and --output choose rows: add --format json, jsonl or csv")
    if not to_stdout and (_same_file(output, dump) or _same_file(output, write_back)):
        raise CommandError(f"{output}: --output would overwrite the dump or the corrected copy")
    return row_format != "summary" and to_stdout


def _same_file(path: Path, other: Path | None) -> bool:
    """Whether writing ``path`` would write ``other``; ``-`` is the file stdin reads, if any."""
    if other is None:
        return False
    if str(other) == "-":
        return _is_standard_input(path)
    return same_file(path, other)


def _is_standard_input(path: Path) -> bool:
    """Whether ``path`` is the file standard input is redirected from (``< export.xml``).

    The path arguments tell nothing then: only the device and inode do, through any name,
    symbolic or hard link.
    """
    try:
        return os.path.samestat(os.fstat(sys.stdin.fileno()), path.stat())
    except (OSError, ValueError):  # no such file yet, or a stdin without a descriptor
        return False


def _open_output(output: Path, stack: ExitStack) -> IO[str]:
    if str(output) == "-":
        return sys.stdout
    try:
        return stack.enter_context(output.open("w", encoding="utf-8", newline=""))
    except OSError as exc:
        raise CommandError(f"{output}: {exc.strerror or exc}") from None


def _outcomes(value: str | None, option: str) -> frozenset[Verdict | Literal["invalid"]] | None:
    if value is None:
        return None
    names = frozenset(part.strip() for part in value.split(",") if part.strip())
    unknown = sorted(names - set(OUTCOMES))
    if unknown or not names:
        raise click.BadParameter(
            f"expected a comma-separated list of {', '.join(OUTCOMES)}", param_hint=option
        )
    return frozenset(OUTCOMES[name] for name in names)


def _keep(shown: frozenset[Verdict | Literal["invalid"]] | None) -> frozenset[Verdict] | None:
    """The verdicts whose outcomes the rows need whole (invalid ones always come)."""
    return None if shown is None else frozenset(v for v in shown if isinstance(v, Verdict))


def _mapping(value: str | None) -> dict[str, str]:
    mapping: dict[str, str] = {}
    for part in (value or "").split(","):
        if not part.strip():
            continue
        field, equals, column = part.partition("=")
        if not equals or not field.strip() or not column.strip():
            raise click.BadParameter(
                f"{part.strip()!r} is not FIELD=COLUMN (such as name=AUTHOR)", param_hint="--map"
            )
        mapping[field.strip()] = column.strip()
    return mapping


class _RecordRate(ProgressColumn):
    """Records per second so far (the bar itself advances by bytes read)."""

    def render(self, task: Task) -> Text:
        records: int = task.fields["records"]
        elapsed = task.elapsed or 0.0
        rate = records / elapsed if elapsed > 0 else 0.0
        return Text(f"{records:,} records, {rate:,.0f}/s", style="progress.data.speed")


def _progress(console: Console, size: int | None, wanted: bool | None) -> Progress:
    """A progress bar by bytes read, with records/s and the time left (for a file)."""
    show = console.is_terminal if wanted is None else wanted
    columns: list[ProgressColumn] = [TextColumn("{task.description}"), _RecordRate()]
    if size is not None:
        columns[1:1] = [BarColumn(), TaskProgressColumn()]
        columns.append(TimeRemainingColumn())
    else:
        columns.append(TimeElapsedColumn())
    return Progress(*columns, console=console, disable=not show, transient=True)
