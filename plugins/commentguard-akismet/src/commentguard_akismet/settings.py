"""Settings of the ``akismet`` check, and where its API key and site URL come from."""

from __future__ import annotations

import os

import akismet
from pydantic import Field, PositiveFloat, SecretStr, field_validator

from commentguard import CheckSettings, ConfigurationError, NotConfigured, Verdict
from commentguard.adapters import FieldNames

KEY_VARIABLE = "PYTHON_AKISMET_API_KEY"
"""The akismet package's own environment variable for the API key."""
SITE_VARIABLE = "PYTHON_AKISMET_BLOG_URL"
"""The akismet package's own environment variable for the registered site's URL."""


class AkismetSettings(CheckSettings):
    """Settings of the ``akismet`` check, read from ``[checks.akismet]``."""

    api_key: SecretStr | None = Field(
        None, description=f"The Akismet API key; defaults to ${KEY_VARIABLE}."
    )
    site_url: str | None = Field(
        None, description=f"The site registered with the key; defaults to ${SITE_VARIABLE}."
    )
    request_timeout: PositiveFloat = Field(
        2.0, description="Seconds to wait for Akismet (connecting, and reading its answer)."
    )
    fallback: Verdict = Field(
        Verdict.HOLD,
        description="Verdict when Akismet cannot answer: timeout, network error, invalid key.",
    )
    spam_verdict: Verdict = Field(Verdict.SPAM, description="Verdict when Akismet says spam.")
    discard_verdict: Verdict = Field(
        Verdict.DISCARD, description="Verdict when Akismet says blatant spam (discard)."
    )
    comment_type: str = Field(
        "comment", description="Akismet's comment_type for top-level comments (replies: reply)."
    )
    honeypot_field_name: str | None = Field(
        FieldNames.honeypot,
        description="Name of the form's honeypot field, sent to Akismet: by default the "
        "adapters' (FieldNames.honeypot); set the same name when the form's FieldNames "
        "renames it.",
    )
    blog_lang: str | None = Field(
        None, description="Languages of the site, such as 'en' or 'en, fr_ca'."
    )
    is_test: bool = Field(False, description="Mark requests as tests: Akismet does not learn.")
    report: bool = Field(
        True, description="Send moderators' verdicts to Akismet (submit-spam, submit-ham)."
    )

    @field_validator("site_url")
    @classmethod
    def _web_address(cls, value: str | None) -> str | None:
        if value is not None and not value.startswith(("http://", "https://")):
            raise ValueError("must be the site's full address, starting with https:// or http://")
        return value


def akismet_config(settings: AkismetSettings) -> akismet.Config:
    """The key and site URL from the settings, else from the akismet package's variables.

    Raises:
        NotConfigured: no API key at all: the check is not set up, and the guard leaves it
            out with a warning (or refuses to start when ``required = true``).
        ConfigurationError: a key without the site's address, or an address that is not a
            web address: a set-up begun and not finished, which is refused. The messages name
            the setting and the variable, never the key.
    """
    key = (
        settings.api_key.get_secret_value()
        if settings.api_key is not None
        else os.environ.get(KEY_VARIABLE, "")
    )
    url = settings.site_url or os.environ.get(SITE_VARIABLE, "")
    if not key.strip():
        raise NotConfigured(
            f"the akismet check needs an API key: set checks.akismet.api_key or {KEY_VARIABLE}, "
            f"and the site's address in checks.akismet.site_url or {SITE_VARIABLE}"
        )
    if not url.startswith(("http://", "https://")):
        raise ConfigurationError(
            f"the akismet check needs the site's address, starting with https://: set "
            f"checks.akismet.site_url or {SITE_VARIABLE}"
        )
    return akismet.Config(key=key.strip(), url=url)
