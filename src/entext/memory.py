"""Keeping a long-running worker's memory flat (measured: see ``Extractor``)."""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Iterator
from typing import Any

_MALLOC_TRIM: Any = None


@contextlib.contextmanager
def vocabulary_zone(nlp: Any) -> Iterator[None]:
    """A spaCy memory zone where the pipeline has one: strings a batch adds are freed after it."""
    zone = getattr(nlp, "memory_zone", None)
    with zone() if zone is not None else contextlib.nullcontext():
        yield


def trim_heap() -> None:
    """Give freed C heap memory back to the system (glibc only; elsewhere a no-op)."""
    global _MALLOC_TRIM
    if _MALLOC_TRIM is None:
        _MALLOC_TRIM = False
        if sys.platform.startswith("linux"):
            try:
                import ctypes

                _MALLOC_TRIM = ctypes.CDLL("libc.so.6").malloc_trim
            except (OSError, AttributeError):
                pass
    if _MALLOC_TRIM:
        _MALLOC_TRIM(0)
