"""The hostile-input corpus: every file in ``cases/`` is one case, run by the real command line.

A case (TOML) names the input file and gives its bytes (``content``, ``content_hex``, or
``[nest]``: ``before + open × depth + inside + close × depth + after``, for nesting bombs; and
``bom = true`` to put a UTF-8 byte order mark first), the
verbs to run it through (``validate``, ``serialize``, ``query``, ``stats``; default validate),
extra ``args``, the expected ``exit`` code and fragments that must appear in ``stderr`` or
``stdout`` (and ``not_in_output``). Every run must also end within bounded time and memory,
print no traceback, and write nothing to stdout when it fails. A new case is a new file.
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import time
import tomllib
from pathlib import Path

import pytest

CASES = Path(__file__).resolve().parent / "cases"
VERBS = {
    "validate": ["validate"],
    "serialize": ["serialize", "--format", "nt", "--no-validate"],
    "query": ["query", "presidium", "--format", "csv"],
    "stats": ["stats"],
}
MEMORY_LIMIT = 4 << 30  # address space of one run (RLIMIT_AS)
PEAK_RSS = 1536 << 20  # what one run may really use
TIME_LIMIT = 120


def cases() -> list[tuple[str, str, dict]]:
    out = []
    for path in sorted(CASES.glob("*.toml")):
        case = tomllib.loads(path.read_text(encoding="utf-8"))
        for verb in case.get("verbs", ["validate"]):
            out.append((path.stem, verb, case))
    return out


def content_of(case: dict) -> bytes:
    bom = b"\xef\xbb\xbf" if case.get("bom") else b""  # ``bom = true``: a UTF-8 byte order mark first
    if "content_hex" in case:
        return bom + bytes.fromhex(case["content_hex"])
    if "nest" in case:
        n = case["nest"]
        return bom + (n["before"] + n["open"] * n["depth"] + n["inside"] + n["close"] * n["depth"] + n["after"]).encode("utf-8")
    return bom + case["content"].encode("utf-8")


def run(args: list[str], cwd: Path) -> tuple[int, str, str, int, float]:
    """(exit code, stdout, stderr, peak RSS in bytes, seconds) of one bounded run of fhkg."""
    start = time.monotonic()
    out, err = cwd / "stdout", cwd / "stderr"
    with out.open("wb") as o, err.open("wb") as e:
        proc = subprocess.Popen([sys.executable, "-m", "fhkg", *args], cwd=cwd, stdout=o, stderr=e)
        resource.prlimit(proc.pid, resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))  # before it has read a byte
        deadline = start + TIME_LIMIT
        while True:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            if time.monotonic() > deadline:
                proc.kill()
                _, status, usage = os.wait4(proc.pid, 0)
                break
            time.sleep(0.02)
    proc.returncode = os.waitstatus_to_exitcode(status)
    return proc.returncode, out.read_text(errors="replace"), err.read_text(errors="replace"), usage.ru_maxrss * 1024, time.monotonic() - start


@pytest.mark.parametrize(("name", "verb", "case"), cases(), ids=[f"{n}-{v}" for n, v, _ in cases()])
def test_hostile_input(name, verb, case, tmp_path):
    (tmp_path / case["file"]).write_bytes(content_of(case))
    args = [*VERBS[verb], "--data", case["file"], *case.get("args", [])]
    code, stdout, stderr, peak, seconds = run(args, tmp_path)
    assert seconds < TIME_LIMIT, f"{name}: still running after {TIME_LIMIT} s"
    assert code == case["exit"], f"{name} ({verb}): exit {code}, expected {case['exit']}\n{stderr[-2000:]}"
    assert "Traceback" not in stderr, stderr[-2000:]
    assert peak < PEAK_RSS, f"{name} ({verb}): {peak >> 20} MiB"
    for fragment in case.get("stderr", []):
        assert fragment in stderr, f"{name} ({verb}): {fragment!r} not in:\n{stderr[-2000:]}"
    for fragment in case.get("stdout", []):
        assert fragment in stdout, f"{name} ({verb}): {fragment!r} not in stdout"
    for fragment in case.get("not_in_output", []):
        assert fragment not in stdout and fragment not in stderr, fragment
    if code != 0:
        assert stdout == "", "a failed command writes no result"


def test_every_case_is_well_formed():
    for name, verb, case in cases():
        assert verb in VERBS, (name, verb)
        assert {"file", "exit", "description"} <= set(case), name
        assert sum(k in case for k in ("content", "content_hex", "nest")) == 1, name
    assert len({n for n, _, _ in cases()}) >= 30
