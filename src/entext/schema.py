"""The one data model every output format is rendered from.

``Document`` is a processed input, ``Failure`` an input that could not be processed;
both have a ``to_dict()`` that is the JSON contract (see CONTRACT in the README).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Literal, Union

EntityType = Literal["PERSON", "ORG", "LOC", "DATE"]
ENTITY_TYPES: tuple[EntityType, ...] = ("PERSON", "ORG", "LOC", "DATE")
# Kinds of DATE that are not points on the calendar: durations ("six weeks", P6W) and
# frequencies ("every week", P1W). ``--types`` selects them by these names, apart from DATE.
DATE_KINDS_APART: tuple[str, ...] = ("DURATION", "SET")
SELECTABLE_TYPES: tuple[str, ...] = (*ENTITY_TYPES, *DATE_KINDS_APART)


@dataclass(frozen=True)
class Mention:
    """One place in the text: ``text[start:end] == mention.text`` (code point offsets)."""

    start: int
    end: int
    text: str
    source: str
    value: str | None = None
    value_end: str | None = None
    is_date: bool = False

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"start": self.start, "end": self.end, "text": self.text}
        if self.is_date:
            out["value"] = self.value
            if self.value_end is not None:
                out["value_end"] = self.value_end
        out["source"] = self.source
        return out


@dataclass(frozen=True)
class Entity:
    """A thing the text talks about, with every mention of it.

    ``attrs`` carries gazetteer metadata (country, category, coordinates ...), flattened into
    the JSON object so that ``jq '.country'`` works.
    """

    id: str
    type: EntityType
    kind: str | None
    name: str
    mentions: tuple[Mention, ...]
    attrs: Mapping[str, Any] = field(default_factory=dict)

    @property
    def count(self) -> int:
        return len(self.mentions)

    @property
    def first_offset(self) -> int:
        return self.mentions[0].start if self.mentions else 0

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "id": self.id,
            "type": self.type,
            "kind": self.kind,
            "name": self.name,
            "count": self.count,
        }
        for key, value in self.attrs.items():
            out.setdefault(key, value)
        out["mentions"] = [m.to_dict() for m in self.mentions]
        return out


@dataclass(frozen=True)
class PageInfo:
    """What a web page says about itself: headline, canonical URL, author, publication date."""

    title: str | None = None
    url: str | None = None
    author: str | None = None
    published: dt.date | None = None

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"title": self.title, "url": self.url}
        if self.author is not None:
            out["author"] = self.author
        if self.published is not None:
            out["published"] = self.published.isoformat()
        return out


@dataclass(frozen=True)
class Document:
    """The result for one input.

    ``page`` is set for web pages, whose ``text`` is the article extracted from the HTML; the
    text is in the record for them, and for other inputs when ``include_text`` is set.
    """

    source: str
    sha256: str
    text: str
    entities: tuple[Entity, ...]
    ref_date: str | None = None
    ref_date_source: str | None = None
    encoding: str = "utf-8"
    warnings: tuple[str, ...] = ()
    # What the document is mainly about (``geocode.Focus.to_dict()``): countries, admin1 areas
    # and cities with their share of the place mentions; None when places were not extracted.
    focus: Mapping[str, Any] | None = None
    page: PageInfo | None = None
    include_text: bool = False
    # Fields carried from the input (an archive record's line, id and kept fields).
    meta: Mapping[str, Any] = field(default_factory=dict)

    @property
    def chars(self) -> int:
        return len(self.text)

    def to_dict(self, *, text: bool | None = None) -> dict[str, Any]:
        """The JSON record; ``text`` forces the text in (True) or out (False)."""
        with_text = (self.include_text or self.page is not None) if text is None else text
        return {
            "source": self.source,
            **self.meta,
            "sha256": self.sha256,
            "chars": self.chars,
            "encoding": self.encoding,
            **({"warnings": list(self.warnings)} if self.warnings else {}),
            **(self.page.to_dict() if self.page is not None else {}),
            "ref_date": self.ref_date,
            "ref_date_source": self.ref_date_source,
            **({"focus": dict(self.focus)} if self.focus is not None else {}),
            "entities": [e.to_dict() for e in self.entities],
            **({"text": self.text} if with_text else {}),
        }


@dataclass(frozen=True)
class Failure:
    """An input that could not be processed; it is reported, never dropped."""

    source: str
    code: str
    message: str
    sha256: str | None = None
    # The trace of an unexpected error (code ``internal``), for ``--traceback``; not in the JSON.
    trace: str | None = field(default=None, compare=False, repr=False)
    meta: Mapping[str, Any] = field(default_factory=dict)  # as for Document (a bad line's number)

    @classmethod
    def internal(cls, source: str, exc: BaseException, sha256: str | None = None) -> Failure:
        """The record for an unexpected error in one document (a bug, memory exhausted ...)."""
        import traceback

        what = f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__
        return cls(
            source,
            "internal",
            f"unexpected error while processing this input ({what}); the batch went on",
            sha256,
            "".join(traceback.format_exception(type(exc), exc, exc.__traceback__)),
        )

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"source": self.source, **self.meta}
        if self.sha256 is not None:
            out["sha256"] = self.sha256
        out["error"] = {"code": self.code, "message": self.message}
        return out


Result = Union[Document, Failure]  # noqa: UP007  (a runtime alias, also on Python 3.10)
