"""Resource pages rendered by worker processes (fhkg.publish.pages.parallel): a worker killed
mid-build, before or after its first results, costs time, not pages. (That two workers give the same bytes as one is checked by
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

import fhkg
from fhkg.publish.pages import Pages, parallel
from fhkg.publish.site import Site
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


@pytest.fixture(scope="module")
def data(tmp_path_factory) -> Path:
    """A generated graph with about 1,500 resources."""
    path = tmp_path_factory.mktemp("parallel") / "g.nt"
    subprocess.run([sys.executable, str(ROOT / "benchmarks" / "generate.py"), "5000", str(path)], check=True, capture_output=True)
    return path


def start_build(data: Path, out: Path) -> tuple[subprocess.Popen, list[int]]:
    """``fhkg build -j 2`` of ``data``, once its two workers run."""
    build = subprocess.Popen(
        [sys.executable, "-m", "fhkg", "build", "--data", str(data), "-j", "2", "-o", str(out)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "FHKG_CACHE": str(out.parent / "cache")},
    )
    deadline = time.monotonic() + 120
    while len(workers_of(build.pid)) < 2:
        if build.poll() is not None or time.monotonic() > deadline:
            build.kill()
            raise AssertionError("the build started no workers")
        time.sleep(0.05)
    return build, workers_of(build.pid)


def alive(pid: int) -> bool:
    try:
        return (Path("/proc") / str(pid) / "stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


@pytest.mark.slow
def test_a_stopped_build_leaves_no_worker_behind(data, tmp_path):
    build, workers = start_build(data, tmp_path / "site")
    try:
        build.send_signal(signal.SIGTERM)
        _, err = build.communicate(timeout=60)  # the workers hold the same pipes: this waits for them too
    finally:
        build.kill()
    assert build.returncode == 143, err
    deadline = time.monotonic() + 10
    while any(alive(pid) for pid in workers) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not any(alive(pid) for pid in workers)
    assert not (tmp_path / "site").exists()


@pytest.mark.slow
def test_a_killed_worker_leaves_no_page_missing(data, tmp_path):
    out = tmp_path / "site"
    build, workers = start_build(data, out)
    try:
        time.sleep(0.3)  # a worker needs about a second to start and load the graph: it dies before it renders
        os.kill(workers[0], signal.SIGKILL)
        _, err = build.communicate(timeout=600)
    finally:
        build.kill()
    assert build.returncode == 0, err
    assert "warning: a page worker stopped" in err
    urls = Urls()
    things = {q.subject.value for q in ox.parse(path=str(out / "dump" / "fhkg.nt"), format=ox.RdfFormat.N_TRIPLES) if isinstance(q.subject, ox.NamedNode) and urls.is_thing(q.subject.value)}
    assert len(things) > 1400
    missing = [
        path
        for iri in things
        for path in (urls.page(iri, "sv"), urls.page(iri, "en"), *(urls.twin(iri, ext) for ext in ("ttl", "nt", "rdf", "jsonld")))
        if not (out / path).is_file()
    ]
    assert not missing, missing[:5]


@pytest.mark.slow
def test_a_worker_killed_after_the_first_results_keeps_them_and_renders_the_rest(data, monkeypatch, capsys):
    """The chunks already rendered are kept, the rest rendered by the build itself: the same
    bytes as a build in one process. (The real workers and their real death; the test only
    chooses the moment: just after the first chunk came back.)"""
    kg = fhkg.load([data])
    kg.canonical_blank_nodes()

    def files(jobs: int) -> dict[str, bytes]:
        site = Site(kg=kg, urls=Urls(kg.base))
        parallel.render_things(Pages(site), jobs)
        return site.files

    serial = files(1)
    real = parallel._in_parallel
    received = []
    before = set(workers_of(os.getpid()))  # (an earlier pool's processes in this test process are not this build's)

    def killing_after_the_first(pages, chunks, workers):
        results = real(pages, chunks, workers)
        received.append(next(results))
        yield received[0]
        os.kill(min(set(workers_of(os.getpid())) - before), signal.SIGKILL)
        for got in results:
            received.append(got)
            yield got

    monkeypatch.setattr(parallel, "_in_parallel", killing_after_the_first)
    after_a_death = files(2)
    assert "warning: a page worker stopped" in capsys.readouterr().err
    chunks = -(-len(Pages(Site(kg=kg, urls=Urls(kg.base))).things) // parallel.CHUNK)
    assert 1 <= len(received) < chunks  # some chunks came from the workers, the others did not
    assert after_a_death.keys() == serial.keys()
    assert [p for p in serial if serial[p] != after_a_death[p]] == []


def test_workers_write_the_same_pages_as_one_process_blank_nodes_included(tmp_path):
    """A page that shows a blank node (a stated number without an IRI) names it by the label the
    build gave it, in a worker as in the building process."""
    data = tmp_path / "number.ttl"
    data.write_text("<https://w3id.org/familjen-helsingborg/id/kommun/1276> <https://schema.org/size> [ <https://schema.org/value> 5 ] .\n", encoding="utf-8")

    def files(jobs: int) -> dict[str, bytes]:
        kg = fhkg.load([data])
        kg.canonical_blank_nodes()  # as the build's dumps do first
        site = Site(kg=kg, urls=Urls(kg.base))
        parallel.render_things(Pages(site), jobs)
        return site.files

    one, two = files(1), files(2)
    klippan = one[Urls().page("https://w3id.org/familjen-helsingborg/id/kommun/1276", "sv")].decode()
    assert 'id="tal"' in klippan  # the stated-numbers view shows the blank node
    assert one.keys() == two.keys()
    assert [p for p in one if one[p] != two[p]] == []
