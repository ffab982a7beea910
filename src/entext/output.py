"""Where results go: stdout, a device or pipe written through, or a file replaced atomically
(or appended to when resuming), never destroying what was there.

A regular file is written to ``.NAME.entext-partial`` beside it and renamed into place by
``commit()`` (also after an interrupted run, so that the part done can be resumed); a failed
run leaves the previous file untouched. A run killed outright (``kill -9``, a power cut)
leaves the partial file, and ``--resume`` continues from it. ``.NAME.entext-lock`` keeps two
runs from writing the same file at once. Devices (``/dev/null``, ``/dev/stdout``), FIFOs and
sockets are written through, never replaced; a symbolic link is followed, so the file it
points to is written and the link stays.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import hashlib
import os
import re
import stat
import sys
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from .errors import InputError, OutputError
from .inputs import InputSource, open_regular
from .results import iter_result_lines

PARTIAL_SUFFIX = ".entext-partial"
LOCK_SUFFIX = ".entext-lock"
# /dev/stdout, /dev/fd/1, /proc/self/fd/1: the descriptor the shell gave us, used as it is (a
# reopen would truncate a file opened with >> and could not reach a pipe's other end).
_FD_PATH = re.compile(r"^/(?:dev/(?:std(in|out|err)|fd/(\d+))|proc/self/fd/(\d+))$")
_STD_FDS = {"in": 0, "out": 1, "err": 2}


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def partial_path(path: Path) -> Path:
    """The hidden file a run writes before renaming it into place."""
    return path.parent / f".{path.name}{PARTIAL_SUFFIX}"


def _describe(exc: OSError) -> str:
    if exc.errno == errno.ENOENT:
        return "its folder does not exist"
    if exc.errno == errno.EROFS:
        return "the file system is read-only"
    if exc.errno in (errno.EACCES, errno.EPERM):
        return "permission denied"
    if exc.errno == errno.ENOSPC:
        return "no space left on the device"
    if exc.errno == errno.EISDIR:
        return "it is a folder"
    return exc.strerror or str(exc)


def _fd_of(path: Path) -> int | None:
    m = _FD_PATH.match(str(path))
    if m is None:
        return None
    std, fd, proc_fd = m.groups()
    return _STD_FDS[std] if std else int(fd or proc_fd)


def _kind(path: Path) -> str:
    """``missing``, ``file``, ``folder`` or ``special`` (device, FIFO, socket)."""
    try:
        st = path.stat()
    except FileNotFoundError:
        return "missing"
    except OSError as exc:
        raise OutputError(f"cannot write {path}: {_describe(exc)}") from None
    if stat.S_ISDIR(st.st_mode):
        return "folder"
    return "file" if stat.S_ISREG(st.st_mode) else "special"


def refuse_inputs_as_output(path: Path | None, sources: Sequence[InputSource]) -> None:
    """Refuse an output file that is also one of the inputs (it would be overwritten).

    Raises:
        OutputError: naming the input.
    """
    if path is None:
        return
    try:
        out = path.stat()
    except OSError:
        return  # does not exist yet: cannot be an input
    if not stat.S_ISREG(out.st_mode):
        return
    for s in sources:
        if s.path is None:
            continue
        try:
            st = s.path.stat()
        except OSError:
            continue
        if (st.st_dev, st.st_ino) == (out.st_dev, out.st_ino):
            raise OutputError(
                f"-o {path} is one of the inputs ({s.source}); writing the results there would "
                "destroy it: choose another output file"
            )


@dataclass
class _Lock:
    path: Path
    fd: int

    def release(self) -> None:
        with contextlib.suppress(OSError):
            if os.fstat(self.fd).st_ino == os.stat(self.path).st_ino:
                os.unlink(self.path)
        os.close(self.fd)


def _lock(target: Path, given: Path, data_fallback: bool) -> _Lock | None:
    """Hold ``.NAME.entext-lock`` for the run; refuse if another run holds it."""
    lock_path = target.parent / f".{target.name}{LOCK_SUFFIX}"
    for _ in range(5):
        try:
            fd = os.open(lock_path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o666)
        except OSError as exc:
            if data_fallback and exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
                return _lock_file_itself(target, given)
            raise OutputError(f"cannot write {given}: {_describe(exc)}") from None
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.pread(fd, 32, 0).decode("ascii", "replace").strip()
            os.close(fd)
            who = f" (process {holder})" if holder.isdigit() else ""
            raise OutputError(
                f"another entext run{who} is writing {given}; wait for it to finish or "
                "choose another -o file"
            ) from None
        try:
            same = os.fstat(fd).st_ino == os.stat(lock_path).st_ino
        except FileNotFoundError:
            same = False
        if same:
            os.ftruncate(fd, 0)
            os.pwrite(fd, f"{os.getpid()}\n".encode("ascii"), 0)
            return _Lock(lock_path, fd)
        os.close(fd)  # the holder removed it as we opened it: take the new one
    raise OutputError(f"cannot lock {given}: other runs keep starting on it")


def _lock_file_itself(target: Path, given: Path) -> _Lock | None:
    try:
        fd = os.open(target, os.O_RDONLY | os.O_CLOEXEC)
    except OSError as exc:
        raise OutputError(f"cannot write {given}: {_describe(exc)}") from None
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        os.close(fd)
        raise OutputError(f"another entext run is writing {given}") from None

    class _FileLock(_Lock):
        def release(self) -> None:
            os.close(self.fd)

    return _FileLock(target, fd)


class OutputFile:
    """A text stream for results: stdout (``path is None``) or the ``-o`` path.

    ``inputs`` are the run's inputs: an output that is one of them is refused, and with
    ``append`` (``--resume``) they decide what is already done (``plan``).

    Raises (from the constructor, before anything runs):
        OutputError: the output is an input, a folder, in a missing folder, on a read-only
            file system, not writable, being written by another run, or a FIFO nobody reads.
        OptionError: ``--resume`` on a file entext did not write.
    """

    def __init__(
        self,
        path: Path | None,
        *,
        append: bool = False,
        inputs: Sequence[InputSource] = (),
    ) -> None:
        self.path = path
        self.append = append
        self.stream: IO[str]
        self.plan: ResumePlan | None = None
        self.recovered = 0  # records taken over from a killed run's partial file
        self.stale_partial = False  # a killed run's partial file is being overwritten
        self._how = "stdout"  # stdout | through | replace | append
        self._target = path
        self._tmp: Path | None = None
        self._lock: _Lock | None = None
        self._mode = 0o666 & ~_umask()
        self._owner: tuple[int, int] | None = None
        if path is None:
            self.stream = sys.stdout
            return
        refuse_inputs_as_output(path, inputs)
        fd = _fd_of(path)
        kind = "special" if fd is not None else _kind(path)
        if kind == "folder":
            raise OutputError(f"cannot write {path}: it is a folder; give a file name for -o")
        if kind == "special":
            self._how = "through"
            self.stream = _open_through(path, fd)
            return
        target = Path(os.path.realpath(path)) if path.is_symlink() else path
        self._target = target
        if not target.parent.is_dir():
            raise OutputError(f"cannot write {path}: the folder {target.parent} does not exist")
        if kind == "file" and not os.access(target, os.W_OK):
            raise OutputError(f"cannot write {path}: permission denied")
        self._lock = _lock(target, path, data_fallback=append and kind == "file")
        try:
            if append:
                self._how = "append"
                self._open_append(path, target, inputs)
            else:
                self._how = "replace"
                self._open_partial(path, target, kind)
        except BaseException:
            self._release()
            raise

    def _open_append(self, path: Path, target: Path, inputs: Sequence[InputSource]) -> None:
        partial = partial_path(target)
        if partial.exists():
            # A run killed before it could rename its output: continue from what it wrote.
            drop_torn_tail(partial)
            check_results_file(partial)
            self._keep_mode(partial, target)
            _replace(partial, target, path)
            with target.open("rb") as fh:
                self.recovered = sum(1 for _ in fh)
        elif target.exists():
            drop_torn_tail(target)
        self.plan = plan_resume(target, inputs)
        try:
            self.stream = target.open("a", encoding="utf-8", newline="\n")
        except OSError as exc:
            raise OutputError(f"cannot write {path}: {_describe(exc)}") from None

    def _keep_mode(self, new: Path, old: Path) -> None:
        with contextlib.suppress(OSError):
            st = old.stat()
            os.chmod(new, stat.S_IMODE(st.st_mode))

    def _open_partial(self, path: Path, target: Path, kind: str) -> None:
        if kind == "file":
            st = target.stat()
            self._mode = stat.S_IMODE(st.st_mode)
            self._owner = (st.st_uid, st.st_gid)
        self._tmp = partial_path(target)
        self.stale_partial = self._tmp.exists()
        try:
            fd = os.open(self._tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_CLOEXEC, 0o600)
        except OSError as exc:
            self._tmp = None
            raise OutputError(f"cannot write {path}: {_describe(exc)}") from None
        self.stream = os.fdopen(fd, "w", encoding="utf-8", newline="\n")

    def commit(self) -> None:
        """Flush and move the finished (or cleanly interrupted) output into place.

        Raises:
            OSError: the data could not be written (a full disk shows here).
        """
        self.stream.flush()
        if self._how in ("stdout", "through"):
            if self._how == "through":
                self.stream.close()
            return
        os.fsync(self.stream.fileno())
        if self._tmp is not None:
            os.fchmod(self.stream.fileno(), self._mode)
            if self._owner is not None:
                with contextlib.suppress(OSError):
                    os.fchown(self.stream.fileno(), *self._owner)
        self.stream.close()
        if self._tmp is not None and self._target is not None:
            os.replace(self._tmp, self._target)
            self._tmp = None
        self._release()

    def abort(self) -> None:
        """Give up: remove the partial file and leave any previous output as it was; when
        appending, cut a last record that was only partly written."""
        if self._how == "stdout":
            return
        with contextlib.suppress(OSError, ValueError):
            self.stream.close()
        if self._tmp is not None:
            with contextlib.suppress(OSError):
                os.unlink(self._tmp)
            self._tmp = None
        elif self._how == "append" and self._target is not None:
            with contextlib.suppress(OSError):
                drop_torn_tail(self._target)
        self._release()

    def _release(self) -> None:
        if self._lock is not None:
            self._lock.release()
            self._lock = None

    def failure_message(self, exc: OSError) -> str:
        """What a failed write did to the output, truthfully."""
        if self.path is None:
            return f"cannot write the results to standard output: {_describe(exc)}"
        where = f"cannot write {self.path}: {_describe(exc)}"
        if self._how == "append" and self._target is not None:
            kept = 0
            with contextlib.suppress(OSError), self._target.open("rb") as fh:
                kept = sum(1 for _ in fh)
            return (
                f"{where}; it keeps its {kept} complete records (a half-written last one was "
                "cut off): make room and re-run with --resume to continue"
            )
        if self._how == "replace":
            if self._owner is not None:
                return f"{where}; the previous file is unchanged"
            return f"{where}; nothing was written"
        return where


def _open_through(path: Path, fd: int | None) -> IO[str]:
    """A device, FIFO, socket or inherited descriptor, written through, never replaced."""
    try:
        if fd is not None:
            return os.fdopen(os.dup(fd), "w", encoding="utf-8", newline="\n")
        # O_NONBLOCK first: opening a FIFO that nobody reads would otherwise wait for ever.
        raw = os.open(path, os.O_WRONLY | os.O_NONBLOCK | os.O_CLOEXEC)
    except OSError as exc:
        if exc.errno == errno.ENXIO:
            raise OutputError(
                f"cannot write {path}: it is a FIFO (named pipe) and no process is reading it"
            ) from None
        raise OutputError(f"cannot write {path}: {_describe(exc)}") from None
    flags = fcntl.fcntl(raw, fcntl.F_GETFL)
    fcntl.fcntl(raw, fcntl.F_SETFL, flags & ~os.O_NONBLOCK)
    return os.fdopen(raw, "w", encoding="utf-8", newline="\n")


def _replace(src: Path, dst: Path, given: Path) -> None:
    try:
        os.replace(src, dst)
    except OSError as exc:
        raise OutputError(f"cannot write {given}: {_describe(exc)}") from None


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


_RESUME_HINT = "--resume only continues JSON Lines files written by entext extract -f jsonl"


def _records(path: Path) -> Iterator[tuple[int, str, dict[str, Any]]]:
    with path.open("rb") as fh:
        yield from iter_result_lines(fh, str(path), hint=_RESUME_HINT, stop_at_torn=True)


def check_results_file(path: Path) -> None:
    """Refuse a file that entext did not write (every line is checked)."""
    for _ in _records(path):
        pass


@dataclass
class ResumePlan:
    """What ``--resume`` keeps of an existing results file and which inputs it still runs."""

    todo: list[InputSource]
    skipped: int
    dropped: int  # records of inputs edited since they were written (they are redone)
    foreign: list[str]  # sources of kept records that are not inputs of this run


def plan_resume(path: Path, sources: Sequence[InputSource], *, rewrite: bool = True) -> ResumePlan:
    """Decide, from an existing results file, what is already done.

    A record counts as done when its source is an input of this run with the same content
    hash (error records: the same source). Records of inputs whose content changed, and
    repeated records of one input, are removed from the file (rewritten atomically), so the
    file ends with exactly one current record per input. Records for sources that are not
    inputs of this run (renamed, removed, left out) are kept and reported. With
    ``rewrite=False`` the file is only read.

    Raises:
        OptionError: the file is not one entext wrote.
    """
    records: list[tuple[str, dict[str, Any]]] = []
    if path.is_file():
        records = [(line, obj) for _, line, obj in _records(path)]
    if not records:
        return ResumePlan(list(sources), 0, 0, [])
    digests = {s.source: _digest(s) for s in sources}
    keep: list[str] = []
    seen: set[str] = set()
    dropped = 0
    foreign: list[str] = []
    for line, obj in records:
        source = obj["source"]
        if source not in digests:
            foreign.append(source)
            keep.append(line)
            continue
        current = "error" in obj or obj.get("sha256") == digests[source]
        if not current or source in seen:
            dropped += 1
            continue
        seen.add(source)
        keep.append(line)
    if dropped and rewrite:
        _rewrite(path, keep)
    todo = [s for s in sources if s.source not in seen]
    return ResumePlan(todo, len(sources) - len(todo), dropped, foreign)


def _digest(s: InputSource) -> str | None:
    if s.path is None or s.error is not None:
        return None
    if s.record is not None:  # a line of a JSONL archive: the hash of its text
        from .archives import record_digest

        return record_digest(s)
    try:
        fd = open_regular(s.path, s.source)
    except InputError:
        return None
    h = hashlib.sha256()
    with os.fdopen(fd, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def _rewrite(path: Path, lines: Iterable[str]) -> None:
    tmp = path.parent / f".{path.name}.entext-rewrite"
    st = path.stat()
    with open(tmp, "w", encoding="utf-8", newline="\n") as fh:
        for line in lines:
            fh.write(line)
        fh.flush()
        os.fchmod(fh.fileno(), stat.S_IMODE(st.st_mode))
        with contextlib.suppress(OSError):
            os.fchown(fh.fileno(), st.st_uid, st.st_gid)
        os.fsync(fh.fileno())
    os.replace(tmp, path)
