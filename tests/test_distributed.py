"""The same batch on a Dask cluster: identical outputs to a local run, in input order, failures
as records, resume and progress as for a local run, and clear errors when the cluster cannot
be used. The cluster is a LocalCluster on the loopback interface, without dashboard."""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
from dataclasses import replace
from pathlib import Path

import pytest
from typer.testing import CliRunner

import entext
from conftest import read_jsonl
from entext.cli import app
from entext.inputs import decode

# shared/ lies beside the clone (CI, /work/main); worktrees find it at /work/shared.
BBC = next(
    (
        p / "shared" / "corpora" / "bbc-news"
        for p in (Path(__file__).resolve().parents[2], Path("/work"))
        if (p / "shared" / "corpora" / "bbc-news").is_dir()
    ),
    Path("/work/shared/corpora/bbc-news"),
)
ARTICLES = {
    "a/baghdad.txt": "Kataib Hezbollah said on Tuesday its fighters shelled a base near Erbil.",
    "a/sanaa.txt": "The Houthis said they fired a missile at a ship off Hodeidah yesterday.",
    "b/darfur.txt": "Fighters of the Rapid Support Forces entered El Fasher, in North Darfur.",
    "b/gaza.txt": "The Israel Defense Forces said it struck Khan Younis on 3 March 2024.",
    "c/sahel.txt": "JNIM claimed an attack on an army post near Djibo, in Burkina Faso.",
}


@pytest.fixture(scope="module")
def client():
    distributed = pytest.importorskip("distributed")
    cluster = distributed.LocalCluster(
        n_workers=2,
        threads_per_worker=1,
        processes=True,
        host="127.0.0.1",
        dashboard_address=None,
        silence_logs=50,
    )
    try:
        with distributed.Client(cluster) as c:
            yield c
    finally:
        cluster.close()


@pytest.fixture
def folder(tmp_path):
    for name, text in ARTICLES.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text, encoding="utf-8")
    (tmp_path / "b" / "photo.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))  # binary
    (tmp_path / "c" / "gone.txt").symlink_to(tmp_path / "nowhere.txt")  # unreadable: broken link
    (tmp_path / "c" / "huge.txt").write_text("Mosul. " * 200_000, encoding="utf-8")  # too large
    (tmp_path / "c" / "dump.jsonl").write_text(
        json.dumps({"id": 1, "text": ARTICLES["a/sanaa.txt"], "date": "2024-01-12"})
        + "\n{not json\n",
        encoding="utf-8",
    )
    return tmp_path


def cli(*args):
    return CliRunner().invoke(app, ["extract", *map(str, args)])


def test_the_cluster_writes_what_a_local_run_writes(folder, client, tmp_path_factory):
    address = client.scheduler.address
    common = [folder, "--ext", ".txt,.jsonl", "--max-size", "1", "-q"]
    for fmt in ("jsonl", "csv"):
        local = cli(*common, "-f", fmt, "-j", "1")
        remote = cli(*common, "-f", fmt, "--scheduler", address)
        assert remote.exit_code == local.exit_code == 3, remote.output
        assert remote.stdout == local.stdout, fmt
        assert remote.stderr == local.stderr
        if fmt == "jsonl":
            records = read_jsonl(local.stdout)
    codes = {Path(r["source"]).name: r.get("error", {}).get("code") for r in records}
    assert codes == {
        "baghdad.txt": None,
        "sanaa.txt": None,
        "darfur.txt": None,
        "gaza.txt": None,
        "sahel.txt": None,
        "dump.jsonl:1": None,
        "dump.jsonl:2": "invalid_json",
        "gone.txt": "not_found",
        "huge.txt": "too_large",
        "photo.txt": "binary",
    }
    summary = ["--summary", "-o", tmp_path_factory.mktemp("out") / "s.jsonl"]
    local_summary = cli(*common, *summary, "-j", "1").stderr
    assert cli(*common, *summary, "--scheduler", address).stderr == local_summary
    assert "Kataib Hezbollah" in local_summary


def without_file_access() -> list[str]:
    """A command prefix under which a file without read permission really cannot be read.

    As root, the capabilities that bypass file modes are dropped from the bounding set, so the
    command and every process it starts (the cluster's workers too) run without them."""
    if os.geteuid() != 0:
        return []
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        pytest.skip("running as root without setpriv: a mode-000 file stays readable")
    return [setpriv, "--bounding-set", "-dac_override,-dac_read_search"]


def test_a_file_without_read_permission_fails_the_same_on_the_cluster(folder):
    pytest.importorskip("distributed")
    locked = folder / "b" / "locked.txt"
    locked.write_text(ARTICLES["b/gaza.txt"], encoding="utf-8")
    locked.chmod(0)
    prefix = without_file_access()
    probe = subprocess.run([*prefix, sys.executable, "-c", f"open({str(locked)!r})"])
    assert probe.returncode != 0  # the file is unreadable for the runs below
    common = [folder, "--ext", ".txt,.jsonl", "--max-size", "1", "-f", "jsonl", "-q"]
    runs = {
        mode: subprocess.run(
            [*prefix, sys.executable, "-m", "entext", "extract", *map(str, common), *extra],
            capture_output=True,
            text=True,
            timeout=600,
        )
        for mode, extra in {"local": ["-j", "1"], "cluster": ["--scheduler", "local:2"]}.items()
    }
    local, remote = runs["local"], runs["cluster"]
    assert remote.returncode == local.returncode == 3, remote.stderr
    assert remote.stdout == local.stdout
    assert remote.stderr == local.stderr
    records = read_jsonl(local.stdout)
    codes = {Path(r["source"]).name: r.get("error", {}).get("code") for r in records}
    assert codes["locked.txt"] == "permission"
    assert codes["gaza.txt"] is None


def test_the_library_run_takes_a_client_and_reports_progress(folder, client):
    seen = []
    settings = entext.Settings(max_bytes=1 << 20)
    batch = entext.run([folder], settings, client=client, on_progress=seen.append)
    remote = [r.to_dict() for r in batch]
    local = [r.to_dict() for r in entext.run([folder], replace(settings, jobs=1))]
    assert remote == local
    assert [p.done for p in seen] == list(range(1, len(local) + 1))
    assert {p.total for p in seen} == {len(local)}
    assert (batch.documents, batch.failures) == (5, 3)
    assert client.status == "running"  # a client handed in is left open


def test_resume_on_the_cluster(folder, client, tmp_path_factory):
    out = tmp_path_factory.mktemp("out") / "results.jsonl"
    args = [folder, "--ext", ".txt,.jsonl", "--max-size", "1", "-f", "jsonl", "-o", out]
    cli(*args, "-j", "1")
    full = out.read_text(encoding="utf-8").splitlines(keepends=True)
    out.write_text("".join(full[:4]), encoding="utf-8")
    resumed = cli(*args, "--resume", "--scheduler", client.scheduler.address)
    assert "resuming: 4 of" in resumed.stderr
    assert out.read_text(encoding="utf-8").splitlines(keepends=True) == full


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_a_scheduler_nobody_runs_is_a_clear_error_not_a_local_run(folder, tmp_path):
    pytest.importorskip("distributed")
    out = tmp_path / "out.jsonl"
    started = time.monotonic()
    result = cli(folder, "-o", out, "--scheduler", f"tcp://127.0.0.1:{free_port()}")
    elapsed = time.monotonic() - started
    assert result.exit_code == 1
    assert "cannot reach the Dask scheduler at tcp://127.0.0.1:" in result.stderr
    assert "Traceback" not in result.output
    assert elapsed < 20
    assert not out.exists()


@pytest.mark.parametrize("address", ["local:0", "local:two", "ftp://host:21", "nohost"])
def test_a_malformed_scheduler_address_is_a_usage_error(folder, address):
    result = cli(folder, "--scheduler", address)
    assert result.exit_code == 2
    assert "--scheduler" in result.stderr


def test_without_dask_the_scheduler_option_says_how_to_install_it(folder, monkeypatch):
    monkeypatch.setitem(sys.modules, "distributed", None)  # import distributed fails
    result = cli(folder, "--scheduler", "local:2")
    assert result.exit_code == 1
    assert 'pip install "entext[dask]"' in result.stderr


def test_help_does_not_import_dask():
    code = (
        "import sys\nfrom entext.cli import main\nsys.argv = ['entext', 'extract', '--help']\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('dask', 'distributed')))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert "--scheduler" in out.stdout
    assert out.stdout.strip().endswith("[]")


def children() -> set[str]:
    found = subprocess.run(["pgrep", "-P", str(os.getpid())], capture_output=True, text=True)
    return set(found.stdout.split())


def test_a_local_cluster_of_its_own_is_started_and_closed(folder):
    pytest.importorskip("distributed")
    common = [folder / "a", "-f", "jsonl", "-q"]
    before = children()
    result = cli(*common, "--scheduler", "local:1")
    assert result.exit_code == 0, result.output
    assert children() <= before  # the cluster's processes are gone
    assert result.stdout == cli(*common, "-j", "1").stdout
    assert len(read_jsonl(result.stdout)) == 2


@pytest.mark.slow
def test_a_1000_record_archive_gives_the_entities_of_the_same_texts_as_files(client, tmp_path):
    count = int(os.environ.get("ENTEXT_TEST_ARCHIVE_RECORDS", "1000"))  # smaller: a quick check
    files = sorted(BBC.rglob("*.txt"))[::2][:count]
    if len(files) < count:
        pytest.skip(f"the BBC corpus is not at {BBC}")
    texts = [decode(f.read_bytes()).text for f in files]
    folder = tmp_path / "articles"
    folder.mkdir()
    with (tmp_path / "bbc.jsonl").open("w", encoding="utf-8") as fh:
        for n, (f, text) in enumerate(zip(files, texts, strict=True)):
            (folder / f"{n:04d}.txt").write_text(text, encoding="utf-8", newline="")
            fh.write(json.dumps({"id": f"{f.parent.name}/{f.name}", "text": text}) + "\n")
    archive = tmp_path / "bbc.jsonl"

    def entities(records):
        return [(r.sha256, r.ref_date, r.to_dict()["entities"]) for r in records]

    as_files = list(entext.run([folder], entext.Settings(jobs=2)))
    local = list(entext.run([archive], entext.Settings(jobs=2)))
    remote = list(entext.run([archive], entext.Settings(), client=client))
    assert all(isinstance(r, entext.Document) for r in as_files + local + remote)
    assert len(as_files) == len(local) == len(remote) == count
    assert entities(local) == entities(as_files)
    assert entities(remote) == entities(as_files)
    assert [r.source for r in remote] == [f"{archive}:{n}" for n in range(1, count + 1)]
    assert sum(len(r.entities) for r in remote) > 10 * count
