"""Moderate comments on a Dask cluster: ``commentguard check``'s moderation, past one machine.

Needs the ``dask`` extra (``pip install 'commentguard[dask]'``); only ``commentguard check
--engine dask`` imports this module, when it runs. Each worker process builds its guard once
per job and moderates whole partitions (or dump pieces) with ``Guard.moderate_many``; results
travel back as plain data.

Example:
    >>> import dask.bag as db
    >>> from commentguard import Settings
    >>> from commentguard.dask import moderate_bag
    >>> comments = db.read_text("comments-*.jsonl").map(json.loads)  # dicts of submission fields
    >>> rows = moderate_bag(comments, Settings.load()).compute()  # one row per comment

Checks that remember earlier comments (``duplicate``) see only what passed through their own
worker unless the store is shared: use a Redis store (``store = "redis://..."``) for them.
The flood check is always off for old comments, as in ``commentguard check``.
"""

from __future__ import annotations

import threading
import uuid
from collections import deque
from collections.abc import Generator, Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from commentguard._errors import ConfigurationError
from commentguard._guard import Guard
from commentguard._loaders import Record
from commentguard._loaders.pieces import Piece
from commentguard._models import Verdict
from commentguard._settings import Settings
from commentguard.dumps._runner import (
    Batch,
    DumpRun,
    in_dump_order,
    moderate_piece,
    moderate_rows,
    replay_settings,
)

try:
    import dask.bag
    from distributed import Client, Future, LocalCluster
except ImportError as exc:  # pragma: no cover - only without the extra
    raise ImportError("commentguard.dask needs Dask: pip install 'commentguard[dask]'") from exc

__all__ = ["DaskJob", "dask_batches", "moderate_bag"]

IN_FLIGHT_PER_WORKER = 2
"""Pieces sent ahead to each worker: enough to keep it busy, few enough to bound memory."""


@dataclass(frozen=True, slots=True)
class DaskJob:
    """What each task of one run carries: its settings, and a name workers cache a guard by.

    Attributes:
        token: Unique to the run; a worker builds one guard per token.
        settings: The settings to moderate with, resolved where the run started (workers need
            no configuration file of their own).
        load_entry_points: Load the plugins installed on the workers.
        show_emails: Put real addresses in the results instead of masked ones.
    """

    token: str
    settings: Settings
    load_entry_points: bool = True
    show_emails: bool = False

    @classmethod
    def of(
        cls,
        settings: Settings,
        *,
        load_entry_points: bool = True,
        show_emails: bool = False,
        duplicates: bool = False,
        require_email: bool = False,
    ) -> DaskJob:
        """A job moderating old comments with ``settings``, as ``commentguard check`` does."""
        if duplicates and settings.store.startswith(("memory:", "sqlite:")):
            raise ConfigurationError(
                "finding duplicates across Dask workers needs a store they share: set store "
                "to a redis:// URL"
            )
        replay = replay_settings(settings, duplicates=duplicates, require_email=require_email)
        return cls(uuid.uuid4().hex, replay, load_entry_points, show_emails)

    def moderate(self, piece: Piece, keep: frozenset[Verdict] | None = None) -> Batch:
        """Moderate one piece with this worker's guard for the job (runs on a worker)."""
        return moderate_piece(_guard_for(self), piece, self.show_emails, keep)

    def moderate_partition(
        self, items: Iterable[Mapping[str, Any] | Record]
    ) -> list[dict[str, Any]]:
        """Moderate one bag partition; one row (``commentguard check --format jsonl``'s) each."""
        return moderate_rows(_guard_for(self), items, self.show_emails)


def moderate_bag(
    bag: dask.bag.Bag,
    settings: Settings | None = None,
    *,
    load_entry_points: bool = True,
    show_emails: bool = False,
    duplicates: bool = False,
    require_email: bool = False,
) -> dask.bag.Bag:
    """Moderate every comment of ``bag``, partition by partition, lazily.

    Args:
        bag: Mappings of submission fields (``name``, ``email``, ``body``, ``id``, ...), or
            the :class:`~commentguard._loaders.Record` objects a dump format reads.
        settings: Defaults to :meth:`Settings.load` where this is called.
        load_entry_points: Load the plugins installed on the workers.
        show_emails: Put real addresses in the rows instead of masked ones.
        duplicates: Run the duplicate check (needs a Redis store the workers share).
        require_email: Count a comment without an address as invalid.

    Returns:
        A bag of rows, in the bag's order: ``record_id``, ``verdict`` (or ``invalid``),
        ``codes``, ``messages`` and the other columns of ``commentguard check --format jsonl``.

    Raises:
        ConfigurationError: ``duplicates`` without a shared store.
    """
    job = DaskJob.of(
        settings if settings is not None else Settings.load(),
        load_entry_points=load_entry_points,
        show_emails=show_emails,
        duplicates=duplicates,
        require_email=require_email,
    )
    rows: dask.bag.Bag = bag.map_partitions(job.moderate_partition)  # type: ignore[no-untyped-call] # dask has no hints here
    return rows


def dask_batches(
    run: DumpRun, pieces: Iterable[Piece], keep: frozenset[Verdict] | None, scheduler: str | None
) -> Generator[Batch, None, None]:
    """``check_pieces`` on a Dask cluster: one batch per piece, in input order.

    ``scheduler`` is the address of a running scheduler; ``None`` starts a local cluster of
    ``run.jobs`` worker processes for the run. A few pieces per worker are in flight, so the
    dump is read as it is moderated and memory does not grow with it.
    """
    job = DaskJob.of(
        Settings.load(run.config),
        load_entry_points=run.load_entry_points,
        show_emails=run.show_emails,
        duplicates=run.duplicates,
        require_email=run.require_email,
    )
    yield from in_dump_order(_moderated(job, pieces, keep, scheduler, run.jobs))


def _moderated(
    job: DaskJob,
    pieces: Iterable[Piece],
    keep: frozenset[Verdict] | None,
    scheduler: str | None,
    workers: int,
) -> Generator[Batch, None, None]:
    """The pieces' batches from the cluster, in input order, a few pieces ahead per worker."""
    with _client(scheduler, workers) as client:
        ahead = IN_FLIGHT_PER_WORKER * max(1, len(client.scheduler_info().get("workers", {})))
        pending: deque[Future[Batch]] = deque()
        for piece in pieces:
            pending.append(client.submit(job.moderate, piece, keep, pure=False))
            if len(pending) > ahead:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()


@contextmanager
def _client(address: str | None, workers: int) -> Iterator[Client]:
    """A client of the scheduler at ``address``, or of a local cluster started for the run."""
    if address is not None:
        with Client(address) as client:  # type: ignore[no-untyped-call] # distributed's hints
            yield client
        return
    with (
        LocalCluster(n_workers=workers, threads_per_worker=1, processes=True) as cluster,  # type: ignore[no-untyped-call] # distributed's hints
        Client(cluster) as client,  # type: ignore[no-untyped-call] # distributed's hints
    ):
        yield client


GUARDS_KEPT = 4
"""Guards a worker keeps, for the latest jobs; an older one is closed when a new job starts."""

_guards: dict[str, Guard] = {}
_guards_lock = threading.Lock()


def _guard_for(job: DaskJob) -> Guard:
    """This worker process's guard for ``job``, built on its first task (threads share it)."""
    with _guards_lock:
        guard = _guards.get(job.token)
        if guard is None:
            guard = Guard(job.settings, load_entry_points=job.load_entry_points)
            _guards[job.token] = guard
            while len(_guards) > GUARDS_KEPT:  # a long-lived cluster runs job after job
                _guards.pop(next(iter(_guards))).close()
        return guard
