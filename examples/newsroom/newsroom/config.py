"""Configuration from the environment: where data lives, the secrets, the guard's settings."""

from __future__ import annotations

import os
import secrets
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from commentguard import GENERATE_KEY_COMMAND, secret_key_weakness

DEVELOPMENT_SECRET_KEY = "newsroom-development-only-not-secret"

GUARD_SETTINGS: dict[str, Any] = {
    "checks": {
        # WordPress's default: two links or more wait for a moderator.
        "links": {"max_links": 2},
        # WordPress's "Comment Moderation" and "Disallowed Comment Keys" boxes.
        "wordlists": {
            "moderation_keys": ["crypto", "free spins", "casino"],
            "disallowed_keys": ["viagra", "cialis", "replica watches"],
        },
        # Every page view renders a signed token; a post without one did not come from our form.
        "form_token": {"required": True},
        # "Automatically close comments on articles older than 90 days".
        "closed_thread": {"close_after_days": 90},
    },
}
"""The guard's settings for this site, on top of ``commentguard.toml`` and ``COMMENTGUARD_*``."""


class ConfigError(Exception):
    """The environment lacks something the site cannot run without."""


@dataclass(frozen=True)
class Config:
    """Everything the app needs to start.

    Attributes:
        data_dir: Holds ``comments.db`` (articles and comments) and ``guard.db`` (the guard's
            flood, duplicate and trusted-author memory).
        secret_key: Signs sessions, the pending-comments cookie and the form tokens.
        moderator_password: The password of ``/moderation``.
        guard: commentguard settings for this site (:data:`GUARD_SETTINGS`).
        development: Development mode allows generated secrets, and a public secret key (the
            guard runs in its ``development_mode`` then).
    """

    data_dir: Path
    secret_key: str
    moderator_password: str
    guard: Mapping[str, Any] = field(default_factory=lambda: dict(GUARD_SETTINGS))
    development: bool = False

    @property
    def database(self) -> Path:
        """The site's own database: articles and comments."""
        return self.data_dir / "comments.db"

    @property
    def store_url(self) -> str:
        """The guard's store: an SQLite file next to the comments, shared by all workers."""
        return f"sqlite:///{(self.data_dir / 'guard.db').resolve()}"

    @classmethod
    def from_env(
        cls, environ: Mapping[str, str] = os.environ, *, development: bool = False
    ) -> Config:
        """Read ``NEWSROOM_DATA_DIR``, ``NEWSROOM_SECRET_KEY`` and ``NEWSROOM_MODERATOR_PASSWORD``.

        In development mode a missing secret key gets a fixed, public one and a missing
        password a random one (print it for the developer); in production both are required,
        and the secret key must be one commentguard accepts (32 random characters or more).

        Raises:
            ConfigError: naming the variable to set.
        """
        secret_key = environ.get("NEWSROOM_SECRET_KEY", "")
        password = environ.get("NEWSROOM_MODERATOR_PASSWORD", "")
        if development:
            secret_key = secret_key or DEVELOPMENT_SECRET_KEY
            password = password or secrets.token_urlsafe(9)
        for name, value in (
            ("NEWSROOM_SECRET_KEY", secret_key),
            ("NEWSROOM_MODERATOR_PASSWORD", password),
        ):
            if not value:
                raise ConfigError(
                    f"{name} is not set; set it in the environment (or run in development "
                    "mode with --dev, which makes one up)"
                )
        problem = secret_key_weakness(secret_key)
        if problem is not None and not development:
            raise ConfigError(
                f"NEWSROOM_SECRET_KEY {problem}; set it to the output of {GENERATE_KEY_COMMAND}"
            )
        return cls(
            data_dir=Path(environ.get("NEWSROOM_DATA_DIR", "newsroom-data")),
            secret_key=secret_key,
            moderator_password=password,
            guard=dict(GUARD_SETTINGS),
            development=development,
        )
