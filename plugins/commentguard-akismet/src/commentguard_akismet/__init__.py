"""commentguard-akismet: check comments with Akismet, and tell it what moderators decided.

The ``akismet`` check sends each comment to Akismet's comment-check through the maintained
``akismet`` package and turns its answer into a finding (spam, or discard for blatant spam);
``Guard.report`` sends moderators' verdicts back (submit-spam, submit-ham). The API key and
site URL come from ``[checks.akismet]`` or the package's own environment variables,
``PYTHON_AKISMET_API_KEY`` and ``PYTHON_AKISMET_BLOG_URL``. Without a key the check is not
configured (``commentguard.NotConfigured``): guards leave it out with a warning, unless
``required = true``.
"""

from __future__ import annotations

from collections.abc import Callable

import commentguard
from commentguard import Check
from commentguard_akismet.arguments import AkismetRequest, akismet_request
from commentguard_akismet.check import AkismetCheck
from commentguard_akismet.settings import AkismetSettings, akismet_config


@commentguard.hookimpl
def register_checks(register: Callable[[type[Check]], None]) -> None:
    """Register the akismet check."""
    register(AkismetCheck)


__all__ = [
    "AkismetCheck",
    "AkismetRequest",
    "AkismetSettings",
    "akismet_config",
    "akismet_request",
    "register_checks",
]
