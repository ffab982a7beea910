"""Attacks on -o: an output never destroys anything that was there."""

from __future__ import annotations

import errno
import fcntl
import os
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from entext.output import LOCK_SUFFIX, PARTIAL_SUFFIX, OutputFile

from .helpers import ARTICLE, SHORT, cli, entext_process, records, write


def test_output_naming_an_input_is_refused_before_anything_runs(tmp_path):
    article = write(tmp_path / "a.txt")
    r = cli("extract", article, "-o", article)
    assert r.exit_code == 1
    assert f"-o {article} is one of the inputs ({article})" in r.stderr
    assert article.read_text(encoding="utf-8") == SHORT
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt"]


def test_output_inside_a_walked_folder_is_refused(tmp_path):
    write(tmp_path / "a.txt")
    out = write(tmp_path / "results.txt", "my notes\n")
    r = cli("extract", tmp_path, "-o", out)
    assert r.exit_code == 1
    assert f"-o {out} is one of the inputs ({out})" in r.stderr
    assert out.read_text(encoding="utf-8") == "my notes\n"


def test_output_linking_to_an_input_is_refused(tmp_path):
    article = write(tmp_path / "a.txt")
    (tmp_path / "out.jsonl").symlink_to(article)
    r = cli("extract", article, "-o", tmp_path / "out.jsonl")
    assert r.exit_code == 1 and "is one of the inputs" in r.stderr
    assert article.read_text(encoding="utf-8") == SHORT


def test_dev_null_is_written_through_not_replaced(tmp_path):
    r = cli("extract", write(tmp_path / "a.txt"), "-o", "/dev/null")
    assert r.exit_code == 0, r.stderr
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full")
def test_dev_full_is_reported_and_stays_a_device(tmp_path):
    r = cli("extract", write(tmp_path / "a.txt"), "-o", "/dev/full")
    assert r.exit_code == 1
    assert r.stderr.strip() == "entext: error: cannot write /dev/full: no space left on the device"
    assert stat.S_ISCHR(os.stat("/dev/full").st_mode)


def test_a_fifo_with_a_reader_is_written_through(tmp_path):
    fifo = tmp_path / "out.fifo"
    os.mkfifo(fifo)
    reader = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)
    try:
        r = cli("extract", write(tmp_path / "a.txt"), "-o", fifo)
        data = os.read(reader, 1 << 16).decode("utf-8")
    finally:
        os.close(reader)
    assert r.exit_code == 0, r.stderr
    assert records(data)[0]["source"] == str(tmp_path / "a.txt")
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)


def test_a_fifo_nobody_reads_is_refused_without_hanging(tmp_path):
    fifo = tmp_path / "out.fifo"
    os.mkfifo(fifo)
    r = cli("extract", write(tmp_path / "a.txt"), "-o", fifo)
    assert r.exit_code == 1
    assert f"cannot write {fifo}: it is a FIFO (named pipe) and no process is reading it" in (
        r.stderr
    )
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)


def test_a_symlink_as_output_is_written_through(tmp_path):
    (tmp_path / "real").mkdir()
    target = write(tmp_path / "real" / "results.jsonl", "old\n")
    link = tmp_path / "latest.jsonl"
    link.symlink_to(target)
    r = cli("extract", write(tmp_path / "a.txt"), "-o", link)
    assert r.exit_code == 0, r.stderr
    assert link.is_symlink() and link.resolve() == target
    assert records(target.read_text(encoding="utf-8"))[0]["source"] == str(tmp_path / "a.txt")


def test_a_dangling_symlink_as_output_creates_its_target(tmp_path):
    link = tmp_path / "latest.jsonl"
    link.symlink_to(tmp_path / "made.jsonl")
    r = cli("extract", write(tmp_path / "a.txt"), "-o", link)
    assert r.exit_code == 0, r.stderr
    assert link.is_symlink() and (tmp_path / "made.jsonl").is_file()


def test_a_new_output_gets_the_umask_mode(tmp_path):
    old = os.umask(0o027)
    try:
        r = cli("extract", write(tmp_path / "a.txt"), "-o", tmp_path / "out.jsonl")
    finally:
        os.umask(old)
    assert r.exit_code == 0, r.stderr
    assert stat.S_IMODE((tmp_path / "out.jsonl").stat().st_mode) == 0o640


def test_an_existing_output_keeps_its_mode(tmp_path):
    out = write(tmp_path / "out.jsonl", "old\n")
    out.chmod(0o604)
    r = cli("extract", write(tmp_path / "a.txt"), "-o", out)
    assert r.exit_code == 0, r.stderr
    assert stat.S_IMODE(out.stat().st_mode) == 0o604
    assert "old" not in out.read_text(encoding="utf-8")


def test_a_second_run_on_the_same_output_is_refused(tmp_path):
    out = write(tmp_path / "out.jsonl", "old\n")
    first = OutputFile(out)  # a run in progress: it holds the lock
    try:
        r = cli("extract", write(tmp_path / "a.txt"), "-o", out)
    finally:
        first.abort()
    assert r.exit_code == 1
    assert (
        f"another entext run (process {os.getpid()}) is writing {out}; wait for it to finish "
        "or choose another -o file"
    ) in r.stderr
    assert out.read_text(encoding="utf-8") == "old\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt", "out.jsonl"]


@pytest.mark.parametrize(
    "make, message",
    [
        (lambda t: t / "folder", "cannot write {}: it is a folder; give a file name for -o"),
        (lambda t: t / "missing" / "out.jsonl", "the folder {parent} does not exist"),
        (lambda t: t / "a.txt" / "out.jsonl", "cannot write {}: Not a directory"),
    ],
    ids=["a-folder", "missing-folder", "file-as-folder"],
)
def test_output_path_problems_name_the_users_path(tmp_path, make, message):
    (tmp_path / "folder").mkdir()
    article = write(tmp_path / "a.txt")
    out = make(tmp_path)
    r = cli("extract", article, "-o", out)
    assert r.exit_code == 1
    assert message.format(out, parent=out.parent) in r.stderr
    assert "internal error" not in r.stderr and PARTIAL_SUFFIX not in r.stderr


def test_no_permission_to_write_the_folder(tmp_path):
    article = write(tmp_path / "a.txt")
    (tmp_path / "ro").mkdir(mode=0o555)
    out = tmp_path / "ro" / "out.jsonl"
    proc = entext_process("extract", article, "-o", out, user=True)
    assert proc.returncode == 1
    assert proc.stderr.strip() == f"entext: error: cannot write {out}: permission denied"
    assert list((tmp_path / "ro").iterdir()) == []


def test_a_read_only_output_file_is_not_replaced(tmp_path):
    article = write(tmp_path / "a.txt")
    out = write(tmp_path / "keep.jsonl", "precious\n")
    out.chmod(0o444)
    proc = entext_process("extract", article, "-o", out, user=True)
    assert proc.returncode == 1
    assert proc.stderr.strip() == f"entext: error: cannot write {out}: permission denied"
    assert out.read_text(encoding="utf-8") == "precious\n"


def test_stdout_path_keeps_what_the_shell_appended_before(tmp_path):
    log = write(tmp_path / "log.jsonl", '{"earlier": true}\n')
    article = write(tmp_path / "a.txt")
    with log.open("a", encoding="utf-8") as fh:
        proc = subprocess.run(
            [sys.executable, "-m", "entext", "extract", str(article), "-o", "/dev/stdout"],
            stdout=fh,
            stderr=subprocess.PIPE,
            text=True,
            timeout=600,
        )
    assert proc.returncode == 0, proc.stderr
    lines = records(log.read_text(encoding="utf-8"))
    assert lines[0] == {"earlier": True} and lines[1]["source"] == str(article)


def test_a_killed_run_is_continued_by_resume_not_stranded(tmp_path):
    folder = tmp_path / "in"
    for i in range(40):
        write(folder / f"{i:02}.txt", ARTICLE)
    out = tmp_path / "out.jsonl"
    partial = tmp_path / f".out.jsonl{PARTIAL_SUFFIX}"
    proc = subprocess.Popen(
        [sys.executable, "-m", "entext", "extract", str(folder), "-o", str(out), "-j", "1"],
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 300
        while time.monotonic() < deadline:
            if partial.exists() and partial.read_bytes().count(b"\n") >= 2:
                break
            time.sleep(0.2)
        os.kill(proc.pid, signal.SIGKILL)
    finally:
        proc.wait()
    done_before = partial.read_bytes().count(b"\n")
    assert not out.exists() and 2 <= done_before < 40
    r = cli("extract", folder, "-o", out, "--resume", "-f", "jsonl")
    assert r.exit_code == 0, r.stderr
    assert f"took over {done_before} records from a run that was killed" in r.stderr
    got = records(out.read_text(encoding="utf-8"))
    assert sorted(x["source"] for x in got) == sorted(str(p) for p in folder.iterdir())
    assert not partial.exists() and not (tmp_path / f".out.jsonl{LOCK_SUFFIX}").exists()


class _FillsUp:
    """A file whose disk fills up half-way through the second record written to it."""

    def __init__(self, stream):
        self.stream, self.writes = stream, 0

    def write(self, text):
        self.writes += 1
        if self.writes == 2:
            self.stream.write(text[: len(text) // 2])
            self.stream.flush()
            raise OSError(errno.ENOSPC, "No space left on device")
        return self.stream.write(text)

    def __getattr__(self, name):
        return getattr(self.stream, name)


def test_a_full_disk_during_resume_leaves_a_file_resume_continues(tmp_path, monkeypatch):
    folder = tmp_path / "in"
    for i in range(4):
        write(folder / f"{i}.txt", f"{SHORT} Part {i}.")
    out = tmp_path / "out.jsonl"
    assert cli("extract", folder / "0.txt", "-o", out).exit_code == 0
    real_init = OutputFile.__init__

    def filling(self, *args, **kwargs):
        real_init(self, *args, **kwargs)
        if self.append:
            self.stream = _FillsUp(self.stream)

    monkeypatch.setattr(OutputFile, "__init__", filling)
    r = cli("extract", folder, "-o", out, "--resume")
    assert r.exit_code == 1
    assert (
        f"cannot write {out}: no space left on the device; it keeps its 2 complete records "
        "(a half-written last one was cut off): make room and re-run with --resume to continue"
    ) in r.stderr
    assert len(records(out.read_text(encoding="utf-8"))) == 2  # every line is whole JSON
    monkeypatch.undo()
    r = cli("extract", folder, "-o", out, "--resume")
    assert r.exit_code == 0, r.stderr
    got = [x["source"] for x in records(out.read_text(encoding="utf-8"))]
    assert sorted(got) == [str(folder / f"{i}.txt") for i in range(4)]


def test_the_lock_is_taken_by_flock_so_a_crashed_holder_does_not_block(tmp_path):
    out = tmp_path / "out.jsonl"
    lock = tmp_path / f".out.jsonl{LOCK_SUFFIX}"
    lock.write_text("12345\n", encoding="utf-8")  # left by a run killed with -9: not held
    fd = os.open(lock, os.O_RDWR)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)  # nobody holds it
        fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)
    r = cli("extract", write(tmp_path / "a.txt"), "-o", out)
    assert r.exit_code == 0, r.stderr
    assert not lock.exists()
