"""commentguard-toxicity: offline toxicity scoring with alt-profanity-check's shipped model.

Installed, it registers the ``toxicity`` check. Nothing leaves the machine and nothing is
downloaded: the model is package data of alt-profanity-check.
"""

from __future__ import annotations

from collections.abc import Callable

import commentguard
from commentguard import Check
from commentguard_toxicity.check import ToxicityCheck, ToxicitySettings
from commentguard_toxicity.model import toxicity


@commentguard.hookimpl
def register_checks(register: Callable[[type[Check]], None]) -> None:
    """Register the ``toxicity`` check."""
    register(ToxicityCheck)


__all__ = ["ToxicityCheck", "ToxicitySettings", "register_checks", "toxicity"]
