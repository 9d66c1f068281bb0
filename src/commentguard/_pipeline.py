"""Building the ordered list of checks a guard runs, from the registered classes and settings.

A check that raises :class:`~commentguard.NotConfigured` while it is built is left out, with a
warning, and listed in :attr:`Pipeline.unconfigured`; unless its settings say
``required = true``, and then the guard is not built. A settings section for a check that is
not installed is an error, except one that only turns the check off (``enabled = false``):
that is what a site sets for a plugin it has on some machines only.
"""

from __future__ import annotations

import difflib
import logging
import threading
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from pydantic import ValidationError

from commentguard._check import Check, CheckSettings
from commentguard._check_context import CheckContext, build_check
from commentguard._errors import ConfigurationError, NotConfigured, PluginLoadError, SettingsError
from commentguard._settings import Settings
from commentguard.stores import Store

logger = logging.getLogger("commentguard")

_warned: set[str] = set()
_warned_lock = threading.Lock()


@dataclass(frozen=True, slots=True)
class UnconfiguredCheck:
    """An installed, enabled check left out of the pipeline: it lacks configuration it needs.

    Attributes:
        check_class: The check's class.
        settings: Its validated settings section.
        reason: What it needs, and where to set it (the :class:`NotConfigured` message).
    """

    check_class: type[Check]
    settings: CheckSettings
    reason: str

    @property
    def name(self) -> str:
        """The check's name (its settings section, ``[checks.<name>]``)."""
        return self.check_class.name

    @property
    def order(self) -> int:
        """Where the check would run once configured."""
        order = self.settings.order
        return order if order is not None else self.check_class.default_order


@dataclass(frozen=True, slots=True)
class Pipeline:
    """The checks a guard runs, cheapest first, and those installed but not configured."""

    checks: tuple[Check, ...]
    unconfigured: tuple[UnconfiguredCheck, ...]


def build_pipeline(
    check_classes: Sequence[type[Check]], settings: Settings, store: Store
) -> Pipeline:
    """Instantiate every enabled check with its validated settings, cheapest first.

    Raises:
        SettingsError: when a section names no installed check (and does more than disable
            it), or a value is invalid; the message names the key (``checks.links.max_links``).
        ConfigurationError: a check is not configured and its settings say ``required = true``.
    """
    by_name = {check_class.name: check_class for check_class in check_classes}
    _check_sections(settings.checks, by_name)
    checks = []
    unconfigured = []
    for position, check_class in enumerate(check_classes):
        context = CheckContext.for_check(check_class, settings, store)
        if not context.check_settings.enabled:
            continue
        try:
            check = build_check(check_class, context)
        except NotConfigured as exc:
            unconfigured.append(_not_configured(check_class, context.check_settings, exc))
            continue
        except TypeError as exc:
            raise PluginLoadError(
                f"check {check_class.name!r} ({check_class.__module__}) could not be built: "
                f"{exc}; from_settings takes (cls, context: commentguard.CheckContext)"
            ) from exc
        checks.append((check.order, position, check))
    ordered = tuple(check for _, _, check in sorted(checks, key=lambda item: item[:2]))
    return Pipeline(ordered, tuple(sorted(unconfigured, key=lambda item: item.order)))


def _not_configured(
    check_class: type[Check], check_settings: CheckSettings, exc: NotConfigured
) -> UnconfiguredCheck:
    """Record a check that is not configured, or refuse to go on when it is required."""
    name = check_class.name
    if check_settings.required:
        raise ConfigurationError(
            f"{exc} (checks.{name}.required is true: the guard does not start without it)"
        ) from exc
    _warn_once(
        f"check {name!r} is not configured and does not run: {exc}. Set "
        f"checks.{name}.enabled = false to silence this warning, or checks.{name}.required = "
        "true to refuse to start without it"
    )
    return UnconfiguredCheck(check_class, check_settings, str(exc))


def _check_sections(sections: Mapping[str, Mapping[str, Any]], by_name: Mapping[str, Any]) -> None:
    """Refuse a section for a check that is not installed, unless it only disables it.

    A name close to an installed check's is taken for a typo, and refused even then: a site
    that wrote ``[checks.akismit] enabled = false`` means to turn ``akismet`` off.
    """
    installed = f"installed: {', '.join(sorted(by_name))}"
    for name in sorted(set(sections) - set(by_name)):
        section = sections[name]
        typo = difflib.get_close_matches(name, by_name, n=1, cutoff=0.8)
        if typo:
            raise SettingsError(
                f"checks.{name}: no installed check has this name; did you mean "
                f"{typo[0]!r}? ({installed})"
            )
        if _only_disables(section):
            _warn_once(
                f"checks.{name}: no installed check has this name; the section only disables "
                "it (enabled = false), so it is ignored"
            )
            continue
        if _requires(section):
            raise SettingsError(
                f"checks.{name}.required is true, but no installed check has this name "
                f"({installed}); is its plugin installed, and not disabled?"
            )
        raise SettingsError(
            f"checks.{name}: no installed check has this name ({installed}); is its plugin "
            "disabled or not installed?"
        )


def _only_disables(section: Mapping[str, Any]) -> bool:
    """Whether ``section`` is ``enabled = false`` and nothing else (the environment's "false")."""
    if set(section) != {"enabled"}:
        return False
    try:
        return not CheckSettings.model_validate(section).enabled
    except ValidationError:
        return False


def _requires(section: Mapping[str, Any]) -> bool:
    try:
        return CheckSettings.model_validate({"required": section.get("required")}).required
    except ValidationError:
        return False


def _warn_once(message: str) -> None:
    """Log ``message`` as a warning the first time this process sees it.

    Every guard is built again in places (a test suite, a worker per process, Django's
    ``override_settings``): the same sentence once is news, a hundred times is noise.
    """
    with _warned_lock:
        if message in _warned:
            return
        _warned.add(message)
    logger.warning("%s", message)
