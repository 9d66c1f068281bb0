"""What every command shares: the ``commentguard`` group, its options, and error handling.

Every expected failure (bad input, bad settings, a broken plugin) prints one line to stderr and
exits with status 2; tracebacks are for bugs only.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from functools import wraps
from pathlib import Path
from typing import Any, ParamSpec, TypeVar

import click

from commentguard._errors import CommentguardError
from commentguard._guard import Guard
from commentguard._settings import Settings

P = ParamSpec("P")
R = TypeVar("R")

EXIT_USAGE = 2
"""Exit status of a command that could not do its job (bad input, settings or plugin)."""


class CommandError(click.ClickException):
    """An expected failure: printed as one line on stderr, exit status 2."""

    exit_code = EXIT_USAGE


def friendly_errors(command: Callable[P, R]) -> Callable[P, R]:
    """Turn commentguard's own errors into one line on stderr and exit status 2."""

    @wraps(command)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return command(*args, **kwargs)
        except CommentguardError as exc:
            raise CommandError(str(exc)) from None

    return wrapper


EXIT_INTERRUPTED = 130
"""Exit status after Ctrl-C (128 + SIGINT), as shells report it."""


def exits_on_interrupt(command: Callable[P, R]) -> Callable[P, R]:
    """Turn Ctrl-C into one line on stderr and exit status 130 (click's default is 1)."""

    @wraps(command)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return command(*args, **kwargs)
        except KeyboardInterrupt:
            click.echo("Interrupted.", err=True)
            sys.exit(EXIT_INTERRUPTED)

    return wrapper


class CliContext:
    """What the group's options say, for the commands."""

    def __init__(self, config: Path | None, load_entry_points: bool) -> None:
        self.config = config
        self.load_entry_points = load_entry_points

    def guard(self) -> Guard:
        """A guard with the chosen settings and plugins."""
        return Guard(Settings.load(self.config), load_entry_points=self.load_entry_points)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="commentguard", prog_name="commentguard")
@click.option(
    "--config",
    type=click.Path(dir_okay=False, path_type=Path),
    help="A commentguard.toml to read instead of the one in the current directory.",
)
@click.option("--no-plugins", is_flag=True, help="Do not load installed plugins (built-ins only).")
@click.pass_context
def cli(ctx: click.Context, config: Path | None, no_plugins: bool) -> None:
    """Moderate comments: validate them, run checks, and decide what to do with them."""
    ctx.obj = CliContext(config, load_entry_points=not no_plugins)


def print_json(value: Any) -> None:
    """Print ``value`` as indented JSON on stdout."""
    click.echo(json.dumps(value, indent=2, ensure_ascii=False))
