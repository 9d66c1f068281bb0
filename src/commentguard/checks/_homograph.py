"""Homograph: hold a comment whose website's host imitates another site's name."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from urllib.parse import urlsplit

from commentguard._check import Check, CheckSettings
from commentguard._hookspecs import hookimpl
from commentguard._models import CommentSubmission, Finding, Verdict
from commentguard.text._homographs import find_homograph


class HomographSettings(CheckSettings):
    """Settings of the ``homograph`` check."""

    verdict: Verdict = Verdict.HOLD


class HomographCheck(Check):
    """Hold a comment whose website host mixes scripts in a label or only looks Latin.

    ``аpple.com`` with a Cyrillic ``а``, or ``аррӏе.com`` all in Cyrillic, shows a reader a
    name the site does not have. Hosts in one script (``bücher.example``, ``пример.рф``,
    ``例え.テスト``) pass.
    """

    name = "homograph"
    settings_model = HomographSettings
    default_order = 25
    settings: HomographSettings

    def check(self, submission: CommentSubmission) -> Sequence[Finding]:
        """Look at the host of the website field."""
        if submission.url is None:
            return ()
        parts = urlsplit(submission.url)
        found = find_homograph(parts.hostname or "")
        if found is None:
            return ()
        start = len(parts.scheme) + len("://")  # the Website field has no user name
        host = parts.netloc.split(":")[0]
        if found.kind == "mixed_scripts":
            how = f"mixes {' and '.join(found.scripts)} letters in {found.label!r}"
        else:
            how = f"is written in {' and '.join(found.scripts)} letters that look like ASCII"
        return (
            self.finding(
                f"homograph.{found.kind}",
                self.settings.verdict,
                f"The website's host {host} {how}, as a look-alike of another site's name "
                f"does; browsers send it as {found.ascii_host}.",
                field="url",
                span=(start, start + len(host)),
                matched=found.ascii_host,
            ),
        )


@hookimpl
def register_checks(register: Callable[[type[Check]], None]) -> None:
    """Register the homograph check."""
    register(HomographCheck)
