"""The email address type: validated, normalised, and masked wherever it might be shown."""

from __future__ import annotations

import functools
import hashlib
import hmac
import re
from collections.abc import Callable
from typing import Annotated, Any

import email_validator
from pydantic import GetCoreSchemaHandler, SerializationInfo, ValidationInfo
from pydantic_core import core_schema

from commentguard._models.fields import field_error
from commentguard._models.limits import options_from_context
from commentguard.i18n import N_

REVEAL_CONTEXT_KEY = "reveal_email"
"""Pass ``context={"reveal_email": True}`` to ``model_dump`` to serialise the real address."""
_SHOWN_FROM_CHARS = 3  # a local part this long or longer shows its first character when masked


class EmailAddress:
    """A validated email address that does not show itself.

    ``str()``, ``repr()``, f-strings and model dumps all give a masked form (``j***@example.com``).
    The address itself is only returned by :meth:`reveal`, so every place that uses it is a
    deliberate, searchable call.
    """

    __slots__ = ("_address", "_digests")

    def __init__(self, normalized: str) -> None:
        self._address = normalized
        self._digests: dict[bytes, str] = {}
        """:meth:`digest` by key: a comment's checks and its avatar ask for them several times."""

    def reveal(self) -> str:
        """Return the normalised address. Only call this where the address is really needed."""
        return self._address

    @property
    def domain(self) -> str:
        """The domain part, which is not secret on its own."""
        return self._address.rpartition("@")[2]

    @property
    def masked(self) -> str:
        """The domain, with the local part hidden: ``j***@example.com``.

        Only a local part of three characters or more shows its first one: of a shorter one,
        that would be half or all of it (``a***@example.com`` was all of ``a``). The domain is
        shown whole, so a local part that also appears in the domain (``ex@example.com``) can be
        read there; the part before the ``@`` never holds the whole local part.
        """
        local, at, domain = self._address.rpartition("@")
        if not at:  # not an address (an invalid value being reported): show none of it
            return "<hidden>"
        hidden = f"{local[:1] if len(local) >= _SHOWN_FROM_CHARS else ''}***"
        if local and local in hidden:  # a local part of stars, such as "**" or "a**"
            # "<" cannot occur in an unquoted local part, and quoted ones are refused.
            hidden = "<hidden>"
        return f"{hidden}@{domain}"

    def digest(self, secret: bytes) -> str:
        """Return a keyed hash (HMAC-SHA256, hex) of the case-folded address.

        The same author gets the same digest on every comment, and without the secret nobody can
        check a guessed address against it (unlike Gravatar's plain MD5).
        """
        digest = self._digests.get(secret)
        if digest is None:
            identity = self._address.casefold().encode("utf-8")
            digest = self._digests[secret] = hmac.new(secret, identity, hashlib.sha256).hexdigest()
        return digest

    def __str__(self) -> str:
        return self.masked

    def __repr__(self) -> str:
        return f"EmailAddress({self.masked!r})"

    def __eq__(self, other: object) -> bool:
        if isinstance(other, EmailAddress):
            return self._address.casefold() == other._address.casefold()
        return NotImplemented

    def __hash__(self) -> int:
        return hash(self._address.casefold())

    def __reduce__(self) -> tuple[type[EmailAddress], tuple[str]]:
        # Submissions cross process boundaries in the CLI's worker pool.
        return (EmailAddress, (self._address,))

    @classmethod
    def __get_pydantic_core_schema__(
        cls, source_type: Any, handler: GetCoreSchemaHandler
    ) -> core_schema.CoreSchema:
        return _schema(_validate, _serialize, core_schema.str_schema())


class _OptionalEmailSchema:
    """Pydantic schema of :data:`OptionalEmailAddress`: ``None`` goes through the validator too."""

    @classmethod
    def __get_pydantic_core_schema__(
        cls, source_type: Any, handler: GetCoreSchemaHandler
    ) -> core_schema.CoreSchema:
        nullable = core_schema.nullable_schema(core_schema.str_schema())
        return _schema(validate_optional_email, _serialize_optional, nullable)


def _schema(
    validate: Callable[[object, ValidationInfo], object],
    serialize: Callable[[Any, SerializationInfo], object],
    input_schema: core_schema.CoreSchema,
) -> core_schema.CoreSchema:
    """Our own validator and masking serializer in place of pydantic's, with a JSON schema."""
    return core_schema.with_info_plain_validator_function(
        validate,
        serialization=core_schema.plain_serializer_function_ser_schema(serialize, info_arg=True),
        json_schema_input_schema=input_schema,
    )


def validate_optional_email(value: object, info: ValidationInfo) -> EmailAddress | None:
    """A submission's email: validated, or ``None`` when absent and not required.

    Whether an address is required is ``EmailOptions.required`` (WordPress's
    ``require_name_email``): forms require one; old comments in a dump may have none.
    """
    if value is None or (isinstance(value, str) and not value.strip()):
        if options_from_context(info.context).email.required:
            raise field_error("email_missing", N_("Please enter your email address."))
        return None
    return _validate(value, info)


def _validate(value: object, info: ValidationInfo) -> EmailAddress:
    if isinstance(value, EmailAddress):
        return value
    if not isinstance(value, str) or not value.strip():
        raise field_error("email_missing", N_("Please enter your email address."))
    options = options_from_context(info.context)
    address = value.strip()
    max_chars = options.limits.email_max_chars
    if len(address) > max_chars:
        raise field_error(
            "email_too_long",
            N_("Your email address must be at most {max_chars} characters."),
            max_chars=max_chars,
        )
    if not options.email.check_deliverability:
        plain = plain_address(address)
        if plain is not None:
            return EmailAddress(plain)
    try:
        checked = email_validator.validate_email(
            address,
            check_deliverability=options.email.check_deliverability,
            timeout=options.email.dns_timeout,
        )
    except email_validator.EmailUndeliverableError:
        raise field_error(
            "email_undeliverable", N_("The domain of this email address cannot receive email.")
        ) from None
    except email_validator.EmailNotValidError:
        # email-validator's own message quotes parts of the address; ours does not.
        raise field_error("email_invalid", N_("Please enter a valid email address.")) from None
    return EmailAddress(checked.normalized)


_ATOM = r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+"
_LABEL = r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
_PLAIN_ADDRESS = re.compile(
    rf"(?P<local>{_ATOM}(?:\.{_ATOM})*)@(?P<domain>(?:{_LABEL}\.)+[A-Za-z]{{1,63}})", re.ASCII
)
_PLAIN_MAX_CHARS = 200  # well inside every length limit email-validator applies


def plain_address(address: str) -> str | None:
    """The normalised form of a plain ASCII address, or ``None`` to ask email-validator.

    Most addresses are an ASCII dot-atom at an ordinary domain. For those, email-validator's
    answer is known without running it (about 150 microseconds an address): valid, with the
    domain in lower case. Everything else (non-ASCII, quoted local parts, a label with ``--``,
    a special-use domain such as ``.test``, long addresses) goes to email-validator. A
    property-based test compares both on generated and real addresses.
    """
    if len(address) > _PLAIN_MAX_CHARS:
        return None
    match = _PLAIN_ADDRESS.fullmatch(address)
    if match is None or len(match["local"]) > 64:  # RFC 5321: at most 64 characters
        return None
    domain = match["domain"].lower()
    if "--" in domain or _special_use(domain):
        return None
    return f"{match['local']}@{domain}"


def _special_use(domain: str) -> bool:
    # Read the list on each call: email-validator documents it as one a site may change.
    names = tuple(email_validator.SPECIAL_USE_DOMAIN_NAMES)
    return domain in names or domain.endswith(_suffixes(names))


@functools.lru_cache(maxsize=8)
def _suffixes(names: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(f".{name}" for name in names)


def _serialize_optional(value: EmailAddress | None, info: SerializationInfo) -> str | None:
    return None if value is None else _serialize(value, info)


OptionalEmailAddress = Annotated[EmailAddress | None, _OptionalEmailSchema]
"""A submission's email field: an :class:`EmailAddress`, or ``None`` where none is required."""


def _serialize(value: EmailAddress, info: SerializationInfo) -> str:
    context = info.context
    if isinstance(context, dict) and context.get(REVEAL_CONTEXT_KEY) is True:
        return value.reveal()
    return value.masked
