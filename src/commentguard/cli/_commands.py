"""The small commands: ``moderate``, ``plugins``, ``checks`` and ``report``."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from typing import IO

import click

from commentguard._check import Check, CheckSettings
from commentguard._errors import InvalidSubmission
from commentguard._guard import Guard
from commentguard._jsonread import JsonError, read_json
from commentguard._models import Verdict
from commentguard._plugins import load_plugins, public_name
from commentguard._settings import Settings
from commentguard.cli._base import CliContext, CommandError, cli, friendly_errors, print_json


@cli.command()
@click.option(
    "--json",
    "json_file",
    type=click.File("r", encoding="utf-8"),
    default="-",
    help="File with the submission as a JSON object (default: stdin).",
)
@click.option("--show-email", is_flag=True, help="Do not mask the email address in the output.")
@click.pass_obj
@friendly_errors
def moderate(obj: CliContext, json_file: IO[str], show_email: bool) -> None:
    """Moderate one submission and print the decision as JSON.

    Exits 0 with the decision, or 1 with field errors when the submission is invalid.
    """
    name = getattr(json_file, "name", "<stdin>")
    try:
        data = read_json(json_file.read())
    except JsonError as exc:
        raise CommandError(f"{name}:{exc.lineno}:{exc.colno}: not valid JSON: {exc.msg}") from None
    except UnicodeDecodeError as exc:
        raise CommandError(f"{name}: not valid UTF-8 (byte {exc.start})") from None
    if not isinstance(data, dict):
        raise CommandError("the submission must be a JSON object")
    guard = obj.guard()
    try:
        submission = guard.parse(data)
    except InvalidSubmission as exc:
        errors = [{"field": e.field, "code": e.code, "message": e.message} for e in exc.errors]
        print_json({"errors": errors})
        sys.exit(1)
    decision = guard.moderate(submission)
    output = decision.model_dump(mode="json")
    output["submission"] = submission.model_dump(mode="json", context={"reveal_email": show_email})
    print_json(output)


@cli.command()
@click.pass_obj
@friendly_errors
def plugins(obj: CliContext) -> None:
    """List the loaded plugins as JSON: name, version, distribution and hooks."""
    settings = Settings.load(obj.config)
    loaded = load_plugins(disable=settings.disable_plugins, load_entry_points=obj.load_entry_points)
    print_json(
        [
            {
                "name": info.name,
                "version": info.version,
                "distribution": info.distribution,
                "hooks": list(info.hooks),
            }
            for info in loaded.describe()
        ]
    )


@cli.command()
@click.pass_obj
@friendly_errors
def checks(obj: CliContext) -> None:
    """List the checks as JSON: those that will run, in order, with their settings.

    Then the installed checks that are not configured and do not run (an API key is
    missing), with "status": "not configured" and what to set in "reason".
    """
    guard = obj.guard()
    listed = [
        _check_entry(check.name, "active", check.order, type(check), check.settings)
        for check in guard.checks
    ]
    listed += [
        _check_entry(item.name, "not configured", item.order, item.check_class, item.settings)
        | {"reason": item.reason}
        for item in guard.unconfigured
    ]
    print_json(listed)


def _check_entry(
    name: str, status: str, order: int, check_class: type[Check], settings: CheckSettings
) -> dict[str, object]:
    return {
        "name": name,
        "status": status,
        "order": order,
        "class": public_name(check_class),
        "settings": settings.model_dump(mode="json"),
    }


@cli.command()
@click.argument("decisions", type=click.File("r", encoding="utf-8", errors="strict"))
@click.option("--strict", is_flag=True, help="Stop at the first bad line instead of skipping it.")
@click.pass_obj
@friendly_errors
def report(obj: CliContext, decisions: IO[str], strict: bool) -> None:
    """Replay moderators' decisions from a JSON Lines file into the store.

    Each line is a comment (the fields of a submission) with a "verdict" key: approve, hold,
    spam, discard or reject. Approvals make authors trusted; spam forgets them; plugins hear
    every line through comment_reported. Bad lines are reported with their line number and
    skipped. Prints the counts per verdict as JSON; exits 1 if a line was bad.
    """
    guard = obj.guard()
    counts: dict[str, int] = {}
    bad = 0
    name = getattr(decisions, "name", "<stdin>")
    with guard:
        for number, line in enumerate(_lines(decisions), start=1):
            if line is not None and not line.strip():
                continue
            outcome = _replay(guard, line) if line is not None else "not valid UTF-8"
            if isinstance(outcome, Verdict):
                counts[outcome.value] = counts.get(outcome.value, 0) + 1
                continue
            problem = outcome
            bad += 1
            click.echo(f"{name}:{number}: {problem}", err=True)
            if strict:
                raise CommandError(f"{name}:{number}: stopped at the first bad line (--strict)")
    print_json({"recorded": counts, "bad_lines": bad})
    if bad:
        sys.exit(1)


def _lines(file: IO[str]) -> Iterator[str | None]:
    """The file's lines, ``None`` for one that is not UTF-8 (the others still count)."""
    binary = getattr(file, "buffer", None)
    if binary is None:
        yield from file
        return
    for raw in binary:
        try:
            yield raw.decode("utf-8")
        except UnicodeDecodeError:
            yield None


def _replay(guard: Guard, line: str) -> Verdict | str:
    """Record one decision line; return the verdict recorded, or what is wrong with the line."""
    try:
        data = read_json(line.strip())
    except JsonError as exc:
        return f"not valid JSON: {exc.msg} (column {exc.colno})"
    if not isinstance(data, dict):
        return "a line must be a JSON object"
    raw_verdict = data.pop("verdict", None)
    try:
        verdict = Verdict(raw_verdict)
    except ValueError:
        return f"record {data.get('id', '?')!r}: 'verdict' must be one of " + ", ".join(
            v.value for v in Verdict
        )
    try:
        guard.report(data, verdict)
    except InvalidSubmission as exc:
        fields = "; ".join(f"{error.field}: {error.message}" for error in exc.errors)
        return f"record {data.get('id', '?')!r}: {fields}"
    return verdict
