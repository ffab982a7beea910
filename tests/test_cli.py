"""The command line at its boundary: input modes, formats, exit codes, stdout vs stderr."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import DATA, SAMPLE, read_jsonl
from entext.cli import app

ARTICLES = DATA / "articles"


@pytest.fixture(scope="module")
def runner() -> CliRunner:
    return CliRunner()


def invoke(runner: CliRunner, *args: str, input: str | None = None):
    return runner.invoke(app, ["extract", *args], input=input)


def sources(records):
    return [r["source"] for r in records]


@pytest.mark.parametrize(
    "args, expected",
    [
        ([str(SAMPLE)], [str(SAMPLE)]),
        (
            [str(ARTICLES)],
            [str(ARTICLES / "sudan-el-fasher.txt"), str(ARTICLES / "ukraine-pokrovsk.md")],
        ),
        ([str(ARTICLES / "*.txt")], [str(ARTICLES / "sudan-el-fasher.txt")]),
        (["-"], ["-"]),
        (
            [str(SAMPLE), str(ARTICLES / "ukraine-pokrovsk.md")],
            [str(SAMPLE), str(ARTICLES / "ukraine-pokrovsk.md")],
        ),
    ],
    ids=["file", "folder", "glob", "stdin", "several"],
)
def test_input_modes(runner, args, expected):
    stdin = SAMPLE.read_text(encoding="utf-8") if args == ["-"] else None
    result = invoke(runner, *args, "-f", "jsonl", input=stdin)
    assert result.exit_code == 0, result.output
    records = read_jsonl(result.stdout)
    assert sources(records) == expected
    for r in records:
        assert r["entities"], r["source"]


def test_stdin_gives_the_same_entities_as_the_file(runner):
    from_file = read_jsonl(invoke(runner, str(SAMPLE), "-f", "jsonl").stdout)[0]
    from_stdin = read_jsonl(
        invoke(runner, "-", "-f", "jsonl", input=SAMPLE.read_text(encoding="utf-8")).stdout
    )[0]
    assert from_file["entities"] == from_stdin["entities"]
    assert from_file["sha256"] == from_stdin["sha256"]


def test_json_is_one_array(runner):
    result = invoke(runner, str(ARTICLES), "-f", "json")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert isinstance(data, list) and len(data) == 2
    militias = [e["name"] for e in data[0]["entities"] if e["kind"] == "MILITIA"]
    assert "Rapid Support Forces" in militias


def test_json_for_no_input_is_an_empty_array(runner):
    result = invoke(runner, "-", "-f", "json", "--types", "PERSON", input="")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert data[0]["entities"] == []


def test_csv_has_one_row_per_mention(runner):
    result = invoke(runner, str(SAMPLE), "-f", "csv")
    assert result.exit_code == 0
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    record = read_jsonl(invoke(runner, str(SAMPLE), "-f", "jsonl").stdout)[0]
    assert len(rows) == sum(e["count"] for e in record["entities"])
    text = SAMPLE.read_text(encoding="utf-8")
    for row in rows:
        assert text[int(row["start"]) : int(row["end"])] == row["text"].removeprefix("'") or row[
            "text"
        ].startswith("'")
    kinds = {(r["name"], r["kind"]) for r in rows}
    assert ("Kataib Hezbollah", "MILITIA") in kinds


def test_table_shows_types_and_kinds(runner):
    result = invoke(runner, str(SAMPLE), "-f", "table")
    assert result.exit_code == 0
    out = result.stdout
    for heading in ("People", "Organisations", "Places", "Dates"):
        assert heading in out
    assert "MILITIA" in out and "MILITARY" in out
    assert "Kataib Hezbollah" in out and "2024-02-07" in out
    assert "\x1b[" not in out  # not a terminal: no colour codes


def test_default_format_is_jsonl_when_piped(runner):
    result = invoke(runner, str(SAMPLE))
    assert result.exit_code == 0
    assert len(read_jsonl(result.stdout)) == 1


def test_types_filter(runner):
    record = read_jsonl(invoke(runner, str(SAMPLE), "--types", "person,date").stdout)[0]
    assert {e["type"] for e in record["entities"]} == {"PERSON", "DATE"}


def test_ref_date_option_wins_over_the_text(runner):
    record = read_jsonl(invoke(runner, str(SAMPLE), "--ref-date", "2024-03-01").stdout)[0]
    assert record["ref_date"] == "2024-03-01"
    assert record["ref_date_source"] == "option"
    values = {
        m["text"]: m["value"]
        for e in record["entities"]
        for m in e["mentions"]
        if e["type"] == "DATE"
    }
    assert values["last night"] == "2024-02-29"


def test_output_file(runner, tmp_path):
    out = tmp_path / "results.jsonl"
    result = invoke(runner, str(ARTICLES), "-o", str(out))
    assert result.exit_code == 0
    assert result.stdout == ""
    assert len(read_jsonl(out.read_text(encoding="utf-8"))) == 2
    assert [p.name for p in tmp_path.iterdir()] == ["results.jsonl"]  # no temporary left


# --- exit codes ----------------------------------------------------------------------------


def test_partial_failure_exits_3_with_an_error_record(runner, tmp_path):
    missing = tmp_path / "missing.txt"
    result = invoke(runner, str(SAMPLE), str(missing), "-f", "jsonl")
    assert result.exit_code == 3
    records = read_jsonl(result.stdout)
    assert records[1] == {
        "source": str(missing),
        "error": {"code": "not_found", "message": "no such file or folder"},
    }
    assert "not_found" in result.stderr


def test_nothing_readable_exits_1(runner, tmp_path):
    result = invoke(runner, str(tmp_path / "nope.txt"))
    assert result.exit_code == 1
    assert read_jsonl(result.stdout)[0]["error"]["code"] == "not_found"


def test_empty_folder_is_reported(runner, tmp_path):
    result = invoke(runner, str(tmp_path))
    assert result.exit_code == 1
    assert read_jsonl(result.stdout)[0]["error"]["code"] == "no_inputs"


@pytest.mark.parametrize(
    "args",
    [["--format", "yaml"], ["--jobs", "0"], ["--resume"]],
    ids=["bad-format", "bad-jobs", "resume-without-output"],
)
def test_usage_errors_exit_2(runner, args):
    result = invoke(runner, str(SAMPLE), *args)
    assert result.exit_code == 2


def test_bad_option_values_exit_1(runner):
    result = invoke(runner, str(SAMPLE), "--ref-date", "yesterday")
    assert result.exit_code == 1
    assert "YYYY-MM-DD" in result.stderr
    result = invoke(runner, str(SAMPLE), "--types", "PEOPLE")
    assert result.exit_code == 1
    assert "PERSON,ORG,LOC,DATE" in result.stderr


def test_missing_model_is_one_line_exit_1(runner):
    result = invoke(runner, str(SAMPLE), "--model", "en_core_web_nonexistent")
    assert result.exit_code == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "pip install" in lines[0]
    assert result.stdout == ""


def test_version(runner):
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0
    assert result.stdout.startswith("entext ")


# --- process-level behaviour ---------------------------------------------------------------


def _python(code: str, **kwargs) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120, **kwargs
    )


def test_help_and_import_do_not_load_spacy():
    code = (
        "import sys\n"
        "import entext\n"
        "assert 'spacy' not in sys.modules, 'import entext loaded spacy'\n"
        "from entext.cli import app\n"
        "try:\n"
        "    app(['--help'])\n"
        "except SystemExit:\n"
        "    pass\n"
        "try:\n"
        "    app(['extract', '--help'])\n"
        "except SystemExit:\n"
        "    pass\n"
        "assert 'spacy' not in sys.modules, '--help loaded spacy'\n"
        "print('ok')\n"
    )
    proc = _python(code)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip().endswith("ok")


def test_piping_into_head_ends_quietly(tmp_path):
    folder = tmp_path / "many"
    folder.mkdir()
    for i in range(6):
        (folder / f"{i}.txt").write_text(SAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    cmd = (
        f"{sys.executable} -m entext extract {folder} -f jsonl --jobs 1 | head -c 100 > /dev/null; "
        "echo ${PIPESTATUS[0]}"
    )
    proc = subprocess.run(["bash", "-c", cmd], capture_output=True, text=True, timeout=300)
    assert "Traceback" not in proc.stderr
    assert "Error" not in proc.stderr
    assert proc.stdout.strip() == "0"


def test_table_escapes_markup_and_escape_sequences(tmp_path):
    article = tmp_path / "hostile.txt"
    article.write_text(
        "[bold red]Boom[/] said Yahya Rasool in \x1b[31mBaghdad\x1b[0m on Tuesday.\n",
        encoding="utf-8",
    )
    proc = subprocess.run(
        [sys.executable, "-m", "entext", "extract", str(article), "-f", "table"],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "TERM": "xterm"},
    )
    assert proc.returncode == 0, proc.stderr
    assert "\x1b" not in proc.stdout


def test_not_utf8_is_read_with_a_warning(runner, tmp_path):
    article = tmp_path / "latin.txt"
    article.write_bytes(
        "The £15.8m deal was agreed in Baghdad on 7 February 2024.".encode("cp1252")
    )
    result = invoke(runner, str(article), "-f", "jsonl")
    assert result.exit_code == 0
    record = read_jsonl(result.stdout)[0]
    assert record["encoding"] == "cp1252"
    assert "not valid UTF-8" in result.stderr
    text = article.read_bytes().decode("cp1252")
    assert any(m["text"] == "Baghdad" for e in record["entities"] for m in e["mentions"])
    for e in record["entities"]:
        for m in e["mentions"]:
            assert text[m["start"] : m["end"]] == m["text"]


def test_folder_walk_skips_dotfiles_and_other_suffixes(tmp_path):
    (tmp_path / ".hidden.txt").write_text("Baghdad", encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.txt").write_text("Baghdad", encoding="utf-8")
    (tmp_path / "a.md").write_text("Mosul", encoding="utf-8")
    (tmp_path / "c.csv").write_text("Basra", encoding="utf-8")
    from entext.inputs import iter_sources

    found = [Path(s.source).relative_to(tmp_path).as_posix() for s in iter_sources([str(tmp_path)])]
    assert found == ["a.md", "sub/b.txt"]


# --- the command line as people expect it (issue 10) ----------------------------------------


def test_csv_carries_every_field_of_the_json(runner):
    rows = list(csv.DictReader(io.StringIO(invoke(runner, str(SAMPLE), "-f", "csv").stdout)))
    assert {"value_end", "country", "category", "extra", "error_message"} <= set(rows[0])
    kh = next(r for r in rows if r["name"] == "Kataib Hezbollah")
    assert kh["country"] == "IQ" and kh["category"]
    record = read_jsonl(invoke(runner, str(SAMPLE), "-f", "jsonl").stdout)[0]
    entity = next(e for e in record["entities"] if e["name"] == "Kataib Hezbollah")
    for key, value in json.loads(kh["extra"] or "{}").items():
        assert entity[key] == value


def test_an_unknown_format_names_the_formats(runner):
    result = invoke(runner, str(SAMPLE), "-f", "jsn")
    assert result.exit_code == 2
    assert "unknown format 'jsn'" in result.stderr and "table, json, jsonl" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("command", [["summarize", "x.jsonl"], ["eval", "x.jsonl"]])
def test_summarize_and_eval_refuse_formats_they_do_not_have(runner, command):
    result = runner.invoke(app, [*command, "-f", "csv"])
    assert result.exit_code == 2
    assert "unknown format 'csv'" in result.stderr


def test_help_reads_as_people_write_it(runner):
    for args in (["extract", "-h"], ["extract", "--help"]):
        result = runner.invoke(app, args)
        assert result.exit_code == 0
        assert "PERSON,ORG,LOC,DATE" in result.stdout and "YYYY-MM-DD" in result.stdout
        assert "<list[str]>" not in result.stdout and "<str>" not in result.stdout
        assert "ENTEXT_MODEL" in result.stdout
    top = runner.invoke(app, ["--help"])
    assert "Examples:" in top.stdout and "--install-completion" in top.stdout


def test_console_help_shows_path_as_written():
    proc = subprocess.run(
        [sys.executable, "-m", "entext", "extract", "--help"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.returncode == 0
    assert "extract [OPTIONS] PATH...\n" in proc.stdout
    assert "{PATH}" not in proc.stdout


def test_an_error_line_names_the_file_once(runner, tmp_path):
    pdf = tmp_path / "bad.txt"
    pdf.write_bytes(b"%PDF-1.7 not an article")
    result = invoke(runner, str(pdf), "-f", "jsonl")
    assert result.exit_code == 1
    line = next(x for x in result.stderr.splitlines() if "[binary]" in x)
    assert line.count(str(pdf)) == 1
    assert line == f"entext: error: {pdf}: a PDF file, not text [binary]"


def test_no_color_turns_off_all_styling():
    code = "import entext.console as c\nc.stderr_console().print('[bold]x[/] [red]y[/]')\n"
    env = {**os.environ, "FORCE_COLOR": "1", "TERM": "xterm-256color"}
    env.pop("NO_COLOR", None)
    styled = _python(code, env=env)
    plain = _python(code, env={**env, "NO_COLOR": "1"})
    assert "\x1b[" in styled.stderr
    assert "\x1b[" not in plain.stderr and "x y" in plain.stderr


def test_tables_show_the_text_as_written_next_to_the_name(runner, tmp_path):
    article = tmp_path / "a.txt"
    article.write_text("CENTCOM said its forces struck two sites in Iraq.", encoding="utf-8")
    result = invoke(runner, str(article), "-f", "table")
    assert result.exit_code == 0
    assert "US Central Command" in result.stdout and "as written: CENTCOM" in result.stdout
