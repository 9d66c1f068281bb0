"""Building the ordered list of checks a guard runs, from the registered classes and settings."""

from __future__ import annotations

from collections.abc import Sequence

from pydantic import ValidationError

from commentguard.check import Check
from commentguard.errors import PluginLoadError, SettingsError
from commentguard.settings import Settings, settings_error
from commentguard.stores import Store


def build_checks(
    check_classes: Sequence[type[Check]], settings: Settings, store: Store
) -> tuple[Check, ...]:
    """Instantiate every enabled check with its validated settings, cheapest first.

    Raises:
        SettingsError: when a section names no installed check, or a value is invalid; the
            message names the key (``checks.links.max_links``).
    """
    by_name = {check_class.name: check_class for check_class in check_classes}
    unknown = sorted(set(settings.checks) - set(by_name))
    if unknown:
        raise SettingsError(
            f"checks.{unknown[0]}: no installed check has this name (installed: "
            f"{', '.join(sorted(by_name))}); is its plugin disabled or not installed?"
        )
    checks = []
    for position, check_class in enumerate(check_classes):
        section = settings.checks.get(check_class.name, {})
        try:
            check_settings = check_class.settings_model.model_validate(section)
        except ValidationError as exc:
            raise settings_error(exc, prefix=f"checks.{check_class.name}") from None
        if not check_settings.enabled:
            continue
        try:
            check = check_class.from_settings(check_settings, settings, store)
        except TypeError as exc:
            raise PluginLoadError(
                f"check {check_class.name!r} ({check_class.__module__}) could not be built: "
                f"{exc}; from_settings takes (check_settings, settings, store)"
            ) from exc
        checks.append((check.order, position, check))
    return tuple(check for _, _, check in sorted(checks, key=lambda item: item[:2]))
