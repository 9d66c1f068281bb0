"""Exceptions raised by commentguard.

Every message here is safe to log: none of them quotes the submitted values, so an email address
never ends up in an error text or a traceback.
"""

from __future__ import annotations

from dataclasses import dataclass


class CommentguardError(Exception):
    """Base class of every error commentguard raises on purpose."""


@dataclass(frozen=True, slots=True)
class FieldError:
    """One problem with one form field, fit to show next to that field.

    Attributes:
        field: The submission field the problem is on (``"email"``), or ``"__root__"``.
        code: A stable machine code (``"email_invalid"``) for programs and translations.
        message: A sentence for the person who filled in the form.
    """

    field: str
    code: str
    message: str


class InvalidSubmission(CommentguardError, ValueError):  # noqa: N818 - reads as a state, like httpx's
    """The submission failed validation; :attr:`errors` holds one :class:`FieldError` per field."""

    def __init__(self, errors: tuple[FieldError, ...]) -> None:
        self.errors = errors
        summary = "; ".join(f"{error.field}: {error.message}" for error in errors)
        super().__init__(f"invalid comment submission ({summary})")

    def by_field(self) -> dict[str, FieldError]:
        """Return the errors keyed by field name, as a form renderer wants them."""
        return {error.field: error for error in self.errors}


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
