"""The wordlists check: WordPress-style moderation keys (hold) and disallowed keys (spam)."""

from __future__ import annotations

import pytest

from commentguard import SettingsError, Verdict
from commentguard.checks import WordlistsCheck
from commentguard.checks._wordlists import WordlistsSettings
from commentguard.testing import guard_with, make_settings, make_submission


def guard(**wordlists):
    """A guard whose wordlists check has ``wordlists`` settings; profanity is off."""
    settings = make_settings(checks={"wordlists": wordlists, "profanity": {"enabled": False}})
    return guard_with(settings=settings)


def test_moderation_key_holds():
    """A moderation key in the body holds, naming the key for moderators only."""
    body = "Visit my Casino tonight"

    decision = guard(moderation_keys=["casino"]).moderate(make_submission(body=body))

    assert decision.verdict is Verdict.HOLD
    assert decision.codes == ("wordlists.moderation",)
    (finding,) = decision.findings
    assert finding.field == "body"
    assert body[slice(*finding.span)] == "Casino"
    assert finding.matched == "casino"
    assert "casino" in finding.moderator_message
    assert "casino" not in decision.author_message.lower()
    assert finding.author_message is None


def test_disallowed_key_is_spam():
    """A disallowed key marks the comment spam; the author sees only the generic message."""
    decision = guard(disallowed_keys=["pharmacy"]).moderate(
        make_submission(body="best online pharmacy")
    )

    assert decision.verdict is Verdict.SPAM
    assert decision.codes == ("wordlists.disallowed",)
    assert decision.findings[0].matched == "pharmacy"
    assert "pharmacy" not in decision.author_message.lower()


def test_disallowed_wins_over_moderation():
    """When both lists match, both are reported and the verdict is spam."""
    decision = guard(moderation_keys=["casino"], disallowed_keys=["pharmacy"]).moderate(
        make_submission(body="casino and pharmacy")
    )

    assert decision.verdict is Verdict.SPAM
    assert set(decision.codes) == {"wordlists.disallowed", "wordlists.moderation"}


def test_each_list_reports_its_first_match_only():
    """Several keys of one list in a comment give a single finding, for the first match."""
    decision = guard(moderation_keys=["alpha", "beta"]).moderate(
        make_submission(body="beta then alpha then beta")
    )

    (finding,) = decision.findings
    assert finding.span == (0, 4)
    assert finding.matched == "beta"


def test_no_keys_no_findings():
    """With no keys configured the check finds nothing."""
    decision = guard().moderate(make_submission(body="casino pharmacy anything"))

    assert decision.verdict is Verdict.APPROVE


@pytest.mark.parametrize("body", ["a class act", "the assassin", "bass guitar", "Asses"])
def test_keys_match_whole_words_only(body):
    """A key does not match inside longer words ('ass' in 'class', 'assassin')."""
    assert guard(moderation_keys=["ass"]).moderate(make_submission(body=body)).findings == ()


@pytest.mark.parametrize("body", ["you ass!", "ASS.", "(ass)", "ass"])
def test_key_matches_as_a_whole_word(body):
    """A key matches when surrounded by punctuation, spaces or text edges, in any case."""
    decision = guard(moderation_keys=["ass"]).moderate(make_submission(body=body))

    assert decision.codes == ("wordlists.moderation",)
    assert body[slice(*decision.findings[0].span)].lower() == "ass"


@pytest.mark.parametrize(
    ("key", "body", "matched_text"),
    [
        ("Zürich", "Greetings from ZÜRICH!", "ZÜRICH"),
        ("café", "Best CAFÉ in town", "CAFÉ"),
        ("ZÜRICH", "we met in zürich", "zürich"),
        # Cyrillic "Moskva" against the upper-case spelling (escaped: the letters look Latin).
        (
            "\u041c\u043e\u0441\u043a\u0432\u0430",
            "from \u041c\u041e\u0421\u041a\u0412\u0410!",
            "\u041c\u041e\u0421\u041a\u0412\u0410",
        ),
    ],
)
def test_case_insensitive_and_unicode_aware(key, body, matched_text):
    """Keys with non-ASCII letters match any letter case."""
    decision = guard(moderation_keys=[key]).moderate(make_submission(body=body))

    (finding,) = decision.findings
    assert body[slice(*finding.span)] == matched_text
    assert finding.matched == key


@pytest.mark.parametrize(
    ("key", "body"),
    [("Zürich", "Zürichsee"), ("café", "cafés"), ("café", "xcafé")],
)
def test_unicode_word_boundaries(key, body):
    """Non-ASCII letters count as word characters, so a key does not match inside a word."""
    assert guard(moderation_keys=[key]).moderate(make_submission(body=body)).findings == ()


@pytest.mark.parametrize(
    "body", ["cheap pills", "CHEAP   Pills", "cheap\npills", "cheap\t \npills"]
)
def test_phrase_matches_any_whitespace(body):
    """A phrase key matches its words separated by any run of whitespace."""
    decision = guard(moderation_keys=["cheap pills"]).moderate(make_submission(body=body))

    (finding,) = decision.findings
    assert body[slice(*finding.span)] == body
    assert finding.matched == "cheap pills"


@pytest.mark.parametrize("body", ["cheappills", "cheap-pills", "cheap_pills", "CHEAP.PILLS"])
def test_phrase_matches_joined_or_with_other_separators(body):
    """A phrase key also matches its words run together or joined by punctuation."""
    (finding,) = (
        guard(moderation_keys=["cheap pills"]).moderate(make_submission(body=body)).findings
    )
    assert finding.matched == "cheap pills"


@pytest.mark.parametrize("body", ["cheap", "pills", "cheap blue pills"])
def test_phrase_needs_all_its_words_in_order(body):
    """A phrase key does not match one of its words alone or with words between."""
    assert (
        guard(moderation_keys=["cheap pills"]).moderate(make_submission(body=body)).findings == ()
    )


def test_partial_ip_matches_ip_field():
    """A partial IP '192.0.2.' matches ip 192.0.2.55, in the ip field."""
    decision = guard(moderation_keys=["192.0.2."]).moderate(make_submission(ip="192.0.2.55"))

    (finding,) = decision.findings
    assert finding.field == "ip"
    assert "192.0.2.55"[slice(*finding.span)] == "192.0.2."


@pytest.mark.parametrize("ip", ["192.0.20.1", "10.192.0.22", "2001:db8::1"])
def test_partial_ip_does_not_match_other_networks(ip):
    """'192.0.2.' does not match 192.0.20.1 or addresses merely containing those digits."""
    decision = guard(moderation_keys=["192.0.2."]).moderate(make_submission(ip=ip))

    assert decision.findings == ()


def test_full_ip_key_matches():
    """A full address key matches that address and not a longer one."""
    keys = {"disallowed_keys": ["203.0.113.7"]}

    assert guard(**keys).moderate(make_submission(ip="203.0.113.7")).verdict is Verdict.SPAM
    assert guard(**keys).moderate(make_submission(ip="203.0.113.70")).findings == ()


@pytest.mark.parametrize(
    ("field", "value", "matched_text"),
    [
        ("name", "Casino King", "Casino"),
        ("url", "https://best-casino.example/", "casino"),
        ("user_agent", "Mozilla/5.0 (compatible; Casino-Bot/2.0)", "Casino"),
    ],
)
def test_keys_match_name_url_and_user_agent(field, value, matched_text):
    """Keys are searched in name, url and user_agent, and the span slices that field."""
    submission = make_submission(**{field: value})

    decision = guard(moderation_keys=["casino"]).moderate(submission)

    (finding,) = decision.findings
    assert finding.field == field
    assert str(getattr(submission, field))[slice(*finding.span)] == matched_text
    assert finding.matched == "casino"


def test_domain_key_with_leading_dot_matches_urls():
    """A key like '.ru' matches a host ending in .ru but not letters 'ru' inside a word."""
    keys = {"moderation_keys": [".ru"]}

    hit = guard(**keys).moderate(make_submission(url="https://pills.ru/buy"))
    miss = guard(**keys).moderate(make_submission(url="https://truth.example/", body="rum"))

    assert [finding.field for finding in hit.findings] == ["url"]
    assert miss.findings == ()


@pytest.mark.parametrize(
    ("key", "email"),
    [
        ("secretperson", "secretperson@mail.example"),
        ("spamdomain", "ada@spamdomain.example"),
    ],
)
def test_match_in_email_does_not_quote_it(key, email):
    """A key found in the email gives field=email, but neither message nor matched quotes it."""
    submission = make_submission(email=email)

    decision = guard(moderation_keys=[key]).moderate(submission)

    (finding,) = decision.findings
    assert finding.field == "email"
    assert finding.matched is None
    assert key not in finding.moderator_message
    assert email not in finding.moderator_message
    assert key not in decision.author_message
    assert submission.email.reveal()[slice(*finding.span)] == key


def test_fields_setting_limits_where_keys_are_searched():
    """With fields=['body'] a key in the name is not reported."""
    decision = guard(moderation_keys=["casino"], fields=["body"]).moderate(
        make_submission(name="Casino King")
    )

    assert decision.findings == ()


def test_key_files_are_read_one_key_per_line(tmp_path):
    """The *_keys_file settings add one key per line to the lists; blank lines are skipped."""
    moderation = tmp_path / "moderation.txt"
    moderation.write_text("  pelican  \n\nflamingo heron\r\n", encoding="utf-8")
    disallowed = tmp_path / "disallowed.txt"
    disallowed.write_text("cormorant\n198.51.100.\n", encoding="utf-8")
    g = guard(
        moderation_keys=["inline"],
        moderation_keys_file=str(moderation),
        disallowed_keys_file=str(disallowed),
    )

    def verdict(**fields):
        return g.moderate(make_submission(**fields)).verdict

    assert verdict(body="a Pelican!") is Verdict.HOLD
    assert verdict(body="flamingo  heron") is Verdict.HOLD
    assert verdict(body="an inline key") is Verdict.HOLD
    assert verdict(body="the cormorant") is Verdict.SPAM
    assert verdict(ip="198.51.100.4") is Verdict.SPAM
    assert verdict(body="flamingo") is Verdict.APPROVE


def test_key_file_with_byte_order_mark(tmp_path):
    """The first key of a keys file saved with a UTF-8 BOM still matches."""
    keys = tmp_path / "keys.txt"
    keys.write_text("pelican\ncormorant\n", encoding="utf-8-sig")

    decision = guard(moderation_keys_file=str(keys)).moderate(make_submission(body="a pelican"))

    assert decision.codes == ("wordlists.moderation",)


def test_missing_keys_file_is_a_settings_error(tmp_path):
    """A keys file that does not exist is a SettingsError naming the setting."""
    with pytest.raises(SettingsError, match=r"checks\.wordlists\.disallowed_keys_file"):
        guard(disallowed_keys_file=str(tmp_path / "missing.txt"))


@pytest.mark.parametrize("key", ["moderation_key", "blocklist"])
def test_unknown_setting_names_the_key(key):
    """An unknown wordlists setting raises SettingsError naming checks.wordlists.<key>."""
    with pytest.raises(SettingsError) as raised:
        guard(**{key: ["x"]})

    assert f"checks.wordlists.{key}" in str(raised.value)
    assert "unknown setting" in str(raised.value)


def test_unknown_field_is_a_settings_error():
    """A field name outside name/email/url/body/ip/user_agent is refused."""
    with pytest.raises(SettingsError, match=r"checks\.wordlists\.fields"):
        guard(fields=["referrer"])


def test_check_class_directly():
    """WordlistsCheck returns one finding per matching list, disallowed first."""
    check = WordlistsCheck(
        WordlistsSettings(moderation_keys=("casino",), disallowed_keys=("pharmacy",))
    )

    findings = check.check(make_submission(body="casino pharmacy"))

    assert [(f.code, f.verdict) for f in findings] == [
        ("wordlists.disallowed", Verdict.SPAM),
        ("wordlists.moderation", Verdict.HOLD),
    ]
