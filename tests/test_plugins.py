"""Plugin loading: entry points, order, disabling, and errors that name the culprit."""

from __future__ import annotations

import json
from pathlib import Path
from types import ModuleType

import pytest
from click.testing import CliRunner

import commentguard
from commentguard import Guard, PluginLoadError, Verdict
from commentguard._hookspecs import HOOK_NAMES
from commentguard._loaders import DumpFormat, FormatRegistry
from commentguard._plugins import BUILTIN_PLUGINS, load_plugins
from commentguard.cli import build_cli
from commentguard.testing import make_settings, make_submission
from conftest import install_fake_distribution


def test_installed_plugin_is_discovered_through_its_entry_point(
    installed_test_plugin: ModuleType,
) -> None:
    """A distribution with a `commentguard` entry point is loaded, after the built-ins."""
    names = [info.name for info in load_plugins().describe()]
    assert names[: len(BUILTIN_PLUGINS)] == list(BUILTIN_PLUGINS)
    assert "testplugin" in names
    info = next(info for info in load_plugins().describe() if info.name == "testplugin")
    assert info.distribution == "commentguard-testplugin"
    assert info.version == "1.2.3"
    assert set(info.hooks) == set(HOOK_NAMES)


def test_test_plugin_exercises_every_hook(installed_test_plugin: ModuleType) -> None:
    """register_checks, decide, comment_moderated and comment_reported all take effect."""
    guard = Guard(make_settings())
    assert "shouting" in [check.name for check in guard.checks]

    shouted = make_submission(id="c1", body="THIS IS OUTRAGEOUS REPORTING")
    assert guard.moderate(shouted).codes == ("shouting.all_caps",)

    forced = make_submission(
        id="c2", body="Two links http://a.example http://b.example #approve-anyway"
    )
    decision = guard.moderate(forced)
    assert decision.verdict is Verdict.APPROVE
    assert decision.codes == ("links.too_many",)
    assert decision.author_message == "Welcome back."

    guard.report(shouted, Verdict.SPAM)
    assert installed_test_plugin.MODERATED == [("c1", Verdict.HOLD), ("c2", Verdict.APPROVE)]
    assert installed_test_plugin.REPORTED == [("c1", Verdict.SPAM)]

    formats: list[DumpFormat] = []
    guard.plugins.register_loaders(formats.append)
    assert "testformat" in [dump_format.name for dump_format in formats]
    registry = FormatRegistry.from_plugins(guard.plugins)
    assert registry.names == [
        "testformat", "wxr", "disqus", "isso-db", "isso", "commento", "remark42", "json",
        "jsonl", "staticman", "csv",
    ]  # fmt: skip
    assert (
        registry.detect("comments.txt", b"#pipes\nAda|ada@example.com|Hi")
        is installed_test_plugin.PIPES
    )


def test_plugin_commands_are_added_to_the_cli(installed_test_plugin: ModuleType) -> None:
    """register_commands adds commands before the arguments are parsed."""
    result = CliRunner().invoke(build_cli(["shout"]), ["shout"])
    assert result.exit_code == 0, result.output
    assert result.output == "HELLO FROM THE TEST PLUGIN\n"


def test_plugin_settings_section_is_validated(installed_test_plugin: ModuleType) -> None:
    """A plugin's check gets its own validated section; a typo names the key."""
    guard = Guard(make_settings(checks={"shouting": {"min_letters": 3}}))
    assert guard.moderate(make_submission(body="NO WAY")).codes == ("shouting.all_caps",)
    with pytest.raises(commentguard.SettingsError, match=r"checks\.shouting\.min_leters"):
        Guard(make_settings(checks={"shouting": {"min_leters": 3}}))


@pytest.mark.parametrize("how", ["argument", "environment", "settings"])
def test_plugins_can_be_disabled_by_name(
    installed_test_plugin: ModuleType, monkeypatch: pytest.MonkeyPatch, how: str
) -> None:
    """`disable=`, COMMENTGUARD_DISABLE_PLUGINS and settings all block a plugin by name."""
    names = "testplugin, commentguard.checks.links"
    settings = make_settings()
    kwargs: dict[str, object] = {}
    if how == "argument":
        kwargs["disable"] = [name.strip() for name in names.split(",")]
    elif how == "environment":
        monkeypatch.setenv("COMMENTGUARD_DISABLE_PLUGINS", names)
    else:
        settings = make_settings(disable_plugins=names)
    guard = Guard(settings, **kwargs)  # type: ignore[arg-type]
    check_names = [check.name for check in guard.checks]
    assert "shouting" not in check_names
    assert "links" not in check_names
    assert "honeypot" in check_names


def test_entry_points_can_be_skipped(installed_test_plugin: ModuleType) -> None:
    """load_entry_points=False loads only built-ins and explicit plugins."""
    guard = Guard(make_settings(), load_entry_points=False)
    assert "shouting" not in [check.name for check in guard.checks]
    guard = Guard(make_settings(), load_entry_points=False, plugins=[installed_test_plugin])
    assert "shouting" in [check.name for check in guard.checks]


@pytest.fixture
def broken_plugin(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Install distribution commentguard-broken, whose plugin module raises on import."""
    install_fake_distribution(
        tmp_path,
        name="commentguard-broken",
        version="0.1",
        entry_points={"broken": "commentguard_broken"},
        modules={"commentguard_broken": "raise RuntimeError('missing API key file')\n"},
    )
    monkeypatch.syspath_prepend(str(tmp_path))


@pytest.mark.usefixtures("broken_plugin")
def test_plugin_that_fails_to_import_names_its_distribution() -> None:
    """A broken plugin is an error naming the distribution, never silently skipped."""
    with pytest.raises(PluginLoadError) as raised:
        Guard(make_settings())
    message = str(raised.value)
    assert "'broken'" in message
    assert "commentguard-broken" in message
    assert "RuntimeError: missing API key file" in message


@pytest.mark.usefixtures("broken_plugin")
def test_broken_plugin_can_be_disabled_without_importing_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Disabling a plugin by name means its module is never imported."""
    monkeypatch.setenv("COMMENTGUARD_DISABLE_PLUGINS", "broken")
    assert "honeypot" in [check.name for check in Guard(make_settings()).checks]


def test_misspelled_hook_is_an_error() -> None:
    """check_pending catches a hookimpl whose name matches no hook."""

    class Typo:
        @commentguard.hookimpl
        def register_chekcs(self, register: object) -> None: ...

    with pytest.raises(PluginLoadError, match="register_chekcs"):
        Guard(make_settings(), plugins=[Typo()], load_entry_points=False)


def test_hookimpl_with_unknown_argument_is_an_error() -> None:
    """pluggy's signature validation is reported as a PluginLoadError naming the plugin."""

    class WrongArguments:
        __name__ = "wrong-arguments"

        @commentguard.hookimpl
        def comment_moderated(self, submission: object, verdict: object) -> None: ...

    with pytest.raises(PluginLoadError, match="wrong-arguments"):
        Guard(make_settings(), plugins=[WrongArguments()], load_entry_points=False)


def test_two_checks_with_one_name_is_an_error() -> None:
    """Check names are unique across plugins, so settings sections are unambiguous."""

    class Impostor(commentguard.Check):
        name = "links"

    class Plugin:
        @commentguard.hookimpl
        def register_checks(self, register: object) -> None:
            register(Impostor)  # type: ignore[operator]

    with pytest.raises(PluginLoadError, match="two checks are named 'links'"):
        Guard(make_settings(), plugins=[Plugin()], load_entry_points=False)


def test_decide_hook_falls_back_to_default_policy() -> None:
    """A decide implementation returning None leaves the decision to the default policy."""

    class Abstains:
        @commentguard.hookimpl
        def decide(self, submission: object, findings: object, settings: object) -> None:
            return None

    guard = Guard(make_settings(), plugins=[Abstains()], load_entry_points=False)
    assert guard.moderate(make_submission(honeypot="x")).verdict is Verdict.DISCARD


def test_blocking_the_default_policy_without_replacement_fails_clearly() -> None:
    """Without any decide implementation the guard says what is missing."""
    guard = Guard(make_settings(), disable=["commentguard.policy"], load_entry_points=False)
    with pytest.raises(PluginLoadError, match=r"commentguard\.policy"):
        guard.moderate(make_submission())


def test_cli_plugins_lists_name_version_and_hooks(installed_test_plugin: ModuleType) -> None:
    """`commentguard plugins` prints a JSON list of loaded plugins."""
    result = CliRunner().invoke(build_cli(["plugins"]), ["plugins"])
    assert result.exit_code == 0, result.output
    listed = {item["name"]: item for item in json.loads(result.output)}
    assert listed["testplugin"]["version"] == "1.2.3"
    assert listed["testplugin"]["distribution"] == "commentguard-testplugin"
    assert sorted(listed["testplugin"]["hooks"]) == sorted(HOOK_NAMES)
    assert listed["commentguard.checks.honeypot"]["hooks"] == ["register_checks"]
