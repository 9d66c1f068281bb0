"""``--write-back``: a corrected copy of a dump in which only flagged comments' status changes.

Everything about it is here: which verdict sets which status (:data:`rewrite_wxr`,
:data:`rewrite_disqus`), the checks on the target before a dump is read (:meth:`WriteBack.to`),
the changes noted while it is moderated (:meth:`WriteBack.note`), and the copy itself
(:func:`write_corrected_copy`), written next to the target and renamed over it when complete.

The copy is made from the original bytes, not from a parsed tree, so everything else (the
XML declaration, namespace prefixes, CDATA sections, comments, whitespace, entity references)
is byte-for-byte what the site exported. The document has already been read, and so checked
for well-formedness, by the format's reader before a copy is written; the scanner here only
has to find tags, skipping CDATA sections, comments and processing instructions, whose text
may look like tags.
"""

from __future__ import annotations

import mmap
import os
import re
import shutil
import tempfile
from collections import Counter
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from commentguard._loaders.base import DumpError
from commentguard._loaders.disqus import DISQUS_NAMESPACE
from commentguard._loaders.wxr import WXR_NAMESPACES
from commentguard._models.verdict import Verdict

if TYPE_CHECKING:
    from commentguard._loaders.formats import DumpFormat
    from commentguard.dumps._outcome import Outcome

_TOKEN = re.compile(
    rb"""
    <!\[CDATA\[.*?\]\]>
    |<!--.*?-->
    |<\?.*?\?>
    |<!(?P<declaration>[^>]*)>
    |</(?P<end>[^\s>]+)\s*>
    |<(?P<start>[^\s/>!?]+)(?P<attributes>(?:[^>"']|"[^"]*"|'[^']*')*?)(?P<empty>/?)>
    """,
    re.DOTALL | re.VERBOSE,
)
_NAMESPACE_DECLARATION = re.compile(rb"""xmlns(?::([^\s=]+))?\s*=\s*(?:"([^"]*)"|'([^']*)')""")
_COPY_CHUNK = 1 << 20


@dataclass(frozen=True, slots=True)
class _Tag:
    kind: str  # "start", "end" or "empty"
    prefix: bytes | None
    namespace: bytes | None
    local: bytes
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class StatusChange:
    """A record's new status text, and the line the reader saw the record start on."""

    status: str
    line: int | None = None


@dataclass(frozen=True, slots=True)
class StatusRewriter:
    """Rewrites one element's text inside chosen records of an XML dump (a format's ``rewrite``).

    Attributes:
        namespaces: Namespace URIs the record and status elements may be in.
        record: Local name of a record element (``comment``).
        record_depth: Depth of record elements (the root is 0); ``None`` for any depth. A
            record element inside a record (in a comment's body) is part of its content.
        status: Local name of the status element, a child of the record (``comment_approved``).
        status_for: The new status text for a verdict and the record's current status, or
            ``None`` to leave the record as it is.
    """

    namespaces: frozenset[bytes]
    record: bytes
    record_depth: int | None
    status: bytes
    status_for: Callable[[Verdict, str | None], str | None]

    def __call__(
        self, source: BinaryIO, target: BinaryIO, changes: Mapping[int, StatusChange]
    ) -> int:
        """Copy ``source`` to ``target`` with record ``n``'s status changed as ``changes[n]``.

        Records are numbered from 0 in document order. Each change carries the line the reader
        saw the record start on; a record found on another line stops the copy, so a copy can
        never change a comment other than the one moderated. Returns how many records changed.

        Raises:
            DumpError: the document declares a DTD, or a record to change was not found where
                the reader saw it.
        """
        try:
            view = mmap.mmap(source.fileno(), 0, access=mmap.ACCESS_READ)
        except (OSError, ValueError, AttributeError):
            raise DumpError("--write-back needs a regular file to copy, not a stream") from None
        with view:
            position = 0
            changed = 0
            for start, end, text in self._edits(view, changes):
                _copy(view, position, start, target)
                target.write(text)
                position = end
                changed += 1
            _copy(view, position, len(view), target)
        if changed != len(changes):
            raise DumpError(
                f"the copy found {changed} of the {len(changes)} comments to change; "
                "nothing was written"
            )
        return changed

    def _edits(
        self, view: mmap.mmap, changes: Mapping[int, StatusChange]
    ) -> Iterator[tuple[int, int, bytes]]:
        """Byte ranges to replace, in order, with their new content."""
        depth = 0
        record_number = -1
        line, counted_to = 1, 0
        in_record: int | None = None  # depth of the record being changed
        open_record: int | None = None  # depth of the record we are in, changed or not
        status_open: _Tag | None = None
        found_status = False
        record_prefix: bytes | None = None
        for tag in _tags(view):
            if tag.kind == "end":
                depth -= 1
                if status_open is not None and depth == in_record + 1:  # type: ignore[operator] # in_record is set while status_open is
                    yield status_open.end, tag.start, changes[record_number].status.encode()
                    status_open, found_status = None, True
                elif in_record is not None and depth == in_record:
                    if not found_status:  # no status element: add one before the end tag
                        name = _qualified(record_prefix, self.status)
                        new = changes[record_number].status.encode()
                        yield tag.start, tag.start, b"<%s>%s</%s>" % (name, new, name)
                    in_record = None
                if depth == open_record:
                    open_record = None
                continue
            opens = tag.kind == "start"
            if open_record is None and self._is(tag, self.record) and self._at_record_depth(depth):
                record_number += 1
                if opens:
                    open_record = depth
                change = changes.get(record_number)
                if change is not None and opens:
                    line += view[counted_to : tag.start].count(b"\n")
                    counted_to = tag.start
                    if change.line is not None and change.line != line:
                        raise DumpError(
                            f"comment {record_number + 1} of the dump starts on line {line} for "
                            f"the copy but on line {change.line} for the reader; nothing was "
                            "written"
                        )
                    in_record, found_status, record_prefix = depth, False, tag.prefix
            elif in_record is not None and depth == in_record + 1 and self._is(tag, self.status):
                if opens:
                    status_open = tag
                else:  # <status/>: replace the empty tag with one that has content
                    name = _qualified(tag.prefix, self.status)
                    new = changes[record_number].status.encode()
                    yield tag.start, tag.end, b"<%s>%s</%s>" % (name, new, name)
                    found_status = True
            if opens:
                depth += 1

    def _at_record_depth(self, depth: int) -> bool:
        return self.record_depth is None or depth == self.record_depth

    def _is(self, tag: _Tag, local: bytes) -> bool:
        return tag.local == local and tag.namespace in self.namespaces


def _tags(view: mmap.mmap) -> Iterator[_Tag]:
    """The document's tags in order, each with the namespace its prefix is bound to there.

    Bindings are scoped as XML scopes them: an element's declarations hold for it and its
    descendants, and end with it.
    """
    scopes: list[dict[bytes | None, bytes]] = [{}]
    for match in _TOKEN.finditer(view):
        if match["declaration"] is not None:
            if match["declaration"].upper().startswith(b"DOCTYPE"):
                raise DumpError("the document declares a DTD; it is not copied")
            continue
        name = match["start"] or match["end"]
        if name is None:
            continue  # CDATA, a comment or a processing instruction
        prefix, _, local = name.rpartition(b":")
        if match["end"] is not None:
            namespace = scopes[-1].get(prefix or None)
            if len(scopes) > 1:
                scopes.pop()
            yield _Tag("end", prefix or None, namespace, local, match.start(), match.end())
            continue
        bindings = scopes[-1]
        declared = _NAMESPACE_DECLARATION.findall(match["attributes"])
        if declared:
            bindings = {**bindings}
            for declared_prefix, double, single in declared:
                bindings[declared_prefix or None] = double or single
        kind = "empty" if match["empty"] else "start"
        if kind == "start":
            scopes.append(bindings)
        yield _Tag(
            kind, prefix or None, bindings.get(prefix or None), local, match.start(), match.end()
        )


def _qualified(prefix: bytes | None, local: bytes) -> bytes:
    return prefix + b":" + local if prefix else local


def _copy(view: mmap.mmap, start: int, end: int, target: BinaryIO) -> None:
    for offset in range(start, end, _COPY_CHUNK):
        target.write(view[offset : min(offset + _COPY_CHUNK, end)])


FLAGGED = frozenset(Verdict) - {Verdict.APPROVE}
"""The verdicts a write-back may act on (each format's ``status_for`` decides how)."""
SPAM_VERDICTS = frozenset({Verdict.SPAM, Verdict.DISCARD})
"""Verdicts that file a comment as spam in a corrected copy."""
PENDING_VERDICTS = frozenset({Verdict.HOLD, Verdict.REJECT})
"""Verdicts that send a comment back to the moderation queue in a corrected copy."""


def _wxr_status(verdict: Verdict, current: str | None) -> str | None:
    """WordPress: ``spam`` for spam, ``0`` (pending) for held.

    Only approved (``1``) and pending (``0``) comments change: a comment that is already spam,
    in the trash, or on a trashed post (``post-trashed``) stays as it is, and nothing is
    ever approved.
    """
    if verdict in SPAM_VERDICTS and current in ("1", "0"):
        return "spam"
    if verdict in PENDING_VERDICTS and current == "1":
        return "0"
    return None


def _disqus_status(verdict: Verdict, current: str | None) -> str | None:
    """Disqus: ``isSpam`` true for spam; an export has no pending state to send holds to."""
    if verdict in SPAM_VERDICTS and current == "approved":
        return "true"
    return None


rewrite_wxr = StatusRewriter(
    namespaces=frozenset(namespace.encode() for namespace in WXR_NAMESPACES),
    record=b"comment",
    record_depth=None,
    status=b"comment_approved",
    status_for=_wxr_status,
)
"""Sets ``<wp:comment_approved>`` of flagged comments in a WXR export."""

rewrite_disqus = StatusRewriter(
    namespaces=frozenset({DISQUS_NAMESPACE.encode()}),
    record=b"post",
    record_depth=1,
    status=b"isSpam",
    status_for=_disqus_status,
)
"""Sets ``<isSpam>`` of flagged posts in a Disqus export."""


def same_file(path: Path, other: Path) -> bool:
    """Whether writing ``path`` would write ``other``: the same path, or a link to it."""
    if path.resolve() == other.resolve():
        return True
    return path.exists() and other.exists() and path.samefile(other)


def write_corrected_copy(
    source: Path, target: Path, rewriter: StatusRewriter, changes: Mapping[int, StatusChange]
) -> int:
    """Copy ``source`` to ``target`` with the status of the records in ``changes`` changed.

    The copy is written to a temporary file in ``target``'s folder and renamed over ``target``
    only when complete, so a failure leaves no partial file. Returns the records changed.

    Raises:
        DumpError: ``target`` is ``source`` (the input is never overwritten), or the copy failed.
    """
    if same_file(target, source):
        raise DumpError(f"{target}: --write-back would overwrite the input; choose another file")
    folder = target.resolve().parent
    descriptor, name = tempfile.mkstemp(dir=folder, prefix=f".{target.name}.", suffix=".tmp")
    temporary = Path(name)
    try:
        with open(descriptor, "wb") as handle, source.open("rb") as original:
            changed = rewriter(original, handle, changes)
            handle.flush()
            os.fsync(handle.fileno())
        shutil.copymode(source, temporary)
        temporary.replace(target)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    return changed


@dataclass(slots=True)
class WriteBack:
    """The corrected copy one check writes: where, how, and the changes noted so far.

    Attributes:
        source: The dump.
        target: Where the copy goes (never ``source``).
        rewriter: The dump format's :attr:`~commentguard._loaders.DumpFormat.rewrite`.
        changes: The new status of each record to change, by its position in the dump.
    """

    source: Path
    target: Path
    rewriter: StatusRewriter
    changes: dict[int, StatusChange] = field(default_factory=dict)

    @classmethod
    def to(
        cls, target: Path, dump_format: DumpFormat, source: Path, *, overwrite: bool = False
    ) -> WriteBack:
        """A write-back of ``source`` to ``target``, checked before the dump is read.

        Raises:
            DumpError: the format has no status to correct, the dump is stdin, ``target`` is the
                dump, exists (without ``overwrite``), or is in a folder that cannot be written.
        """
        if dump_format.rewrite is None:
            raise DumpError(
                f"--write-back: the {dump_format.name} format has no moderation status to "
                "correct (WXR and Disqus exports have)"
            )
        if str(source) == "-":
            raise DumpError("--write-back needs the dump as a file, not stdin")
        if same_file(target, source):
            raise DumpError(
                f"{target}: --write-back would overwrite the input; choose another file"
            )
        if target.exists() and not overwrite:
            raise DumpError(f"{target} exists; add --overwrite to replace it")
        folder = target.resolve().parent
        if not folder.is_dir() or not os.access(folder, os.W_OK):
            raise DumpError(f"{target}: cannot write in {folder}")
        return cls(source, target, dump_format.rewrite)

    def note(self, outcome: Outcome) -> None:
        """Note the status change a moderated record's verdict asks for, if any."""
        if not isinstance(outcome.verdict, Verdict) or outcome.verdict not in FLAGGED:
            return
        new = self.rewriter.status_for(outcome.verdict, outcome.status)
        if new is not None:
            self.changes[outcome.index] = StatusChange(new, outcome.line)

    def write(self, *, dry_run: bool = False) -> str:
        """Write the copy (unless ``dry_run``); what was written, as one line for the reader.

        Raises:
            DumpError: the copy could not be written; nothing was.
        """
        counts = Counter(change.status for change in self.changes.values())
        detail = ", ".join(f"{count:,} to {status!r}" for status, count in sorted(counts.items()))
        if dry_run:
            return (
                f"would write {self.target}: {_comments(len(self.changes))} changed "
                f"({detail or 'none'})"
            )
        try:
            changed = write_corrected_copy(self.source, self.target, self.rewriter, self.changes)
        except OSError as exc:
            raise DumpError(f"{self.target}: {exc.strerror or exc}") from None
        return f"wrote {self.target}: {_comments(changed)} changed ({detail or 'none'})"


def _comments(count: int) -> str:
    """``1 comment``, ``2 comments``."""
    return f"{count:,} comment" + ("" if count == 1 else "s")
