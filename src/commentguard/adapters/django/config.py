"""The project's guard and proxy policy, built from Django settings on first use.

Both are rebuilt when a ``COMMENTGUARD*`` setting changes (``override_settings`` in tests
sends ``setting_changed``, as for Django's own cached settings).
"""

from __future__ import annotations

import threading
from typing import Any

from django.conf import settings
from django.core.signals import setting_changed

from commentguard._form_token import FormTokenSigner
from commentguard._guard import Guard
from commentguard._settings import Settings
from commentguard.adapters._proxies import ForwardedHeader, ProxyPolicy
from commentguard.adapters.django import signals

SETTINGS_PREFIX = "COMMENTGUARD"


class _Built:
    """What is built from the settings, once; cleared when they change."""

    lock = threading.Lock()
    guard: Guard | None = None
    proxies: ProxyPolicy | None = None


def guard_settings(**overrides: Any) -> Settings:
    """``settings.COMMENTGUARD`` (over the environment and ``commentguard.toml``) as Settings."""
    return Settings.load(**{**getattr(settings, "COMMENTGUARD", {}), **overrides})


def build_guard(config: Settings | None = None) -> Guard:
    """A new guard for ``config`` (the project's settings by default) that sends the signals."""
    return Guard(config if config is not None else guard_settings(), plugins=[signals])


def get_guard() -> Guard:
    """The project's guard, built on first use from ``settings.COMMENTGUARD``."""
    with _Built.lock:
        if _Built.guard is None:
            _Built.guard = build_guard()
        return _Built.guard


def proxy_policy() -> ProxyPolicy:
    """``settings.COMMENTGUARD_TRUSTED_PROXIES`` and the header they set, ``..._TRUSTED_HEADER``."""
    with _Built.lock:
        if _Built.proxies is None:
            _Built.proxies = ProxyPolicy.from_cidrs(
                getattr(settings, "COMMENTGUARD_TRUSTED_PROXIES", ()),
                getattr(settings, "COMMENTGUARD_TRUSTED_HEADER", ForwardedHeader.X_FORWARDED_FOR),
            )
        return _Built.proxies


def form_token_signer() -> FormTokenSigner | None:
    """A signer for form tokens when a secret key is configured."""
    secret = get_guard().settings.secret_key
    return FormTokenSigner(secret) if secret is not None else None


def reset() -> None:
    """Close the guard and forget what was built; the next use builds them again."""
    with _Built.lock:
        guard, _Built.guard, _Built.proxies = _Built.guard, None, None
    if guard is not None:
        guard.close()


def settings_changed(*, setting: str, **kwargs: Any) -> None:
    """``setting_changed`` receiver: forget what a changed ``COMMENTGUARD*`` setting built."""
    if setting.startswith(SETTINGS_PREFIX):
        reset()


setting_changed.connect(settings_changed, dispatch_uid="commentguard.settings_changed")
