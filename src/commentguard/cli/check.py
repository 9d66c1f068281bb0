"""``commentguard check``: moderate a whole comment export, report, and optionally correct it."""

from __future__ import annotations

import io
import os
import sys
import time
from collections import Counter
from collections.abc import Generator, Iterable
from contextlib import ExitStack
from pathlib import Path
from typing import IO, Any, BinaryIO, Literal

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

from commentguard.cli.base import (
    CliContext,
    CommandError,
    cli,
    exits_on_interrupt,
    friendly_errors,
)
from commentguard.dumps import DumpRun, Outcome, Summary, check_pieces, write_corrected_copy
from commentguard.dumps.copy import same_file
from commentguard.dumps.outcome import INVALID
from commentguard.dumps.rows import ROW_FORMATS, RowWriter
from commentguard.dumps.runner import PIECE_SIZE, Batch, Keep
from commentguard.loaders.compressed import decompressed
from commentguard.loaders.formats import SNIFF_BYTES, DumpFormat, FormatRegistry, ReadOptions
from commentguard.loaders.pieces import Piece
from commentguard.loaders.rewrite import Rewriter, StatusChange
from commentguard.models import Verdict
from commentguard.models.limits import record_max_bytes

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
    help="Worker processes. Output keeps the dump's order.",
)
@click.option(
    "--engine",
    type=click.Choice(["processes", "dask"]),
    default="processes",
    show_default=True,
    help="processes: worker processes on this machine (--jobs). dask: a Dask cluster "
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
    engine: str,
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
    # A record longer than any valid one is refused where it is read, never sent on.
    options = ReadOptions(_mapping(mapping), record_max_bytes(run.settings().limits))
    formats = FormatRegistry.from_plugins(run.plugins())  # the checks are built where they run
    errors = Console(stderr=True, highlight=False, soft_wrap=True)
    report = errors if rows_to_stdout else Console(highlight=False, soft_wrap=True)
    summary = Summary()
    unreadable = 0
    changes: dict[int, StatusChange] = {}
    with ExitStack() as stack:
        counter, name, size = _open(dump, stack)
        raw = io.BufferedReader(counter, SNIFF_BYTES)
        unpacked = decompressed(raw, name)  # a .gz export is read as the file inside it
        source: io.BufferedReader[Any] = raw if unpacked is None else unpacked
        head = source.peek(SNIFF_BYTES)[:SNIFF_BYTES]
        if input_format:
            dump_format = formats.get(input_format)
        elif dump.is_dir():
            dump_format = formats.detect_folder(dump, name)
        else:
            dump_format = formats.detect(name, head)
        rewriter = _rewriter(dump_format, dump, write_back, overwrite)
        if rewriter is not None and unpacked is not None:
            raise CommandError(f"{name}: --write-back needs the dump uncompressed; gunzip it first")
        # Rows are opened once the first piece is moderated: a check that cannot be built
        # must not have emptied an existing -o file first.
        rows_wanted = row_format != "summary"
        writer: RowWriter | None = None
        bar = _progress(errors, size, progress)
        stack.enter_context(bar)
        task = bar.add_task("checking", total=size, records=0)
        started = time.perf_counter()
        if dump_format.read_path is not None and str(dump) != "-" and unpacked is None:
            pieces = dump_format.pieces_at(dump, name, options, PIECE_SIZE)
        elif dump.is_dir():
            raise CommandError(f"{name}: the {dump_format.name} format reads files, not folders")
        else:
            pieces = dump_format.pieces(source, name, options, PIECE_SIZE)
        keep = _keep(shown if rows_wanted else frozenset(), rewriter is not None)
        batches = _batches(engine, scheduler, run, pieces, keep)
        stack.callback(batches.close)  # stops worker processes on an error or Ctrl-C
        for batch in batches:
            if rows_wanted and writer is None:
                writer = RowWriter(_open_output(output, stack), row_format)
            summary.update(batch.summary)
            for outcome in batch.outcomes:
                unreadable += outcome.read_failed
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
                if rewriter is not None:
                    _note_change(rewriter, outcome, changes)
            bar.update(task, completed=counter.consumed, records=summary.total)
        flagged = failing is not None and any(summary.verdicts[verdict] for verdict in failing)
        bar.update(task, completed=size or counter.consumed, records=summary.total)
        seconds = time.perf_counter() - started
        if rows_wanted and writer is None:  # an empty dump: an empty table all the same
            writer = RowWriter(_open_output(output, stack), row_format)
        if writer is not None:
            writer.close()
    summary.render(report, seconds=seconds)
    if summary.total and unreadable == summary.total:
        raise CommandError(formats.unreadable(name, head, dump_format, summary.total))
    if write_back is not None and rewriter is not None:
        _write(report, dump, write_back, rewriter, changes, dry_run)
    if flagged:
        sys.exit(EXIT_FLAGGED)


def _batches(
    engine: str, scheduler: str | None, run: DumpRun, pieces: Iterable[Piece], keep: Keep
) -> Generator[Batch, None, None]:
    """The moderated pieces, from this machine's processes or from a Dask cluster."""
    if engine != "dask":
        if scheduler is not None:
            raise CommandError("--scheduler needs --engine dask")
        return check_pieces(None, run, pieces, keep)
    try:
        from commentguard.dask import dask_batches
    except ImportError:
        raise CommandError("--engine dask needs Dask: pip install 'commentguard[dask]'") from None
    return dask_batches(run, pieces, keep, scheduler)


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


FLAGGED: frozenset[Verdict | Literal["invalid"]] = frozenset(Verdict) - {Verdict.APPROVE}
"""The verdicts ``--write-back`` acts on."""


def _keep(rows: frozenset[Verdict | Literal["invalid"]] | None, write_back: bool) -> Keep:
    """The outcomes the run needs whole: the rows it writes and the comments it may correct."""
    if rows is None:
        return None
    return rows | FLAGGED if write_back else rows


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


class _Source(io.RawIOBase):
    """A binary stream that counts the bytes read, for the progress bar."""

    def __init__(self, stream: BinaryIO) -> None:
        self._stream = stream
        self.consumed = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: memoryview) -> int:  # type: ignore[override]
        data = self._stream.read(len(buffer))
        buffer[: len(data)] = data
        self.consumed += len(data)
        return len(data)


def _open(dump: Path, stack: ExitStack) -> tuple[_Source, str, int | None]:
    """The dump as a counted stream, its name for messages, and its size when it is a file."""
    if str(dump) == "-":
        stdin: BinaryIO = sys.stdin.buffer
        return _Source(stdin), "<stdin>", None
    if dump.is_dir():  # a folder of files: read by the format, from its path
        return _Source(io.BytesIO()), str(dump), None
    try:
        stream = stack.enter_context(dump.open("rb"))
        size = os.fstat(stream.fileno()).st_size
    except OSError as exc:
        raise CommandError(f"{dump}: {exc.strerror or exc}") from None
    return _Source(stream), str(dump), size


def _rewriter(
    dump_format: DumpFormat, dump: Path, write_back: Path | None, overwrite: bool
) -> Rewriter | None:
    if write_back is None:
        return None
    if dump_format.rewrite is None:
        raise CommandError(
            f"--write-back: the {dump_format.name} format has no moderation status to correct "
            "(WXR and Disqus exports have)"
        )
    if str(dump) == "-":
        raise CommandError("--write-back needs the dump as a file, not stdin")
    if _same_file(write_back, dump):
        raise CommandError(
            f"{write_back}: --write-back would overwrite the input; choose another file"
        )
    if write_back.exists() and not overwrite:
        raise CommandError(f"{write_back} exists; add --overwrite to replace it")
    folder = write_back.resolve().parent
    if not folder.is_dir() or not os.access(folder, os.W_OK):
        raise CommandError(f"{write_back}: cannot write in {folder}")
    return dump_format.rewrite


def _note_change(rewriter: Rewriter, outcome: Outcome, changes: dict[int, StatusChange]) -> None:
    if outcome.verdict == INVALID or outcome.verdict is Verdict.APPROVE:
        return
    new = rewriter.status_for(outcome.verdict, outcome.status)
    if new is not None:
        changes[outcome.index] = StatusChange(new, outcome.line)


def _write(
    console: Console,
    dump: Path,
    target: Path,
    rewriter: Rewriter,
    changes: dict[int, StatusChange],
    dry_run: bool,
) -> None:
    counts = Counter(change.status for change in changes.values())
    detail = ", ".join(f"{count:,} to {status!r}" for status, count in sorted(counts.items()))
    if dry_run:
        console.print(
            f"would write {target}: {_comments(len(changes))} changed ({detail or 'none'})",
            markup=False,
        )
        return
    try:
        changed = write_corrected_copy(dump, target, rewriter, changes)
    except OSError as exc:
        raise CommandError(f"{target}: {exc.strerror or exc}") from None
    console.print(
        f"wrote {target}: {_comments(changed)} changed ({detail or 'none'})", markup=False
    )


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


def _comments(count: int) -> str:
    """``1 comment``, ``2 comments``."""
    return f"{count:,} comment" + ("" if count == 1 else "s")
