"""``commentguard train --labels FILE``: teach the filter from labelled comments in bulk.

Reads CSV or JSON Lines with a spam/ham label, or a WordPress export (WXR) whose
``comment_approved`` is ``spam`` (spam) or ``1`` (ham; pending and trashed comments are
skipped). A bad record is reported as ``file:line: problem`` and the run goes on.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from itertools import islice
from pathlib import Path
from typing import Any

import click

from commentguard import CheckContext, CommentguardError, Settings
from commentguard.cli import CommandError
from commentguard.dumps import DumpError, Record, RecordError, read_csv, read_jsonl, read_wxr
from commentguard.stores import Store, open_store
from commentguard_bayes.check import BayesCheck
from commentguard_bayes.features import SpamText
from commentguard_bayes.model import NaiveBayes

BATCH = 500
_SPAM_LABELS = frozenset({"spam", "1", "true", "yes"})
_HAM_LABELS = frozenset({"ham", "0", "false", "no"})
_FORMATS = {".csv": "csv", ".jsonl": "jsonl", ".ndjson": "jsonl", ".xml": "wxr", ".wxr": "wxr"}


@click.command()
@click.option(
    "--labels",
    "labels_path",
    required=True,
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="CSV or JSON Lines with a label column, or a WordPress export (WXR).",
)
@click.option(
    "--format",
    "file_format",
    type=click.Choice(["auto", "csv", "jsonl", "wxr"]),
    default="auto",
    show_default=True,
    help="The file's format; auto goes by the extension (.csv, .jsonl, .xml).",
)
@click.option(
    "--label-column",
    default="label",
    show_default=True,
    help="CSV/JSONL: the column with spam/ham (also 1/0, true/false).",
)
@click.option(
    "--text-column",
    default="body",
    show_default=True,
    help="CSV/JSONL: the column with the comment text.",
)
@click.pass_context
def train(
    ctx: click.Context, labels_path: Path, file_format: str, label_column: str, text_column: str
) -> None:
    """Teach the bayes filter from labelled comments, and print what it learned as JSON.

    The model goes into the configured store, which must outlive the command (SQLite or
    Redis, the one the site's guard uses). Exits 1 if some records were bad (each is reported
    on stderr as file:line), 2 if the file or the configuration cannot be used at all, a
    memory:// store included.
    """
    if file_format == "auto":
        file_format = _FORMATS.get(labels_path.suffix.lower(), "")
        if not file_format:
            raise CommandError(
                f"{labels_path}: cannot tell the format from the extension; pass --format"
            )
    try:
        settings = _settings(ctx)
        with open_store(settings.store) as store:
            model = _bayes_check(settings, store).model
            if model is None:  # pragma: no cover - built with a store, it always has a model
                raise CommandError("the bayes check has no store")
            summary = _learn(model, _examples(labels_path, file_format, label_column, text_column))
    except DumpError as exc:
        raise CommandError(str(exc)) from None
    except CommentguardError as exc:
        raise CommandError(str(exc)) from None
    click.echo(json.dumps(summary, indent=2))
    if summary["bad_records"]:
        sys.exit(1)


def _settings(ctx: click.Context) -> Settings:
    """The configuration ``--config`` names (or the usual sources), with a lasting store."""
    settings = Settings.load(ctx.find_root().params.get("config"))
    if settings.store.startswith("memory:"):
        raise CommandError(
            f"the store is {settings.store}, which forgets the model when train exits: set "
            'store = "sqlite:///path/to/guard.db" or a Redis URL (store = "redis://host:6379/0") '
            "in commentguard.toml, the store your site's guard uses"
        )
    return settings


def _bayes_check(settings: Settings, store: Store) -> BayesCheck:
    """Only the bayes check, as the guard would build it: no other check or plugin loads."""
    context = CheckContext.for_check(BayesCheck, settings, store)
    if not context.check_settings.enabled:
        raise CommandError("the bayes check is not enabled ([checks.bayes] enabled = false)")
    return BayesCheck.from_settings(context)


def _learn(model: NaiveBayes, examples: Iterator[Example | str | None]) -> dict[str, Any]:
    """Learn in batches, reporting each bad record on stderr; the summary to print."""
    learned = {"spam": 0, "ham": 0}
    skipped = bad = 0
    while batch := list(islice(examples, BATCH)):
        texts = []
        for item in batch:
            if isinstance(item, str):
                bad += 1
                click.echo(item, err=True)
            elif item is None:
                skipped += 1
            else:
                texts.append(item)
                learned["spam" if item[1] else "ham"] += 1
        model.learn_many(texts)
    return {
        "learned": learned,
        "skipped": skipped,
        "bad_records": bad,
        "model": model.documents(),
    }


Example = tuple[SpamText, bool]


def _examples(
    path: Path, file_format: str, label_column: str, text_column: str
) -> Iterator[Example | str | None]:
    """Each record as an example, a problem (``file:line: ...``), or ``None`` to skip."""
    source = str(path)
    if file_format == "wxr":
        with path.open("rb") as stream:
            for record in read_wxr(stream, source):
                yield _from_wxr(record)
        return
    mapping = {"body": text_column, "label": label_column}
    with path.open(encoding="utf-8", errors="replace", newline="") as lines:
        records = (
            read_csv(lines, source, mapping) if file_format == "csv" else read_jsonl(lines, source)
        )
        for record in records:
            yield _from_labelled(record, label_column, text_column)


def _from_wxr(record: Record | RecordError) -> Example | str | None:
    if isinstance(record, RecordError):
        return str(record)
    if record.status not in ("spam", "1"):
        return None
    body = record.data.get("body")
    if not body:
        return _problem(record, "the comment has no text")
    return SpamText(body, record.data.get("url")), record.status == "spam"


def _from_labelled(
    record: Record | RecordError, label_column: str, text_column: str
) -> Example | str:
    if isinstance(record, RecordError):
        return str(record)
    data: dict[str, Any] = record.data
    label = str(data.get("label", data.get(label_column, ""))).strip().casefold()
    body = data.get("body", data.get(text_column))
    if label not in _SPAM_LABELS | _HAM_LABELS:
        return _problem(record, f"{label_column} is {label!r}, not spam or ham")
    if not isinstance(body, str) or not body.strip():
        return _problem(record, f"no comment text in {text_column!r}")
    url = data.get("url")
    return SpamText(body, url if isinstance(url, str) else None), label in _SPAM_LABELS


def _problem(record: Record, message: str) -> str:
    return str(RecordError(record.source, record.line, record.record_id, message))
