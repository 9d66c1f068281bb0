"""What makes a ``secret_key`` fit to protect a site: long, varied, and not one from our docs.

The key signs form tokens and keys every hash of an email address (avatar keys, the store's
keys). Whoever knows or guesses it can forge tokens and test guessed addresses against those
hashes, so :class:`~commentguard.Settings` refuses a weak key outside ``development_mode``, as
Django refuses an empty ``SECRET_KEY``.
"""

from __future__ import annotations

MIN_CHARS = 32
"""The shortest key accepted: ``secrets.token_urlsafe(32)`` gives 43 characters."""
MIN_DISTINCT_CHARS = 5
"""A key of fewer different characters (``"k" * 32``) is one a person typed, not a random one."""
GENERATE_KEY_COMMAND = "python -c 'import secrets; print(secrets.token_urlsafe(32))'"
"""A command that prints a good key."""

PLACEHOLDERS = frozenset(
    {
        # Every key printed in commentguard's README, documentation and examples, so that a
        # copied example never protects a site. A test keeps this list complete.
        "change-me",
        "change-me-to-a-long-random-string",
        "demo-only-not-secret",
        "newsroom-development-only-not-secret",
        "the site's secret key",
        # What people write when they mean "fill this in later".
        "changeme",
        "secret",
        "secret-key",
        "secret_key",
        "your-secret-key",
        "your-secret-key-here",
    }
)
"""Keys that are public however long they are (compared ignoring case and outer blanks)."""


def secret_key_weakness(key: str) -> str | None:
    """Why ``key`` cannot protect a site, or ``None`` when it can.

    The answer never quotes the key.
    """
    if not key:
        return "is empty"
    if key.strip().casefold() in PLACEHOLDERS:
        return "is a placeholder printed in commentguard's documentation"
    if len(key) < MIN_CHARS:
        return f"is shorter than {MIN_CHARS} characters"
    if len(set(key)) < MIN_DISTINCT_CHARS:
        return f"has fewer than {MIN_DISTINCT_CHARS} different characters"
    return None
