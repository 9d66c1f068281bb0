"""secret_key: a weak or placeholder key is refused outside development_mode, like Django's."""

from __future__ import annotations

import logging
import re
from pathlib import Path

import pytest

from commentguard import Guard, Settings, SettingsError
from commentguard._secret_key import PLACEHOLDERS, secret_key_weakness

REPOSITORY = Path(__file__).parents[1]
STRONG = "secret-key-test-0f8e2d6c4b1a9375-strong"
# Where a key may be printed for readers to copy: the docs, the README, the examples (not
# their tests, which use strong keys of their own), docstrings and the plugins' pages.
DOCUMENTATION = [
    *REPOSITORY.glob("docs/*.md"),
    REPOSITORY / "README.md",
    *(
        path
        for pattern in ("*.py", "*.toml", "*.md")
        for path in REPOSITORY.glob(f"examples/**/{pattern}")
        if "tests" not in path.parts
    ),
    *REPOSITORY.glob("src/**/*.py"),
    *REPOSITORY.glob("plugins/*/README.md"),
    *REPOSITORY.glob("plugins/*/src/**/*.py"),
]
PRINTED_KEY = re.compile(
    r"""(?:secret_key\s*=\s*|["']secret_key["']\s*:\s*|SECRET_KEY\s*=\s*|secret\s*=\s*)"""
    r"""["']([^"'\n]*)["']"""
)


def printed_keys() -> list[tuple[str, str]]:
    found = []
    for path in DOCUMENTATION:
        for match in PRINTED_KEY.finditer(path.read_text(encoding="utf-8")):
            found.append((str(path.relative_to(REPOSITORY)), match.group(1)))
    return found


def test_every_key_printed_in_the_documentation_is_refused() -> None:
    """A key copied from the docs, the README or an example never protects a site."""
    keys = printed_keys()

    assert {key for _, key in keys} >= {"change-me-to-a-long-random-string"}, keys
    accepted = [(path, key) for path, key in keys if secret_key_weakness(key) is None]
    assert not accepted, f"add these to secret_key.PLACEHOLDERS: {accepted}"


@pytest.mark.parametrize(
    ("key", "why"),
    [
        ("x", "is shorter than 32 characters"),
        ("change-me", "is a placeholder printed in commentguard's documentation"),
        ("  Change-Me-To-A-Long-Random-String ", "is a placeholder"),
        ("k" * 40, "has fewer than 5 different characters"),
        ("abcd" * 10, "has fewer than 5 different characters"),
        ("a-31-character-key-0123456789ab", "is shorter than 32 characters"),
    ],
)
def test_a_weak_key_is_refused_with_the_reason_and_never_quoted(key: str, why: str) -> None:
    """Settings.load names secret_key and why it is weak, and says how to make a good one."""
    with pytest.raises(SettingsError) as raised:
        Settings.load(secret_key=key)

    message = str(raised.value)
    assert message.startswith("invalid settings: secret_key: the key ")
    assert why in message
    assert "secrets.token_urlsafe(32)" in message
    assert "COMMENTGUARD_DEVELOPMENT_MODE" in message
    assert key.strip() not in message


def test_a_strong_key_is_accepted() -> None:
    """32 characters or more, of 5 different ones or more, not from the docs: accepted."""
    settings = Settings.load(secret_key=STRONG)

    assert settings.secret_key is not None
    assert settings.secret_key_problem is None


@pytest.mark.parametrize("key", sorted(PLACEHOLDERS))
def test_placeholders_are_refused_however_long(key: str) -> None:
    """Every documented placeholder is refused, the 33-character ones included."""
    with pytest.raises(SettingsError, match="secret_key: the key is a placeholder"):
        Settings.load(secret_key=key)


@pytest.mark.parametrize("store", ["sqlite:///guard.db", "redis://:pw@localhost:6379/0"])
def test_a_store_that_persists_needs_a_secret_key(store: str) -> None:
    """Without a key the store's hashes would use a public one; the store URL is redacted."""
    with pytest.raises(SettingsError) as raised:
        Settings.load(store=store)

    message = str(raised.value)
    assert "secret_key: it is not set, and the store" in message
    assert ":pw@" not in message


def test_no_key_with_the_memory_store_is_fine() -> None:
    """memory:// keeps nothing beyond the process, and tokens are then simply not checked."""
    assert Settings.load().secret_key_problem is None


@pytest.mark.parametrize("development_mode", [False, True])
def test_an_empty_key_is_refused_even_in_development_mode(development_mode: bool) -> None:
    """COMMENTGUARD_SECRET_KEY= set to nothing is a mistake whatever the mode."""
    with pytest.raises(SettingsError, match="secret_key: the key is empty"):
        Settings.load(secret_key="", development_mode=development_mode)


@pytest.mark.parametrize(
    ("overrides", "logged"),
    [
        ({"secret_key": "change-me"}, "the key is a placeholder"),
        ({"store": "sqlite:///guard.db"}, "it is not set, and the store 'sqlite:///guard.db'"),
    ],
    ids=["placeholder key", "no key with SQLite"],
)
def test_development_mode_accepts_a_weak_key_and_says_so(
    overrides: dict[str, str], logged: str, caplog: pytest.LogCaptureFixture
) -> None:
    """In development mode the guard is built, and a warning says what it let through."""
    settings = Settings.load(development_mode=True, **overrides)

    with caplog.at_level(logging.WARNING, logger="commentguard"):
        Guard(settings, load_entry_points=False).close()

    (record,) = [r for r in caplog.records if r.getMessage().startswith("development_mode")]
    assert logged in record.getMessage()
    assert "never run a site like this" in record.getMessage()


def test_development_mode_comes_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """COMMENTGUARD_DEVELOPMENT_MODE=true turns it on, as every other setting."""
    monkeypatch.setenv("COMMENTGUARD_DEVELOPMENT_MODE", "true")
    monkeypatch.setenv("COMMENTGUARD_SECRET_KEY", "dev")

    settings = Settings.load()

    assert settings.development_mode is True
    assert settings.secret_key_problem == "the key is shorter than 32 characters"


def test_a_strong_key_builds_a_guard_without_a_warning(caplog: pytest.LogCaptureFixture) -> None:
    """Outside development mode nothing is logged about the key."""
    with caplog.at_level(logging.WARNING, logger="commentguard"):
        Guard(
            Settings.load(secret_key=STRONG, store="sqlite:///g.db"), load_entry_points=False
        ).close()

    assert not caplog.records


def test_direct_construction_hides_the_input_from_pydantics_error() -> None:
    """Settings(...) raises pydantic's error, which quotes neither the key nor the store."""
    with pytest.raises(ValueError, match="secret_key") as raised:
        Settings(secret_key="short-and-secret", store="redis://:hunter2@localhost/0")

    assert "short-and-secret" not in str(raised.value)
    assert "hunter2" not in str(raised.value)
