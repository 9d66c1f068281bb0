"""What ``commentguard check`` learned about one record of a dump."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Final, Literal

from commentguard._errors import InvalidSubmission
from commentguard._loaders import Record, RecordError
from commentguard._models import CommentSubmission, Decision, EmailAddress, Verdict

INVALID: Final = "invalid"
"""The verdict of a record that is not a valid submission (or could not be read)."""


@dataclass(frozen=True, slots=True)
class FindingRow:
    """The parts of a finding a report shows: never the email, never the whole text."""

    check: str
    code: str
    verdict: Verdict
    message: str
    matched: str | None = None


@dataclass(frozen=True, slots=True)
class Outcome:
    """One record's result, small enough to send between processes.

    Attributes:
        index: Position of the record in the dump, from 0 (how ``--write-back`` finds it).
        source: The dump's name; ``line`` where the record starts, when known.
        kind: ``comment``, ``pingback`` or ``trackback``; all three are moderated.
        verdict: The guard's :class:`~commentguard.Verdict`, or :data:`INVALID` for a record
            that could not be read or is not a valid submission.
        status: The dump's own moderation status of the record.
        email: Masked (``j***@example.com``) unless the run was asked to show emails; ``None``
            for a record without one.
        problems: Why an invalid record is invalid, one readable sentence each.
        read_failed: The loader could not read the record at all (a line that is not JSON),
            as opposed to a record read but not a valid submission.
    """

    index: int
    source: str
    line: int | None
    record_id: str | None
    thread_id: str | None
    kind: str
    status: str | None
    verdict: Verdict | Literal["invalid"]
    name: str | None = None
    email: str | None = None
    findings: tuple[FindingRow, ...] = ()
    problems: tuple[str, ...] = ()
    read_failed: bool = False

    def moved(self, offset: int) -> Outcome:
        """This outcome ``offset`` records further on in the dump.

        The constructor called with every field in order: ``dataclasses.replace`` costs the
        main process about 12 µs a record, a quarter of its work on a dump with cheap checks.
        """
        return Outcome(
            self.index + offset,
            self.source,
            self.line,
            self.record_id,
            self.thread_id,
            self.kind,
            self.status,
            self.verdict,
            self.name,
            self.email,
            self.findings,
            self.problems,
            self.read_failed,
        )

    @property
    def codes(self) -> tuple[str, ...]:
        """The findings' codes, in the order the checks ran."""
        return tuple(finding.code for finding in self.findings)

    @property
    def where(self) -> str:
        """``file:line (record 'id')`` for messages."""
        place = f"{self.source}:{self.line}" if self.line is not None else self.source
        return f"{place} (record {self.record_id!r})" if self.record_id else place

    @classmethod
    def unreadable(cls, index: int, error: RecordError) -> Outcome:
        """A record the loader could not read."""
        return cls(
            index, error.source, error.line, _id(error.record_id), None, "comment", None,
            INVALID, problems=(printable(error.message),), read_failed=True,
        )  # fmt: skip

    @classmethod
    def invalid(
        cls, index: int, record: Record, error: InvalidSubmission, show_email: bool
    ) -> Outcome:
        """A record that is not a valid submission; ``problems`` says why, field by field."""
        email = _text(record, "email")
        return cls(
            index, record.source, record.line, _id(record.record_id), _text(record, "thread_id"),
            record.kind, record.status, INVALID, name=_text(record, "name"),
            email=email if show_email or email is None else EmailAddress(email.strip()).masked,
            problems=tuple(
                f"{problem.field}: {problem.message} ({problem.code})" for problem in error.errors
            ),
        )  # fmt: skip

    @classmethod
    def decided(
        cls,
        index: int,
        record: Record,
        submission: CommentSubmission,
        decision: Decision,
        show_email: bool,
    ) -> Outcome:
        """A moderated record; its kind is the submission's ``comment_type``.

        A JSON or CSV record may carry its own ``comment_type``; a WXR one comes with it.
        """
        return cls(
            index, record.source, record.line, _id(record.record_id), submission.thread_id,
            submission.comment_type, record.status, decision.verdict, name=submission.name,
            email=_email_column(submission, show_email),
            findings=tuple(
                FindingRow(f.check, f.code, f.verdict, f.moderator_message, f.matched)
                for f in decision.findings
            ),
        )  # fmt: skip


def _id(record_id: str | None) -> str | None:
    return None if record_id is None else printable(record_id)


def _text(record: Record, key: str) -> str | None:
    value = record.data.get(key)
    return None if value is None else printable(str(value))


_SURROGATE = re.compile("[\ud800-\udfff]")


def printable(text: str) -> str:
    """``text`` with lone surrogates (bytes a dump had that were not UTF-8) as U+FFFD."""
    return _SURROGATE.sub("\ufffd", text)


def _email_column(submission: CommentSubmission, show_email: bool) -> str | None:
    """The address as the report shows it: masked unless asked; ``None`` when there is none."""
    if submission.email is None:
        return None
    return submission.email.reveal() if show_email else submission.email.masked
