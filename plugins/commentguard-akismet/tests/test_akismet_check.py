"""The akismet check with the akismet package's own test clients, and its configuration."""

from __future__ import annotations

from importlib.metadata import entry_points

import akismet
import pytest
from akismet_server import API_KEY, SITE_URL, RegisterCheck
from click.testing import CliRunner

import commentguard_akismet
from commentguard import ConfigurationError, NotConfigured, SettingsError, Verdict
from commentguard.adapters import FieldNames
from commentguard.cli import build_cli
from commentguard.testing import (
    assert_plugin_installed,
    async_guard_with,
    guard_with,
    make_settings,
    make_submission,
)
from commentguard_akismet import AkismetCheck, AkismetSettings

CONFIGURED = {"api_key": API_KEY, "site_url": SITE_URL}


def check_class(answer: akismet.CheckResponse) -> type[AkismetCheck]:
    """An AkismetCheck whose clients are the package's test clients, answering ``answer``."""

    class SyncClient(akismet.TestSyncClient):
        comment_check_response = answer

    class AsyncClient(akismet.TestAsyncClient):
        comment_check_response = answer

    class TestClientCheck(AkismetCheck):
        sync_client_class = SyncClient
        async_client_class = AsyncClient

    return TestClientCheck


ANSWERS = [
    (akismet.CheckResponse.HAM, Verdict.APPROVE, ()),
    (akismet.CheckResponse.SPAM, Verdict.SPAM, ("akismet.spam",)),
    (akismet.CheckResponse.DISCARD, Verdict.DISCARD, ("akismet.discard",)),
]


def test_the_plugin_is_installed_under_its_entry_point_name():
    assert_plugin_installed("akismet")


@pytest.mark.parametrize(("answer", "verdict", "codes"), ANSWERS)
def test_each_answer_gives_its_verdict(answer, verdict, codes):
    plugin = RegisterCheck(check_class(answer))
    with guard_with(plugin, settings=make_settings(checks={"akismet": CONFIGURED})) as guard:
        decision = guard.moderate(make_submission())

    assert decision.verdict is verdict
    assert decision.codes == codes


@pytest.mark.parametrize(("answer", "verdict", "codes"), ANSWERS)
async def test_each_answer_gives_its_verdict_under_the_async_guard(answer, verdict, codes):
    plugin = RegisterCheck(check_class(answer))
    settings = make_settings(checks={"akismet": CONFIGURED})
    async with async_guard_with(plugin, settings=settings) as guard:
        decision = await guard.moderate(make_submission())

    assert decision.verdict is verdict
    assert decision.codes == codes


def test_the_verdicts_for_spam_and_discard_are_configurable():
    section = {**CONFIGURED, "spam_verdict": "hold", "discard_verdict": "spam"}
    settings = make_settings(checks={"akismet": section})
    for answer, expected in [
        (akismet.CheckResponse.SPAM, Verdict.HOLD),
        (akismet.CheckResponse.DISCARD, Verdict.SPAM),
    ]:
        with guard_with(RegisterCheck(check_class(answer)), settings=settings) as guard:
            assert guard.moderate(make_submission()).verdict is expected


@pytest.mark.parametrize("verdict", [Verdict.SPAM, Verdict.APPROVE])
def test_reports_go_through_the_test_client(verdict, caplog):
    """The package's test client accepts submit-spam and submit-ham: no failure is logged."""
    check = check_class(akismet.CheckResponse.HAM)(AkismetSettings(**CONFIGURED))
    with caplog.at_level("DEBUG", logger="commentguard.akismet"):
        check.learn(make_submission(), verdict)
    check.close()
    assert [record.getMessage() for record in caplog.records] == []


def test_the_key_and_site_come_from_the_packages_environment_variables(monkeypatch):
    monkeypatch.setenv("PYTHON_AKISMET_API_KEY", API_KEY)
    monkeypatch.setenv("PYTHON_AKISMET_BLOG_URL", SITE_URL)

    assert commentguard_akismet.akismet_config(AkismetSettings()) == akismet.Config(
        API_KEY, SITE_URL
    )


def test_the_honeypot_name_sent_is_the_one_the_adapters_render():
    assert AkismetSettings().honeypot_field_name == FieldNames().honeypot


def test_settings_win_over_the_environment(monkeypatch):
    monkeypatch.setenv("PYTHON_AKISMET_API_KEY", "from-environment")
    monkeypatch.setenv("PYTHON_AKISMET_BLOG_URL", "https://environment.example")
    settings = AkismetSettings(api_key="from-settings", site_url="https://settings.example")

    config = commentguard_akismet.akismet_config(settings)

    assert config == akismet.Config("from-settings", "https://settings.example")


def test_building_the_check_without_a_key_says_what_to_set():
    """Built directly, the check raises NotConfigured (a ConfigurationError) naming both places."""
    with pytest.raises(
        NotConfigured, match=r"checks\.akismet\.api_key or PYTHON_AKISMET_API_KEY"
    ) as raised:
        AkismetCheck(AkismetSettings())
    assert isinstance(raised.value, ConfigurationError)


def test_a_guard_without_a_site_fails_at_start_up_saying_what_to_set():
    settings = make_settings(checks={"akismet": {"api_key": API_KEY}})
    with pytest.raises(ConfigurationError, match="PYTHON_AKISMET_BLOG_URL"):
        guard_with(commentguard_akismet, settings=settings)


def test_a_disabled_check_needs_no_key():
    settings = make_settings(checks={"akismet": {"enabled": False}})
    with guard_with(commentguard_akismet, settings=settings) as guard:
        assert "akismet" not in [check.name for check in guard.checks]


def test_a_site_url_that_is_not_a_web_address_is_a_settings_error():
    settings = make_settings(checks={"akismet": {**CONFIGURED, "site_url": "blog.example.com"}})
    with pytest.raises(SettingsError, match=r"checks\.akismet\.site_url"):
        guard_with(commentguard_akismet, settings=settings)


def test_the_cli_lists_the_check_without_showing_the_key(monkeypatch, tmp_path):
    monkeypatch.setenv("COMMENTGUARD_CHECKS__AKISMET__API_KEY", API_KEY)
    monkeypatch.setenv("COMMENTGUARD_CHECKS__AKISMET__SITE_URL", SITE_URL)
    others = {entry.name for entry in entry_points(group="commentguard")} - {"akismet"}
    monkeypatch.setenv("COMMENTGUARD_DISABLE_PLUGINS", ",".join(others))  # only this plugin
    monkeypatch.chdir(tmp_path)

    result = CliRunner().invoke(build_cli(["checks"]), ["checks"])

    assert result.exit_code == 0, result.output
    assert '"name": "akismet"' in result.stdout
    assert SITE_URL in result.stdout
    assert API_KEY not in result.stdout


def test_the_real_check_builds_its_clients_without_connecting():
    """Building needs no network: the key is checked by Akismet on the first request."""
    check = AkismetCheck(AkismetSettings(**CONFIGURED))
    assert repr(check) == "<AkismetCheck 'akismet'>"
    check.close()
