"""What a guard hands a check class to build it (:class:`CheckContext`), and the building itself.

Every check is built the same way, ``check_class.from_settings(context)``: one object rather
than a row of positional arguments, so the guard can offer checks something new (a field with
a default) without breaking a single ``from_settings`` override. pytest's nodes went the same
way (``Node.from_parent(parent, **kw)``) for the same reason.
"""

from __future__ import annotations

import inspect
import warnings
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from pydantic import ValidationError

from commentguard._form_token import FormTokenSigner
from commentguard._identity import store_secret
from commentguard._settings import Settings, settings_error

if TYPE_CHECKING:
    from commentguard._check import Check, CheckSettings
    from commentguard.stores import Store

_LEGACY_PARAMETERS = 3  # the old from_settings(cls, check_settings, settings, store)
_legacy_warnings: dict[Any, Any] = {}
"""The registry of :func:`warnings.warn_explicit`: one warning per override and location."""


@dataclass(frozen=True, slots=True, kw_only=True)
class CheckContext:
    """Everything a guard offers a check it builds: the argument of ``Check.from_settings``.

    The guard makes one per check, with that check's validated section. A check reads what it
    needs and ignores the rest; new fields come with defaults, so an override written today
    keeps working. Outside a guard (a command that needs one check, a test), build one with
    :meth:`for_check`.

    Attributes:
        check_settings: The check's own validated section (``[checks.<name>]``), an instance
            of its ``settings_model``; the constructor keeps it as ``self.settings``.
        settings: The site's :class:`~commentguard.Settings`.
        store: The guard's :class:`~commentguard.stores.Store`, shared by every check, worker
            and (with SQLite or Redis) host: where a check remembers between submissions.
    """

    check_settings: CheckSettings
    settings: Settings
    store: Store

    @classmethod
    def for_check(cls, check_class: type[Check], settings: Settings, store: Store) -> CheckContext:
        """The context a guard with ``settings`` and ``store`` would build ``check_class`` with.

        Raises:
            SettingsError: the check's section is invalid; the message names the key
                (``checks.<name>.<field>``).
        """
        section = settings.checks.get(check_class.name, {})
        try:
            check_settings = check_class.settings_model.model_validate(section)
        except ValidationError as exc:
            raise settings_error(exc, prefix=f"checks.{check_class.name}") from None
        return cls(check_settings=check_settings, settings=settings, store=store)

    @property
    def signer(self) -> FormTokenSigner | None:
        """A signer of form tokens under the site's ``secret_key``; ``None`` without one.

        Made on each read: read it once, in ``from_settings``, and keep it.
        """
        secret_key = self.settings.secret_key
        return FormTokenSigner(secret_key) if secret_key is not None else None

    @property
    def store_secret(self) -> bytes:
        """The key of the keyed hashes (HMAC-SHA256) a check keeps in the store.

        Derived from ``secret_key``; without one (``memory://``, ``development_mode``) a fixed
        key, which still keeps addresses out of the store. Keep authors, addresses and texts in
        the store only as such hashes, never as they are.
        """
        return store_secret(self.settings)


def build_check(check_class: type[Check], context: CheckContext) -> Check:
    """Build ``check_class`` as a guard does: ``check_class.from_settings(context)``.

    An override still written the old way, ``from_settings(cls, check_settings, settings,
    store)``, is called that way, with a :class:`DeprecationWarning` that points at it.
    """
    if _is_legacy(check_class):
        _warn_legacy(check_class)
        legacy: Any = check_class.from_settings  # the old signature mypy cannot see
        built: Check = legacy(context.check_settings, context.settings, context.store)
        return built
    return check_class.from_settings(context)


def _is_legacy(check_class: type[Check]) -> bool:
    """Whether ``from_settings`` takes the three required positional arguments of old."""
    try:
        parameters = inspect.signature(check_class.from_settings).parameters.values()
    except (TypeError, ValueError):  # a callable inspect cannot read: call it the new way
        return False
    positional = [
        parameter
        for parameter in parameters
        if parameter.kind in (parameter.POSITIONAL_ONLY, parameter.POSITIONAL_OR_KEYWORD)
    ]
    return len(positional) == _LEGACY_PARAMETERS and all(
        parameter.default is parameter.empty for parameter in positional
    )


def _warn_legacy(check_class: type[Check]) -> None:
    """Warn, at the override's own file and line, that it should take a context."""
    function = inspect.unwrap(getattr(check_class.from_settings, "__func__", check_class))
    code = getattr(function, "__code__", None)  # None for a callable that is not a function
    warnings.warn_explicit(
        f"{check_class.__qualname__}.from_settings(cls, check_settings, settings, store) is "
        "deprecated: define from_settings(cls, context: commentguard.CheckContext) and read "
        "context.check_settings, context.settings and context.store",
        DeprecationWarning,
        filename=code.co_filename if code is not None else "<unknown>",
        lineno=code.co_firstlineno if code is not None else 0,
        module=getattr(function, "__module__", None) or check_class.__module__,
        registry=_legacy_warnings,
    )
