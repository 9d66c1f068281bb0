"""Word lists: WordPress-style moderation keys (hold) and disallowed keys (spam)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Literal, Self

from pydantic import Field, FilePath, model_validator

from commentguard.check import Check, CheckSettings
from commentguard.hookspecs import hookimpl
from commentguard.models import CommentSubmission, Finding, Verdict
from commentguard.text.keys import KeyMatcher

SearchedField = Literal["name", "email", "url", "body", "ip", "user_agent"]
_PROSE = frozenset({"name", "body", "user_agent"})


class WordlistsSettings(CheckSettings):
    """Settings of the ``wordlists`` check.

    Keys are words, phrases, partial IP addresses or domains, matched as whole words ignoring
    case; word and phrase keys also match disguised spellings (see ``KeyMatcher``). The
    ``*_file`` settings read one key per line, like WordPress's textareas.
    """

    moderation_keys: tuple[str, ...] = Field((), description="Hold comments containing these.")
    disallowed_keys: tuple[str, ...] = Field((), description="Mark comments containing these spam.")
    moderation_keys_file: FilePath | None = None
    disallowed_keys_file: FilePath | None = None
    fields: tuple[SearchedField, ...] = ("name", "email", "url", "body", "ip", "user_agent")

    @model_validator(mode="after")
    def _read_files(self) -> Self:
        for list_name in ("moderation_keys", "disallowed_keys"):
            path: Path | None = getattr(self, f"{list_name}_file")
            if path is not None:
                lines = path.read_text(encoding="utf-8-sig").splitlines()
                extra = [line.strip() for line in lines if line.strip()]
                object.__setattr__(self, list_name, (*getattr(self, list_name), *extra))
        return self


class WordlistsCheck(Check):
    """Match the site's moderation and disallowed keys against the submission's fields.

    A disallowed key asks for spam, a moderation key for hold; each list reports its first match.
    When the match is in the email address, the finding does not quote it.
    """

    name = "wordlists"
    settings_model = WordlistsSettings
    default_order = 30
    settings: WordlistsSettings

    def __init__(self, settings: CheckSettings | None = None) -> None:
        super().__init__(settings)
        lists = (
            ("disallowed", Verdict.SPAM, KeyMatcher(self.settings.disallowed_keys)),
            ("moderation", Verdict.HOLD, KeyMatcher(self.settings.moderation_keys)),
        )
        self._lists: tuple[tuple[str, Verdict, KeyMatcher], ...] = tuple(
            entry for entry in lists if entry[2]
        )  # an empty list finds nothing: skip it

    def check(self, submission: CommentSubmission) -> Sequence[Finding]:
        """Report the first match of each list."""
        if not self._lists:
            return ()
        findings = []
        texts = [(field, _field_text(submission, field)) for field in self.settings.fields]
        for list_name, verdict, matcher in self._lists:
            for field, text in texts:
                match = matcher.search(text, prose=field in _PROSE) if text else None
                if match is None:
                    continue
                quoted = "a key" if field == "email" else repr(match.term)
                findings.append(
                    self.finding(
                        f"wordlists.{list_name}",
                        verdict,
                        f"The {field} contains {quoted} from the {list_name} keys.",
                        field=field,
                        span=(match.start, match.end),
                        matched=None if field == "email" else match.term,
                    )
                )
                break
        return findings


def _field_text(submission: CommentSubmission, field: SearchedField) -> str:
    if field == "email":
        return "" if submission.email is None else submission.email.reveal()
    value = getattr(submission, field)
    return "" if value is None else str(value)


@hookimpl
def register_checks(register: Callable[[type[Check]], None]) -> None:
    """Register the word-lists check."""
    register(WordlistsCheck)
