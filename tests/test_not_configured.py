"""A check that is not configured is left out with a warning; settings for a missing check."""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Sequence

import pytest
from click.testing import CliRunner, Result
from pydantic import Field, SecretStr

import commentguard
import commentguard._pipeline
from commentguard import (
    AsyncGuard,
    Check,
    CheckSettings,
    CommentSubmission,
    ConfigurationError,
    Finding,
    Guard,
    NotConfigured,
    Settings,
    SettingsError,
    Verdict,
)
from commentguard.cli import build_cli
from commentguard.testing import make_settings, make_submission

REASON = "the spamservice check needs a token: set checks.spamservice.token"


class SpamServiceSettings(CheckSettings):
    """A credentialed check's settings."""

    token: SecretStr | None = Field(None, description="The service's token.")


class SpamServiceCheck(Check):
    """A check that needs a token before it can ask anything, as Akismet needs its key."""

    name = "spamservice"
    settings_model = SpamServiceSettings
    default_order = 95
    settings: SpamServiceSettings

    def __init__(self, settings: SpamServiceSettings | None = None) -> None:
        super().__init__(settings)
        if self.settings.token is None:
            raise NotConfigured(REASON)

    def check(self, submission: CommentSubmission) -> Sequence[Finding]:
        return [self.finding("spamservice.asked", Verdict.HOLD, "The service was asked.")]


class SpamServicePlugin:
    """Registers the credentialed check."""

    __name__ = "spamservice_plugin"

    @commentguard.hookimpl
    def register_checks(self, register: Callable[[type[Check]], None]) -> None:
        register(SpamServiceCheck)


@pytest.fixture(autouse=True)
def _warnings_not_yet_given(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(commentguard._pipeline, "_warned", set())


def guard(**checks: dict[str, object]) -> Guard:
    return Guard(
        make_settings(checks=checks), plugins=[SpamServicePlugin()], load_entry_points=False
    )


def warnings(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [
        record.getMessage()
        for record in caplog.records
        if record.name == "commentguard" and record.levelno == logging.WARNING
    ]


# -- a check that is not configured --------------------------------------------------------


def test_without_its_token_the_check_is_left_out_and_listed(
    caplog: pytest.LogCaptureFixture,
) -> None:
    with guard() as g:
        decision = g.moderate(make_submission())

    assert "spamservice" not in [check.name for check in g.checks]
    (unconfigured,) = g.unconfigured
    assert (unconfigured.name, unconfigured.order, unconfigured.reason) == (
        "spamservice",
        95,
        REASON,
    )
    assert unconfigured.check_class is SpamServiceCheck
    assert decision.verdict is Verdict.APPROVE
    assert warnings(caplog) == [
        f"check 'spamservice' is not configured and does not run: {REASON}. Set "
        "checks.spamservice.enabled = false to silence this warning, or "
        "checks.spamservice.required = true to refuse to start without it"
    ]


def test_the_warning_is_logged_once_per_process(caplog: pytest.LogCaptureFixture) -> None:
    for _ in range(3):
        guard().close()

    assert len(warnings(caplog)) == 1


async def test_the_async_guard_leaves_it_out_too() -> None:
    settings = make_settings()
    async with AsyncGuard(settings, plugins=[SpamServicePlugin()], load_entry_points=False) as g:
        decision = await g.moderate(make_submission())

    assert [item.name for item in g.unconfigured] == ["spamservice"]
    assert decision.verdict is Verdict.APPROVE


def test_once_configured_it_runs() -> None:
    with guard(spamservice={"token": "t0ken"}) as g:
        assert g.unconfigured == ()
        assert g.moderate(make_submission()).codes == ("spamservice.asked",)


def test_required_refuses_to_build_with_its_reason() -> None:
    with pytest.raises(ConfigurationError) as raised:
        guard(spamservice={"required": True})

    assert str(raised.value) == (
        f"{REASON} (checks.spamservice.required is true: the guard does not start without it)"
    )
    assert not isinstance(raised.value, NotConfigured)


def test_disabled_it_is_not_listed_and_not_warned_about(caplog: pytest.LogCaptureFixture) -> None:
    with guard(spamservice={"enabled": False}) as g:
        assert g.unconfigured == ()
    assert warnings(caplog) == []


def test_a_required_check_that_is_configured_runs() -> None:
    with guard(spamservice={"token": "t0ken", "required": True}) as g:
        assert [check.name for check in g.checks][-1] == "spamservice"


# -- settings for a check that is not installed --------------------------------------------


def test_a_section_that_only_disables_a_missing_check_is_a_warning(
    caplog: pytest.LogCaptureFixture,
) -> None:
    with Guard(make_settings(checks={"akismet": {"enabled": False}}), load_entry_points=False):
        pass

    assert warnings(caplog) == [
        "checks.akismet: no installed check has this name; the section only disables it "
        "(enabled = false), so it is ignored"
    ]


def test_the_environments_enabled_false_disables_a_missing_check_quietly(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """COMMENTGUARD_CHECKS__AKISMET__ENABLED=false arrives as the string "false"."""
    monkeypatch.setenv("COMMENTGUARD_CHECKS__AKISMET__ENABLED", "false")

    settings = Settings.load()
    assert settings.checks == {"akismet": {"enabled": "false"}}
    with Guard(settings, load_entry_points=False) as g:
        assert "akismet" not in [check.name for check in g.checks]


@pytest.mark.parametrize(
    ("section", "message"),
    [
        ({"api_key": "k"}, r"checks\.akismet: no installed check has this name \(installed: "),
        ({"enabled": True}, r"checks\.akismet: no installed check has this name"),
        ({"enabled": False, "api_key": "k"}, r"checks\.akismet: no installed check has this name"),
        ({"enabled": "maybe"}, r"checks\.akismet: no installed check has this name"),
        ({"required": True}, r"checks\.akismet\.required is true, but no installed check"),
    ],
)
def test_other_settings_for_a_missing_check_stay_an_error(
    section: dict[str, object], message: str
) -> None:
    with pytest.raises(SettingsError, match=message):
        Guard(make_settings(checks={"akismet": section}), load_entry_points=False)


@pytest.mark.parametrize("section", [{"enabled": False}, {"max_links": 3}])
def test_a_misspelt_check_is_an_error_that_names_the_check_meant(
    section: dict[str, object],
) -> None:
    """[checks.linkz] enabled = false means to turn links off: ignoring it would not."""
    with pytest.raises(SettingsError, match=r"checks\.linkz: .*did you mean 'links'\?"):
        Guard(make_settings(checks={"linkz": section}), load_entry_points=False)


# -- the CLI ----------------------------------------------------------------------------------


def cli(*args: str) -> Result:
    return CliRunner().invoke(build_cli(list(args)), list(args))


def test_the_cli_without_plugins_accepts_disabling_a_plugins_check(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The fix the akismet error used to suggest no longer breaks `--no-plugins`."""
    monkeypatch.setenv("COMMENTGUARD_CHECKS__AKISMET__ENABLED", "false")

    for command in (["--no-plugins", "checks"], ["--no-plugins", "plugins"]):
        result = cli(*command)
        assert result.exit_code == 0, result.output


def test_the_cli_lists_every_running_check_as_active() -> None:
    result = cli("--no-plugins", "checks")

    assert result.exit_code == 0, result.output
    assert {entry["status"] for entry in json.loads(result.stdout)} == {"active"}


def test_the_cli_still_refuses_other_settings_for_a_missing_check(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("COMMENTGUARD_CHECKS__AKISMET__API_KEY", "secret-key-value")

    result = cli("--no-plugins", "checks")

    assert result.exit_code == 2
    assert "checks.akismet: no installed check has this name" in result.stderr
    assert "secret-key-value" not in result.stderr
