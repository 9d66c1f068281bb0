"""Guard and AsyncGuard: run the checks, ask for a decision, tell the plugins.

Both classes share :class:`BaseGuard`, which holds everything that does no I/O (building the
pipeline, validating input, turning failures into findings, deciding). ``Guard`` runs checks
in the calling thread, except a check with a timeout, which runs in a worker thread the
caller waits for; ``AsyncGuard`` awaits them.
"""

from __future__ import annotations

import asyncio
import logging
import threading
import time
from collections.abc import (
    AsyncIterable,
    AsyncIterator,
    Awaitable,
    Callable,
    Iterable,
    Iterator,
    Mapping,
    Sequence,
)
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeoutError
from itertools import islice
from types import TracebackType
from typing import Any, Self

from commentguard._check import Check, iter_findings
from commentguard._errors import CommentguardError
from commentguard._models import CommentSubmission, Decision, Finding, Moderation, Verdict
from commentguard._models.submission import COMMENT_TYPES
from commentguard._pipeline import UnconfiguredCheck, build_pipeline
from commentguard._plugins import load_plugins
from commentguard._settings import Settings
from commentguard.stores import Store, open_store
from commentguard.stores._base import Clock

logger = logging.getLogger("commentguard")
_CONFIRM_SLICE = 64  # submissions of a batch decided and confirmed together

SubmissionInput = CommentSubmission | Mapping[str, Any]


class CheckContractError(CommentguardError):
    """Raised inside the guard when a check misbehaves; turned into a ``check.error`` finding."""


class BaseGuard:
    """What Guard and AsyncGuard share: the pipeline, validation and the decision."""

    def __init__(
        self,
        settings: Settings | None = None,
        *,
        plugins: Iterable[object] = (),
        disable: Iterable[str] = (),
        load_entry_points: bool = True,
        clock: Clock | None = None,
    ) -> None:
        """Load plugins and build the checks.

        Args:
            settings: The configuration; read from files and the environment when omitted.
            plugins: Extra plugin objects or modules, registered after installed ones.
            disable: Plugin names not to load (added to ``settings.disable_plugins``).
            load_entry_points: Load plugins installed in the ``commentguard`` entry-point group.
            clock: What the store reads the time from, for tests: a
                :class:`~commentguard.testing.FakeClock` they move instead of sleeping through
                a rate window (see :func:`~commentguard.stores.open_store`; not for Redis).

        Raises:
            SettingsError: a setting is invalid; the message names the key.
            PluginLoadError: a plugin failed to load; the message names its distribution.
            ConfigurationError: a check needs configuration that is missing and is required
                (``required = true``); a check that is not configured and not required is
                left out with a warning, and listed in :attr:`unconfigured`.
        """
        self.settings = settings if settings is not None else Settings.load()
        self._validation = self.settings.validation  # built once: settings are immutable
        self.plugins = load_plugins(
            plugins=plugins,
            disable=(*disable, *self.settings.disable_plugins),
            load_entry_points=load_entry_points,
        )
        self.store: Store = open_store(self.settings.store, clock=clock)
        problem = self.settings.secret_key_problem
        if problem is not None:  # only development_mode lets such settings be built
            logger.warning("development_mode: secret_key: %s; never run a site like this", problem)
        pipeline = build_pipeline(self.plugins.check_classes(), self.settings, self.store)
        self.checks: tuple[Check, ...] = pipeline.checks
        """The checks that run, cheapest first."""
        self.unconfigured: tuple[UnconfiguredCheck, ...] = pipeline.unconfigured
        """Installed, enabled checks that are not configured (NotConfigured): they do not run."""
        self._confirmers = tuple(check for check in self.checks if _confirms(check))
        secret = self.settings.secret_key
        self._avatar_secret = None if secret is None else secret.get_secret_value().encode()
        """The key of each moderation's public avatar hash, encoded once for every comment."""
        self._pipelines = {
            kind: tuple(check for check in self.checks if kind in check.comment_types)
            for kind in COMMENT_TYPES
        }
        """The checks a submission of each ``comment_type`` goes through, in order."""
        self._executor_lock = threading.Lock()
        """Guards this guard's lazily started worker pool (one lock per guard, not shared)."""

    def parse(self, data: SubmissionInput) -> CommentSubmission:
        """Validate ``data`` with this guard's limits.

        Raises:
            InvalidSubmission: one readable error per failing field.
        """
        if isinstance(data, CommentSubmission):
            return data
        return CommentSubmission.parse(data, self._validation)

    def _stops(self, findings: Sequence[Finding]) -> bool:
        return any(finding.verdict in self.settings.short_circuit for finding in findings)

    def _validated(self, check: Check, found: object) -> tuple[Finding, ...]:
        findings = iter_findings(found)  # type: ignore[arg-type] # checked just below
        if not all(isinstance(finding, Finding) for finding in findings):
            raise CheckContractError(f"check {check.name!r} returned something other than findings")
        return findings

    def _failure(self, check: Check, problem: str) -> tuple[Finding]:
        # Log the exception type only: a third party's message or traceback could quote
        # submission data.
        logger.warning("check %r %s", check.name, problem)
        if check.settings.fail_open:
            return (
                check.finding(
                    "check.error",
                    Verdict.APPROVE,
                    f"The {check.name} check {problem}; it is configured to fail open.",
                ),
            )
        return (
            check.finding(
                "check.error",
                Verdict.HOLD,
                f"The {check.name} check {problem}; the comment is held so nothing slips through.",
            ),
        )

    def _learn(self, submission: CommentSubmission, verdict: Verdict) -> None:
        for check in self.checks:
            check.learn(submission, verdict)
        self.plugins.comment_reported(submission, verdict)

    def _decide(
        self,
        submission: CommentSubmission,
        findings: Sequence[Finding],
        timings: dict[str, float],
    ) -> Moderation:
        decision = self.plugins.decide(submission, findings, self.settings)
        return Moderation.of(decision, submission, timings, secret=self._avatar_secret)

    def _confirming(self, ran: Sequence[Check], decision: Decision) -> list[Check]:
        """The checks that ran and claim something, when the decision takes the comment."""
        if decision.verdict is Verdict.REJECT or not self._confirmers:
            return []
        return [check for check in ran if check in self._confirmers]

    def _reconsider(
        self,
        submission: CommentSubmission,
        decision: Moderation,
        findings: Sequence[Finding],
        confirmed: Sequence[Finding],
        timings: dict[str, float],
    ) -> Moderation:
        """Decide again when a check refused to confirm, then tell the plugins."""
        if confirmed:
            decision = self._decide(submission, [*findings, *confirmed], timings)
        self.plugins.comment_moderated(submission, decision)
        return decision


class Guard(BaseGuard):
    """Moderates submissions in the calling thread.

    Example:
        >>> guard = Guard(Settings())
        >>> decision = guard.moderate({"name": "Ada", "email": "ada@example.com", "body": "Hi!"})
        >>> decision.verdict
        <Verdict.APPROVE: 'approve'>
    """

    _executor: ThreadPoolExecutor | None = None

    def moderate(self, submission: SubmissionInput) -> Moderation:
        """Validate (if given a mapping) and moderate one submission.

        Returns the decision with the validated submission beside it (``.submission``,
        ``.public``), ready to save.

        Raises:
            InvalidSubmission: when ``submission`` is a mapping that fails validation.
        """
        submission = self.parse(submission)
        checks = self._pipelines[submission.comment_type]
        findings: list[Finding] = []
        timings: dict[str, float] = {}
        ran = 0
        for check in checks:
            started = time.perf_counter()
            found = self._run(check, check.check, submission)
            timings[check.name] = time.perf_counter() - started
            ran += 1
            if found:  # the findings before these did not stop the pipeline
                findings.extend(found)
                if self._stops(found):
                    break
        return self._conclude(submission, checks[:ran], findings, timings)

    def moderate_many(
        self, submissions: Iterable[CommentSubmission], *, batch_size: int | None = None
    ) -> Iterator[Moderation]:
        """Moderate a stream of submissions in batches, yielding decisions in input order.

        Each check sees a whole batch at once through :meth:`Check.check_many`, so model-backed
        checks score efficiently. Only one batch is held in memory at a time.
        """
        size = batch_size or self.settings.batch_size
        iterator = iter(submissions)
        while batch := list(islice(iterator, size)):
            yield from self._moderate_batch(batch)

    def report(self, submission: SubmissionInput, verdict: Verdict | str) -> None:
        """Record what a moderator decided about a comment.

        Each check the guard runs learns from it first (``Check.learn``: trusted authors,
        reported spam, a plugin's model or service), then plugins that are not checks hear it
        through ``comment_reported``. Store errors propagate: the feedback was not recorded.
        """
        self._learn(self.parse(submission), Verdict(verdict))

    def close(self) -> None:
        """Release the worker threads used for checks with a timeout, the checks, and the store."""
        if self._executor is not None:
            self._executor.shutdown(wait=False, cancel_futures=True)
            self._executor = None
        for check in self.checks:
            try:
                check.close()
            except Exception:  # one check failing to close must not keep the others open
                logger.exception("check %r failed to close", check.name)
        self.store.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    def _moderate_batch(self, batch: list[CommentSubmission]) -> Iterator[Moderation]:
        findings: list[list[Finding]] = [[] for _ in batch]
        timings: list[dict[str, float]] = [{} for _ in batch]
        ran = [0 for _ in batch]  # how many checks ran on each submission, in pipeline order
        active = list(range(len(batch)))
        for check in self.checks:
            if not active:
                break
            for index in active:
                ran[index] += 1  # counted even where skipped: ran says how far down the pipeline
            applies = _applies_to(check, batch, active)
            if not applies:
                continue
            started = time.perf_counter()
            results = self._run_many(check, check.check_many, [batch[index] for index in applies])
            share = (time.perf_counter() - started) / len(applies)
            stopped = set()
            for index, found in zip(applies, results, strict=True):
                timings[index][check.name] = share
                if found:
                    findings[index].extend(found)
                    if self._stops(findings[index]):
                        stopped.add(index)
            if stopped:
                active = [index for index in active if index not in stopped]
        # Decided and confirmed a slice at a time: a caller's batch can be a whole dump piece,
        # and holding every decision of it at once costs more than the slicing.
        for start in range(0, len(batch), _CONFIRM_SLICE):
            part = range(start, min(start + _CONFIRM_SLICE, len(batch)))
            decisions = {i: self._decide(batch[i], findings[i], timings[i]) for i in part}
            confirmed = self._confirm_batch(batch, ran, decisions, timings)
            for i, decision in decisions.items():
                extra = confirmed.get(i, ())
                yield self._reconsider(batch[i], decision, findings[i], extra, timings[i])

    def _confirm_batch(
        self,
        batch: list[CommentSubmission],
        ran: list[int],
        decisions: dict[int, Moderation],
        timings: list[dict[str, float]],
    ) -> dict[int, list[Finding]]:
        """Run each confirming check's ``confirm_many`` on the taken comments it ran on.

        In batch order. One call per check and slice, so a check that confirms in a worker
        thread (it has a timeout) pays for the hand-over once a slice, not once a comment.
        Returns the findings by position in the batch, for the few comments that have any.
        """
        confirmed: dict[int, list[Finding]] = {}
        if not self._confirmers:
            return confirmed
        taken = [i for i, decision in decisions.items() if decision.verdict is not Verdict.REJECT]
        for position, check in enumerate(self.checks):
            waiting = [i for i in taken if ran[i] > position] if check in self._confirmers else []
            waiting = _applies_to(check, batch, waiting)
            if not waiting:
                continue
            started = time.perf_counter()
            results = self._run_many(check, check.confirm_many, [batch[i] for i in waiting])
            share = (time.perf_counter() - started) / len(waiting)
            refused = set()
            for index, found in zip(waiting, results, strict=True):
                timings[index][check.name] += share
                if found:
                    confirmed.setdefault(index, []).extend(found)
                    if self._stops(confirmed[index]):
                        refused.add(index)
            if refused:  # the later checks claim nothing for a comment that is refused anyway
                taken = [index for index in taken if index not in refused]
        return confirmed

    def _conclude(
        self,
        submission: CommentSubmission,
        ran: Sequence[Check],
        findings: list[Finding],
        timings: dict[str, float],
    ) -> Moderation:
        """Decide; when the decision takes the comment, let the checks that ran confirm it."""
        decision = self._decide(submission, findings, timings)
        confirmed: list[Finding] = []
        for check in self._confirming(ran, decision):
            started = time.perf_counter()
            confirmed.extend(self._run(check, check.confirm, submission))
            timings[check.name] += time.perf_counter() - started
            if self._stops(confirmed):
                break
        return self._reconsider(submission, decision, findings, confirmed, timings)

    def _run(
        self,
        check: Check,
        call: Callable[[CommentSubmission], Sequence[Finding]],
        submission: CommentSubmission,
    ) -> tuple[Finding, ...]:
        """``call(submission)`` (the check's ``check`` or ``confirm``), within its timeout."""
        try:
            if check.timeout is None:
                found = call(submission)
                return () if _empty(found) else self._validated(check, found)
            future = self._pool().submit(call, submission)
            return self._validated(check, future.result(timeout=check.timeout))
        except FutureTimeoutError:
            return self._failure(check, f"timed out after {check.timeout:g} s")
        except Exception as exc:  # a failing check must never crash the request
            return self._failure(check, f"raised {type(exc).__name__}")

    def _run_many(
        self,
        check: Check,
        call: Callable[[Sequence[CommentSubmission]], list[Sequence[Finding]]],
        submissions: list[CommentSubmission],
    ) -> list[tuple[Finding, ...]]:
        """``call(submissions)`` (``check_many`` or ``confirm_many``), within the timeout."""
        try:
            if check.timeout is None:
                results = call(submissions)
            else:
                future = self._pool().submit(call, submissions)
                results = future.result(timeout=check.timeout * len(submissions))
            if len(results) != len(submissions):
                raise CheckContractError(
                    f"check {check.name!r} returned the wrong number of results"
                )
            return [() if _empty(found) else self._validated(check, found) for found in results]
        except FutureTimeoutError:
            failure = self._failure(check, f"timed out after {check.timeout:g} s")
        except Exception as exc:  # one failing batch must never stop the stream
            failure = self._failure(check, f"raised {type(exc).__name__}")
        return [failure for _ in submissions]

    def _pool(self) -> ThreadPoolExecutor:
        with self._executor_lock:  # a Guard is shared by a web app's request threads
            if self._executor is None:
                # Generous: a timeout counts from submission to the pool, so a queue would eat it.
                self._executor = ThreadPoolExecutor(
                    max_workers=64, thread_name_prefix="commentguard-check"
                )
            return self._executor


class AsyncGuard(BaseGuard):
    """Moderates submissions on an asyncio event loop, awaiting each check's ``acheck``."""

    async def moderate(self, submission: SubmissionInput) -> Moderation:
        """Validate (if given a mapping) and moderate one submission (see ``Guard.moderate``).

        Raises:
            InvalidSubmission: when ``submission`` is a mapping that fails validation.
        """
        submission = self.parse(submission)
        checks = self._pipelines[submission.comment_type]
        findings: list[Finding] = []
        timings: dict[str, float] = {}
        ran = 0
        for check in checks:
            started = time.perf_counter()
            found = await self._run(check, check.acheck, submission)
            timings[check.name] = time.perf_counter() - started
            ran += 1
            if found:  # the findings before these did not stop the pipeline
                findings.extend(found)
                if self._stops(found):
                    break
        decision = self._decide(submission, findings, timings)
        confirmed: list[Finding] = []
        for check in self._confirming(checks[:ran], decision):
            started = time.perf_counter()
            confirmed.extend(await self._run(check, check.aconfirm, submission))
            timings[check.name] += time.perf_counter() - started
            if self._stops(confirmed):
                break
        return self._reconsider(submission, decision, findings, confirmed, timings)

    async def moderate_many(
        self,
        submissions: Iterable[CommentSubmission] | AsyncIterable[CommentSubmission],
        *,
        batch_size: int | None = None,
    ) -> AsyncIterator[Moderation]:
        """Moderate a stream in batches, yielding decisions in input order.

        Within a batch, submissions are moderated concurrently, so checks doing I/O overlap.
        """
        size = batch_size or self.settings.batch_size
        batch: list[CommentSubmission] = []
        async for submission in _aiter(submissions):
            batch.append(submission)
            if len(batch) >= size:
                for decision in await asyncio.gather(*map(self.moderate, batch)):
                    yield decision
                batch = []
        for decision in await asyncio.gather(*map(self.moderate, batch)):
            yield decision

    async def report(self, submission: SubmissionInput, verdict: Verdict | str) -> None:
        """Record a moderator's verdict (see ``Guard.report``), in a worker thread."""
        parsed = self.parse(submission)
        await asyncio.to_thread(self._learn, parsed, Verdict(verdict))

    async def aclose(self) -> None:
        """Release what the checks hold open, and the store."""
        for check in self.checks:
            try:
                await check.aclose()
            except Exception:  # one check failing to close must not keep the others open
                logger.exception("check %r failed to close", check.name)
        await asyncio.to_thread(self.store.close)

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        await self.aclose()

    async def _run(
        self,
        check: Check,
        call: Callable[[CommentSubmission], Awaitable[Sequence[Finding]]],
        submission: CommentSubmission,
    ) -> tuple[Finding, ...]:
        """``await call(submission)`` (``acheck`` or ``aconfirm``), within the check's timeout."""
        try:
            if check.timeout is None:
                found = await call(submission)
            else:
                found = await asyncio.wait_for(call(submission), timeout=check.timeout)
            return () if _empty(found) else self._validated(check, found)
        except TimeoutError:
            return self._failure(check, f"timed out after {check.timeout:g} s")
        except Exception as exc:  # a failing check must never crash the request
            return self._failure(check, f"raised {type(exc).__name__}")


def _confirms(check: Check) -> bool:
    """Whether ``check`` claims anything in :meth:`Check.confirm` (most checks do not)."""
    cls = type(check)
    return cls.confirm is not Check.confirm or cls.aconfirm is not Check.aconfirm


def _applies_to(check: Check, batch: list[CommentSubmission], positions: list[int]) -> list[int]:
    """The positions in ``batch`` whose ``comment_type`` the check applies to."""
    if len(check.comment_types) == len(COMMENT_TYPES):
        return positions
    return [index for index in positions if batch[index].comment_type in check.comment_types]


def _empty(found: object) -> bool:
    """Whether a check's result is plainly no findings (most are): nothing to validate."""
    return found is None or (type(found) in (list, tuple) and not found)


async def _aiter(
    items: Iterable[CommentSubmission] | AsyncIterable[CommentSubmission],
) -> AsyncIterator[CommentSubmission]:
    if isinstance(items, AsyncIterable):
        async for item in items:
            yield item
    else:
        for item in items:
            yield item
