"""Output formats: a registry of renderers, all fed the same ``Document``/``Failure`` records."""

from __future__ import annotations

from collections.abc import Callable
from enum import Enum
from typing import IO, Protocol

from ..schema import Result


class OutputFormat(str, Enum):
    """The output formats of ``entext extract`` (``-f``)."""

    table = "table"
    json = "json"
    jsonl = "jsonl"
    csv = "csv"
    timeline = "timeline"
    geojson = "geojson"
    html = "html"


class Renderer(Protocol):
    """Streams records to an output: ``write`` per record, ``close`` once at the end."""

    def write(self, result: Result) -> None: ...

    def close(self) -> None: ...


def make_renderer(fmt: OutputFormat, stream: IO[str], *, color: bool = False) -> Renderer:
    """The renderer for a format, writing to ``stream``."""
    return RENDERERS[fmt](stream, color)


def _table(stream: IO[str], color: bool) -> Renderer:
    from .table import TableRenderer

    return TableRenderer(stream, color=color)


def _json(stream: IO[str], color: bool) -> Renderer:
    from .json import JsonRenderer

    return JsonRenderer(stream)


def _jsonl(stream: IO[str], color: bool) -> Renderer:
    from .json import JsonLinesRenderer

    return JsonLinesRenderer(stream)


def _csv(stream: IO[str], color: bool) -> Renderer:
    from .csv import CsvRenderer

    return CsvRenderer(stream)


def _timeline(stream: IO[str], color: bool) -> Renderer:
    from .timeline import TimelineRenderer

    return TimelineRenderer(stream, color=color)


def _geojson(stream: IO[str], color: bool) -> Renderer:
    from .geojson import GeoJsonRenderer

    return GeoJsonRenderer(stream)


def _html(stream: IO[str], color: bool) -> Renderer:
    from .html import HtmlRenderer

    return HtmlRenderer(stream)


RENDERERS: dict[OutputFormat, Callable[[IO[str], bool], Renderer]] = {
    OutputFormat.table: _table,
    OutputFormat.json: _json,
    OutputFormat.jsonl: _jsonl,
    OutputFormat.csv: _csv,
    OutputFormat.timeline: _timeline,
    OutputFormat.geojson: _geojson,
    OutputFormat.html: _html,
}
