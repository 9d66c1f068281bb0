"""Profanity: words from better-profanity's list in the name or the body."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import cache
from importlib.resources import files
from typing import Literal

from pydantic import Field

from commentguard.check import Check, CheckSettings
from commentguard.hookspecs import hookimpl
from commentguard.models import CommentSubmission, Finding, Verdict
from commentguard.text import TermMatcher, compile_terms

_AUTHOR_MESSAGE = "Your comment is awaiting moderation."


@cache
def default_wordlist() -> tuple[str, ...]:
    """The word list better-profanity ships (read from its package, never downloaded)."""
    text = files("better_profanity").joinpath("profanity_wordlist.txt").read_text("utf-8")
    return tuple(line.strip() for line in text.splitlines() if line.strip())


class ProfanitySettings(CheckSettings):
    """Settings of the ``profanity`` check."""

    verdict: Verdict = Verdict.HOLD
    fields: tuple[Literal["name", "body"], ...] = ("name", "body")
    extra_words: tuple[str, ...] = Field((), description="Words to add to the default list.")
    allowed_words: tuple[str, ...] = Field(
        (), description="Words of the default list that this site allows."
    )


class ProfanityCheck(Check):
    """Hold (by default) a comment whose name or body contains a listed word.

    The finding names the word and its span for moderators; the author is told nothing specific.
    """

    name = "profanity"
    settings_model = ProfanitySettings
    default_order = 50
    settings: ProfanitySettings

    def __init__(self, settings: CheckSettings | None = None) -> None:
        super().__init__(settings)
        allowed = {word.casefold() for word in self.settings.allowed_words}
        words = [w for w in default_wordlist() if w.casefold() not in allowed]
        self._matcher: TermMatcher = compile_terms((*words, *self.settings.extra_words))

    def check(self, submission: CommentSubmission) -> Sequence[Finding]:
        """Report the first listed word in each searched field."""
        findings = []
        for field in self.settings.fields:
            text: str = getattr(submission, field)
            match = self._matcher.search(text)
            if match is None:
                continue
            findings.append(
                self.finding(
                    "profanity.word",
                    self.settings.verdict,
                    f"The {field} contains the listed word {match.term!r} "
                    f"at characters {match.start}-{match.end}.",
                    field=field,
                    span=(match.start, match.end),
                    matched=match.term,
                    author_message=_AUTHOR_MESSAGE,
                )
            )
        return findings


@hookimpl
def register_checks(register: Callable[[type[Check]], None]) -> None:
    """Register the profanity check."""
    register(ProfanityCheck)
