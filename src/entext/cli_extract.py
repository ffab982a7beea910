"""The body of ``entext extract``: a library run written to stdout or a file, with messages.

Kept apart from ``cli.py`` (which only parses options) so that the run's plumbing, the output
file, the renderer, the progress bar and the final messages, reads as one short story.
"""

from __future__ import annotations

import sys
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
    stderr = stderr_console()
    to_screen = output is None and sys.stdout.isatty()
    bar = ProgressBar(stderr, enabled=not quiet and not to_screen)
    batch = run(paths, settings, on_progress=bar)
    sink = OutputFile(output, append=resume, inputs=batch.sources)
    if sink.plan is not None:
        batch = BatchRun(sink.plan.todo, batch.settings, skipped=sink.plan.skipped, on_progress=bar)
        if not quiet:
            _report_resume(stderr, sink, output, batch)
    if sink.stale_partial and not quiet:
        print_line(
            stderr,
            f"entext: warning: replacing what a killed run left for {output} "
            "(--resume would have continued it)",
        )
    color = fmt in (OutputFormat.table, OutputFormat.timeline) and to_screen and styling_enabled()
    corpus = None
    if summary:
        from .summary import CorpusSummary

        corpus = CorpusSummary()
    try:
        renderer = make_renderer(fmt, sink.stream, color=color)
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
        raise OutputError(sink.failure_message(exc)) from None
    except BaseException:
        sink.abort()
        raise
    finally:
        bar.close()
    if corpus is not None:
        from .render.summary import print_summary

        print_summary(corpus, stderr)
    return _ending(stderr, batch, output)


def _report_resume(stderr: object, sink: OutputFile, output: Path | None, batch: BatchRun) -> None:
    """What ``--resume`` found in the file and what it keeps."""
    plan = sink.plan
    assert plan is not None
    if sink.recovered:
        print_line(
            stderr,
            f"entext: resuming: took over {sink.recovered} records from a run that was "
            f"killed before it could finish {output}",
        )
    if plan.dropped:
        print_line(
            stderr,
            f"entext: resuming: removed {plan.dropped} outdated records from {output} "
            "(inputs edited since, or repeated); they are redone",
        )
    if plan.foreign:
        shown = ", ".join(plan.foreign[:3]) + (" …" if len(plan.foreign) > 3 else "")
        print_line(
            stderr,
            f"entext: resuming: kept {len(plan.foreign)} records of inputs not in this run "
            f"(renamed, removed or not named): {shown}",
        )
    if plan.skipped:
        print_line(
            stderr,
            f"entext: resuming: {plan.skipped} of {plan.skipped + batch.total} inputs "
            f"already in {output}",
        )


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
