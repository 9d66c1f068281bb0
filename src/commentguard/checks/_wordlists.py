"""Word lists: WordPress-style moderation keys (hold) and disallowed keys (spam)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Literal, Self

from pydantic import Field, FilePath, model_validator

from commentguard._check import Check, CheckSettings
from commentguard._hookspecs import hookimpl
from commentguard._models import CommentSubmission, Finding, Verdict
from commentguard.text._keyset import compile_keys
from commentguard.text._terms import TermMatch

SearchedField = Literal["name", "email", "url", "body", "ip", "user_agent"]
# Prose may disguise a key; the other fields are matched literally, as WordPress matches
# every key (a user agent's digits and dots are its version, not leetspeak).
_PROSE = frozenset({"name", "body"})
_VERDICTS = {"disallowed": Verdict.SPAM, "moderation": Verdict.HOLD}


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
        # Both lists in one automaton, compiled when the guard is built (and kept for the
        # next guard with the same lists).
        self._keys = compile_keys(
            {
                "disallowed": self.settings.disallowed_keys,
                "moderation": self.settings.moderation_keys,
            }
        )

    def check(self, submission: CommentSubmission) -> Sequence[Finding]:
        """Report the first match of each list."""
        if not self._keys:
            return ()
        found: dict[str, tuple[SearchedField, TermMatch]] = {}
        for field in self.settings.fields:
            if field in _PROSE:  # as a reader sees it (HTML decoded); spans in the original
                prepared = submission.prepared[field]
                for list_name, match in self._keys.search(prepared.text, prose=True).items():
                    start, end = prepared.original_span(match.start, match.end)
                    found.setdefault(list_name, (field, TermMatch(match.term, start, end)))
            elif text := _field_text(submission, field):
                for list_name, match in self._keys.search(text, prose=False).items():
                    found.setdefault(list_name, (field, match))
            if len(found) == len(_VERDICTS):
                break
        findings = []
        for list_name, verdict in _VERDICTS.items():
            if list_name not in found:
                continue
            field, match = found[list_name]
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
