"""Measuring a command as a whole: wall time, CPU of every process it starts, total memory.

    from measure import measure
    m = measure(["entext", "extract", "folder", "-o", "out.jsonl"])
    m.wall, m.cpu, m.rss_mb, m.pss_mb

* CPU is user + system time of the command and all its descendants, from
  ``getrusage(RUSAGE_CHILDREN)`` taken in a fresh Python that runs only this command (worker
  processes count once their parent has waited for them, which multiprocessing does).
* Memory is sampled every ``interval`` seconds over the whole process tree (Linux ``/proc``):
  ``rss_mb`` is the peak of the summed RSS of all processes (pages shared by forked workers
  count once per process, as ``ps`` shows them), ``pss_mb`` the peak of the summed PSS
  (shared pages split between the processes that share them: what the tree really uses).
"""

from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

# Runs inside the fresh Python: starts the command, samples its process tree, prints JSON.
_RUNNER = r"""
import json, os, resource, subprocess, sys, time

def children():
    kids = {}
    for d in os.listdir("/proc"):
        if d.isdigit():
            try:
                with open(f"/proc/{d}/stat") as fh:
                    ppid = int(fh.read().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            kids.setdefault(ppid, []).append(int(d))
    return kids

def tree(root):
    kids, out, todo = children(), [], [root]
    while todo:
        pid = todo.pop()
        out.append(pid)
        todo.extend(kids.get(pid, []))
    return out

def memory(pids):
    rss = pss = 0
    for pid in pids:
        try:
            with open(f"/proc/{pid}/smaps_rollup") as fh:
                for line in fh:
                    if line.startswith("Rss:"):
                        rss += int(line.split()[1])
                    elif line.startswith("Pss:"):
                        pss += int(line.split()[1])
        except OSError:
            pass
    return rss, pss

args, interval = json.loads(sys.argv[1]), float(sys.argv[2])
start = time.perf_counter()
proc = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
peak_rss = peak_pss = 0
import threading
out = {}
def drain():
    out["stdout"], out["stderr"] = proc.communicate()
reader = threading.Thread(target=drain)
reader.start()
while reader.is_alive():
    rss, pss = memory(tree(proc.pid))
    peak_rss, peak_pss = max(peak_rss, rss), max(peak_pss, pss)
    reader.join(interval)
wall = time.perf_counter() - start
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
print(json.dumps({
    "wall": wall, "cpu": usage.ru_utime + usage.ru_stime,
    "rss_mb": peak_rss / 1024, "pss_mb": peak_pss / 1024, "rc": proc.returncode,
    "stdout": out["stdout"][-20000:], "stderr": out["stderr"][-4000:],
}))
"""


@dataclass
class Measured:
    wall: float
    cpu: float
    rss_mb: float
    pss_mb: float
    stdout: str


def measure(args: list[str], interval: float = 0.1) -> Measured:
    """Run ``args`` to the end; raise SystemExit with its stderr if it fails."""
    proc = subprocess.run(
        [sys.executable, "-c", _RUNNER, json.dumps(args), str(interval)],
        capture_output=True,
        text=True,
        check=True,
    )
    data = json.loads(proc.stdout)
    if data["rc"] != 0:
        sys.exit(f"{' '.join(args)} failed ({data['rc']}):\n{data['stderr']}")
    return Measured(data["wall"], data["cpu"], data["rss_mb"], data["pss_mb"], data["stdout"])


def entext_command() -> str:
    """The ``entext`` next to this Python (the worktree's own install), else the one on PATH."""
    local = Path(sys.executable).with_name("entext")
    if local.exists():
        return str(local)
    import shutil

    found = shutil.which("entext")
    if found is None:
        sys.exit("entext is not installed in this environment")
    return found
