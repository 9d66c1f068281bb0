"""The ``commentguard`` command-line tool: a thin layer over the Python API."""

from commentguard.cli._app import build_cli, main
from commentguard.cli._base import EXIT_USAGE, CliContext, CommandError, cli, friendly_errors

__all__ = [
    "EXIT_USAGE",
    "CliContext",
    "CommandError",
    "build_cli",
    "cli",
    "friendly_errors",
    "main",
]
