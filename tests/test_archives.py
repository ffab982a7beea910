"""JSONL archives as input: one result per line, in order, bad lines as error records with
their line number, the record's fields carried over, its date as the reference date, resume."""

from __future__ import annotations

import datetime as dt
import gzip
import json

import pytest
from typer.testing import CliRunner

import entext
from conftest import read_jsonl
from entext.archives import ArchiveKeys, parse_record_date
from entext.cli import app

STRIKE = (
    "Kataib Hezbollah said on Tuesday that its fighters had shelled a base near Erbil, "
    "the Iraqi Kurdish capital, a day after a drone strike in Baghdad."
)
HOUTHIS = "The Houthis said they fired a missile at a ship off Hodeidah yesterday."
RSF = "Fighters of the Rapid Support Forces entered El Fasher, in Sudan's Darfur region."


def write_lines(path, lines):
    path.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    return path


def extract(*args):
    result = CliRunner().invoke(app, ["extract", *map(str, args), "-f", "jsonl", "-q"])
    return result, read_jsonl(result.stdout)


def test_one_result_per_line_in_order_and_bad_lines_are_records_with_their_line(tmp_path):
    archive = write_lines(
        tmp_path / "dump.jsonl",
        [
            json.dumps({"id": "a1", "text": STRIKE}),
            "",  # blank lines are not records, but they count as lines
            '{"id": "a2", "text": "unterminated',
            json.dumps(["a list", "not an object"]),
            json.dumps({"id": "a4", "body": HOUTHIS}),
            json.dumps({"id": "a5", "text": 42}),
            json.dumps({"id": 6, "text": RSF}),
        ],
    )
    result, records = extract(archive)
    assert result.exit_code == 3, result.output  # some inputs failed
    assert [r["source"] for r in records] == [f"{archive}:{n}" for n in (1, 3, 4, 5, 6, 7)]
    assert [r["line"] for r in records] == [1, 3, 4, 5, 6, 7]
    codes = [r["error"]["code"] if "error" in r else None for r in records]
    assert codes == [None, "invalid_json", "bad_record", "bad_record", "bad_record", None]
    assert "line 3: not JSON" in records[1]["error"]["message"]
    assert "array, not an object" in records[2]["error"]["message"]
    assert "no 'text' field" in records[3]["error"]["message"]
    assert "--text-key" in records[3]["error"]["message"]
    assert "number, not a string" in records[4]["error"]["message"]
    assert (records[0]["id"], records[5]["id"]) == ("a1", 6)
    assert "Kataib Hezbollah" in {e["name"] for e in records[0]["entities"]}
    assert "El Fasher" in {e["name"] for e in records[5]["entities"]}
    assert f"{archive}:3: line 3: not JSON" in result.stderr


def test_a_record_gives_the_same_result_as_its_text_saved_as_a_file(tmp_path):
    archive = write_lines(tmp_path / "dump.jsonl", [json.dumps({"text": STRIKE, "id": "x"})])
    article = tmp_path / "article.txt"
    article.write_text(STRIKE, encoding="utf-8")
    [from_archive, from_file] = list(entext.run([archive, article], entext.Settings(jobs=1)))
    assert isinstance(from_archive, entext.Document) and isinstance(from_file, entext.Document)
    assert from_archive.sha256 == from_file.sha256
    assert from_archive.entities == from_file.entities
    assert from_archive.to_dict()["line"] == 1 and from_archive.to_dict()["id"] == "x"


def test_text_and_id_keys_and_kept_fields(tmp_path):
    archive = write_lines(
        tmp_path / "gdelt.jsonl",
        [
            json.dumps(
                {"uid": "u-1", "body": STRIKE, "url": "https://news.example/1", "lang": "en"}
            ),
            json.dumps({"uid": "u-2", "body": HOUTHIS, "title": "Missile fired"}),
        ],
    )
    result, records = extract(
        archive, "--text-key", "body", "--id-key", "uid", "--keep-fields", "url,title"
    )
    assert result.exit_code == 0, result.output
    assert [(r["id"], r["url"], r["title"]) for r in records] == [
        ("u-1", "https://news.example/1", None),
        ("u-2", None, "Missile fired"),
    ]
    assert "lang" not in records[0]
    assert list(records[0])[:5] == ["source", "line", "id", "url", "title"]


def test_kept_fields_cannot_hide_entexts_own(tmp_path):
    archive = write_lines(tmp_path / "a.jsonl", [json.dumps({"text": STRIKE})])
    result, _ = extract(archive, "--keep-fields", "url,entities")
    assert result.exit_code == 1
    assert "--keep-fields cannot carry entities" in result.stderr


def test_the_record_date_is_the_reference_date_unless_an_option_says_otherwise(tmp_path):
    archive = write_lines(
        tmp_path / "a.jsonl",
        [
            json.dumps({"text": HOUTHIS, "date": "2024-02-08T15:18:00Z"}),
            json.dumps({"text": HOUTHIS, "published": "Thu, 07 Mar 2024 09:00:00 GMT"}),
            json.dumps({"text": "Published 3 May 2023\n\n" + HOUTHIS, "date": "not a date"}),
        ],
    )
    _, records = extract(archive)
    assert [(r["ref_date"], r["ref_date_source"]) for r in records] == [
        ("2024-02-08", "record"),
        (None, None),  # no "date" field: the text has no date line either
        ("2023-05-03", "text"),  # an unreadable date falls back on the text, with a warning
    ]
    yesterday = [
        m["value"]
        for e in records[0]["entities"]
        for m in e["mentions"]
        if m["text"] == "yesterday"
    ]
    assert yesterday == ["2024-02-07"]
    assert "is not a date entext reads" in records[2]["warnings"][0]
    _, records = extract(archive, "--date-key", "published")
    assert (records[1]["ref_date"], records[1]["ref_date_source"]) == ("2024-03-07", "record")
    _, records = extract(archive, "--ref-date", "2025-01-01")
    assert {(r["ref_date"], r["ref_date_source"]) for r in records} == {("2025-01-01", "option")}
    refs = tmp_path / "refs.csv"
    refs.write_text(f"source,date\n{archive}:1,2022-06-30\n", encoding="utf-8")
    _, records = extract(archive, "--ref-dates", refs)
    assert (records[0]["ref_date"], records[0]["ref_date_source"]) == ("2022-06-30", "file")


@pytest.mark.parametrize(
    ("value", "date", "moment"),
    [
        ("2024-02-08", dt.date(2024, 2, 8), None),
        ("2024-02-08T15:18:00+03:00", dt.date(2024, 2, 8), dt.datetime(2024, 2, 8, 15, 18)),
        ("2024-02-08 06:05", dt.date(2024, 2, 8), dt.datetime(2024, 2, 8, 6, 5)),
        ("Fri, 09 Feb 2024 23:59:00 +0000", dt.date(2024, 2, 9), dt.datetime(2024, 2, 9, 23, 59)),
        ("20240210", dt.date(2024, 2, 10), None),
        (20240211120000, dt.date(2024, 2, 11), dt.datetime(2024, 2, 11, 12, 0)),
    ],
)
def test_record_dates_in_the_forms_news_dumps_use(value, date, moment):
    assert parse_record_date(value) == (date, moment)


@pytest.mark.parametrize("value", ["yesterday", "2024-13-01", "", True, 3.5, "Feb 2024", None])
def test_what_is_not_a_record_date(value):
    assert parse_record_date(value) is None


def test_archives_in_folders_only_when_ext_names_them(tmp_path):
    (tmp_path / "a.txt").write_text(STRIKE, encoding="utf-8")
    write_lines(tmp_path / "b.jsonl", [json.dumps({"text": HOUTHIS}), json.dumps({"text": RSF})])
    _, records = extract(tmp_path)
    assert [r["source"] for r in records] == [f"{tmp_path}/a.txt"]
    _, records = extract(tmp_path, "--ext", ".txt,.jsonl")
    assert [r["source"] for r in records] == [
        f"{tmp_path}/a.txt",
        f"{tmp_path}/b.jsonl:1",
        f"{tmp_path}/b.jsonl:2",
    ]


def test_an_empty_or_compressed_archive_is_one_error_record(tmp_path):
    empty = write_lines(tmp_path / "empty.jsonl", ["", "  "])
    packed = tmp_path / "packed.jsonl"
    packed.write_bytes(gzip.compress(json.dumps({"text": STRIKE}).encode()))
    result, records = extract(empty, packed)
    assert result.exit_code == 1
    assert [(r["source"], r["error"]["code"]) for r in records] == [
        (str(empty), "no_inputs"),
        (str(packed), "binary"),
    ]
    assert "gunzip" in records[1]["error"]["message"]


def test_a_line_that_is_not_utf8_or_too_large_is_a_record(tmp_path):
    archive = tmp_path / "a.jsonl"
    good = json.dumps({"text": STRIKE}).encode()
    archive.write_bytes(
        b'{"text": "caf\xe9"}\n' + good + b"\n" + b'{"text": "' + b"x" * 1_100_000 + b'"}\n'
    )
    result, records = extract(archive, "--max-size", "1")
    assert [r.get("error", {}).get("code") for r in records] == ["decode", None, "too_large"]
    assert result.exit_code == 3


def test_resume_continues_an_archive_where_it_stopped(tmp_path):
    archive = write_lines(
        tmp_path / "a.jsonl",
        [json.dumps({"id": i, "text": t}) for i, t in enumerate([STRIKE, HOUTHIS, RSF, "{bad"])],
    )
    archive.write_text(archive.read_text() + "{not json\n", encoding="utf-8")
    out = tmp_path / "results.jsonl"
    args = ["extract", str(archive), "-f", "jsonl", "-o", str(out)]
    assert CliRunner().invoke(app, args).exit_code == 3
    full = out.read_text(encoding="utf-8").splitlines(keepends=True)
    assert len(full) == 5
    out.write_text("".join(full[:2]), encoding="utf-8")
    resumed = CliRunner().invoke(app, [*args, "--resume"])
    assert "resuming: 2 of 5 inputs" in resumed.stderr
    assert out.read_text(encoding="utf-8").splitlines(keepends=True) == full
    again = CliRunner().invoke(app, [*args, "--resume"])
    assert "resuming: 5 of 5 inputs" in again.stderr
    assert out.read_text(encoding="utf-8").splitlines(keepends=True) == full


def test_a_changed_record_is_processed_again_on_resume(tmp_path):
    archive = write_lines(tmp_path / "a.jsonl", [json.dumps({"text": STRIKE})])
    out = tmp_path / "results.jsonl"
    args = ["extract", str(archive), "-f", "jsonl", "-o", str(out), "-q"]
    CliRunner().invoke(app, args)
    [before] = read_jsonl(out.read_text(encoding="utf-8"))
    write_lines(archive, [json.dumps({"text": HOUTHIS})])
    CliRunner().invoke(app, [*args, "--resume"])
    # The stale record is dropped: the file ends with one current record per input.
    [after] = read_jsonl(out.read_text(encoding="utf-8"))
    assert after["source"] == before["source"] == f"{archive}:1"
    assert "Houthis" in {e["name"] for e in after["entities"]}
    assert after["sha256"] != before["sha256"]


def test_the_library_reads_archives_with_the_settings_keys(tmp_path):
    archive = write_lines(tmp_path / "a.jsonl", [json.dumps({"story": RSF, "ts": "20240115"})])
    settings = entext.Settings(archive=ArchiveKeys(text="story", date="ts", keep=("ts",)))
    [doc] = list(entext.extract_paths([str(archive)], settings=settings))
    assert isinstance(doc, entext.Document)
    assert doc.to_dict()["ts"] == "20240115"
    assert (doc.ref_date, doc.ref_date_source) == ("2024-01-15", "record")
