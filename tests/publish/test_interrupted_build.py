"""A build stopped while it writes leaves the old site as it was and nothing half-written: SIGTERM
and SIGINT remove the staging folder (exit 143 / 130); after ``kill -9`` the next build removes
what was left. The server's site cache keeps a bounded number of sites and never removes one a
server holds."""

from __future__ import annotations

import hashlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from fhkg.publish.site import MARKER, _host_tag, clear_leftovers
from fhkg.server import sitecache

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.slow


def build(folder: Path) -> subprocess.Popen:
    """``fhkg build`` of the shipped graph and a generated one (``g.nt`` in ``folder``, if there):
    10,000 files, so that writing them takes long enough to be interrupted on a busy machine.
    SIGINT is handled as in a terminal: a test run started in the background by a shell without
    job control inherits SIGINT ignored, and so would the build (it then finished with 0)."""
    data = ["--data", "g.nt"] if (folder / "g.nt").is_file() else []
    return subprocess.Popen([sys.executable, "-c", AS_IN_A_TERMINAL, "build", *data, "-j", "1", "-o", "site"], cwd=folder, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


#: ``python -m fhkg`` with Python's own SIGINT handler installed first (the one a terminal's
#: Ctrl-C meets), whatever this test process inherited
AS_IN_A_TERMINAL = "import runpy, signal, sys; signal.signal(signal.SIGINT, signal.default_int_handler); sys.argv[0] = 'fhkg'; runpy.run_module('fhkg', run_name='__main__')"


def staging(folder: Path) -> list[Path]:
    return sorted(folder.glob(".site.new-*")) + sorted(folder.glob(".site.old-*"))


def fingerprint(site: Path) -> str:
    h = hashlib.sha256()
    for p in sorted(site.rglob("*")):
        if p.is_file():
            h.update(p.relative_to(site).as_posix().encode() + b"\0" + p.read_bytes())
    return h.hexdigest()


def stop_while_writing(folder: Path, signum: int) -> subprocess.CompletedProcess:
    """Run a build and send ``signum`` as soon as its staging folder is there (made when the
    build begins; the resource pages are written into it as they are made, the rest at the end).
    The result's ``args`` end with the signals the build ignored and caught then (its
    ``/proc/PID/status``), to tell a signal that came late from one that was ignored."""
    proc = build(folder)
    deadline = time.monotonic() + 300
    dispositions = ""
    while time.monotonic() < deadline and proc.poll() is None:
        if any(p.name.startswith(".site.new-") for p in staging(folder)):
            try:
                dispositions = " ".join(line for line in Path(f"/proc/{proc.pid}/status").read_text().splitlines() if line.startswith(("SigIgn", "SigCgt")))
            except OSError:
                pass
            proc.send_signal(signum)
            break
        time.sleep(0.001)
    out, err = proc.communicate(timeout=120)
    return subprocess.CompletedProcess([*proc.args, dispositions], proc.returncode, out, err)


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    folder = tmp_path_factory.mktemp("interrupted")
    subprocess.run([sys.executable, str(ROOT / "benchmarks" / "generate.py"), "5000", str(folder / "g.nt")], check=True, capture_output=True)
    proc = build(folder)
    _, err = proc.communicate(timeout=600)
    assert proc.returncode == 0, err
    return folder


@pytest.mark.parametrize(("signum", "code"), [(signal.SIGTERM, 143), (signal.SIGINT, 130)])
def test_a_signal_while_writing_leaves_the_old_site_and_no_staging(built, signum, code):
    before = fingerprint(built / "site")
    done = stop_while_writing(built, signum)
    assert done.returncode == code, (done.stderr, done.args[-1])
    assert "nothing half-written" in done.stderr and "Traceback" not in done.stderr
    left = staging(built)
    assert left == [], (done.stderr, [str(p.relative_to(built)) for p in left[0].rglob("*")][:20])  # what was in it, to tell when the signal came
    assert fingerprint(built / "site") == before


def test_a_signal_as_soon_as_the_staging_folder_exists_leaves_nothing(tmp_path, monkeypatch):
    """The signal of the test above, in-process and at the worst moment: just after the staging
    folder is made, before the code that made it returns."""
    from fhkg.publish.site import Site
    from fhkg.publish.urls import Urls

    real_mkdir = os.mkdir

    def mkdir_then_signal(path, *args, **kwargs):
        real_mkdir(path, *args, **kwargs)
        if ".site.new-" in os.fspath(path):
            raise KeyboardInterrupt  # what the SIGINT handler raises

    site = Site(kg=None, urls=Urls("https://example.org/"), date="2026-01-01")  # type: ignore[arg-type]
    site.add("index.html", "<p>hej</p>")
    monkeypatch.setattr(os, "mkdir", mkdir_then_signal)
    with pytest.raises(KeyboardInterrupt):
        site.write(tmp_path / "site")
    monkeypatch.undo()
    assert staging(tmp_path) == [] and not (tmp_path / "site").exists()


def test_after_kill_9_the_next_build_removes_what_was_left(built):
    done = stop_while_writing(built, signal.SIGKILL)
    assert done.returncode == -signal.SIGKILL
    left = staging(built)
    assert left, "kill -9 while writing leaves the staging folder"
    proc = build(built)
    _, err = proc.communicate(timeout=600)
    assert proc.returncode == 0, err
    assert staging(built) == []
    assert (built / "site" / MARKER).is_file()


def test_a_running_builds_staging_is_left_alone(tmp_path):
    out = tmp_path / "site"
    sleeper = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        here = _host_tag()
        alive = tmp_path / f".site.new-{sleeper.pid}-h{here}-abcd"
        dead = tmp_path / f".site.new-999999999-h{here}-abcd"  # no such process
        elsewhere = tmp_path / ".site.new-999999999-h00000000-abcd"  # another host's: not ours to judge
        for p in (alive, dead, elsewhere):
            p.mkdir()
            (p / "index.html").write_text("x")
        assert clear_leftovers(out) == [dead]
        assert alive.is_dir() and not dead.exists()
    finally:
        sleeper.kill()
        sleeper.wait()
    assert clear_leftovers(out) == [alive]
    assert elsewhere.is_dir()


def test_the_site_cache_keeps_the_most_recent_sites_and_any_a_server_holds(tmp_path):
    sites = []
    for i in range(7):
        site = tmp_path / f"site-{i:024x}"
        site.mkdir()
        (site / sitecache.STAMP).write_text("{}")
        os.utime(site / sitecache.STAMP, (1_000_000 + i, 1_000_000 + i))  # site-…06 is the newest
        sites.append(site)
    foreign = [tmp_path / "site-backup", tmp_path / f"site-{99:024x}"]  # not fhkg's / no stamp
    for p in foreign:
        p.mkdir()
        os.utime(p, (1, 1))
    held = sitecache.hold(sites[0])  # the oldest, but a server serves it
    try:
        removed = sitecache.prune(sites[6], keep=3)
    finally:
        assert held is not None
        os.close(held)
    assert sorted(p.name[-2:] for p in removed) == ["01", "02", "03"]
    left = sorted(p.name for p in tmp_path.iterdir())
    assert left == sorted([s.name for s in (sites[0], sites[4], sites[5], sites[6])] + [p.name for p in foreign])
    assert [p.name[-2:] for p in sitecache.prune(sites[6], keep=3)] == ["00"]  # released now


def test_a_site_being_removed_is_not_held(tmp_path):
    import fcntl

    site = tmp_path / f"site-{1:024x}"
    site.mkdir()
    (site / sitecache.STAMP).write_text("{}")
    fd = os.open(site / sitecache.STAMP, os.O_RDONLY)
    fcntl.flock(fd, fcntl.LOCK_EX)  # a pruner at work
    try:
        assert sitecache.hold(site) is None  # so the server builds its own instead of waiting
    finally:
        os.close(fd)
    held = sitecache.hold(site)
    assert held is not None
    os.close(held)
