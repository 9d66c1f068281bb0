"""Staticman comments: one YAML file per comment, a folder per post (Jekyll's ``_data/comments``).

Each file holds ``message``, ``name``, ``email`` (Staticman's ``md5`` transform: a hash, never
an address), ``url``, ``date``, ``_id`` (absent from comments migrated from Disqus, which keep
their Disqus ``id``), ``_parent`` (the post) and, for nested comments, ``replying_to``: the
position (from 1, in file-name order) of the top-level comment replied to, the convention of
Made Mistakes' ``comment.html`` that Staticman sites copy, or the parent's ``_id``, as other
themes write it. ``hidden`` is the form's honeypot.

YAML is read with PyYAML's safe loader, which builds plain data only. PyYAML is an optional
dependency: ``pip install 'commentguard[yaml]'``.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from types import ModuleType
from typing import Any, BinaryIO

from commentguard._loaders.base import DumpError, Record, RecordError
from commentguard._loaders.fields import iso_time, present, text, web_page

SUFFIXES = (".yml", ".yaml")
"""The file names Staticman writes YAML comments under."""
INSTALL = "pip install 'commentguard[yaml]'"


def yaml_module() -> ModuleType:
    """PyYAML, imported on first use.

    Raises:
        DumpError: PyYAML is not installed (the message gives the install command).
    """
    try:
        return importlib.import_module("yaml")
    except ImportError:
        raise DumpError(
            f"reading Staticman YAML comments needs PyYAML, which is not installed: {INSTALL}"
        ) from None


def read_staticman_file(
    stream: BinaryIO, source: str, max_record_bytes: int
) -> Iterator[Record | RecordError]:
    """The one comment of a single Staticman YAML file (its thread and parent are unknown)."""
    comment = _load(stream.read(max_record_bytes + 1), source, max_record_bytes, yaml_module())
    if isinstance(comment, RecordError):
        yield comment
        return
    yield _record(comment, source, Path(source).stem, None, None)


def read_staticman_folder(
    folder: Path, source: str, max_record_bytes: int
) -> Iterator[Record | RecordError]:
    """Every comment under ``folder``, a post folder at a time, each in file-name order.

    A post's thread is its folder's path under ``folder`` (``using-jekyll-2016``), or the
    folder's own name for comments directly in it. Hidden folders (``.git``) are skipped.
    """
    yaml = yaml_module()
    for post, files in _posts(folder):
        thread = post.relative_to(folder).as_posix() if post != folder else folder.name
        yield from _read_post(files, folder, source, thread, max_record_bytes, yaml)


def holds_comments(folder: Path) -> bool:
    """Whether ``folder`` or one of its folders holds YAML files (a look at a few entries)."""
    for index, path in enumerate(_walk(folder)):
        if path.suffix.lower() in SUFFIXES:
            return True
        if index > 10_000:
            return False
    return False


def _walk(folder: Path) -> Iterator[Path]:
    try:
        entries = sorted(folder.iterdir())
    except OSError:
        return
    folders = []
    for entry in entries:
        if entry.name.startswith("."):
            continue
        if entry.is_dir():
            folders.append(entry)
        else:
            yield entry
    for sub in folders:
        yield from _walk(sub)


def _posts(folder: Path) -> Iterator[tuple[Path, list[Path]]]:
    """Each folder holding comments, with its comment files sorted as Jekyll sorts them."""
    by_folder: dict[Path, list[Path]] = {}
    for path in _walk(folder):
        if path.suffix.lower() in SUFFIXES:
            by_folder.setdefault(path.parent, []).append(path)
    for post in sorted(by_folder):
        yield post, sorted(by_folder[post], key=lambda path: path.stem)


def _read_post(
    files: Iterable[Path],
    folder: Path,
    source: str,
    thread: str,
    limit: int,
    yaml: ModuleType,
) -> Iterator[Record | RecordError]:
    """The records of one post: read whole first, since a reply names its parent by position."""
    read: list[tuple[str, dict[str, Any] | RecordError]] = []
    for path in files:
        name = f"{source.rstrip('/')}/{path.relative_to(folder).as_posix()}"
        try:
            with path.open("rb") as stream:
                read.append((name, _load(stream.read(limit + 1), name, limit, yaml)))
        except OSError as exc:
            read.append((name, RecordError(name, None, None, f"cannot read: {exc.strerror}")))
    comments = [(name, c) for name, c in read if not isinstance(c, RecordError)]
    ids = {_comment_id(comment, name) for name, comment in comments}
    top_level = [_comment_id(c, name) for name, c in comments if not _replying_to(c)]
    for name, comment in read:
        if isinstance(comment, RecordError):
            yield comment
            continue
        parent = _parent(_replying_to(comment), ids, top_level)
        yield _record(comment, name, _comment_id(comment, name), thread, parent)


def _parent(replying_to: str | None, ids: set[str], top_level: list[str]) -> str | None:
    """The id of the comment a reply answers, or ``None`` when it cannot be told.

    ``replying_to`` is that id itself when it is a comment's (as some themes write it), or
    else the position, from 1, of a top-level comment.
    """
    if replying_to is None:
        return None
    if replying_to in ids:
        return replying_to
    if replying_to.isdigit() and 0 < int(replying_to) <= len(top_level):
        return top_level[int(replying_to) - 1]
    return None


def _load(data: bytes, source: str, limit: int, yaml: ModuleType) -> dict[str, Any] | RecordError:
    if len(data) > limit:
        return RecordError(
            source, None, None, f"the file is over {limit:,} bytes, more than a comment can take"
        )
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        value = yaml.load(data, Loader=loader)  # a safe loader, C or Python
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = None if mark is None else mark.line + 1
        problem = getattr(exc, "problem", None) or type(exc).__name__
        return RecordError(source, line, None, f"not valid YAML: {problem}")
    except (ValueError, RecursionError) as exc:  # a bad date, or nesting past the stack
        return RecordError(source, None, None, f"not valid YAML: {type(exc).__name__}")
    if not isinstance(value, dict):
        return RecordError(source, 1, None, "a comment file must hold a YAML mapping")
    return value


def _comment_id(comment: dict[str, Any], name: str) -> str:
    """``_id``, or the Disqus ``id`` of a migrated comment, or the file's name."""
    for key in ("_id", "id"):
        if comment.get(key) not in (None, ""):
            return str(comment[key])
    return Path(name).stem


def _replying_to(comment: dict[str, Any]) -> str | None:
    value = comment.get("replying_to")
    return None if value in (None, "") else str(value).strip() or None


_FIELDS = ("_parent", "name", "url", "message", "hidden", "date")
"""The keys read; each must be a scalar. A list or mapping, even a small one written with
aliases (``&a [*b, *b]``), can stand for exponentially much text once turned into a string."""


def _record(
    comment: dict[str, Any], source: str, record_id: str, thread: str | None, parent: str | None
) -> Record | RecordError:
    for key in _FIELDS:
        if isinstance(comment.get(key), list | dict | set):
            return RecordError(source, 1, record_id, f"{key} must be text, not a YAML collection")
    data: dict[str, Any] = {
        "id": record_id,
        "thread_id": thread,
        "parent_id": parent,
        "permalink": web_page(text(comment.get("_parent"))),
        "name": text(comment.get("name")),
        "url": text(comment.get("url")),
        "body": text(comment.get("message")),
        "honeypot": text(comment.get("hidden")),
        # "email" is Staticman's md5 of the address: not an address, so it is left out.
    }
    date = comment.get("date")
    if isinstance(date, str):
        date = iso_time(date)
        if date is None:
            return RecordError(source, 1, record_id, "date is not a date")
    if isinstance(date, datetime):
        data["submitted_at"] = date if date.tzinfo else date.replace(tzinfo=UTC)
    return Record(source, 1, record_id, present(data))
