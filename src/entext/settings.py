"""Settings: everything that decides how a batch is read, processed and reported, in one value.

Built once (by the CLI from its options, or by a library user), frozen, and handed down: adding an
option is one field here. Environment variables are read by the CLI only (Typer's ``envvar=``),
so the library never changes behaviour behind its caller's back.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace

from .archives import ArchiveKeys
from .errors import OptionError
from .inputs import DEFAULT_MAX_BYTES, DEFAULT_SUFFIXES
from .pipeline import PipelineConfig, resolve_model_name
from .schema import ENTITY_TYPES, SELECTABLE_TYPES


@dataclass(frozen=True)
class Settings:
    """How a run reads, processes and interprets its inputs.

    Attributes:
        model: spaCy pipeline name or path (``None``: the first default model installed).
        patterns: extra rules files (JSONL), applied after the built-in ones.
        builtin_rules: use entext's own gazetteers and patterns.
        types: entity types to output, and the DATE kinds DURATION and SET (durations and
            frequencies; "DATE" selects the calendar dates and times).
        ref_date: the date every input's relative dates resolve against (``--ref-date``).
        ref_dates: a reference date per input source (``--ref-dates FILE``).
        ref_date_from_mtime: fall back on the file's modification date.
        default_ref_date: the date for inputs whose text has none (``--default-ref-date``).
        dayfirst: read ``02/07/2024`` as 2 July.
        max_bytes: inputs larger than this become ``too_large`` failures.
        suffixes: file endings taken from folders.
        jobs: worker processes (``None``: the cores, 1 for small inputs).
        include_text: put the text in every record (web pages always have it).
        archive: the fields of JSONL archive records (text, id, date, fields to keep).
        scheduler: run on a Dask cluster: ``tcp://HOST:PORT`` of a running scheduler, or
            ``local:N`` for N worker processes on this machine (needs ``entext[dask]``).
    """

    model: str | None = None
    patterns: tuple[str, ...] = ()
    builtin_rules: bool = True
    types: frozenset[str] = frozenset(SELECTABLE_TYPES)
    ref_date: dt.date | None = None
    ref_dates: Mapping[str, dt.date] = field(default_factory=dict)
    ref_date_from_mtime: bool = False
    default_ref_date: dt.date | None = None
    dayfirst: bool = False
    max_bytes: int = DEFAULT_MAX_BYTES
    suffixes: frozenset[str] = DEFAULT_SUFFIXES
    jobs: int | None = None
    include_text: bool = False
    archive: ArchiveKeys = field(default_factory=ArchiveKeys)
    scheduler: str | None = None

    @property
    def pipeline(self) -> PipelineConfig:
        """The part of the settings that decides how the spaCy pipeline is built."""
        return PipelineConfig(self.model, self.patterns, self.builtin_rules)

    def resolved(self) -> Settings:
        """The same settings with the model name resolved (once, before any worker starts).

        Raises:
            ModelNotFoundError: when the model is not installed.
        """
        model = resolve_model_name(self.model)
        return self if model == self.model else replace(self, model=model)


def parse_date(value: str) -> dt.date:
    """Parse a ``YYYY-MM-DD`` option value.

    Raises:
        OptionError: when it is not a calendar date.
    """
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError:
        raise OptionError(f"{value!r} is not a date; write it as YYYY-MM-DD") from None


def parse_types(
    value: str | Iterable[str] | None,
    *,
    for_people: bool = False,
    allowed: tuple[str, ...] = SELECTABLE_TYPES,
) -> frozenset[str]:
    """Parse ``--types PERSON,ORG,DATE,DURATION`` (case-insensitive).

    Without a value: everything ``allowed``, except durations and frequencies (DURATION, SET)
    when the output is ``for_people`` (tables, the timeline), which show calendar dates only.

    Raises:
        OptionError: for an unknown type.
    """
    if value is None:
        shown = ENTITY_TYPES if for_people else allowed
        return frozenset(t for t in shown if t in allowed)
    items = value.split(",") if isinstance(value, str) else list(value)
    wanted = {t.strip().upper() for t in items if t.strip()}
    unknown = wanted - set(allowed)
    if unknown or not wanted:
        raise OptionError(
            f"unknown type(s) {', '.join(sorted(unknown)) or '(none)'}; "
            f"choose from {','.join(allowed)}"
        )
    return frozenset(wanted)


def parse_suffixes(value: str | None) -> frozenset[str]:
    """Parse ``--ext txt,.md`` into lower-case endings with their dot."""
    if not value:
        return DEFAULT_SUFFIXES
    endings = (e.strip().lower() for e in value.split(","))
    return frozenset(e if e.startswith(".") else f".{e}" for e in endings if e)
