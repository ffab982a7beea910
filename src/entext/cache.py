"""Tables entext compiles from its own files, kept in the cache folder between runs.

Parsing the data files (the gazetteers and patterns, the city table) and tokenizing ten
thousand gazetteer phrases took about half a second of every start-up, for results that only
change when the files, entext's code or the installed packages change. :func:`load_or_build`
keeps the result in the cache folder under a name made from a digest of everything it was
built from (the files' paths, sizes and modification times, the building modules' files, the
Python and package versions),
so that a changed input always builds afresh and an old file is simply never read again.

The cache folder is ``$ENTEXT_CACHE_DIR``, else ``$XDG_CACHE_HOME/entext``, else
``~/.cache/entext`` (the place index lives there too). A folder that cannot be written only
costs the time: the table is built in memory and a debug line is logged. A cached file that
cannot be read (truncated, from another Python) is rebuilt and replaced. Files are written to
a temporary name and renamed, so concurrent runs never read half a file.

Plain data (dicts, lists, tuples, strings, numbers) is stored with ``marshal``; objects of
entext's own classes with ``pickle``. Both read only files this user's own runs wrote.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import marshal
import os
import pickle
import sys
import tempfile
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, TypeVar, cast

log = logging.getLogger(__name__)

T = TypeVar("T")

# Bumped when the way files are named or stored changes.
CACHE_FORMAT = "1"
STALE_AFTER_SECONDS = 24 * 3600


def cache_dir() -> Path:
    """Where entext keeps files it builds itself."""
    if os.environ.get("ENTEXT_CACHE_DIR"):
        return Path(os.environ["ENTEXT_CACHE_DIR"])
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "entext"


def digest(parts: Iterable[bytes | str]) -> str:
    """A short digest of ``parts`` (in order), with the Python version and the cache format."""
    h = hashlib.sha256(f"{CACHE_FORMAT}\0{sys.version}\0".encode())
    for part in parts:
        data = part.encode("utf-8") if isinstance(part, str) else part
        h.update(len(data).to_bytes(8, "little"))
        h.update(data)
    return h.hexdigest()[:16]


def file_stamp(path: Any) -> str:
    """A file's identity for a digest: path, size and modification time (as ``.pyc`` files
    do), so that a changed file is noticed without reading it."""
    try:
        st = os.stat(path)
    except (OSError, TypeError):
        return f"{path}:missing"
    return f"{path}:{st.st_size}:{st.st_mtime_ns}"


def module_stamps(*modules: Any) -> list[str]:
    """The stamps of the modules whose code decides what a cached table holds."""
    return [file_stamp(getattr(m, "__file__", None) or m.__name__) for m in modules]


def load_or_build(
    name: str, parts: Iterable[bytes | str], build: Callable[[], T], *, plain: bool = True
) -> T:
    """The table ``build()`` makes from ``parts``: read from the cache folder, else built there.

    ``plain`` tables are stored with ``marshal`` (only built-in types), others with ``pickle``.
    """
    parts = list(parts)
    found = load(name, parts, plain=plain)
    if found is not None:
        return cast(T, found)
    value = build()
    store(name, parts, value, plain=plain)
    return value


def load(name: str, parts: Iterable[bytes | str], *, plain: bool = True) -> Any:
    """The table stored under ``name`` for ``parts``, or None (missing or unreadable)."""
    path = _path(name, parts, plain)
    try:
        data = path.read_bytes()
    except OSError:
        return None
    try:
        return marshal.loads(data) if plain else pickle.loads(data)
    except Exception as exc:  # truncated or foreign: built afresh and replaced
        log.debug("entext: rebuilding unreadable cache file %s (%s)", path, exc)
        return None


def store(name: str, parts: Iterable[bytes | str], value: Any, *, plain: bool = True) -> None:
    """Keep ``value`` as the table ``name`` for ``parts`` (quietly nothing where the folder
    cannot be written)."""
    path = _path(name, parts, plain)
    data = marshal.dumps(value) if plain else pickle.dumps(value, protocol=5)
    if _write(path, data):
        _prune(path, name)


def _path(name: str, parts: Iterable[bytes | str], plain: bool) -> Path:
    return cache_dir() / f"{name}-{digest(parts)}.{'marshal' if plain else 'pickle'}"


def _write(path: Path, data: bytes) -> bool:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as exc:
        log.debug("entext: cannot write the cache file %s (%s)", path, exc)
        return False
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
        return True
    except OSError as exc:
        log.debug("entext: cannot write the cache file %s (%s)", path, exc)
        return False
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)


def _prune(current: Path, name: str) -> None:
    """Remove other builds of the same table not written for a day (an edited file or an
    upgrade leaves the old one behind; two installs in use at once keep theirs)."""
    cutoff = time.time() - STALE_AFTER_SECONDS
    for old in current.parent.glob(f"{name}-*{current.suffix}"):
        with contextlib.suppress(OSError):
            if old != current and old.stat().st_mtime < cutoff:
                old.unlink()
