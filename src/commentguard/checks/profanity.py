"""Profanity: words from better-profanity's list (curated by default) in the name or the body."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Literal

from pydantic import Field

from commentguard.check import Check, CheckSettings
from commentguard.hookspecs import hookimpl
from commentguard.i18n import N_
from commentguard.models import CommentSubmission, Finding, Verdict
from commentguard.text import Mode, WordMatcher

_COUNTED = 100  # matches counted in a field: past that, the message says "at least"
_AUTHOR_MESSAGE = N_("Your comment is awaiting moderation.")


class ProfanitySettings(CheckSettings):
    """Settings of the ``profanity`` check."""

    verdict: Verdict = Verdict.HOLD
    mode: Mode = Field(
        "default",
        description='"default" also catches disguised words; "compat" matches exactly '
        "what better-profanity matches.",
    )
    fields: tuple[Literal["name", "body"], ...] = ("name", "body")
    extra_words: tuple[str, ...] = Field((), description="Words to add to the default list.")
    allowed_words: tuple[str, ...] = Field(
        (), description="Words of the default list that this site allows."
    )


class ProfanityCheck(Check):
    """Hold (by default) a comment whose name or body contains a listed word.

    Uses better-profanity's word list (in the default mode, its curated list) and leetspeak
    map through :class:`WordMatcher`. The finding names the word and its span for
    moderators; the author is told nothing specific.
    """

    name = "profanity"
    settings_model = ProfanitySettings
    default_order = 50
    settings: ProfanitySettings

    def __init__(self, settings: CheckSettings | None = None) -> None:
        super().__init__(settings)
        self._matcher = WordMatcher.better_profanity(
            self.settings.mode,
            extra_words=self.settings.extra_words,
            allowed_words=self.settings.allowed_words,
        )

    def check(self, submission: CommentSubmission) -> Sequence[Finding]:
        """Report the first listed word in each searched field.

        Reads each field as a reader sees it (``submission.prepared``: ``&#102;uck`` and
        ``f<b></b>uck`` are ``fuck``); the span points into the field as submitted.
        """
        findings = []
        for field in self.settings.fields:
            prepared = submission.prepared[field]
            matches = self._matcher.find(prepared.text, limit=_COUNTED)
            if not matches:
                continue
            match = matches[0]
            start, end = prepared.original_span(match.start, match.end)
            text = prepared.original
            more = len(matches) - 1
            counted = f"at least {more}" if len(matches) == _COUNTED else str(more)
            also = f" (and {counted} more)" if more else ""
            findings.append(
                self.finding(
                    "profanity.word",
                    self.settings.verdict,
                    f"The {field} contains the listed word {match.word!r} as "
                    f"{text[start:end]!r} at characters {start}-{end}{also}.",
                    field=field,
                    span=(start, end),
                    matched=match.word,
                    author_message=_AUTHOR_MESSAGE,
                )
            )
        return findings


@hookimpl
def register_checks(register: Callable[[type[Check]], None]) -> None:
    """Register the profanity check."""
    register(ProfanityCheck)
