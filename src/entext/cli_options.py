"""The options of entext's commands, as named types: a command's signature reads as a list,
and an option shared by several commands (``--model``, ``--patterns``) is one definition.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from .render import OutputFormat

_FORMAT_HELP = "Output format: " + ", ".join(f.value for f in OutputFormat)

Paths = Annotated[
    list[str],
    typer.Argument(
        help="Files, folders, globs, or - for stdin.", metavar="PATH", show_default=False
    ),
]
FormatOption = Annotated[
    str | None,
    typer.Option(
        "--format",
        "-f",
        metavar="FORMAT",
        help=f"{_FORMAT_HELP} [default: table on a terminal, else jsonl].",
    ),
]
OutputOption = Annotated[
    Path | None, typer.Option("--output", "-o", metavar="FILE", help="Write results to FILE.")
]
RefDateOption = Annotated[
    str | None,
    typer.Option(
        "--ref-date", metavar="YYYY-MM-DD", help="The date relative dates resolve against."
    ),
]
DefaultRefDateOption = Annotated[
    str | None,
    typer.Option(
        "--default-ref-date",
        metavar="YYYY-MM-DD",
        help="The reference date for inputs whose text has no date line.",
    ),
]
RefDatesOption = Annotated[
    str | None,
    typer.Option("--ref-dates", metavar="FILE", help="CSV/JSONL of source,date per input."),
]
RefDateFromOption = Annotated[
    str | None,
    typer.Option(
        "--ref-date-from", metavar="mtime", help="Use the file's date when the text has none."
    ),
]
DayfirstOption = Annotated[
    bool, typer.Option("--dayfirst", help="Read ambiguous 02/07/2024 as 2 July.")
]
ModelOption = Annotated[
    str | None,
    typer.Option("--model", metavar="NAME", envvar="ENTEXT_MODEL", help="spaCy pipeline."),
]
PatternsOption = Annotated[
    list[Path] | None,
    typer.Option(
        "--patterns",
        metavar="FILE",
        envvar="ENTEXT_PATTERNS",
        help="Extra rules (JSONL), repeatable; in the variable, separated by ':'.",
    ),
]
TypesOption = Annotated[
    str | None,
    typer.Option(
        "--types",
        metavar="PERSON,ORG,LOC,DATE,DURATION,SET",
        help="Types to output [default: all; tables and timeline: no DURATION, SET].",
    ),
]
JobsOption = Annotated[
    int | None,
    typer.Option(
        "--jobs", "-j", min=1, metavar="N", help="Processes [default: cores; 1 if small]."
    ),
]
ResumeOption = Annotated[
    bool, typer.Option("--resume", help="With -o: skip inputs already in FILE, append the rest.")
]
MaxSizeOption = Annotated[
    int, typer.Option("--max-size", min=1, metavar="MB", help="Largest input.")
]
ExtOption = Annotated[
    str | None,
    typer.Option("--ext", metavar=".txt,.md", help="File endings taken from folders."),
]
SummaryOption = Annotated[
    bool, typer.Option("--summary", help="At the end, print top entities to stderr.")
]
IncludeTextOption = Annotated[
    bool,
    typer.Option("--include-text", help="Put each text in its record (web pages have it)."),
]
QuietOption = Annotated[
    bool, typer.Option("--quiet", "-q", help="No progress or warnings on stderr.")
]
TracebackOption = Annotated[
    bool,
    typer.Option(
        "--traceback", envvar="ENTEXT_TRACEBACK", help="Show traces of unexpected errors."
    ),
]
TextKeyOption = Annotated[
    str, typer.Option("--text-key", metavar="KEY", help="JSONL archives: the text field.")
]
IdKeyOption = Annotated[
    str, typer.Option("--id-key", metavar="KEY", help="JSONL archives: the id field.")
]
DateKeyOption = Annotated[
    str,
    typer.Option(
        "--date-key", metavar="KEY", help="JSONL archives: the date field (the reference date)."
    ),
]
KeepFieldsOption = Annotated[
    str | None,
    typer.Option(
        "--keep-fields",
        metavar="date,url,...",
        help="JSONL archives: fields copied into each result.",
    ),
]
SchedulerOption = Annotated[
    str | None,
    typer.Option(
        "--scheduler",
        metavar="tcp://HOST:PORT|local:N",
        envvar="ENTEXT_SCHEDULER",
        help="Run on a Dask cluster (needs entext[dask]).",
    ),
]
