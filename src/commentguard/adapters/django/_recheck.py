"""Moderating the pending queue again with the current rules (Akismet's "recheck queue")."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from commentguard._errors import InvalidSubmission
from commentguard._guard import Guard
from commentguard._models import Verdict
from commentguard.adapters.django.comments import comment_fields, drops
from commentguard.adapters.django.config import build_guard, get_guard
from commentguard.adapters.django.models import ModerationRecord
from commentguard.adapters.django.records import record_of, update_record

OUTCOMES = {
    "approve": "approved",
    "hold": "held",
    "spam": "spam",
    "discard": "discarded",
    "reject": "refused",
    "invalid": "invalid",
    "unchanged": "unchanged",
}
"""How the summary names each outcome."""

STATEFUL_CHECKS = ("flood", "duplicate", "form_token")
"""Checks that judge a comment by what came before it: off when the queue is checked again
(a comment is not a flood of itself, nor a replay of its own form)."""


@dataclass(frozen=True)
class Change:
    """What a recheck found for one comment."""

    pk: object
    before: str
    after: str
    codes: tuple[str, ...]

    @property
    def applied(self) -> bool:
        """Whether the comment leaves the queue (approved, or filed as spam)."""
        return self.after in (Verdict.APPROVE, Verdict.SPAM, Verdict.DISCARD)

    def line(self) -> str:
        """The line the command prints (the comment's pk and verdicts, never its author)."""
        why = ", ".join(self.codes) or "no findings"
        tail = "" if self.applied else ": left in the queue"
        return f"comment {self.pk}: {self.before} -> {self.after} ({why}){tail}"


def recheck_guard() -> Guard:
    """The project's guard without the checks that remember earlier comments."""
    settings = get_guard().settings
    checks = {name: dict(section) for name, section in settings.checks.items()}
    for name in STATEFUL_CHECKS:
        checks[name] = {**checks.get(name, {}), "enabled": False}
    return build_guard(settings.model_copy(update={"checks": checks}))


def recheck(
    comments: Iterable[Any], *, dry_run: bool, report: Callable[[Change], None]
) -> Counter[str]:
    """Moderate each comment again; apply what changed unless ``dry_run``; count outcomes."""
    counts: Counter[str] = Counter()
    with recheck_guard() as guard:
        for comment in comments:
            record = record_of(comment)
            before = record.verdict if record is not None else Verdict.HOLD.value
            stored = record.submission if record is not None and record.submission else None
            data = {**(stored or comment_fields(comment)), "email": comment.email}
            try:
                submission = guard.parse(data)
            except InvalidSubmission as exc:
                codes = tuple(error.code for error in exc.errors)
                report(Change(comment.pk, before, "invalid", codes))
                counts["invalid"] += 1
                continue
            moderation = guard.moderate(submission)
            after = moderation.verdict.value
            if after == before:
                counts["unchanged"] += 1
                continue
            change = Change(comment.pk, before, after, moderation.codes)
            report(change)
            counts[after] += 1
            if not dry_run:
                _apply(comment, moderation.verdict, record)
                if drops(moderation.verdict):
                    continue
                update_record(comment, moderation)
    return counts


def _apply(comment: Any, verdict: Verdict, record: ModerationRecord | None) -> None:
    if verdict is Verdict.APPROVE:
        comment.is_public = True
    elif verdict in (Verdict.SPAM, Verdict.DISCARD):
        if drops(verdict):
            if record is not None:
                record.delete()
            comment.delete()
            return
        comment.is_removed = True
    else:
        return
    comment.save(update_fields=["is_public", "is_removed"])
