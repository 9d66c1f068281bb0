"""commentguard-example: the tutorial plugin, written to be read.

It adds one check, ``url_shorteners``, which holds comments whose links go through a URL
shortener such as bit.ly. commentguard finds this module through the entry point in
``pyproject.toml`` and registers it with pluggy; the :func:`register_checks` hook below then
hands commentguard the check class. The check itself lives in
:mod:`commentguard_example.shorteners`.
"""

from __future__ import annotations

from collections.abc import Callable

import commentguard
from commentguard import Check
from commentguard_example.shorteners import DEFAULT_SHORTENERS, ShortenerCheck, ShortenerSettings


@commentguard.hookimpl
def register_checks(register: Callable[[type[Check]], None]) -> None:
    """Give commentguard the check class; each guard builds it with its own settings."""
    register(ShortenerCheck)


__all__ = ["DEFAULT_SHORTENERS", "ShortenerCheck", "ShortenerSettings", "register_checks"]
