"""The body of ``entext extract``: a library run written to stdout or a file, with messages.

Kept apart from ``cli.py`` (which only parses options) so that the run's plumbing, the output
file, the renderer, the progress bar and the final messages, reads as one short story.
"""

from __future__ import annotations

from pathlib import Path

from .console import ProgressBar, print_line, stderr_console, styling_enabled
from .errors import ExitCode, Interrupted, OutputError
from .output import OutputFile
from .render import OutputFormat, make_renderer
from .runner import BatchRun, run
from .schema import Document, Failure, Result
from .settings import Settings


def extract_command(
    paths: list[str],
    settings: Settings,
    fmt: OutputFormat,
    output: Path | None,
    *,
    resume: bool,
    summary: bool,
    quiet: bool,
    trace: bool,
) -> ExitCode:
    """Run a batch and render it; returns the exit code (see ``ExitCode``)."""
    import sys

    stderr = stderr_console()
    to_screen = output is None and sys.stdout.isatty()
    bar = ProgressBar(stderr, enabled=not quiet and not to_screen)
    batch = run(paths, settings, resume=output if resume else None, on_progress=bar)
    if batch.skipped and not quiet:
        print_line(
            stderr,
            f"entext: resuming: {batch.skipped} of {batch.skipped + batch.total} inputs "
            f"already in {output}",
        )
    color = fmt in (OutputFormat.table, OutputFormat.timeline) and to_screen and styling_enabled()
    corpus = None
    if summary:
        from .summary import CorpusSummary

        corpus = CorpusSummary()
    sink = OutputFile(output, append=resume)
    renderer = make_renderer(fmt, sink.stream, color=color)
    try:
        try:
            for result in batch:
                renderer.write(result)
                if corpus is not None:
                    corpus.add(result.to_dict())
                _report(stderr, result, quiet=quiet, trace=trace)
        except (KeyboardInterrupt, Interrupted):
            batch.stop()
        bar.close()
        if not batch.interrupted:
            renderer.close()
        sink.commit()
    except BrokenPipeError:
        raise
    except OSError as exc:
        sink.abort()
        if output is None:
            raise
        raise OutputError(
            f"cannot write {output}: {exc.strerror or exc}; the previous file is unchanged"
        ) from None
    except BaseException:
        sink.abort()
        raise
    finally:
        bar.close()
    if corpus is not None:
        from .render.summary import print_summary

        print_summary(corpus, stderr)
    return _ending(stderr, batch, output)


def _report(stderr: object, result: Result, *, quiet: bool, trace: bool) -> None:
    """The stderr lines for one record: warnings of a document, the error of a failure."""
    if isinstance(result, Document):
        if not quiet:
            for warning in result.warnings:
                print_line(stderr, f"entext: warning: {warning}")
        return
    assert isinstance(result, Failure)
    print_line(stderr, f"entext: error: {result.source}: {result.message} [{result.code}]")
    if trace and result.trace:
        print_line(stderr, result.trace.rstrip())


def _ending(stderr: object, batch: BatchRun, output: Path | None) -> ExitCode:
    done = batch.processed
    if batch.interrupted:
        if output is not None:
            hint = f"re-run the same command with --resume -o {output} to continue"
        else:
            hint = "use -o FILE -f jsonl with --resume to make long runs resumable"
        print_line(stderr, f"entext: interrupted after {done} of {batch.total} inputs; {hint}")
        return ExitCode.INTERRUPTED
    if batch.failures:
        print_line(
            stderr, f"entext: {batch.failures} of {done} inputs failed (see the error records)"
        )
        return ExitCode.PARTIAL if batch.documents else ExitCode.FATAL
    return ExitCode.OK
