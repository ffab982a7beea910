"""The command line: parse options, call the library, render, map errors to exit codes.

Heavy modules (spaCy, the pipeline) are imported inside commands, so ``entext --help`` and
``entext --version`` answer at once.
"""

from __future__ import annotations

import contextlib
import os
import signal
import sys
from enum import Enum
from pathlib import Path
from typing import Annotated, Any, NoReturn

import typer

from . import __version__
from .errors import EntextError

EXIT_OK, EXIT_FATAL, EXIT_USAGE, EXIT_PARTIAL, EXIT_INTERRUPTED = 0, 1, 2, 3, 130

app = typer.Typer(
    name="entext",
    help="Extract people, organisations (militias and military forces told apart), places and "
    "dates from news articles about armed conflict.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
)


class Format(str, Enum):
    table = "table"
    json = "json"
    jsonl = "jsonl"
    csv = "csv"
    timeline = "timeline"


class Interrupted(Exception):
    """SIGINT or SIGTERM during a run."""


def _stderr() -> Any:
    from rich.console import Console

    return Console(stderr=True, highlight=False, soft_wrap=True)


def _fail(message: str, code: int = EXIT_FATAL) -> NoReturn:
    from rich.text import Text

    _stderr().print(Text(f"entext: error: {message}"))
    raise typer.Exit(code)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"entext {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="Show the version and exit."
        ),
    ] = False,
) -> None:
    """entext: entity extraction for conflict news."""


def _on_signal(signum: int, frame: Any) -> None:
    raise Interrupted(signal.Signals(signum).name)


@app.command()
def extract(
    paths: Annotated[
        list[str], typer.Argument(help="Files, folders, globs, or - for stdin.", show_default=False)
    ],
    format: Annotated[
        Format | None,
        typer.Option(
            "--format", "-f", help="Output format [default: table on a terminal, else jsonl]."
        ),
    ] = None,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write results to FILE (atomically).")
    ] = None,
    ref_date: Annotated[
        str | None,
        typer.Option("--ref-date", help="YYYY-MM-DD that relative dates resolve against."),
    ] = None,
    ref_dates: Annotated[
        str | None,
        typer.Option(
            "--ref-dates", help="CSV/JSONL file of source,date: a reference date per input."
        ),
    ] = None,
    ref_date_from: Annotated[
        str | None,
        typer.Option(
            "--ref-date-from",
            help="'mtime': use the file's modification date when the text has none.",
        ),
    ] = None,
    dayfirst: Annotated[
        bool, typer.Option("--dayfirst", help="Read ambiguous 02/07/2024 as 2 July.")
    ] = False,
    model: Annotated[
        str | None,
        typer.Option("--model", help="spaCy pipeline name or path [env: ENTEXT_MODEL]."),
    ] = None,
    patterns: Annotated[
        list[str] | None,
        typer.Option(
            "--patterns", help="Extra rules file (JSONL), repeatable [env: ENTEXT_PATTERNS]."
        ),
    ] = None,
    types: Annotated[
        str | None, typer.Option("--types", help="Types to output, e.g. PERSON,ORG,LOC,DATE.")
    ] = None,
    jobs: Annotated[
        int | None,
        typer.Option(
            "--jobs", "-j", min=1, help="Worker processes [default: cores, 1 for small inputs]."
        ),
    ] = None,
    resume: Annotated[
        bool,
        typer.Option("--resume", help="With -o: skip inputs already in FILE, append the rest."),
    ] = False,
    max_size: Annotated[int, typer.Option("--max-size", min=1, help="Largest input in MB.")] = 20,
    ext: Annotated[
        str | None,
        typer.Option("--ext", help="File endings taken from folders [default: .txt,.text,.md]."),
    ] = None,
    summary: Annotated[
        bool,
        typer.Option(
            "--summary", help="At the end, print the corpus's top entities and pairs to stderr."
        ),
    ] = False,
    quiet: Annotated[
        bool, typer.Option("--quiet", "-q", help="No progress or warnings on stderr.")
    ] = False,
    traceback: Annotated[
        bool,
        typer.Option(
            "--traceback", help="Show the full trace of unexpected errors [env: ENTEXT_TRACEBACK]."
        ),
    ] = False,
) -> None:
    """Extract entities from articles and print them as tables, JSON, JSONL or CSV."""
    show_trace = traceback or bool(os.environ.get("ENTEXT_TRACEBACK"))
    try:
        code = _extract(
            paths,
            format,
            output,
            ref_date,
            ref_dates,
            ref_date_from,
            dayfirst,
            model,
            patterns or [],
            types,
            jobs,
            resume,
            max_size,
            ext,
            quiet,
            summary,
        )
    except EntextError as exc:
        _fail(str(exc), exc.exit_code)
    except BrokenPipeError:
        _quiet_broken_pipe()
    except (KeyboardInterrupt, Interrupted):
        raise typer.Exit(EXIT_INTERRUPTED) from None
    except Exception as exc:
        if show_trace:
            raise
        _fail(f"internal error: {type(exc).__name__}: {exc} (run with --traceback for details)")
    raise typer.Exit(code)


def _quiet_broken_pipe() -> NoReturn:
    # The reader went away (| head): stop quietly; point stdout at nothing so the
    # interpreter's final flush cannot complain.
    with contextlib.suppress(OSError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    raise typer.Exit(EXIT_OK)


def _extract(
    paths: list[str],
    fmt: Format | None,
    output: Path | None,
    ref_date: str | None,
    ref_dates: str | None,
    ref_date_from: str | None,
    dayfirst: bool,
    model: str | None,
    patterns: list[str],
    types: str | None,
    jobs: int | None,
    resume: bool,
    max_size: int,
    ext: str | None,
    quiet: bool,
    summary: bool = False,
) -> int:
    from .extract import Options, load_ref_dates, parse_date, parse_types
    from .inputs import DEFAULT_SUFFIXES, iter_sources
    from .output import OutputFile, done_records, skip_done
    from .pipeline import PipelineConfig, resolve_model_name
    from .render import OutputFormat, make_renderer
    from .schema import Document

    stderr = _stderr()
    if fmt is None:
        fmt = Format.table if output is None and sys.stdout.isatty() else Format.jsonl
    if resume and (output is None or fmt is not Format.jsonl):
        raise _usage("--resume needs -o FILE and -f jsonl")
    if ref_date_from not in (None, "mtime"):
        raise _usage("--ref-date-from takes 'mtime'")
    suffixes = DEFAULT_SUFFIXES
    if ext:
        suffixes = frozenset(
            e if e.startswith(".") else f".{e}"
            for e in (x.strip().lower() for x in ext.split(","))
            if e
        )
    options = Options(
        ref_date=parse_date(ref_date) if ref_date else None,
        ref_dates=load_ref_dates(ref_dates) if ref_dates else {},
        ref_date_from_mtime=ref_date_from == "mtime",
        dayfirst=dayfirst,
        types=parse_types(types),
        max_bytes=max_size * 1024 * 1024,
        suffixes=suffixes,
    )
    config = PipelineConfig(model=resolve_model_name(model), patterns=tuple(patterns))
    sources = list(iter_sources(paths, suffixes))
    if resume and output is not None:
        done = done_records(output)
        before = len(sources)
        sources = list(skip_done(sources, done))
        if not quiet and before != len(sources):
            stderr.print(
                f"entext: resuming: {before - len(sources)} of {before} inputs already in {output}"
            )
    from .runner import plan_jobs, run

    n_jobs = plan_jobs(jobs, sources)
    color = fmt in (Format.table, Format.timeline) and output is None and sys.stdout.isatty()
    sink = OutputFile(output, append=resume)
    renderer = make_renderer(OutputFormat(fmt.value), sink.stream, color=color)
    old_term = signal.signal(signal.SIGTERM, _on_signal)
    docs = failures = 0
    interrupted = False
    progress = _progress(stderr, quiet, len(sources))
    # Counting words splits every article: only worth it when a bar shows words/s.
    counting_words = not isinstance(progress, _NoProgress)
    from .summary import CorpusSummary

    corpus = CorpusSummary() if summary else None
    try:
        with progress:
            task = progress.add_task("extracting", total=len(sources), words=0)
            for result in run(sources, config, options, n_jobs):
                renderer.write(result)
                if corpus is not None:
                    corpus.add(result.to_dict())
                if isinstance(result, Document):
                    docs += 1
                    if not quiet:
                        for w in result.warnings:
                            _print_line(stderr, f"entext: warning: {w}")
                    words = len(result.text.split()) if counting_words else 0
                    progress.update(task, advance=1, words=words)
                else:
                    failures += 1
                    _print_line(
                        stderr, f"entext: error: {result.source}: {result.message} [{result.code}]"
                    )
                    progress.update(task, advance=1)
            renderer.close()
    except (KeyboardInterrupt, Interrupted):
        interrupted = True
        with contextlib.suppress(OSError):
            sink.stream.flush()
    except BrokenPipeError:
        raise
    except OSError as exc:
        sink.abort()
        if output is None:
            raise
        raise _fatal(
            f"cannot write {output}: {exc.strerror or exc}; the previous file is unchanged"
        ) from None
    except BaseException:
        sink.abort()
        raise
    finally:
        signal.signal(signal.SIGTERM, old_term)
    try:
        sink.commit()
    except OSError as exc:
        sink.abort()
        raise _fatal(
            f"cannot write {output}: {exc.strerror or exc}; the previous file is unchanged"
        ) from None
    if corpus is not None:
        from .render.summary import print_summary

        print_summary(corpus, stderr)
    if interrupted:
        if output is not None:
            hint = f"re-run the same command with --resume -o {output} to continue"
        else:
            hint = "use -o FILE -f jsonl with --resume to make long runs resumable"
        _print_line(
            stderr, f"entext: interrupted after {docs + failures} of {len(sources)} inputs; {hint}"
        )
        return EXIT_INTERRUPTED
    if failures:
        _print_line(
            stderr, f"entext: {failures} of {docs + failures} inputs failed (see the error records)"
        )
        return EXIT_PARTIAL if docs else EXIT_FATAL
    return EXIT_OK


@app.command()
def summarize(
    results: Annotated[
        list[str], typer.Argument(help="JSONL files written by entext extract (- for stdin).")
    ],
    format: Annotated[
        Format | None, typer.Option("--format", "-f", help="table (default) or json.")
    ] = None,
    top: Annotated[int, typer.Option("--top", min=1, help="Rows per table.")] = 15,
) -> None:
    """Summarise a corpus: top entities per type (by documents) and entities seen together."""
    import json

    from .summary import CorpusSummary

    corpus = CorpusSummary()
    for name in results:
        try:
            fh = sys.stdin if name == "-" else open(name, encoding="utf-8")  # noqa: SIM115
        except OSError as exc:
            _fail(f"cannot read {name}: {exc.strerror or exc}")
        with fh:
            for n, line in enumerate(fh, 1):
                if not line.strip():
                    continue
                try:
                    corpus.add(json.loads(line))
                except (json.JSONDecodeError, KeyError, TypeError):
                    _fail(f"{name}:{n} is not an entext result record (write them with -f jsonl)")
    if format in (Format.json, Format.jsonl):
        typer.echo(json.dumps(corpus.to_dict(top), ensure_ascii=False))
    else:
        from rich.console import Console

        from .render.summary import print_summary

        print_summary(corpus, Console(highlight=False), top)


@app.command("eval")
def eval_command(
    gold: Annotated[
        Path, typer.Argument(help="Annotated JSONL: {id, text, entities: [{start, end, label}]}.")
    ],
    format: Annotated[
        Format | None, typer.Option("--format", "-f", help="table (default) or json.")
    ] = None,
    types: Annotated[
        str | None, typer.Option("--types", help="Types to score, e.g. ORG,LOC.")
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
        bool,
        typer.Option("--no-dct", help="Do not use each document's 'dct' as its reference date."),
    ] = False,
    predictions: Annotated[
        Path | None,
        typer.Option("--predictions", help="Also write predictions (scorer format) to FILE."),
    ] = None,
    model: Annotated[
        str | None, typer.Option("--model", help="spaCy pipeline name or path.")
    ] = None,
    patterns: Annotated[
        list[str] | None,
        typer.Option("--patterns", help="Extra rules file (JSONL), repeatable."),
    ] = None,
) -> None:
    """Score entext on your own annotated articles: precision, recall and F1 per type."""
    try:
        report = _eval(
            gold, types, named_only, skip_unmapped, no_dct, predictions, model, patterns or []
        )
    except EntextError as exc:
        _fail(str(exc), exc.exit_code)
    if format in (Format.json, Format.jsonl):
        import json

        typer.echo(json.dumps(report.to_dict(), indent=None if format is Format.jsonl else 2))
    else:
        from .render.scores import print_report

        print_report(report, sys.stdout.isatty())


def _eval(
    gold: Path,
    types: str | None,
    named_only: bool,
    skip_unmapped: bool,
    no_dct: bool,
    predictions: Path | None,
    model: str | None,
    patterns: list[str],
) -> Any:
    from .evaluate import evaluate, read_gold
    from .extract import Extractor, Options, parse_types
    from .pipeline import PipelineConfig, resolve_model_name

    wanted = parse_types(types)
    extractor = Extractor(PipelineConfig(resolve_model_name(model), tuple(patterns)), Options())
    preds: list[dict[str, Any]] | None = [] if predictions else None
    report = evaluate(
        read_gold(gold),
        extractor,
        types=wanted,
        named_only=named_only,
        skip_unmapped=skip_unmapped,
        use_dct=not no_dct,
        predictions_out=preds,
    )
    if predictions is not None and preds is not None:
        import json

        with predictions.open("w", encoding="utf-8") as fh:
            for line in preds:
                fh.write(json.dumps(line, ensure_ascii=False) + "\n")
    return report


def _print_line(console: Any, line: str) -> None:
    from rich.text import Text

    from .render.text import visible

    console.print(Text(visible(line)))


def _usage(message: str) -> EntextError:
    err = EntextError(message)
    err.exit_code = EXIT_USAGE
    return err


def _fatal(message: str) -> EntextError:
    return EntextError(message)


class _NoProgress:
    def __enter__(self) -> _NoProgress:
        return self

    def __exit__(self, *exc: object) -> None:
        return None

    def add_task(self, *args: Any, **kwargs: Any) -> int:
        return 0

    def update(self, *args: Any, **kwargs: Any) -> None:
        return None


def _progress(console: Any, quiet: bool, total: int) -> Any:
    if quiet or total < 2 or not console.is_terminal:
        return _NoProgress()
    from .progress import make_progress

    return make_progress(console)


def main() -> None:
    """Console-script entry point."""
    app()


if __name__ == "__main__":  # pragma: no cover
    main()
