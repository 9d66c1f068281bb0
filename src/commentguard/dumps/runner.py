"""Moderating a dump's records in batches, in this process or in worker processes."""

from __future__ import annotations

import multiprocessing
import signal
import threading
from collections import deque
from collections.abc import Generator, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from dataclasses import dataclass
from itertools import chain, islice
from pathlib import Path

from commentguard.dumps.outcome import Outcome
from commentguard.errors import InvalidSubmission
from commentguard.guard import Guard
from commentguard.loaders import DumpError, Record, RecordError
from commentguard.models import CommentSubmission
from commentguard.settings import Settings

RECORDS_PER_TASK = 512
"""Records sent to a worker process at a time: enough to make the hand-over cheap."""

LIVE_TRAFFIC_CHECKS = ("flood",)
"""Checks that count submissions by the clock, which a dump replayed at once would trip."""


@dataclass(frozen=True, slots=True)
class DumpRun:
    """How to moderate a dump; sent to each worker process, which builds its own guard.

    Attributes:
        config: The settings file (``None``: the usual search).
        load_entry_points: Load installed plugins.
        show_emails: Put real addresses in the outcomes instead of masked ones.
        duplicates: Run the duplicate check across the whole dump. It needs every record to
            pass through one store in order, so it forces a single process.
        jobs: Worker processes; 1 moderates in this process.
    """

    config: Path | None = None
    load_entry_points: bool = True
    show_emails: bool = False
    duplicates: bool = False
    jobs: int = 1

    @property
    def processes(self) -> int:
        """The processes that will actually moderate (1 with :attr:`duplicates`)."""
        return 1 if self.duplicates else max(1, self.jobs)

    def settings(self) -> Settings:
        """The settings file's settings, with the checks a replayed dump cannot use turned off.

        Flood limits are always off, and duplicates unless :attr:`duplicates`. With the
        default ``memory://`` store the trusted-author check is off too: the store starts
        empty and nothing approves an author during a check, so it could never find one. (With
        the site's SQLite or Redis store it runs and knows the site's trusted authors.)
        """
        settings = Settings.load(self.config)
        off = LIVE_TRAFFIC_CHECKS if self.duplicates else (*LIVE_TRAFFIC_CHECKS, "duplicate")
        if settings.store.startswith("memory:"):
            off = (*off, "trusted_author")
        checks = {name: dict(values) for name, values in settings.checks.items()}
        for name in off:
            checks[name] = {**checks.get(name, {}), "enabled": False}
        return settings.model_copy(update={"checks": checks})

    def guard(self) -> Guard:
        """A guard for this run (the store is the settings', in memory by default)."""
        return Guard(self.settings(), load_entry_points=self.load_entry_points)


def check_dump(
    guard: Guard, run: DumpRun, items: Iterable[Record | RecordError]
) -> Generator[Outcome, None, None]:
    """Moderate ``items`` and yield one :class:`Outcome` per item, in input order.

    With more than one process, batches go to worker processes and at most a few batches per
    worker are in flight, so memory does not grow with the dump. ``guard`` moderates when
    there is a single process. Close the generator to stop the workers early.
    """
    tasks = _tasks(items)
    first = next(tasks, None)
    if first is None:
        return
    if run.processes == 1 or len(first) < RECORDS_PER_TASK:  # one batch: no workers to start
        for task in chain([first], tasks):
            yield from moderate_task(guard, task, run.show_emails)
        return
    context = multiprocessing.get_context("spawn")  # no threads or locks inherited mid-use
    pool = ProcessPoolExecutor(
        run.processes, mp_context=context, initializer=_start_worker, initargs=(run,)
    )
    try:
        pending: deque[Future[list[Outcome]]] = deque()
        with _workers_ignore_interrupts():  # the pool starts its processes at the first submit
            pending.append(pool.submit(_work, first))
        for task in tasks:
            pending.append(pool.submit(_work, task))
            if len(pending) > 2 * run.processes:
                yield from pending.popleft().result()
        while pending:
            yield from pending.popleft().result()
    except BrokenProcessPool as exc:
        raise DumpError(
            f"a worker process stopped unexpectedly ({exc}); nothing more was read"
        ) from None
    finally:
        # On an error, Ctrl-C, or a consumer that stopped early: drop what is queued.
        pool.shutdown(wait=True, cancel_futures=True)


Task = list[tuple[int, Record | RecordError]]


def _tasks(items: Iterable[Record | RecordError]) -> Iterator[Task]:
    numbered = enumerate(items)
    while task := list(islice(numbered, RECORDS_PER_TASK)):
        yield task


def moderate_task(guard: Guard, task: Task, show_emails: bool) -> list[Outcome]:
    """Validate and moderate one batch of numbered records, keeping their order."""
    outcomes: list[Outcome | None] = []
    valid: list[tuple[int, Record, CommentSubmission]] = []
    for index, item in task:
        if isinstance(item, RecordError):
            outcomes.append(Outcome.unreadable(index, item))
        elif item.kind != "comment":
            outcomes.append(Outcome.skipped(index, item))
        else:
            try:
                submission = guard.parse(item.data)
            except InvalidSubmission as exc:
                outcomes.append(Outcome.invalid(index, item, exc, show_emails))
            else:
                valid.append((len(outcomes), item, submission))
                outcomes.append(None)  # filled in below, in place
    decisions = guard.moderate_many(
        [submission for _, _, submission in valid], batch_size=max(1, len(valid))
    )
    for (position, record, submission), decision in zip(valid, decisions, strict=True):
        index = task[position][0]
        outcomes[position] = Outcome.decided(index, record, submission, decision, show_emails)
    return [outcome for outcome in outcomes if outcome is not None]


@contextmanager
def _workers_ignore_interrupts() -> Iterator[None]:
    """Start processes with Ctrl-C ignored (they inherit it): the main process handles it."""
    if threading.current_thread() is not threading.main_thread():
        yield  # only the main thread may change signal handlers
        return
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)


_worker: tuple[Guard, DumpRun] | Exception | None = None


def _start_worker(run: DumpRun) -> None:
    global _worker  # one guard per worker process, built once
    try:
        _worker = (run.guard(), run)
    except Exception as exc:  # raised again with each task, in the main process
        _worker = exc


def _work(task: Task) -> list[Outcome]:
    if isinstance(_worker, Exception):
        raise _worker
    assert _worker is not None  # noqa: S101 - the pool's initializer ran
    guard, run = _worker
    return moderate_task(guard, task, run.show_emails)
