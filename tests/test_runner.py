"""The library batch run: one record per input whatever happens inside a document, parallel
and resumable runs, progress callbacks, and the CLI's exit codes over the same run."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

import entext
import entext.extract
from conftest import read_jsonl
from entext.cli import app

ARTICLES = {
    "a.txt": "Kataib Hezbollah fighters entered Baghdad on Tuesday, officials said.",
    "b.txt": "BOOM: the Houthis said they fired a drone at Eilat.",
    "c.txt": "US Central Command said its forces struck a site near Deir ez-Zor.",
}


@pytest.fixture
def folder(tmp_path):
    for name, text in ARTICLES.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    return tmp_path


@pytest.fixture
def broken_document(monkeypatch):
    """Entity building raises for the one text containing BOOM (as a bug would)."""
    real = entext.extract.build_entities

    def build(text, *args, **kwargs):
        if "BOOM" in text:
            raise ValueError("injected fault")
        return real(text, *args, **kwargs)

    monkeypatch.setattr(entext.extract, "build_entities", build)


@pytest.mark.parametrize("jobs", [1, 2])
def test_an_error_in_one_document_costs_one_record_in_the_library(folder, broken_document, jobs):
    batch = entext.run([folder], entext.Settings(jobs=jobs))
    records = list(batch)
    assert [r.source.rsplit("/", 1)[-1] for r in records] == ["a.txt", "b.txt", "c.txt"]
    assert isinstance(records[0], entext.Document) and isinstance(records[2], entext.Document)
    failure = records[1]
    assert isinstance(failure, entext.Failure)
    assert failure.code == "internal"
    assert "ValueError: injected fault" in failure.message
    assert failure.trace is not None and "injected fault" in failure.trace
    assert (batch.documents, batch.failures, batch.interrupted) == (2, 1, False)
    assert "trace" not in failure.to_dict()


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_an_error_in_one_document_exits_3_through_the_cli(folder, broken_document, jobs):
    result = CliRunner().invoke(app, ["extract", str(folder), "-f", "jsonl", "-j", jobs])
    assert result.exit_code == 3, result.output
    records = read_jsonl(result.stdout)
    assert [("error" in r) for r in records] == [False, True, False]
    assert records[1]["error"]["code"] == "internal"
    assert "b.txt: unexpected error" in result.stderr
    assert "Traceback" not in result.stderr


def test_traceback_shows_the_trace_of_an_internal_failure(folder, broken_document):
    result = CliRunner().invoke(app, ["extract", str(folder), "-f", "jsonl", "--traceback"])
    assert result.exit_code == 3
    assert "Traceback (most recent call last)" in result.stderr
    assert "ValueError: injected fault" in result.stderr


def test_a_failing_ner_batch_falls_back_to_one_document_at_a_time(folder, monkeypatch):
    real = entext.extract.Extractor._recognise

    def recognise(self, jobs):
        if any("BOOM" in job.text for job in jobs):
            raise MemoryError
        return real(self, jobs)

    monkeypatch.setattr(entext.extract.Extractor, "_recognise", recognise)
    records = list(entext.run([folder], entext.Settings(jobs=1)))
    assert [type(r).__name__ for r in records] == ["Document", "Failure", "Document"]
    assert records[1].code == "internal" and "MemoryError" in records[1].message
    kinds = {e.kind for e in records[0].entities}
    assert "MILITIA" in kinds  # the documents around the bad one were fully processed


def test_progress_callback_and_resume(folder, tmp_path):
    seen = []
    first = entext.run([folder / "a.txt"], entext.Settings(), on_progress=seen.append)
    out = tmp_path / "results.jsonl"
    out.write_text("".join(json.dumps(r.to_dict()) + "\n" for r in first), encoding="utf-8")
    assert [(p.done, p.total) for p in seen] == [(1, 1)]
    again = entext.run([folder], entext.Settings(jobs=2), resume=out, on_progress=seen.append)
    assert again.skipped == 1 and again.total == 2
    sources = [r.source.rsplit("/", 1)[-1] for r in again]
    assert sources == ["b.txt", "c.txt"]
    assert [(p.done, p.total) for p in seen[1:]] == [(1, 2), (2, 2)]


def test_a_batch_run_is_iterated_once(folder):
    batch = entext.run([folder / "a.txt"])
    assert len(list(batch)) == 1
    with pytest.raises(RuntimeError):
        list(batch)


def test_library_settings_do_not_read_the_environment(monkeypatch, folder):
    monkeypatch.setenv("ENTEXT_MODEL", "no-such-model")
    doc = entext.extract_text(ARTICLES["a.txt"])
    assert doc.entities  # the CLI reads ENTEXT_MODEL; the library takes what it is given
