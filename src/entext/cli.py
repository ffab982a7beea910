"""The command line: options -> Settings -> run -> render -> exit code.

Heavy modules (spaCy, the pipeline, Rich) are imported inside commands, so ``entext --help`` and
``entext --version`` answer at once. Exceptions become exit codes in one place, ``_guarded``.
"""

from __future__ import annotations

import contextlib
import functools
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any, NoReturn, TypeVar

import typer
import typer.core

from . import __version__
from .cli_options import (
    DateKeyOption,
    DayfirstOption,
    DefaultRefDateOption,
    ExtOption,
    FormatOption,
    IdKeyOption,
    IncludeTextOption,
    JobsOption,
    KeepFieldsOption,
    MaxSizeOption,
    ModelOption,
    OutputOption,
    Paths,
    PatternsOption,
    QuietOption,
    RefDateFromOption,
    RefDateOption,
    RefDatesOption,
    ResumeOption,
    SchedulerOption,
    SummaryOption,
    TextKeyOption,
    TracebackOption,
    TypesOption,
)
from .errors import EntextError, ExitCode, Interrupted, UsageError
from .render import OutputFormat

EXAMPLES = """\b
Examples:
  entext extract article.txt                      tables at a terminal
  entext extract articles/ -o results.jsonl       a folder, one JSON line per article
  entext extract a.txt -f json | jq '.[0].entities[].name'
  entext extract archive/ -o results.jsonl --resume --jobs 4
  entext extract dump.jsonl --keep-fields url,title -o results.jsonl
  entext extract archive/ --scheduler tcp://head:8786 -o results.jsonl
"""

app = typer.Typer(
    name="entext",
    help="Extract people, organisations (militias and military forces told apart), places and "
    "dates from news articles about armed conflict.",
    epilog=EXAMPLES,
    no_args_is_help=True,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


class _PlainArgument(typer.core.TyperArgument):
    """Arguments shown as people write them: ``PATH...``, not ``{PATH}...`` and ``<list[str]>``."""

    def _usage_display_name(self) -> str:
        return f"{self.display_name_raw}..." if self.nargs != 1 else self.display_name_raw

    def display_type_rich(self, ctx: Any) -> str | None:
        return None


class _Command(typer.core.TyperCommand):
    """A Typer command whose arguments are shown plainly (see ``_PlainArgument``)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for param in self.params:
            if type(param) is typer.core.TyperArgument:
                param.__class__ = _PlainArgument


F = TypeVar("F", bound=Callable[..., Any])


def _version(value: bool) -> None:
    if value:
        typer.echo(f"entext {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Show the version."),
    ] = False,
) -> None:
    """entext: entity extraction for conflict news."""


def _guarded(command: F) -> F:
    """Run a command body and turn what it returns or raises into the process exit code."""

    @functools.wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> None:
        show_trace = bool(kwargs.get("traceback")) or bool(os.environ.get("ENTEXT_TRACEBACK"))
        try:
            code = command(*args, **kwargs)
        except EntextError as exc:
            _fail(str(exc), exc.exit_code)
        except BrokenPipeError:
            _quiet_broken_pipe()
        except (KeyboardInterrupt, Interrupted):
            raise typer.Exit(ExitCode.INTERRUPTED) from None
        except Exception as exc:
            if show_trace:
                raise
            _fail(f"internal error: {type(exc).__name__}: {exc} (run with --traceback for details)")
        raise typer.Exit(int(code or ExitCode.OK))

    return wrapper  # type: ignore[return-value]


def _fail(message: str, code: int = ExitCode.FATAL) -> NoReturn:
    from .console import print_line, stderr_console

    print_line(stderr_console(), f"entext: error: {message}")
    raise typer.Exit(code)


def _quiet_broken_pipe() -> NoReturn:
    # The reader went away (| head): stop quietly; point stdout at nothing so the
    # interpreter's final flush cannot complain.
    with contextlib.suppress(OSError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    raise typer.Exit(ExitCode.OK)


def _format(value: str | None, allowed: tuple[OutputFormat, ...]) -> OutputFormat | None:
    if value is None:
        return None
    try:
        fmt = OutputFormat(value.strip().lower())
    except ValueError:
        fmt = None
    if fmt not in allowed:
        choices = ", ".join(f.value for f in allowed)
        raise UsageError(f"unknown format {value!r} for this command (choose {choices})")
    return fmt


@app.command(cls=_Command)
@_guarded
def extract(
    paths: Paths,
    format: FormatOption = None,
    output: OutputOption = None,
    ref_date: RefDateOption = None,
    ref_dates: RefDatesOption = None,
    default_ref_date: DefaultRefDateOption = None,
    ref_date_from: RefDateFromOption = None,
    dayfirst: DayfirstOption = False,
    model: ModelOption = None,
    patterns: PatternsOption = None,
    types: TypesOption = None,
    jobs: JobsOption = None,
    resume: ResumeOption = False,
    max_size: MaxSizeOption = 20,
    ext: ExtOption = None,
    text_key: TextKeyOption = "text",
    id_key: IdKeyOption = "id",
    date_key: DateKeyOption = "date",
    keep_fields: KeepFieldsOption = None,
    scheduler: SchedulerOption = None,
    summary: SummaryOption = False,
    include_text: IncludeTextOption = False,
    quiet: QuietOption = False,
    traceback: TracebackOption = False,
) -> int:
    """Extract entities from articles and print them as tables, JSON, JSONL, CSV or an HTML
    report."""
    from .archives import ArchiveKeys, parse_keep_fields
    from .reference import load_ref_dates
    from .settings import Settings, parse_date, parse_suffixes, parse_types

    fmt = _format(format, tuple(OutputFormat)) or _default_format(output)
    if resume and (output is None or fmt is not OutputFormat.jsonl):
        raise UsageError("--resume needs -o FILE and -f jsonl")
    if ref_date_from not in (None, "mtime"):
        raise UsageError("--ref-date-from takes 'mtime'")
    settings = Settings(
        model=model,
        patterns=tuple(str(p) for p in patterns or ()),
        types=parse_types(types, for_people=fmt in _FOR_PEOPLE),
        ref_date=parse_date(ref_date) if ref_date else None,
        ref_dates=load_ref_dates(ref_dates) if ref_dates else {},
        ref_date_from_mtime=ref_date_from == "mtime",
        default_ref_date=parse_date(default_ref_date) if default_ref_date else None,
        dayfirst=dayfirst,
        max_bytes=max_size * 1024 * 1024,
        suffixes=parse_suffixes(ext),
        jobs=jobs,
        include_text=include_text,
        archive=ArchiveKeys(text_key, id_key, date_key, parse_keep_fields(keep_fields)),
        scheduler=scheduler or None,
    )
    from .cli_extract import extract_command

    return extract_command(
        paths, settings, fmt, output, resume=resume, summary=summary, quiet=quiet, trace=traceback
    )


# Formats read by people: their default --types leave out durations and frequencies.
_FOR_PEOPLE = (OutputFormat.table, OutputFormat.timeline, OutputFormat.html)


def _default_format(output: Path | None) -> OutputFormat:
    at_terminal = output is None and sys.stdout.isatty()
    return OutputFormat.table if at_terminal else OutputFormat.jsonl


@app.command(cls=_Command)
@_guarded
def summarize(
    results: Annotated[
        list[str],
        typer.Argument(help="JSONL written by entext extract (- for stdin).", metavar="FILE"),
    ],
    format: Annotated[
        str | None, typer.Option("--format", "-f", metavar="FORMAT", help="table or json.")
    ] = None,
    top: Annotated[int, typer.Option("--top", min=1, metavar="N", help="Rows per table.")] = 15,
) -> int:
    """Summarise a corpus: top entities per type (by documents) and entities seen together."""
    fmt = _format(format, (OutputFormat.table, OutputFormat.json, OutputFormat.jsonl))
    from .summary import read_summary

    corpus = read_summary(results)
    if fmt in (OutputFormat.json, OutputFormat.jsonl):
        import json

        typer.echo(json.dumps(corpus.to_dict(top), ensure_ascii=False))
    else:
        from .console import styling_enabled
        from .render.console import PipeConsole
        from .render.summary import print_summary

        color = sys.stdout.isatty() and styling_enabled()
        console = PipeConsole(highlight=False, color_system="auto" if color else None)
        print_summary(corpus, console, top)
    return ExitCode.OK


@app.command("eval", cls=_Command)
@_guarded
def eval_command(
    gold: Annotated[
        Path,
        typer.Argument(help="Annotated JSONL: {id, text, entities: [...]}.", metavar="GOLD"),
    ],
    format: Annotated[
        str | None, typer.Option("--format", "-f", metavar="FORMAT", help="table or json.")
    ] = None,
    types: Annotated[
        str | None, typer.Option("--types", metavar="ORG,LOC", help="Types to score.")
    ] = None,
    named_only: Annotated[
        bool, typer.Option("--named-only", help="Ignore gold pronoun/nominal mentions (re3d).")
    ] = False,
    skip_unmapped: Annotated[
        bool,
        typer.Option(
            "--skip-preds-on-unmapped-gold",
            help="Ignore predictions on gold spans of unscored kinds.",
        ),
    ] = False,
    no_dct: Annotated[
        bool, typer.Option("--no-dct", help="Ignore each document's 'dct' or 'pub_date'.")
    ] = False,
    predictions: Annotated[
        Path | None,
        typer.Option("--predictions", metavar="FILE", help="Also write predictions to FILE."),
    ] = None,
    model: ModelOption = None,
    patterns: PatternsOption = None,
) -> int:
    """Score entext on your own annotated articles: precision, recall and F1 per type."""
    fmt = _format(format, (OutputFormat.table, OutputFormat.json, OutputFormat.jsonl))
    from .evaluate import evaluate_file
    from .schema import ENTITY_TYPES
    from .settings import Settings, parse_types

    settings = Settings(model=model, patterns=tuple(str(p) for p in patterns or ())).resolved()
    report = evaluate_file(
        gold,
        settings,
        types=parse_types(types, allowed=ENTITY_TYPES),
        named_only=named_only,
        skip_unmapped=skip_unmapped,
        use_dct=not no_dct,
        predictions=predictions,
    )
    if fmt in (OutputFormat.json, OutputFormat.jsonl):
        import json

        indent = None if fmt is OutputFormat.jsonl else 2
        typer.echo(json.dumps(report.to_dict(), indent=indent))
    else:
        from .console import styling_enabled
        from .render.scores import print_report

        print_report(report, sys.stdout.isatty() and styling_enabled())
    return ExitCode.OK


def main() -> None:
    """Console-script entry point."""
    app()


__all__ = ["app", "main"]

if __name__ == "__main__":  # pragma: no cover
    main()
