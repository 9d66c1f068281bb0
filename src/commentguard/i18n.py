"""Translations of the messages readers see, from the gettext catalogues in the package.

Field errors and author messages are kept in English, as message ids, all the way through the
core: a :class:`~commentguard.FieldError` keeps its template and parameters, a
:class:`~commentguard.Decision` its author message. They are translated once, where a page or
a response is made for a reader (``FieldError.message_in``, ``InvalidSubmission.errors_in``,
``Decision.author_message_in``, and the adapters), so moderating stays as fast as it was.

Example:
    >>> from commentguard.i18n import render, translate
    >>> translate("Thank you for your comment.", "de")
    'Vielen Dank für Ihren Kommentar.'
    >>> render("Your name must be at most {max_chars} characters.", {"max_chars": 245}, "fr")
    'Votre nom ne doit pas dépasser 245 caractères.'
"""

from __future__ import annotations

import functools
import gettext
import re
from collections.abc import Mapping
from pathlib import Path

DOMAIN = "commentguard"
"""The gettext domain: catalogues are ``locale/<language>/LC_MESSAGES/commentguard.mo``."""
LOCALE_DIR = Path(__file__).parent / "locale"
"""Where the catalogues shipped in the package are."""
SOURCE_LOCALE = "en"
"""The language the messages are written in, which needs no catalogue."""

_TAG = re.compile(r"(?P<language>[A-Za-z]{2,3})(?:[-_](?P<rest>[A-Za-z0-9_-]+))?")
_QUALITY = re.compile(r"\s*q\s*=\s*(?P<q>[^;]*?)\s*", re.IGNORECASE)
_WEIGHT = re.compile(r"0(?:\.[0-9]{0,3})?|1(?:\.0{0,3})?")  # RFC 9110's qvalue


def N_(message: str) -> str:  # noqa: N802 - gettext's name for the marker, which extractors know
    """Mark ``message`` for translation and return it unchanged (``gettext_noop``).

    The message is translated later, for the reader it is shown to; extraction
    (``pybabel extract -k N_``) finds it in the source.
    """
    return message


@functools.cache
def available_locales() -> tuple[str, ...]:
    """The languages messages can be shown in: English and each shipped catalogue, sorted."""
    shipped = {path.parent.parent.name for path in LOCALE_DIR.glob(f"*/LC_MESSAGES/{DOMAIN}.mo")}
    return tuple(sorted({SOURCE_LOCALE, *shipped}))


def normalize_locale(locale: str) -> str | None:
    """``de-DE``, ``de_de`` and ``DE`` as gettext names them (``de_DE``, ``de``), or ``None``.

    ``None`` for anything that is not a language tag (``"*"``, ``""``, ``"deutsch!"``).
    """
    match = _TAG.fullmatch(locale.strip())
    if match is None:
        return None
    language = match["language"].lower()
    rest = match["rest"]
    if rest is None:
        return language
    region = rest.replace("-", "_").split("_")[-1]
    return f"{language}_{region.upper() if len(region) == 2 else region}"


def is_available(locale: str) -> bool:
    """Whether messages can be shown in ``locale`` (or in its language, for ``de_AT``)."""
    normalized = normalize_locale(locale)
    return normalized is not None and normalized.split("_")[0] in available_locales()


def translate(message: str, locale: str | None) -> str:
    """``message`` in ``locale``; itself for English, ``None`` or a language without catalogue."""
    if not locale or locale == SOURCE_LOCALE:
        return message
    return _catalogue(locale).gettext(message)


def render(template: str, params: Mapping[str, object], locale: str | None) -> str:
    """Translate ``template``, then fill in its ``{placeholders}`` from ``params``."""
    translated = translate(template, locale)
    return translated.format_map(params) if params else translated


@functools.lru_cache(maxsize=64)  # bounded: a locale may come from a request
def _catalogue(locale: str) -> gettext.NullTranslations:
    normalized = normalize_locale(locale)
    if normalized is None or normalized.split("_")[0] == SOURCE_LOCALE:
        return gettext.NullTranslations()
    return gettext.translation(DOMAIN, LOCALE_DIR, languages=[normalized], fallback=True)


def negotiate_locale(accept_language: str | None, default: str = SOURCE_LOCALE) -> str:
    """The shipped language a reader's ``Accept-Language`` header prefers, else ``default``.

    Languages are taken by quality (``q``), then in the order given; a region (``de-AT``)
    matches its language's catalogue, and ``q=0`` means "not this one".

    Example:
        >>> negotiate_locale("fr-CH, fr;q=0.9, en;q=0.8, de;q=0.7")
        'fr'
    """
    if not accept_language:
        return default
    choices: list[tuple[float, int, str]] = []
    for position, part in enumerate(accept_language.split(",")[:32]):  # a header has few
        tag, *parameters = part.split(";")
        weight = _weight(parameters)
        normalized = normalize_locale(tag)
        if normalized is None or weight is None or weight <= 0:
            continue
        choices.append((-weight, position, normalized.split("_")[0]))
    for _, _, language in sorted(choices):
        if language in available_locales():
            return language
    return default


def _weight(parameters: list[str]) -> float | None:
    """The ``q`` of a language range (1 when absent), or ``None`` when it is malformed."""
    for parameter in parameters:
        quality = _QUALITY.fullmatch(parameter)
        if quality is not None:
            value = quality["q"]
            return float(value) if _WEIGHT.fullmatch(value) else None
    return 1.0
