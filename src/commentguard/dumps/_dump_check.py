"""Checking one dump file from Python as ``commentguard check`` does: :class:`DumpCheck`."""

from __future__ import annotations

import io
import os
import sys
from collections.abc import Collection, Generator, Iterator, Mapping
from contextlib import ExitStack
from pathlib import Path
from types import TracebackType
from typing import Any, BinaryIO, Literal

from commentguard._errors import ConfigurationError
from commentguard._loaders import DumpError
from commentguard._loaders._write_back import FLAGGED, WriteBack
from commentguard._loaders.compressed import decompressed
from commentguard._loaders.formats import SNIFF_BYTES, DumpFormat, FormatRegistry, ReadOptions
from commentguard._loaders.pieces import Piece
from commentguard._models import Verdict
from commentguard._models.limits import record_max_bytes
from commentguard.dumps._runner import PIECE_SIZE, Batch, DumpRun, check_pieces
from commentguard.dumps._summary import Summary


class DumpCheck:
    """One dump file, checked as ``commentguard check`` checks it: iterate for its batches.

    Opening the check reads the settings and plugins, opens the dump (a ``.gz`` is read as
    the file inside it; ``-`` is stdin), recognises its format and, with ``write_back``,
    checks that the copy can be written; nothing is moderated yet. Iterating yields one
    :class:`~commentguard.dumps.Batch` per piece of the dump, in order, moderated in
    ``run.jobs`` processes (or on Dask with ``engine="dask"``), and adds it to
    :attr:`summary`. :meth:`finish` then says whether any record could be read and writes
    the corrected copy. Use it as a context manager: leaving it closes the dump and stops
    the workers.

    Args:
        dump: The dump: a file, a folder (Staticman), or ``-`` for stdin.
        run: How to moderate (settings file, plugins, processes, ...).
        input_format: A format name (``wxr``, ``jsonl``, ...); ``None`` recognises it.
        mapping: CSV columns for submission fields (``{"name": "AUTHOR"}``).
        keep: The verdicts whose outcomes the batches carry whole; ``None``: every outcome.
            Records that could not be read or are invalid are always carried, and so are
            flagged ones when there is a ``write_back``.
        write_back: Where to write a copy of a WXR or Disqus dump in which only flagged
            comments' status changes (see :meth:`finish`).
        overwrite: Let ``write_back`` replace an existing file.
        engine: ``processes`` on this machine, or ``dask`` (the ``dask`` extra).
        scheduler: With ``dask``, the address of a running scheduler; ``None`` starts a
            local cluster.

    Raises:
        DumpError: the dump cannot be opened, its format is unknown, or the copy could not be
            written where asked.
        SettingsError: the settings file is invalid.
        PluginLoadError: a plugin failed to load.
        ConfigurationError: ``scheduler`` without the ``dask`` engine, or Dask is missing.
    """

    def __init__(
        self,
        dump: Path | str,
        run: DumpRun | None = None,
        *,
        input_format: str | None = None,
        mapping: Mapping[str, str] | None = None,
        keep: Collection[Verdict] | None = None,
        write_back: Path | str | None = None,
        overwrite: bool = False,
        engine: Literal["processes", "dask"] = "processes",
        scheduler: str | None = None,
    ) -> None:
        self.run = DumpRun() if run is None else run
        self.summary = Summary()
        """The totals of the batches so far."""
        self._stack = ExitStack()
        try:
            self._open(Path(dump), input_format, mapping or {}, write_back, overwrite)
            # A write-back needs the flagged outcomes, whatever else is kept.
            keep = None if keep is None else frozenset(keep) | (FLAGGED if write_back else set())
            self._batches = _batches(engine, scheduler, self.run, self._pieces, keep)
        except BaseException:
            self._stack.close()
            raise
        self._stack.callback(self._batches.close)  # stops the workers, early or not
        self._unreadable = 0

    def _open(
        self,
        dump: Path,
        input_format: str | None,
        mapping: Mapping[str, str],
        write_back: Path | str | None,
        overwrite: bool,
    ) -> None:
        run = self.run
        # A record longer than any valid one is refused where it is read, never sent on.
        options = ReadOptions(mapping, record_max_bytes(run.settings().limits))
        self._formats = FormatRegistry.from_plugins(run.plugins())  # checks: where they run
        self._counter, self.name, self.size = _open(dump, self._stack)
        raw = io.BufferedReader(self._counter, SNIFF_BYTES)
        unpacked = decompressed(raw, self.name)  # a .gz export is read as the file inside it
        source: io.BufferedReader[Any] = raw if unpacked is None else unpacked
        self._head = source.peek(SNIFF_BYTES)[:SNIFF_BYTES]
        if input_format:
            self.format = self._formats.get(input_format)
        elif dump.is_dir():
            self.format = self._formats.detect_folder(dump, self.name)
        else:
            self.format = self._formats.detect(self.name, self._head)
        self.write_back = (
            None
            if write_back is None
            else WriteBack.to(Path(write_back), self.format, dump, overwrite=overwrite)
        )
        if self.write_back is not None and unpacked is not None:
            raise DumpError(
                f"{self.name}: --write-back needs the dump uncompressed; gunzip it first"
            )
        self._pieces: Iterator[Piece]
        if self.format.read_path is not None and str(dump) != "-" and unpacked is None:
            self._pieces = self.format.pieces_at(dump, self.name, options, PIECE_SIZE)
        elif dump.is_dir():
            raise DumpError(f"{self.name}: the {self.format.name} format reads files, not folders")
        else:
            self._pieces = self.format.pieces(source, self.name, options, PIECE_SIZE)

    name: str
    """The dump's name in messages (``<stdin>`` for stdin)."""
    size: int | None
    """The dump's size in bytes, when it is a file."""
    format: DumpFormat
    """The dump's format."""
    write_back: WriteBack | None
    """The corrected copy asked for, with the changes noted so far."""

    @property
    def consumed(self) -> int:
        """The bytes of the dump read so far (of the file itself, compressed or not)."""
        return self._counter.consumed

    def __iter__(self) -> Iterator[Batch]:
        """Moderate the dump; one batch per piece, in order, counted into :attr:`summary`."""
        for batch in self._batches:
            self.summary.update(batch.summary)
            for outcome in batch.outcomes:
                self._unreadable += outcome.read_failed
                if self.write_back is not None:
                    self.write_back.note(outcome)
            yield batch

    def finish(self, *, dry_run: bool = False) -> str | None:
        """After the last batch: refuse an unreadable dump, then write the corrected copy.

        With ``dry_run`` the copy is only described. Returns what the write-back did, as one
        line (``wrote OUT: 3 comments changed (3 to 'spam')``), or ``None`` without one.

        Raises:
            DumpError: not one of the dump's records could be read in its format (the message
                suggests the formats to try), or the copy could not be written.
        """
        total = self.summary.total
        if total and self._unreadable == total:
            raise DumpError(self._formats.unreadable(self.name, self._head, self.format, total))
        return None if self.write_back is None else self.write_back.write(dry_run=dry_run)

    def close(self) -> None:
        """Stop the workers and close the dump."""
        self._stack.close()

    def __enter__(self) -> DumpCheck:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()


def _batches(
    engine: str,
    scheduler: str | None,
    run: DumpRun,
    pieces: Iterator[Piece],
    keep: frozenset[Verdict] | None,
) -> Generator[Batch, None, None]:
    """The moderated pieces, from this machine's processes or from a Dask cluster."""
    if engine != "dask":
        if scheduler is not None:
            raise ConfigurationError("--scheduler needs --engine dask")
        return check_pieces(None, run, pieces, keep)
    try:
        from commentguard.dask import dask_batches
    except ImportError:
        raise ConfigurationError(
            "--engine dask needs Dask: pip install 'commentguard[dask]'"
        ) from None
    return dask_batches(run, pieces, keep, scheduler)


class _Source(io.RawIOBase):
    """A binary stream that counts the bytes read, for a progress bar."""

    def __init__(self, stream: BinaryIO) -> None:
        self._stream = stream
        self.consumed = 0

    def readable(self) -> bool:
        return True

    # typeshed types the buffer as any writable buffer; io hands a memoryview, all we slice.
    def readinto(self, buffer: memoryview) -> int:  # type: ignore[override]
        data = self._stream.read(len(buffer))
        buffer[: len(data)] = data
        self.consumed += len(data)
        return len(data)


def _open(dump: Path, stack: ExitStack) -> tuple[_Source, str, int | None]:
    """The dump as a counted stream, its name for messages, and its size when it is a file."""
    if str(dump) == "-":
        stdin: BinaryIO = sys.stdin.buffer
        return _Source(stdin), "<stdin>", None
    if dump.is_dir():  # a folder of files: read by the format, from its path
        return _Source(io.BytesIO()), str(dump), None
    try:
        stream = stack.enter_context(dump.open("rb"))
        size = os.fstat(stream.fileno()).st_size
    except OSError as exc:
        raise DumpError(f"{dump}: {exc.strerror or exc}") from None
    return _Source(stream), str(dump), size
