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


class PluginLoadError(CommentguardError):
    """A plugin could not be loaded; the message names the distribution and the entry point.

    commentguard never skips a broken plugin silently: losing a spam check without notice would
    let spam through.
    """
