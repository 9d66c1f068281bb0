"""Size limits and validation options for submissions."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field, PositiveInt


class SubmissionLimits(BaseModel):
    """Maximum sizes of submission fields.

    The defaults are WordPress's column sizes (``wp_comments``): a site migrating from WordPress
    accepts exactly what it accepted before.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    name_max_chars: PositiveInt = 245
    email_max_chars: PositiveInt = 100
    url_max_chars: PositiveInt = 200
    body_max_bytes: PositiveInt = Field(65_525, description="Counted in UTF-8 bytes.")
    user_agent_max_chars: PositiveInt = 1024
    referrer_max_chars: PositiveInt = 2048
    permalink_max_chars: PositiveInt = 2048
    token_max_chars: PositiveInt = 2048
    id_max_chars: PositiveInt = 255


class EmailOptions(BaseModel):
    """How email addresses are checked.

    The deliverability check asks DNS whether the domain accepts mail. It is off by default:
    it is slow, it fails when the network does, and it leaks the domain to the resolver.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    required: bool = Field(
        True,
        description="Refuse a submission without an address (WordPress's require_name_email); "
        "`commentguard check` reads dumps without requiring one unless --require-email.",
    )
    check_deliverability: bool = False
    dns_timeout: PositiveInt = Field(5, description="Seconds to wait for DNS answers.")


class ValidationOptions(BaseModel):
    """Everything that changes how a submission is validated; passed as validation context."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    limits: SubmissionLimits = SubmissionLimits()
    email: EmailOptions = EmailOptions()


DEFAULT_VALIDATION_OPTIONS = ValidationOptions()
CONTEXT_KEY = "commentguard"
"""Key under which :class:`ValidationOptions` travel in pydantic's validation context."""


def options_from_context(context: object) -> ValidationOptions:
    """Return the options passed in a pydantic validation context, or the defaults."""
    if isinstance(context, dict):
        options = context.get(CONTEXT_KEY)
        # The exact type first: isinstance on a pydantic model class goes through ABCMeta,
        # and validation asks this for every field of every submission.
        if type(options) is ValidationOptions or isinstance(options, ValidationOptions):
            return options
    return DEFAULT_VALIDATION_OPTIONS


JSON_MAX_DEPTH = 32
"""The deepest nesting of arrays and objects read from JSON (a comment object is depth 1).

A submission's fields are flat, so nothing legitimate comes close; Python's own parser stops
with a ``RecursionError`` near depth 1,000, and deep values are costly to validate and print.
"""

JSON_MAX_NUMBER_CHARS = 100
"""The longest number literal read from JSON, in characters.

The only numbers a submission takes are ids (a 64-bit id has 20 digits). Python refuses to
convert an integer of more than 4,300 digits with a ``ValueError``, and converting one
costs time that grows faster than its length.
"""


def record_max_bytes(limits: SubmissionLimits) -> int:
    r"""The most bytes one record of a dump may take; ``commentguard check`` skips a longer one.

    Room for every field at its limit written the longest way JSON can write it (6 bytes for
    each byte of the body, as ``\u00e9`` for a 2-byte ``é``; 12 for each character of the
    other fields, as ``\ud83d\ude00`` for one emoji), plus 64 KiB for keys, dates and
    spacing; and at least 1 MiB. With the default limits that is the 1 MiB.
    """
    characters = (
        limits.name_max_chars
        + limits.email_max_chars
        + limits.url_max_chars
        + limits.user_agent_max_chars
        + limits.referrer_max_chars
        + limits.permalink_max_chars
        + 2 * limits.token_max_chars  # form_token and honeypot
        + 3 * limits.id_max_chars  # id, parent_id and thread_id
    )
    return max(2**20, 6 * limits.body_max_bytes + 12 * characters + 2**16)


RECORD_MAX_BYTES = record_max_bytes(SubmissionLimits())
""":func:`record_max_bytes` for the default limits: 1 MiB."""
