"""Where the reference date comes from, per document, and the timeline built on it."""

from __future__ import annotations

import os

from typer.testing import CliRunner

from conftest import read_jsonl
from entext.cli import app

ARTICLE = "Militants attacked a checkpoint in Mosul last night, police said on Tuesday.\n"


def _values(record):
    return {
        m["text"]: m["value"]
        for e in record["entities"]
        for m in e["mentions"]
        if e["type"] == "DATE"
    }


def test_ref_dates_file_gives_each_document_its_date(tmp_path):
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text(ARTICLE, encoding="utf-8")
    b.write_text(ARTICLE, encoding="utf-8")
    mapping = tmp_path / "dates.csv"
    mapping.write_text(f"source,date\n{a},2024-03-01\n{b},2023-12-31\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["extract", str(a), str(b), "--ref-dates", str(mapping)])
    assert result.exit_code == 0, result.output
    ra, rb = read_jsonl(result.stdout)
    assert (ra["ref_date"], ra["ref_date_source"]) == ("2024-03-01", "file")
    assert _values(ra)["last night"] == "2024-02-29"  # leap day
    assert _values(rb)["last night"] == "2023-12-30"
    assert _values(rb)["Tuesday"] == "2023-12-26"


def test_ref_dates_file_errors_name_the_line(tmp_path):
    mapping = tmp_path / "dates.csv"
    mapping.write_text("source,date\nx.txt,yesterday\n", encoding="utf-8")
    article = tmp_path / "x.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    result = CliRunner().invoke(app, ["extract", str(article), "--ref-dates", str(mapping)])
    assert result.exit_code == 1
    assert f"{mapping}:2" in result.stderr


def test_mtime_only_when_asked(tmp_path):
    article = tmp_path / "a.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    stamp = 1_707_350_400  # 2024-02-08 00:00 UTC
    os.utime(article, (stamp, stamp))
    runner = CliRunner()
    plain = read_jsonl(runner.invoke(app, ["extract", str(article)]).stdout)[0]
    assert plain["ref_date"] is None and _values(plain)["last night"] is None
    dated = read_jsonl(
        runner.invoke(app, ["extract", str(article), "--ref-date-from", "mtime"]).stdout
    )[0]
    assert dated["ref_date_source"] == "mtime"
    assert dated["ref_date"] in ("2024-02-07", "2024-02-08")  # local time zone


def test_timeline_lists_dated_mentions_in_calendar_order(tmp_path):
    from conftest import SAMPLE

    result = CliRunner().invoke(app, ["extract", str(SAMPLE), "-f", "timeline"])
    assert result.exit_code == 0, result.output
    out = result.stdout
    order = [
        out.index(v) for v in ("2023-10", "2024-01", "2024-W05", "2024-02-07", "2024-02-08T15:18")
    ]
    assert order == sorted(order)
    assert "killed a senior commander" in out  # the sentence around "last night"
