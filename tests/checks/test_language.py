"""The language check: py3langid's model, offline, holding comments outside the site's languages."""

from __future__ import annotations

import threading

import pytest

from commentguard import SettingsError, Verdict
from commentguard._loaders import Record, read_wxr
from commentguard.checks._language import (
    MODEL_LANGUAGES,
    LanguageCheck,
    LanguageSettings,
    count_words,
    detect,
    identifier,
)
from commentguard.dumps._runner import submission_data
from commentguard.testing import guard_with, make_settings, make_submission
from shared_data import shared_data

TURKISH = (
    "Bu yazı için çok teşekkür ederim, anlattığınız yöntemi denedim ve sorunum "
    "sonunda çözüldü. Elinize sağlık!"
)
GERMAN = (
    "Vielen Dank für den ausführlichen Artikel, ich habe die Anleitung Schritt für Schritt "
    "befolgt und jetzt funktioniert alles."
)
ENGLISH = (
    "Thanks for the detailed write-up, I followed the steps one by one and now everything "
    "works as it should."
)


def guard(**language):
    """A guard with the language check on, with ``language`` settings (no email needed)."""
    settings = make_settings(
        checks={"language": {"enabled": True, **language}}, email={"required": False}
    )
    return guard_with(settings=settings)


def language_findings(guard, **fields):
    decision = guard.moderate(make_submission(**fields))
    return [finding for finding in decision.findings if finding.check == "language"]


def check(**language):
    return LanguageCheck(LanguageSettings.model_validate({"enabled": True, **language}))


def test_off_by_default():
    """The default guard does not run the language check."""
    assert "language" not in [c.name for c in guard_with().checks]
    assert guard_with().moderate(make_submission(body=TURKISH)).verdict is Verdict.APPROVE


def test_a_comment_in_another_language_is_held():
    """A Turkish comment on an English site is held, with the language and its probability."""
    decision = guard(languages=["en"]).moderate(make_submission(body=TURKISH))

    assert decision.verdict is Verdict.HOLD
    (finding,) = decision.findings
    assert finding.code == "language.unexpected"
    assert finding.matched == "tr"
    assert finding.score is not None
    assert finding.score > 0.9
    assert "Turkish (tr)" in finding.moderator_message
    assert f"probability {finding.score:.2f}" in finding.moderator_message
    assert "Turkish" not in decision.author_message


@pytest.mark.parametrize("body", [ENGLISH, GERMAN, TURKISH])
def test_the_sites_languages_pass(body):
    assert guard(languages=["en", "de", "tr"]).moderate(make_submission(body=body)).findings == ()


def test_the_verdict_is_configurable():
    decision = guard(languages=["en"], verdict="spam").moderate(make_submission(body=GERMAN))
    assert decision.verdict is Verdict.SPAM


@pytest.mark.parametrize(
    "body",
    [
        "Elinize sağlık, çok güzel olmuş!",  # five Turkish words
        "Vielen Dank!",
        "https://a.example/tr/yazi https://b.example/de/artikel teşekkürler danke",  # links
    ],
)
def test_short_bodies_are_skipped(body):
    """Under ten words (links and markup not counted) the language is not looked at."""
    assert language_findings(guard(languages=["en"]), body=body) == []


def test_min_words_is_configurable():
    body = "Elinize sağlık, çok güzel olmuş!"
    assert check(languages=["en"], min_words=5).check(make_submission(body=body))


def test_chinese_words_are_counted_without_spaces():
    """Two Chinese characters count as a word: a sentence is not one word."""
    assert count_words("这篇文章写得非常好谢谢分享") == 6
    assert count_words("one two 三四") == 3


def test_a_less_sure_detection_passes():
    """Below min_probability the comment passes."""
    assert check(languages=["en"], min_probability=1.0).check(make_submission(body=GERMAN)) == ()


def test_candidates_restrict_the_detector_as_set_languages_does():
    """Restricting to candidates gives py3langid's own set_languages answer, model unchanged."""
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    own = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    own.set_languages(["en", "de", "nl"])
    for text in (TURKISH, GERMAN, ENGLISH):
        language, probability = detect(text, frozenset({"en", "de", "nl"}))
        expected_language, expected_probability = own.classify(text)
        assert language == expected_language
        assert probability == pytest.approx(expected_probability, rel=1e-4)
    assert detect(TURKISH)[0] == "tr"  # the shared model still knows every language


def test_candidates_setting():
    """With candidates en and de, a Turkish comment reads as one of them, not as Turkish."""
    findings = check(languages=["en"], candidates=["de"], min_probability=0).check(
        make_submission(body=TURKISH)
    )
    assert all(finding.matched == "de" for finding in findings)


def test_the_model_is_loaded_once_and_shared_by_threads():
    """Every thread, and every check whatever its languages, uses the same model."""
    found = []
    threads = [threading.Thread(target=lambda: found.append(identifier())) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len({id(model) for model in found}) == 1
    english, turkish = check(languages=["en"]), check(languages=["tr"])
    assert english.check(make_submission(body=TURKISH))
    assert turkish.check(make_submission(body=ENGLISH))
    assert not english.check(make_submission(body=ENGLISH))
    assert found[0] is identifier()


def test_model_languages_are_the_models():
    assert set(identifier().labels) - {"zxx"} == MODEL_LANGUAGES


@pytest.mark.parametrize(
    ("settings", "message"),
    [
        ({"languages": ["en", "xx"]}, r"checks\.language\.languages.*'xx'.*valid codes: ace"),
        ({"candidates": ["klingon"]}, r"checks\.language\.candidates.*'klingon'"),
        ({"languages": []}, r"checks\.language\.languages"),
    ],
)
def test_settings_errors(settings, message):
    with pytest.raises(SettingsError, match=message):
        guard(**settings)


def _theme_unit_test_comments():
    wxr = shared_data("dumps/wordpress-theme-unit-test.xml")
    with wxr.open("rb") as stream:
        records = [item for item in read_wxr(stream, wxr.name) if isinstance(item, Record)]
    return [submission_data(record, require_email=False) for record in records]


def test_real_comments_of_a_wordpress_export():
    """The theme unit test's comments: a Latin trackback and a Greek reply are held, no other."""
    english = guard(languages=["en"])
    held = {}
    for data in _theme_unit_test_comments():
        decision = english.moderate(english.parse(data))
        findings = [f for f in decision.findings if f.check == "language"]
        if findings:
            held[data["body"][:20]] = findings[0].matched
    assert held == {"We are totally going": "el", "[...] Another trackb": "la"}


def test_real_latin_passes_on_a_site_that_publishes_latin():
    latin = guard(languages=["en", "la", "el"])
    for data in _theme_unit_test_comments():
        findings = latin.moderate(latin.parse(data)).findings
        assert [f for f in findings if f.check == "language"] == []


def test_the_model_is_not_loaded_at_import_nor_for_a_guard_with_the_check_off():
    """Importing commentguard and building a default guard never loads py3langid."""
    import subprocess
    import sys

    script = (
        "import sys\n"
        "from commentguard.testing import guard_with, make_submission\n"
        "guard_with().moderate(make_submission(body='just a comment'))\n"
        "assert 'py3langid' not in sys.modules, 'loaded'\n"
    )
    subprocess.run([sys.executable, "-c", script], check=True)
