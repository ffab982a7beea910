"""Keeping a long-running worker's memory flat (measured: see ``Extractor``).

spaCy keeps every string and lexeme it has seen, so a process that reads millions of articles
grows with their vocabulary; a memory zone frees what was added inside it. A zone per batch
of articles made every batch create its lexemes afresh (4% of a run's CPU on the BBC corpus,
for 11 MB less at the end of it), so :class:`VocabularyZones` keeps one zone open over batches
until they have brought ``max_chars`` characters (about two thousand news articles), then
frees it and opens the next. Only entext's own batches run inside it: code that keeps spaCy
objects of its own between batches should run the pipeline outside a batch run.
"""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Iterator
from typing import Any

ZONE_CHARS = 5_000_000

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


class VocabularyZones:
    """One spaCy memory zone kept open over batches, renewed every ``max_chars`` characters."""

    def __init__(self, nlp: Any, max_chars: int = ZONE_CHARS) -> None:
        self.nlp = nlp
        self.max_chars = max_chars
        self._zone: contextlib.ExitStack | None = None
        self._chars = 0

    @contextlib.contextmanager
    def batch(self, chars: int) -> Iterator[None]:
        """Run one batch of ``chars`` characters inside the current zone."""
        if self._zone is None:
            zone = contextlib.ExitStack()
            zone.enter_context(vocabulary_zone(self.nlp))
            self._zone = zone
        try:
            yield
        except BaseException:
            self.close()  # nothing of a failed batch is kept
            raise
        self._chars += chars
        if self._chars >= self.max_chars:
            self.close()

    def close(self) -> None:
        """Free the current zone's strings and lexemes (and the C heap they leave behind)."""
        zone, self._zone, self._chars = self._zone, None, 0
        if zone is not None:
            zone.close()
            trim_heap()
