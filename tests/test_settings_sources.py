"""Settings: files, pyproject, environment, precedence, and errors that name the key."""

from __future__ import annotations

from pathlib import Path

import pytest

from commentguard import ConfigurationError, Guard, Settings, SettingsError

TOML_SECRET = "settings-sources-test-secret-5f1a9d3b7e2c4680"


def test_defaults_follow_wordpress() -> None:
    """With no configuration the limits are WordPress's and no secret is set."""
    settings = Settings.load()
    assert settings.secret_key is None
    assert settings.limits.name_max_chars == 245
    assert settings.limits.email_max_chars == 100
    assert settings.limits.url_max_chars == 200
    assert settings.limits.body_max_bytes == 65_525
    assert settings.email.check_deliverability is False


def test_commentguard_toml_in_working_directory_is_read() -> None:
    """./commentguard.toml configures settings and check sections."""
    Path("commentguard.toml").write_text(
        f'secret_key = "{TOML_SECRET}"\n[limits]\nbody_max_bytes = 5000\n'
        "[checks.links]\nmax_links = 4\n",
        encoding="utf-8",
    )
    settings = Settings.load()
    assert settings.secret_key is not None
    assert settings.secret_key.get_secret_value() == TOML_SECRET
    assert settings.limits.body_max_bytes == 5000
    links = next(check for check in Guard(settings).checks if check.name == "links")
    assert links.settings.max_links == 4  # type: ignore[attr-defined]


def test_pyproject_tool_table_is_read() -> None:
    """[tool.commentguard] in pyproject.toml is a source too."""
    Path("pyproject.toml").write_text(
        '[project]\nname = "site"\n[tool.commentguard.checks.links]\nmax_links = 7\n',
        encoding="utf-8",
    )
    assert Settings.load().checks == {"links": {"max_links": 7}}


def test_precedence_kwargs_env_toml_pyproject(monkeypatch: pytest.MonkeyPatch) -> None:
    """Keyword arguments beat the environment, which beats commentguard.toml, then pyproject."""
    Path("pyproject.toml").write_text(
        "[tool.commentguard]\nbatch_size = 1\n[tool.commentguard.limits]\nname_max_chars = 11\n",
        encoding="utf-8",
    )
    Path("commentguard.toml").write_text(
        "batch_size = 2\n[limits]\nname_max_chars = 22\n", encoding="utf-8"
    )
    assert Settings.load().batch_size == 2
    monkeypatch.setenv("COMMENTGUARD_BATCH_SIZE", "3")
    monkeypatch.setenv("COMMENTGUARD_LIMITS__URL_MAX_CHARS", "99")
    settings = Settings.load()
    assert settings.batch_size == 3
    assert settings.limits.url_max_chars == 99
    assert Settings.load(batch_size=4).batch_size == 4


def test_nested_check_settings_from_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """COMMENTGUARD_CHECKS__<CHECK>__<KEY> sets one check's setting."""
    monkeypatch.setenv("COMMENTGUARD_CHECKS__LINKS__MAX_LINKS", "5")
    links = next(check for check in Guard().checks if check.name == "links")
    assert links.settings.max_links == 5  # type: ignore[attr-defined]


def test_explicit_config_file(tmp_path: Path) -> None:
    """Settings.load(path) reads that file instead of ./commentguard.toml."""
    config = tmp_path / "site.toml"
    config.write_text("batch_size = 9\n", encoding="utf-8")
    Path("commentguard.toml").write_text("batch_size = 2\n", encoding="utf-8")
    assert Settings.load(config).batch_size == 9


def test_missing_config_file_is_named(tmp_path: Path) -> None:
    """A config file that does not exist is an error naming it."""
    with pytest.raises(SettingsError, match=r"nope\.toml: configuration file not found"):
        Settings.load(tmp_path / "nope.toml")


def test_invalid_toml_is_reported() -> None:
    """A TOML syntax error becomes a SettingsError, not a traceback."""
    Path("commentguard.toml").write_text("batch_size = = 2\n", encoding="utf-8")
    with pytest.raises(SettingsError, match="not valid TOML"):
        Settings.load()


@pytest.mark.parametrize(
    ("toml", "key"),
    [
        ("batch_size = 0\n", "batch_size"),
        ("batchsize = 10\n", "batchsize: unknown setting"),
        ("[limits]\nname_max_chars = 'long'\n", "limits.name_max_chars"),
        ("[checks.links]\nmax_links = 'two'\n", "checks.links.max_links"),
        ("[checks.links]\nmax_link = 2\n", "checks.links.max_link: unknown setting"),
        ("[checks.linkz]\nmax_links = 2\n", "checks.linkz: no installed check"),
        ("[checks.profanity]\nverdict = 'burn'\n", "checks.profanity.verdict"),
        ("[checks.honeypot]\ntimeout = -1\n", "checks.honeypot.timeout"),
    ],
)
def test_bad_setting_fails_at_guard_construction_naming_the_key(toml: str, key: str) -> None:
    """Every bad value or unknown key is refused when the Guard is built, by name."""
    Path("commentguard.toml").write_text(toml, encoding="utf-8")
    with pytest.raises(SettingsError) as raised:
        Guard()
    assert key in str(raised.value)


def test_disabled_check_is_not_built() -> None:
    """enabled = false removes a check from the pipeline."""
    guard = Guard(Settings.load(checks={"profanity": {"enabled": False}}))
    assert "profanity" not in [check.name for check in guard.checks]


def test_order_setting_moves_a_check() -> None:
    """order changes a check's place in the pipeline."""
    guard = Guard(Settings.load(checks={"profanity": {"order": 1}}))
    assert guard.checks[0].name == "profanity"


def test_required_form_token_without_secret_is_a_configuration_error() -> None:
    """A check that cannot work without the secret says so at construction."""
    with pytest.raises(ConfigurationError, match="secret_key"):
        Guard(Settings.load(checks={"form_token": {"required": True}}))


def test_disable_plugins_from_environment_is_comma_separated(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """COMMENTGUARD_DISABLE_PLUGINS is a comma-separated list, not JSON."""
    monkeypatch.setenv("COMMENTGUARD_DISABLE_PLUGINS", "a, b")
    assert Settings.load().disable_plugins == ("a", "b")


def test_list_setting_of_a_check_from_one_environment_variable(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A JSON list in COMMENTGUARD_CHECKS__<CHECK>__<KEY> sets a list setting."""
    monkeypatch.setenv(
        "COMMENTGUARD_CHECKS__WORDLISTS__MODERATION_KEYS", '["crypto", "free spins"]'
    )
    wordlists = next(check for check in Guard().checks if check.name == "wordlists")
    assert wordlists.settings.moderation_keys == ("crypto", "free spins")  # type: ignore[attr-defined]


def test_environment_value_that_is_not_json_is_a_settings_error(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A list setting given as plain text in the environment is reported, not a traceback."""
    monkeypatch.setenv("COMMENTGUARD_SHORT_CIRCUIT", "discard")
    with pytest.raises(SettingsError, match=r"short_circuit"):
        Settings.load()
