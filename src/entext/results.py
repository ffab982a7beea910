"""Reading entext's own JSON Lines results back (``summarize``, ``--resume``), refusing, with
file and line, anything that is not a record entext writes."""

from __future__ import annotations

from collections.abc import Iterator
from typing import IO, Any

from .errors import OptionError
from .schema import ENTITY_TYPES


def iter_result_lines(
    fh: IO[bytes], name: str, *, hint: str, stop_at_torn: bool = False
) -> Iterator[tuple[int, str, dict[str, Any]]]:
    """``(line number, line, record)`` for each record of a results stream.

    Args:
        hint: what to do about a bad line, appended to the message.
        stop_at_torn: end quietly at a last line without its newline (a killed run's).

    Raises:
        OptionError: ``NAME:LINE: what is wrong; hint`` at the first bad line.
    """
    import json

    for n, raw in enumerate(fh, 1):
        if stop_at_torn and not raw.endswith(b"\n"):
            return
        try:
            line = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise OptionError(f"{name}:{n}: not UTF-8 (byte {exc.start}); {hint}") from None
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            raise OptionError(f"{name}:{n}: not JSON ({exc.msg}); {hint}") from None
        problem = record_problem(obj)
        if problem:
            raise OptionError(f"{name}:{n}: {problem}; {hint}")
        yield n, line, obj


def record_problem(obj: Any) -> str | None:
    """Why a decoded JSON value is not an entext result record (``None`` when it is one)."""
    if not isinstance(obj, dict):
        kinds: dict[type, str] = {list: "an array", str: "a string", int: "a number"}
        kind = kinds.get(type(obj), f"a JSON {type(obj).__name__}")
        return f"{kind}, not an entext record (one JSON object per line)"
    if not isinstance(obj.get("source"), str):
        return "no 'source' string: not an entext record"
    if "error" in obj:
        err = obj["error"]
        if not isinstance(err, dict) or not isinstance(err.get("code"), str):
            return "'error' must be an object with a 'code' string"
        return None
    if not isinstance(obj.get("sha256"), str):
        return "neither 'sha256' (a result) nor 'error' (a failure): not an entext record"
    entities = obj.get("entities")
    if not isinstance(entities, list):
        return "'entities' must be a list"
    for i, e in enumerate(entities):
        problem = _entity_problem(e)
        if problem:
            return f"entity {i + 1}: {problem}"
    return None


def _entity_problem(e: Any) -> str | None:
    if not isinstance(e, dict):
        return "not an object"
    for key in ("id", "name"):
        if not isinstance(e.get(key), str):
            return f"'{key}' must be a string"
    if e.get("type") not in ENTITY_TYPES:
        return f"'type' must be one of {', '.join(ENTITY_TYPES)}, not {e.get('type')!r}"
    if e.get("kind") is not None and not isinstance(e["kind"], str):
        return "'kind' must be a string or null"
    count = e.get("count", 1)
    if not isinstance(count, int) or isinstance(count, bool) or count < 0:
        return f"'count' must be a whole number, not {count!r}"
    if not isinstance(e.get("mentions", []), list):
        return "'mentions' must be a list"
    return None
