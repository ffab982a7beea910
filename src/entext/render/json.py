"""JSON array and JSON Lines output (the contract's machine formats)."""

from __future__ import annotations

import json
from typing import IO

from ..schema import Result


def dumps(result: Result) -> str:
    """One record as compact JSON; non-ASCII kept as is, so offsets read naturally."""
    return json.dumps(result.to_dict(), ensure_ascii=False, separators=(",", ":"))


class JsonLinesRenderer:
    """One object per line, flushed as each document finishes."""

    def __init__(self, stream: IO[str]) -> None:
        self.stream = stream

    def write(self, result: Result) -> None:
        self.stream.write(dumps(result) + "\n")
        self.stream.flush()

    def close(self) -> None:
        self.stream.flush()


class JsonRenderer:
    """One JSON array of the same objects, streamed element by element (``[]`` for none)."""

    def __init__(self, stream: IO[str]) -> None:
        self.stream = stream
        self.count = 0

    def write(self, result: Result) -> None:
        self.stream.write("[\n" if self.count == 0 else ",\n")
        self.stream.write(dumps(result))
        self.count += 1

    def close(self) -> None:
        self.stream.write("[]\n" if self.count == 0 else "\n]\n")
        self.stream.flush()
