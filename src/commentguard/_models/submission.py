"""The comment submission: everything a reader sent, validated once at the boundary."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime
from ipaddress import IPv4Address, IPv6Address, ip_address
from socket import AF_INET, inet_pton
from typing import Any, Literal

from pydantic import (
    AwareDatetime,
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    ValidationInfo,
    field_validator,
)

from commentguard._errors import FieldError, InvalidSubmission
from commentguard._models.email import OptionalEmailAddress
from commentguard._models.fields import (
    TEMPLATE_KEY,
    clean_body,
    clean_name,
    clean_optional_text,
    clean_web_url,
    field_error,
)
from commentguard._models.limits import (
    CONTEXT_KEY,
    DEFAULT_VALIDATION_OPTIONS,
    ValidationOptions,
    options_from_context,
)
from commentguard._models.website import clean_website
from commentguard.i18n import N_
from commentguard.text._prepared import PreparedFields

IPAddress = IPv4Address | IPv6Address
CommentType = Literal["comment", "pingback", "trackback"]
COMMENT_TYPES: tuple[CommentType, ...] = ("comment", "pingback", "trackback")


def parse_ip(text: str) -> IPAddress:
    """``ipaddress.ip_address(text)``, with dotted-quad IPv4 read by the C library.

    ``inet_pton`` accepts exactly the four decimal parts without leading zeros that
    ``ip_address`` accepts, about six times faster; anything it refuses goes to ``ip_address``,
    which decides (a property-based test compares the two).

    Raises:
        ValueError: ``text`` is not an IP address.
    """
    try:
        return IPv4Address(inet_pton(AF_INET, text))
    except (OSError, ValueError):
        return ip_address(text)


_PREPARED = "_commentguard_prepared"  # where a submission keeps its prepared fields


def _now() -> datetime:
    return datetime.now(UTC)


class CommentSubmission(BaseModel):
    """A comment as submitted through a form, an API or a dump, after validation.

    Build one with :meth:`parse` (or ``Guard.parse``) to get readable per-field errors. The
    email is an :class:`~commentguard.EmailAddress`: it is masked in ``repr``, ``str`` and dumps,
    and only :meth:`EmailAddress.reveal` returns it.
    """

    model_config = ConfigDict(frozen=True, extra="forbid", hide_input_in_errors=True)

    name: str = Field(description="Display name, trimmed; required.")
    email: OptionalEmailAddress = Field(
        None,
        validate_default=True,
        description="Validated and normalised; never published. ``None`` only where the "
        "``email.required`` setting is off (old comments in a dump).",
    )
    body: str = Field(description="The comment text, trimmed; required.")
    url: str | None = Field(
        None, description="The author's website: http or https, safe to print in an href."
    )
    id: str | None = Field(None, description="The caller's id for this comment, if it has one.")
    parent_id: str | None = Field(None, description="Id of the comment this one replies to.")
    thread_id: str | None = Field(None, description="Id of the article or thread.")
    permalink: str | None = Field(None, description="Address of the page the comment is on.")
    thread_published_at: AwareDatetime | None = Field(
        None, description="When the thread was published; used to close old threads."
    )
    ip: IPAddress | None = Field(None, description="The client's address (after proxy handling).")
    user_agent: str | None = None
    referrer: str | None = None
    submitted_at: AwareDatetime = Field(default_factory=_now)
    author_role: Literal["reader", "trusted", "moderator"] = Field(
        "reader", description="Who the site says the author is; flood limits can exempt some."
    )
    comment_type: CommentType = Field(
        "comment",
        description="WordPress's comment_type: a reader's comment, or a pingback or trackback "
        "(another site's notice that it links here); each check says which it applies to.",
    )
    honeypot: str | None = Field(None, description="Value of the hidden field only bots fill.")
    form_token: str | None = Field(None, description="The signed token rendered with the form.")

    @classmethod
    def parse(
        cls,
        data: Mapping[str, Any],
        options: ValidationOptions = DEFAULT_VALIDATION_OPTIONS,
    ) -> CommentSubmission:
        """Validate ``data`` and return a submission.

        Raises:
            InvalidSubmission: with one :class:`FieldError` per field that failed. Messages never
                quote the submitted values.
        """
        try:
            return cls.model_validate(dict(data), context={CONTEXT_KEY: options})
        except ValidationError as exc:
            raise InvalidSubmission(field_errors(exc)) from None

    @property
    def prepared(self) -> PreparedFields:
        """The name and body as a reader sees them, prepared once for every check.

        HTML character references decoded, tags dropped with their text kept; each
        :class:`~commentguard.text.PreparedText` maps spans back into the field as submitted
        (see docs/checks.md, "The prepared text"). Worked out the first time it is read and
        kept with the submission (outside its fields: it is not dumped, compared or shown).
        """
        known: PreparedFields | None = self.__dict__.get(_PREPARED)
        if known is None or not known.prepares(self.name, self.body):
            known = PreparedFields(self.name, self.body)
            self.__dict__[_PREPARED] = known  # as functools.cached_property keeps its value
        return known

    @field_validator("name", mode="plain")
    @classmethod
    def _name(cls, value: object, info: ValidationInfo) -> str:
        return clean_name(value, options_from_context(info.context).limits.name_max_chars)

    @field_validator("body", mode="plain")
    @classmethod
    def _body(cls, value: object, info: ValidationInfo) -> str:
        return clean_body(value, options_from_context(info.context).limits.body_max_bytes)

    @field_validator("url", mode="plain")
    @classmethod
    def _url(cls, value: object, info: ValidationInfo) -> str | None:
        limit = options_from_context(info.context).limits.url_max_chars
        return clean_website(value, max_chars=limit)

    @field_validator("permalink", "referrer", mode="plain")
    @classmethod
    def _page_url(cls, value: object, info: ValidationInfo) -> str | None:
        limits = options_from_context(info.context).limits
        field = info.field_name or "url"
        limit = limits.permalink_max_chars if field == "permalink" else limits.referrer_max_chars
        return clean_web_url(value, field=field, max_chars=limit)

    @field_validator("id", "parent_id", "thread_id", mode="plain")
    @classmethod
    def _ids(cls, value: object, info: ValidationInfo) -> str | None:
        limit = options_from_context(info.context).limits.id_max_chars
        return clean_optional_text(value, field=info.field_name or "id", max_chars=limit)

    @field_validator("ip", mode="plain")
    @classmethod
    def _ip(cls, value: object) -> IPAddress | None:
        if value is None or value == "":
            return None
        if isinstance(value, IPv4Address | IPv6Address):
            return value
        try:
            return parse_ip(str(value).strip())
        except ValueError:
            raise field_error("ip_invalid", N_("This is not a valid IP address.")) from None

    @field_validator("user_agent", mode="plain")
    @classmethod
    def _user_agent(cls, value: object, info: ValidationInfo) -> str | None:
        limit = options_from_context(info.context).limits.user_agent_max_chars
        return clean_optional_text(value, field="user_agent", max_chars=limit)

    @field_validator("form_token", mode="plain")
    @classmethod
    def _form_token(cls, value: object, info: ValidationInfo) -> str | None:
        limit = options_from_context(info.context).limits.token_max_chars
        return clean_optional_text(value, field="form_token", max_chars=limit)

    @field_validator("honeypot", mode="plain")
    @classmethod
    def _honeypot(cls, value: object, info: ValidationInfo) -> str | None:
        # Any value at all, even blanks, means a bot filled the field; never refuse it with a
        # field error (that would tell the bot), just keep a bounded amount.
        if value is None or value == "":
            return None
        limit = options_from_context(info.context).limits.token_max_chars
        # Lone surrogates cannot be serialised; they only matter as "something was filled".
        return str(value)[:limit].encode("utf-8", "replace").decode("utf-8")


# Messages for pydantic's own error types (a missing key, a wrong type) on each field.
_WHEN = N_("This must be a date and time with a time zone.")
_FALLBACK_MESSAGES = {
    "name": ("name_missing", N_("Please enter your name.")),
    "email": ("email_missing", N_("Please enter your email address.")),
    "body": ("body_missing", N_("Please type your comment.")),
    "submitted_at": ("submitted_at_invalid", _WHEN),
    "thread_published_at": ("thread_published_at_invalid", _WHEN),
}
_UNKNOWN_FIELD = N_("This field is not part of a comment.")
_NOT_VALID = N_("This value is not valid.")


def field_errors(exc: ValidationError) -> tuple[FieldError, ...]:
    """Turn pydantic's errors into one :class:`FieldError` per field, in field order.

    Each error keeps its untranslated template and parameters, for
    :meth:`FieldError.message_in`.
    """
    by_field: dict[str, FieldError] = {}
    for error in exc.errors(include_input=False, include_url=False):
        location = error["loc"]
        field = str(location[0]) if location else "__root__"
        if field in by_field:
            continue
        code, message = error["type"], error["msg"]
        params = dict(error.get("ctx") or {})
        template = params.pop(TEMPLATE_KEY, message)
        if error["type"] == "extra_forbidden":
            code, template = "unknown_field", _UNKNOWN_FIELD
            message, params = template, {}
        elif not code.startswith(f"{field}_"):
            code, template = _FALLBACK_MESSAGES.get(field, (f"{field}_invalid", _NOT_VALID))
            message, params = template, {}
        by_field[field] = FieldError(
            field=field, code=code, message=message, template=template, params=params
        )
    order = list(CommentSubmission.model_fields)
    return tuple(
        sorted(by_field.values(), key=lambda e: order.index(e.field) if e.field in order else 99)
    )
