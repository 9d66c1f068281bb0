"""commentguard-bayes: a spam filter that learns from the site's own moderators.

Installed, it registers the ``bayes`` check (naive Bayes over hashed tokens, counts in the
guard's store, seeded from public labelled comments) and the ``commentguard train`` command.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import commentguard
from commentguard import Check
from commentguard_bayes.check import BayesCheck, BayesSettings
from commentguard_bayes.features import SpamText
from commentguard_bayes.model import NaiveBayes, Score

if TYPE_CHECKING:
    import click


@commentguard.hookimpl
def register_checks(register: Callable[[type[Check]], None]) -> None:
    """Register the ``bayes`` check."""
    register(BayesCheck)


@commentguard.hookimpl
def register_commands(cli: click.Group) -> None:
    """Add ``commentguard train`` (imported here: a web worker's guard never needs the CLI)."""
    from commentguard_bayes.train import train

    cli.add_command(train)


__all__ = [
    "BayesCheck",
    "BayesSettings",
    "NaiveBayes",
    "Score",
    "SpamText",
    "register_checks",
    "register_commands",
]
