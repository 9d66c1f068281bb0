"""The profanity check: better-profanity's word list, matched as whole words."""

from __future__ import annotations

import pytest

from commentguard import SettingsError, Verdict
from commentguard.checks import ProfanityCheck
from commentguard.checks._profanity import ProfanitySettings
from commentguard.testing import guard_with, make_settings, make_submission
from commentguard.text._wordlist import default_words as default_wordlist


def guard(**profanity):
    """A guard with ``profanity`` settings (the other checks stay on: none fire on our texts)."""
    return guard_with(settings=make_settings(checks={"profanity": profanity}))


def moderate(**fields):
    profanity = fields.pop("profanity", {})
    return guard(**profanity).moderate(make_submission(**fields))


@pytest.mark.parametrize(
    ("body", "word", "matched_text"),
    [
        ("What the fuck is this", "fuck", "fuck"),
        ("This is SHIT.", "shit", "SHIT"),
        ("Shit, I missed the bus", "shit", "Shit"),
    ],
)
def test_listed_word_in_body_is_held(body, word, matched_text):
    """A listed word in the body holds, with field, span and matched for moderators only."""
    decision = moderate(body=body)

    assert decision.verdict is Verdict.HOLD
    assert decision.codes == ("profanity.word",)
    (finding,) = decision.findings
    assert finding.check == "profanity"
    assert finding.field == "body"
    assert body[slice(*finding.span)] == matched_text
    assert finding.matched == word
    assert word in finding.moderator_message
    assert word not in decision.author_message.lower()
    assert word not in (finding.author_message or "").lower()


def test_listed_word_in_name_is_held():
    """A listed word in the name is reported with field name."""
    name = "Captain Shit"

    decision = moderate(name=name)

    (finding,) = decision.findings
    assert finding.field == "name"
    assert name[slice(*finding.span)] == "Shit"
    assert finding.matched == "shit"


def test_name_and_body_give_one_finding_each():
    """A listed word in both fields gives two findings, name first."""
    decision = moderate(name="fuck", body="shit happens")

    assert [(f.field, f.matched) for f in decision.findings] == [("name", "fuck"), ("body", "shit")]


def test_first_word_per_field_only():
    """Several listed words in one field give a single finding for the first."""
    (finding,) = moderate(body="shit and fuck and shit").findings

    assert finding.span == (0, 4)


def test_listed_phrase_matches_across_whitespace():
    """A listed phrase ('bull shit') matches with any whitespace and wins over its last word."""
    assert "bull shit" in default_wordlist()
    body = "That is bull \n  shit!"

    (finding,) = moderate(body=body).findings

    assert finding.matched in {"bull shit", "bullshit"}  # both are listed
    assert body[slice(*finding.span)] == "bull \n  shit"


@pytest.mark.parametrize(
    "word",
    [
        "Scunthorpe",
        "assassin",
        "cocktail",
        "Essex",
        "specialist",
        "class",
        "Dickens",
        "therapist",
        "Penistone",
        "shitake",
    ],
)
def test_innocent_words_containing_listed_ones_are_clean(word):
    """Words that merely contain a listed word (the Scunthorpe problem) are not flagged."""
    decision = moderate(name=f"{word} fan", body=f"I read about {word} yesterday.")

    assert decision.verdict is Verdict.APPROVE
    assert decision.findings == ()


def test_allowed_words_removes_a_word():
    """allowed_words drops words from the default list (ignoring case); others still count."""
    profanity = {"allowed_words": ["SHIT"]}

    assert moderate(body="oh shit", profanity=profanity).verdict is Verdict.APPROVE
    assert moderate(body="oh fuck", profanity=profanity).codes == ("profanity.word",)


def test_extra_words_adds_a_word():
    """extra_words adds site-specific words, matched like the default ones."""
    profanity = {"extra_words": ["frak"]}

    assert moderate(body="frak").verdict is Verdict.APPROVE
    (finding,) = moderate(body="What the FRAK?", profanity=profanity).findings
    assert finding.matched == "frak"
    assert finding.span == (9, 13)


def test_verdict_is_configurable():
    """With verdict=spam a listed word marks the comment spam."""
    decision = moderate(body="fuck", profanity={"verdict": "spam"})

    assert decision.verdict is Verdict.SPAM
    assert decision.findings[0].verdict is Verdict.SPAM


def test_fields_setting_limits_the_search():
    """With fields=['body'] the name is not searched."""
    assert moderate(name="Shit Happens", profanity={"fields": ["body"]}).findings == ()


def test_unknown_field_is_a_settings_error():
    """Only name and body can be searched; another field names the setting in the error."""
    with pytest.raises(SettingsError, match=r"checks\.profanity\.fields"):
        guard(fields=["email"])


def test_default_wordlist_is_bundled():
    """The default list comes from better-profanity and holds the common words."""
    words = default_wordlist()

    assert len(words) > 100
    assert {"fuck", "shit"} <= set(words)


def test_check_class_directly():
    """ProfanityCheck with extra and allowed words reports only what the settings list."""
    check = ProfanityCheck(ProfanitySettings(extra_words=("gosh",), allowed_words=("shit",)))

    assert [f.matched for f in check.check(make_submission(body="gosh"))] == ["gosh"]
    assert tuple(check.check(make_submission(body="shit"))) == ()


def test_a_language_list_is_searched_when_the_site_names_it():
    """languages = ["de"]: a German listed word holds, the finding naming the list."""
    body = "Du bist ein Arschloch"

    assert moderate(body=body).verdict is Verdict.APPROVE  # English only by default
    decision = moderate(body=body, profanity={"languages": ["de", "tr"]})

    assert decision.verdict is Verdict.HOLD
    (finding,) = decision.findings
    assert finding.code == "profanity.word"
    assert finding.matched == "arschloch"
    assert body[slice(*finding.span)] == "Arschloch"
    assert "German list (de)" in finding.moderator_message


def test_english_and_language_words_first_one_reported():
    """English and language lists together: the first match in the field is reported."""
    decision = moderate(body="siktir, shit", profanity={"languages": ["tr"]})

    (finding,) = decision.findings
    assert (finding.matched, finding.span) == ("siktir", (0, 6))
    assert "(and 1 more)" in finding.moderator_message


def test_a_language_list_in_compat_mode():
    """Compatibility mode keeps better-profanity's English answers and adds the lists."""
    decision = moderate(body="quel connard", profanity={"mode": "compat", "languages": ["fr"]})

    assert [f.matched for f in decision.findings] == ["connard"]


def test_a_german_word_inside_a_longer_word_passes():
    """Whole words: "Arschlochkind" does not hold for "arschloch"."""
    decision = moderate(body="Das Arschlochkind", profanity={"languages": ["de"]})

    assert decision.verdict is Verdict.APPROVE


def test_unknown_language_is_a_settings_error_naming_the_valid_codes():
    with pytest.raises(SettingsError, match=r"checks\.profanity\.languages.*'xx'.*valid codes"):
        guard(languages=["de", "xx"])


def test_allowed_words_also_leave_the_language_lists():
    """Turkish "am" holds English "I am"; a bilingual site allows it, and "amcık" still holds."""
    languages = {"languages": ["tr"]}
    assert moderate(body="I am here", profanity=languages).verdict is Verdict.HOLD
    allowed = {**languages, "allowed_words": ["AM"]}
    assert moderate(body="I am here", profanity=allowed).verdict is Verdict.APPROVE
    assert moderate(body="amcık", profanity=allowed).verdict is Verdict.HOLD


def test_a_word_of_both_lists_is_one_match():
    """Danish lists "shit" too: it is reported once, as the English list's word."""
    (finding,) = moderate(body="shit", profanity={"languages": ["da"]}).findings

    assert finding.moderator_message == (
        "The body contains the listed word 'shit' as 'shit' at characters 0-4."
    )
