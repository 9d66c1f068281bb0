"""Profanity: listed words (better-profanity's, curated by default) in the name or the body.

A site may add other languages' lists (LDNOOBW's, shipped in the package): see
``commentguard.text._languages``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Literal

from pydantic import Field, field_validator

from commentguard._check import Check, CheckSettings
from commentguard._hookspecs import hookimpl
from commentguard._models import CommentSubmission, Finding, Verdict
from commentguard.i18n import N_
from commentguard.text import Mode, WordMatcher
from commentguard.text._languages import (
    LANGUAGES,
    LanguageMatch,
    compile_languages,
    unknown_languages_message,
)
from commentguard.text._matcher import WordMatch

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
        (),
        description="Words of the default list, and of the languages' lists, that this site "
        "allows.",
    )
    languages: tuple[str, ...] = Field(
        (),
        description="Other languages whose word lists (LDNOOBW's) are searched too, such as "
        '["de", "tr"]; English is always searched.',
    )

    @field_validator("languages")
    @classmethod
    def _known_languages(cls, languages: tuple[str, ...]) -> tuple[str, ...]:
        unknown = [code for code in languages if code not in LANGUAGES]
        if unknown:
            raise ValueError(unknown_languages_message(unknown))
        return tuple(dict.fromkeys(languages))


class ProfanityCheck(Check):
    """Hold (by default) a comment whose name or body contains a listed word.

    Uses better-profanity's word list (in the default mode, its curated list) and leetspeak
    map through :class:`WordMatcher`, and the lists of the ``languages`` the site names
    (:class:`~commentguard.text._languages.LanguageLists`). The finding names the word, its
    span and, for another language's word, the list, for moderators; the author is told
    nothing specific.
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
        self._languages = compile_languages(self.settings.languages, self.settings.allowed_words)

    def check(self, submission: CommentSubmission) -> Sequence[Finding]:
        """Report the first listed word in each searched field.

        Reads each field as a reader sees it (``submission.prepared``: ``&#102;uck`` and
        ``f<b></b>uck`` are ``fuck``); the span points into the field as submitted.
        """
        findings = []
        for field in self.settings.fields:
            prepared = submission.prepared[field]
            text = prepared.text
            matches: list[WordMatch | LanguageMatch] = [*self._matcher.find(text, _COUNTED)]
            if self._languages:
                # A word both lists hold (Danish "shit") is one match, the English list's.
                spans = {(found.start, found.end) for found in matches}
                matches += [
                    found
                    for found in self._languages.find(text, _COUNTED)
                    if (found.start, found.end) not in spans
                ]
                matches.sort(key=lambda found: found.start)
                del matches[_COUNTED:]
            if not matches:
                continue
            match = matches[0]
            start, end = prepared.original_span(match.start, match.end)
            more = len(matches) - 1
            counted = f"at least {more}" if len(matches) == _COUNTED else str(more)
            also = f" (and {counted} more)" if more else ""
            listed = (
                f"the word {match.word!r} of the {LANGUAGES[match.language]} list "
                f"({match.language})"
                if isinstance(match, LanguageMatch)
                else f"the listed word {match.word!r}"
            )
            findings.append(
                self.finding(
                    "profanity.word",
                    self.settings.verdict,
                    f"The {field} contains {listed} as "
                    f"{prepared.original[start:end]!r} at characters {start}-{end}{also}.",
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
