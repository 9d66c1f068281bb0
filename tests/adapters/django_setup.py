"""Set up the test Django project once per session (settings, apps, an in-memory database)."""

from __future__ import annotations

import os
from functools import cache


@cache
def django_ready() -> None:
    os.environ["DJANGO_SETTINGS_MODULE"] = "django_project.settings"
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0, interactive=False)


def fresh_django_guard() -> None:
    """Set Django up if needed and start from a new guard (and an empty memory store)."""
    django_ready()
    from commentguard.adapters.django.service import get_guard, proxy_policy

    get_guard.cache_clear()
    proxy_policy.cache_clear()
