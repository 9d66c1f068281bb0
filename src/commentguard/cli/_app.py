"""Building the command-line tool with the commands plugins add, and its entry point."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path

import click

import commentguard.cli._check
import commentguard.cli._commands  # noqa: F401 - registers the small commands
from commentguard._errors import CommentguardError
from commentguard._plugins import load_plugins
from commentguard._settings import Settings
from commentguard.cli._base import EXIT_USAGE, cli


def build_cli(argv: Sequence[str] | None = None) -> click.Group:
    """Return the CLI with the commands plugins add through ``register_commands``.

    Plugins must be loaded before click parses the arguments, so ``--no-plugins`` and
    ``--config`` (for ``disable_plugins``) are read from ``argv`` here first.
    """
    args = list(sys.argv[1:] if argv is None else argv)
    try:
        settings = Settings.load(_config_from_args(args))
        load_plugins(
            disable=settings.disable_plugins, load_entry_points="--no-plugins" not in args
        ).register_commands(cli)
    except CommentguardError as exc:
        click.echo(f"Error: {exc}", err=True)
        sys.exit(EXIT_USAGE)
    return cli


def _config_from_args(args: list[str]) -> Path | None:
    for position, arg in enumerate(args):
        if arg == "--config" and position + 1 < len(args):
            return Path(args[position + 1])
        if arg.startswith("--config="):
            return Path(arg.removeprefix("--config="))
    return None


def main() -> None:
    """Entry point of the ``commentguard`` console script."""
    build_cli()(prog_name="commentguard")
