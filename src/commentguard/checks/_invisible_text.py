"""Invisible text: bidirectional control characters used to disguise what a comment says."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from commentguard._check import Check, CheckSettings
from commentguard._hookspecs import hookimpl
from commentguard._models import CommentSubmission, Finding, Verdict

# Embeddings, overrides and isolates (U+202A-U+202E, U+2066-U+2069): the "Trojan Source"
# characters. Plain direction marks (U+200E, U+200F) are normal in right-to-left text.
_BIDI_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")


class InvisibleTextSettings(CheckSettings):
    """Settings of the ``invisible_text`` check."""

    verdict: Verdict = Verdict.HOLD


class InvisibleTextCheck(Check):
    """Hold a comment whose name or body holds bidi override, embedding or isolate characters.

    They reorder how text is displayed, so a moderator would read something other than what
    was written (``exe.docx`` that is really ``xcod.exe``).
    """

    name = "invisible_text"
    settings_model = InvisibleTextSettings
    default_order = 20
    settings: InvisibleTextSettings

    def check(self, submission: CommentSubmission) -> Sequence[Finding]:
        """Report the first bidi control character in the name and in the body."""
        findings = []
        for field in ("name", "body"):
            text: str = getattr(submission, field)
            found = _BIDI_CONTROLS.search(text)
            if found is None:
                continue
            findings.append(
                self.finding(
                    "invisible_text.bidi_control",
                    self.settings.verdict,
                    f"The {field} contains U+{ord(found.group()):04X}, a bidirectional control "
                    "character that changes how the text is displayed.",
                    field=field,
                    span=(found.start(), found.end()),
                )
            )
        return findings


@hookimpl
def register_checks(register: Callable[[type[Check]], None]) -> None:
    """Register the invisible-text check."""
    register(InvisibleTextCheck)
