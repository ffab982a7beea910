"""Where results go: stdout, or a file written atomically, or appended to when resuming."""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import sys
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO

from .errors import OptionError
from .inputs import InputSource


class OutputFile:
    """A text stream for results.

    A new file is written to a temporary file beside it and renamed into place by
    ``commit()`` (also after an interrupted run, so that the part done can be resumed); a
    failed run leaves the previous file untouched. With ``append`` the records go straight
    to the file, after any torn last line from a killed run has been cut off.
    """

    def __init__(self, path: Path | None, *, append: bool = False) -> None:
        self.path = path
        self.append = append
        self._tmp: str | None = None
        self.stream: IO[str]
        if path is None:
            self.stream = sys.stdout
        elif append:
            if path.exists():
                drop_torn_tail(path)
            self.stream = path.open("a", encoding="utf-8", newline="\n")
        else:
            fd, self._tmp = tempfile.mkstemp(
                prefix=f".{path.name}.", suffix=".tmp", dir=path.parent or Path(".")
            )
            self.stream = os.fdopen(fd, "w", encoding="utf-8", newline="\n")

    def commit(self) -> None:
        """Flush and move the finished (or cleanly interrupted) output into place."""
        if self.path is None:
            self.stream.flush()
            return
        self.stream.flush()
        os.fsync(self.stream.fileno())
        self.stream.close()
        if self._tmp is not None:
            os.replace(self._tmp, self.path)
            self._tmp = None

    def abort(self) -> None:
        """Give up: remove the temporary file, leave any previous output as it was."""
        if self.path is None:
            return
        with contextlib.suppress(OSError):
            self.stream.close()
        if self._tmp is not None:
            with contextlib.suppress(OSError):
                os.unlink(self._tmp)
            self._tmp = None


def drop_torn_tail(path: Path) -> None:
    """Cut a last line without its newline (a run killed mid-write) so appends stay valid."""
    with path.open("rb+") as fh:
        fh.seek(0, os.SEEK_END)
        size = fh.tell()
        if size == 0:
            return
        fh.seek(size - 1)
        if fh.read(1) == b"\n":
            return
        block = 1 << 16
        pos = size
        while pos > 0:
            step = min(block, pos)
            pos -= step
            fh.seek(pos)
            chunk = fh.read(step)
            nl = chunk.rfind(b"\n")
            if nl != -1:
                fh.truncate(pos + nl + 1)
                return
        fh.truncate(0)


def done_records(path: Path) -> set[tuple[str, str | None]]:
    """``(source, sha256)`` of every complete record in a JSONL results file."""
    done: set[tuple[str, str | None]] = set()
    if not path.exists():
        return done
    with path.open(encoding="utf-8", errors="replace") as fh:
        for n, line in enumerate(fh, 1):
            if not line.endswith("\n"):
                break
            try:
                obj = json.loads(line)
            except json.JSONDecodeError:
                raise OptionError(
                    f"{path}:{n} is not JSON Lines; --resume needs a file written by "
                    "entext -f jsonl"
                ) from None
            if isinstance(obj, dict) and "source" in obj:
                done.add((str(obj["source"]), obj.get("sha256")))
    return done


def skip_done(
    sources: Iterable[InputSource], done: set[tuple[str, str | None]]
) -> Iterator[InputSource]:
    """Inputs whose source and content hash have no record yet (failures: by source)."""
    for s in sources:
        if s.path is None or s.error is not None:
            if (s.source, None) not in done:
                yield s
            continue
        try:
            digest = hashlib.sha256(s.path.read_bytes()).hexdigest()
        except OSError:
            if (s.source, None) not in done:
                yield s
            continue
        if (s.source, digest) not in done and (s.source, None) not in done:
            yield s
