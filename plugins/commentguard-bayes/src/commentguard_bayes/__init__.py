"""commentguard-bayes: a spam filter that learns from the site's own moderators.

Installed, it registers the ``bayes`` check (naive Bayes over hashed tokens, counts in the
guard's store, seeded from public labelled comments) and the ``commentguard train`` command.
"""

from __future__ import annotations

from collections.abc import Callable

import click

import commentguard
from commentguard import Check
from commentguard_bayes.check import BayesCheck, BayesSettings
from commentguard_bayes.features import SpamText
from commentguard_bayes.model import NaiveBayes, Score
from commentguard_bayes.train import train


@commentguard.hookimpl
def register_checks(register: Callable[[type[Check]], None]) -> None:
    """Register the ``bayes`` check."""
    register(BayesCheck)


@commentguard.hookimpl
def register_commands(cli: click.Group) -> None:
    """Add ``commentguard train``."""
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
