"""Resource pages rendered by worker processes (fhkg.publish.pages.parallel): a worker killed
mid-build costs time, not pages. (That two workers give the same bytes as one is checked by
test_build's two builds in separate processes.)"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pyoxigraph as ox
import pytest

from fhkg.publish.urls import Urls

ROOT = Path(__file__).resolve().parents[2]


def workers_of(pid: int) -> list[int]:
    """The spawned worker processes of process ``pid``."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            ppid = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            cmdline = (entry / "cmdline").read_bytes()
        except (OSError, IndexError, ValueError):
            continue
        if ppid == pid and b"spawn_main" in cmdline:
            found.append(int(entry.name))
    return found


@pytest.mark.slow
def test_a_killed_worker_leaves_no_page_missing(tmp_path):
    data = tmp_path / "g.nt"
    subprocess.run([sys.executable, str(ROOT / "benchmarks" / "generate.py"), "10000", str(data)], check=True, capture_output=True)
    out = tmp_path / "site"
    build = subprocess.Popen(
        [sys.executable, "-m", "fhkg", "build", "--data", str(data), "-j", "2", "-o", str(out)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "FHKG_CACHE": str(tmp_path / "cache")},
    )
    try:
        deadline = time.monotonic() + 120
        while len(workers_of(build.pid)) < 2:
            assert build.poll() is None and time.monotonic() < deadline, "the build started no workers"
            time.sleep(0.05)
        time.sleep(2)  # loading the graph and rendering
        os.kill(workers_of(build.pid)[0], signal.SIGKILL)
        _, err = build.communicate(timeout=600)
    finally:
        build.kill()
    assert build.returncode == 0, err
    assert "warning: a page worker stopped" in err
    urls = Urls()
    things = {q.subject.value for q in ox.parse(path=str(out / "dump" / "fhkg.nt"), format=ox.RdfFormat.N_TRIPLES) if isinstance(q.subject, ox.NamedNode) and urls.is_thing(q.subject.value)}
    assert len(things) > 2800
    missing = [
        path
        for iri in things
        for path in (urls.page(iri, "sv"), urls.page(iri, "en"), *(urls.twin(iri, ext) for ext in ("ttl", "nt", "rdf", "jsonld")))
        if not (out / path).is_file()
    ]
    assert not missing, missing[:5]
