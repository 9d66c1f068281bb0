"""Exceptions raised by commentguard.

Every message here is safe to log: none of them quotes the submitted values, so an email address
never ends up in an error text or a traceback.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass

from commentguard.i18n import render


class CommentguardError(Exception):
    """Base class of every error commentguard raises on purpose."""


@dataclass(frozen=True, slots=True)
class FieldError:
    """One problem with one form field, fit to show next to that field.

    Attributes:
        field: The submission field the problem is on (``"email"``), or ``"__root__"``.
        code: A stable machine code (``"email_invalid"``) for programs and translations.
        message: A sentence for the person who filled in the form, in English; for another
            language, :meth:`message_in`.
        template: The message before its parameters were filled in, as it stands in the
            translation catalogues (``"Your name must be at most {max_chars} characters."``);
            ``None`` for an error built without one, whose ``message`` is translated as it is.
        params: The values of the template's placeholders (``{"max_chars": 245}``).
    """

    field: str
    code: str
    message: str
    template: str | None = dataclasses.field(default=None, repr=False, compare=False)
    params: Mapping[str, object] = dataclasses.field(
        default_factory=dict, repr=False, compare=False
    )

    def message_in(self, locale: str | None) -> str:
        """The message in ``locale`` (``"de"``, ``"fr_CA"``); English when it has no catalogue."""
        if self.template is None:
            return render(self.message, {}, locale)
        return render(self.template, self.params, locale)

    def translated(self, locale: str | None) -> FieldError:
        """This error with :attr:`message` in ``locale``."""
        return dataclasses.replace(self, message=self.message_in(locale))


class InvalidSubmission(CommentguardError, ValueError):  # noqa: N818 - reads as a state, like httpx's
    """The submission failed validation; :attr:`errors` holds one :class:`FieldError` per field."""

    def __init__(self, errors: tuple[FieldError, ...]) -> None:
        self.errors = errors
        summary = "; ".join(f"{error.field}: {error.message}" for error in errors)
        super().__init__(f"invalid comment submission ({summary})")

    def errors_in(self, locale: str | None) -> tuple[FieldError, ...]:
        """:attr:`errors` with their messages in ``locale`` (see :meth:`FieldError.message_in`)."""
        return tuple(error.translated(locale) for error in self.errors)

    def by_field(self, locale: str | None = None) -> dict[str, FieldError]:
        """Return the errors keyed by field name, as a form renderer wants them.

        Args:
            locale: The language of the messages; English by default.
        """
        errors = self.errors if locale is None else self.errors_in(locale)
        return {error.field: error for error in errors}


class SettingsError(CommentguardError, ValueError):
    """A setting has a bad value or an unknown name; the message names the key."""


class ConfigurationError(CommentguardError):
    """A feature was used without the configuration it needs (for example, no ``secret_key``)."""


class NotConfigured(ConfigurationError):  # noqa: N818 - a state, like Scrapy's NotConfigured
    """Raised by a check's constructor or ``from_settings``: it lacks what it needs to run.

    For a check that cannot work until the site sets something up, such as an API key. The
    guard then leaves the check out of the pipeline, logs a warning with this message once,
    and lists the check as not configured (``Guard.unconfigured``, ``commentguard checks``),
    as WordPress's Akismet, installed but not activated, checks nothing and says so. When the
    check's settings say ``required = true``, building the guard fails instead, with this
    message. Say what to set: ``"the akismet check needs an API key: set
    checks.akismet.api_key or PYTHON_AKISMET_API_KEY"``.
    """


class PluginLoadError(CommentguardError):
    """A plugin could not be loaded; the message names the distribution and the entry point.

    commentguard never skips a broken plugin silently: losing a spam check without notice would
    let spam through.
    """
