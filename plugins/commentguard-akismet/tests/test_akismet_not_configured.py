"""Installed without an API key, the akismet check is inactive with a warning, not an error.

As WordPress's Akismet, installed but not activated, checks nothing and says so. These tests use
the real installed plugin, found through its entry point, and the real CLI.
"""

from __future__ import annotations

import json
import logging
from importlib.metadata import entry_points

import pytest
from akismet_server import API_KEY, SITE_URL
from click.testing import CliRunner, Result

from commentguard import ConfigurationError, Guard, Settings
from commentguard.cli import build_cli
from commentguard.testing import isolate_settings, make_settings, make_submission

REASON = "the akismet check needs an API key: set checks.akismet.api_key or PYTHON_AKISMET_API_KEY"


@pytest.fixture(autouse=True)
def _only_this_plugin(monkeypatch, tmp_path):
    """No developer settings, no other installed plugin, and warnings not yet given."""
    isolate_settings(monkeypatch, tmp_path)
    others = {entry.name for entry in entry_points(group="commentguard")} - {"akismet"}
    monkeypatch.setenv("COMMENTGUARD_DISABLE_PLUGINS", ",".join(sorted(others)))


def cli(*args: str, stdin: str | None = None) -> Result:
    return CliRunner().invoke(build_cli(list(args)), list(args), input=stdin)


def warnings(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [
        record.getMessage()
        for record in caplog.records
        if record.name == "commentguard" and record.levelno == logging.WARNING
    ]


def test_a_guard_without_a_key_builds_and_leaves_the_check_out(caplog):
    with Guard(make_settings()) as guard:
        decision = guard.moderate(make_submission())

    assert "akismet" not in [check.name for check in guard.checks]
    (unconfigured,) = guard.unconfigured
    assert (unconfigured.name, unconfigured.order) == ("akismet", 90)
    assert unconfigured.reason.startswith(REASON)
    assert decision.codes == ()
    (warning,) = warnings(caplog)
    assert warning.startswith(f"check 'akismet' is not configured and does not run: {REASON}")
    assert "checks.akismet.required = true" in warning


def test_the_warning_is_logged_once_however_many_guards_are_built(caplog):
    for _ in range(3):
        Guard(make_settings()).close()

    assert len(warnings(caplog)) == 1


def test_required_refuses_to_build_with_the_same_clear_error():
    settings = make_settings(checks={"akismet": {"required": True}})

    with pytest.raises(ConfigurationError) as raised:
        Guard(settings)

    assert str(raised.value).startswith(REASON)
    assert "checks.akismet.required is true" in str(raised.value)


def test_a_key_without_the_site_is_still_an_error():
    """A set-up begun and not finished is refused: the site meant Akismet to run."""
    with pytest.raises(ConfigurationError, match="PYTHON_AKISMET_BLOG_URL"):
        Guard(make_settings(checks={"akismet": {"api_key": API_KEY}}))


def test_configured_through_the_environment_it_runs(monkeypatch, caplog):
    monkeypatch.setenv("PYTHON_AKISMET_API_KEY", API_KEY)
    monkeypatch.setenv("PYTHON_AKISMET_BLOG_URL", SITE_URL)

    with Guard(make_settings()) as guard:
        assert "akismet" in [check.name for check in guard.checks]
        assert guard.unconfigured == ()
    assert warnings(caplog) == []


def test_disabled_it_is_neither_run_nor_listed_nor_warned_about(monkeypatch, caplog):
    monkeypatch.setenv("COMMENTGUARD_CHECKS__AKISMET__ENABLED", "false")

    with Guard(Settings.load()) as guard:
        assert guard.unconfigured == ()
    assert warnings(caplog) == []


def test_commentguard_checks_lists_it_as_not_configured(caplog):
    result = cli("checks")

    assert result.exit_code == 0, result.output
    listed = json.loads(result.stdout)
    assert {entry["status"] for entry in listed[:-1]} == {"active"}
    akismet = listed[-1]
    assert (akismet["name"], akismet["status"]) == ("akismet", "not configured")
    assert akismet["reason"].startswith(REASON)
    assert akismet["class"] == "commentguard_akismet.check.AkismetCheck"
    assert akismet["settings"]["api_key"] is None
    assert len(warnings(caplog)) == 1


def test_commentguard_moderate_works_without_a_key():
    comment = {"name": "Ada", "email": "ada@example.com", "body": "Hello.", "ip": "192.0.2.1"}

    result = cli("moderate", stdin=json.dumps(comment))

    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["verdict"] == "approve"


def test_required_through_the_environment_stops_the_cli_with_the_error(monkeypatch):
    monkeypatch.setenv("COMMENTGUARD_CHECKS__AKISMET__REQUIRED", "true")

    result = cli("checks")

    assert result.exit_code == 2
    assert REASON in result.stderr
    assert "checks.akismet.required is true" in result.stderr


def test_disabling_it_in_the_environment_also_works_without_plugins(monkeypatch, caplog):
    """The fix a site sets for machines with the plugin must not break a guard without it."""
    monkeypatch.setenv("COMMENTGUARD_CHECKS__AKISMET__ENABLED", "false")

    with_plugin = cli("checks")
    without_plugins = cli("--no-plugins", "checks")

    assert (with_plugin.exit_code, without_plugins.exit_code) == (0, 0)
    assert "akismet" not in with_plugin.stdout
    assert "akismet" not in without_plugins.stdout
    (warning,) = warnings(caplog)
    assert warning.startswith("checks.akismet: no installed check has this name")
