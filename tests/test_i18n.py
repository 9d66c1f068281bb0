"""Messages for readers in the reader's language: the i18n functions, errors and decisions."""

from __future__ import annotations

import doctest
import re
import textwrap
from pathlib import Path

import pytest

from commentguard import (
    CommentSubmission,
    Decision,
    FieldError,
    InvalidSubmission,
    Settings,
    SettingsError,
    SubmissionLimits,
    ValidationOptions,
    Verdict,
    i18n,
)
from commentguard.i18n import (
    available_locales,
    is_available,
    negotiate_locale,
    normalize_locale,
    render,
    translate,
)
from commentguard.testing import guard_with, make_settings

EMAIL = "reader.private@example.com"


def errors_of(data: dict[str, object], **limits: int) -> InvalidSubmission:
    options = ValidationOptions(limits=SubmissionLimits(**limits))
    with pytest.raises(InvalidSubmission) as caught:
        CommentSubmission.parse(data, options)
    return caught.value


def test_the_shipped_languages_are_english_german_and_french() -> None:
    assert available_locales() == ("de", "en", "fr")


@pytest.mark.parametrize(
    ("tag", "normalized"),
    [
        ("de", "de"),
        ("DE", "de"),
        ("de-at", "de_AT"),
        ("de_AT", "de_AT"),
        ("fr-CA", "fr_CA"),
        (" en-GB ", "en_GB"),
        ("zh-Hant-TW", "zh_TW"),
        ("*", None),
        ("", None),
        ("deutsch", None),
        ("de;q=1", None),
    ],
)
def test_normalize_locale_names_languages_as_gettext_does(tag: str, normalized: str | None) -> None:
    assert normalize_locale(tag) == normalized


@pytest.mark.parametrize(
    ("locale", "expected"),
    [
        ("de", "Vielen Dank für Ihren Kommentar."),
        ("de-CH", "Vielen Dank für Ihren Kommentar."),
        ("fr", "Merci pour votre commentaire."),
        ("fr_CA", "Merci pour votre commentaire."),
        ("en", "Thank you for your comment."),
        ("en-GB", "Thank you for your comment."),
        ("es", "Thank you for your comment."),
        ("not a language", "Thank you for your comment."),
        (None, "Thank you for your comment."),
        ("", "Thank you for your comment."),
    ],
)
def test_translate_falls_back_to_english(locale: str | None, expected: str) -> None:
    assert translate("Thank you for your comment.", locale) == expected


def test_an_unknown_message_is_shown_as_it_is() -> None:
    assert translate("A plugin's own words.", "de") == "A plugin's own words."


def test_render_fills_in_the_parameters_after_translating() -> None:
    template = "Your name must be at most {max_chars} characters."
    assert (
        render(template, {"max_chars": 12}, "de") == "Ihr Name darf höchstens 12 Zeichen lang sein."
    )
    assert render(template, {"max_chars": 12}, None) == "Your name must be at most 12 characters."


def test_is_available_for_a_language_or_its_region() -> None:
    assert is_available("de_AT")
    assert is_available("fr")
    assert not is_available("es")
    assert not is_available("*")


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        (None, "en"),
        ("", "en"),
        ("de", "de"),
        ("de-DE,de;q=0.9,en;q=0.8", "de"),
        ("fr-CH, fr;q=0.9, en;q=0.8, de;q=0.7, *;q=0.5", "fr"),
        ("es, fr;q=0.5, de;q=0.7", "de"),  # by quality, not by order
        ("es, it", "en"),
        ("de;q=0, fr;q=0.1", "fr"),  # q=0: not this one
        ("*", "en"),
        ("de;q=abc, fr", "fr"),  # a broken quality drops that language only
        ("en;q=0.9, de;q=0.8", "en"),
    ],
)
def test_negotiate_locale_picks_a_shipped_language(header: str | None, expected: str) -> None:
    assert negotiate_locale(header) == expected


def test_negotiate_locale_falls_back_to_the_given_default() -> None:
    assert negotiate_locale("es, it", default="fr") == "fr"


def test_field_errors_keep_the_template_and_the_parameters() -> None:
    exc = errors_of({"name": "A" * 21, "email": EMAIL, "body": "Hi"}, name_max_chars=20)
    (error,) = exc.errors
    assert error.message == "Your name must be at most 20 characters."
    assert error.template == "Your name must be at most {max_chars} characters."
    assert error.params == {"max_chars": 20}
    assert error.message_in("de") == "Ihr Name darf höchstens 20 Zeichen lang sein."
    assert error.message_in("fr") == "Votre nom ne doit pas dépasser 20 caractères."


@pytest.mark.parametrize(
    ("data", "limits", "field", "german", "french"),
    [
        (
            {"email": EMAIL, "body": "Hi"},
            {},
            "name",
            "Bitte geben Sie Ihren Namen ein.",
            "Veuillez saisir votre nom.",
        ),
        (
            {"name": "Ada", "email": "not-an-address", "body": "Hi"},
            {},
            "email",
            "Bitte geben Sie eine gültige E-Mail-Adresse ein.",
            "Veuillez saisir une adresse e-mail valide.",
        ),
        (
            {"name": "Ada", "email": EMAIL, "body": "é" * 11},
            {"body_max_bytes": 20},
            "body",
            "Ihr Kommentar ist zu lang: Er darf höchstens 20 Byte umfassen.",
            "Votre commentaire est trop long\u00a0: il ne doit pas dépasser 20 octets.",
        ),
        (
            {"name": "Ada", "email": EMAIL, "body": "Hi", "url": "https://" + "a" * 30 + ".de"},
            {"url_max_chars": 30},
            "url",
            "Diese Webadresse darf höchstens 30 Zeichen lang sein.",
            "Cette adresse web ne doit pas dépasser 30 caractères.",
        ),
        (
            {"name": "Ada", "email": EMAIL, "body": "Hi", "thread_id": "t" * 11},
            {"id_max_chars": 10},
            "thread_id",
            "Dieser Wert darf höchstens 10 Zeichen lang sein.",
            "Cette valeur ne doit pas dépasser 10 caractères.",
        ),
        (
            {"name": "Ada", "email": "a" * 30 + "@example.com", "body": "Hi"},
            {"email_max_chars": 20},
            "email",
            "Ihre E-Mail-Adresse darf höchstens 20 Zeichen lang sein.",
            "Votre adresse e-mail ne doit pas dépasser 20 caractères.",
        ),
        (
            {"name": "Ada", "email": EMAIL, "body": "Hi", "colour": "red"},
            {},
            "colour",
            "Dieses Feld gehört nicht zu einem Kommentar.",
            "Ce champ ne fait pas partie d’un commentaire.",
        ),
        (
            {"name": "Ada", "email": EMAIL, "body": "Hi", "submitted_at": "yesterday"},
            {},
            "submitted_at",
            "Hier wird ein Datum mit Uhrzeit und Zeitzone erwartet.",
            "Une date et une heure avec un fuseau horaire sont attendues ici.",
        ),
    ],
)
def test_each_kind_of_field_error_is_translated(
    data: dict[str, object], limits: dict[str, int], field: str, german: str, french: str
) -> None:
    error = errors_of(data, **limits).by_field()[field]
    assert error.message_in("de") == german
    assert error.message_in("fr") == french
    assert error.message_in("en") == error.message


def test_a_message_never_holds_the_email() -> None:
    exc = errors_of({"name": "Ada", "email": "ada@@example.com", "body": "Hi"})
    for locale in available_locales():
        for error in exc.errors_in(locale):
            assert "ada" not in error.message.lower()


def test_errors_in_translates_every_error_and_keeps_the_codes() -> None:
    exc = errors_of({"name": "", "email": "", "body": ""})
    german = exc.errors_in("de")
    assert [error.code for error in german] == [error.code for error in exc.errors]
    assert [error.message for error in german] == [
        "Bitte geben Sie Ihren Namen ein.",
        "Bitte geben Sie Ihre E-Mail-Adresse ein.",
        "Bitte schreiben Sie Ihren Kommentar.",
    ]
    assert exc.errors[0].message == "Please enter your name."  # the English stays


def test_by_field_takes_a_locale() -> None:
    exc = errors_of({"name": "Ada", "email": EMAIL, "body": ""})
    assert exc.by_field()["body"].message == "Please type your comment."
    assert exc.by_field("fr")["body"].message == "Veuillez écrire votre commentaire."


def test_a_field_error_built_by_hand_translates_its_message() -> None:
    error = FieldError("body", "body_missing", "Please type your comment.")
    assert error.message_in("de") == "Bitte schreiben Sie Ihren Kommentar."
    assert error.translated("de").message == "Bitte schreiben Sie Ihren Kommentar."
    assert error.translated("de").code == "body_missing"


def test_field_errors_compare_by_field_code_and_message() -> None:
    parsed = errors_of({"name": "Ada", "email": EMAIL, "body": ""}).errors[0]
    assert parsed == FieldError("body", "body_missing", "Please type your comment.")
    assert hash(parsed) == hash(FieldError("body", "body_missing", "Please type your comment."))


@pytest.mark.parametrize(
    ("verdict", "german", "french"),
    [
        (Verdict.APPROVE, "Vielen Dank für Ihren Kommentar.", "Merci pour votre commentaire."),
        (
            Verdict.HOLD,
            "Ihr Kommentar muss noch freigegeben werden.",
            "Votre commentaire est en attente de modération.",
        ),
        (
            Verdict.REJECT,
            "Ihr Kommentar konnte nicht angenommen werden.",
            "Votre commentaire n’a pas pu être accepté.",
        ),
    ],
)
def test_the_default_policys_messages_are_translated(
    verdict: Verdict, german: str, french: str
) -> None:
    from commentguard._policy import AUTHOR_MESSAGES

    decision = Decision(verdict=verdict, author_message=AUTHOR_MESSAGES[verdict])
    assert decision.author_message_in("de") == german
    assert decision.author_message_in("fr") == french
    assert decision.author_message_in(None) == AUTHOR_MESSAGES[verdict]


def test_a_checks_author_message_is_translated() -> None:
    guard = guard_with(settings=make_settings(checks={"closed_thread": {"close_after_days": 1}}))
    moderation = guard.moderate(
        {
            "name": "Ada",
            "email": EMAIL,
            "body": "Late to the party.",
            "thread_published_at": "2020-01-01T00:00:00Z",
        }
    )
    assert moderation.verdict is Verdict.REJECT
    assert moderation.author_message == "Comments are closed on this article."
    assert (
        moderation.author_message_in("de") == "Die Kommentare zu diesem Artikel sind geschlossen."
    )
    assert moderation.author_message_in("fr") == "Les commentaires sont fermés pour cet article."
    assert moderation.decision.author_message_in("fr-BE") == moderation.author_message_in("fr")


def test_the_locale_setting_defaults_to_english_and_is_normalised() -> None:
    assert Settings().locale == "en"
    assert Settings(locale="de-at").locale == "de_AT"
    assert Settings(locale="FR").locale == "fr"


def test_the_locale_setting_comes_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COMMENTGUARD_LOCALE", "fr")
    assert Settings.load().locale == "fr"


@pytest.mark.parametrize("locale", ["es", "deutsch", "*", ""])
def test_a_locale_without_catalogue_is_a_settings_error(locale: str) -> None:
    with pytest.raises(SettingsError, match=r"locale: no messages in this language.*de, en, fr"):
        Settings.load(locale=locale)


def test_the_translations_page_runs_as_written() -> None:
    """Each Python block of docs/translations.md runs (indented ones in lists too)."""
    page = (Path(__file__).parent.parent / "docs" / "translations.md").read_text("utf-8")
    blocks = re.findall(r"^( *)```python\n(.*?)^\1```", page, flags=re.MULTILINE | re.DOTALL)
    assert len(blocks) == 3
    for _, block in blocks:
        code = compile(textwrap.dedent(block), "docs/translations.md", "exec")
        exec(code, {"__name__": "__main__"})  # noqa: S102 - the docs' own code, as written


def test_the_modules_examples_run() -> None:
    results = doctest.testmod(i18n)
    assert results.attempted >= 3
    assert results.failed == 0
