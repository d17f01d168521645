"""Starting ``fhkg serve``: refusals with the right exit codes, --help."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys

import pytest

from .conftest import free_port, start_with_site, write_site


def _run(tmp_path, *args, timeout=240):
    env = {**os.environ, "FHKG_CACHE": str(tmp_path / "cache")}
    return subprocess.run([sys.executable, "-m", "fhkg", "serve", *args], capture_output=True, text=True, timeout=timeout, env=env, cwd=tmp_path)


def test_help_has_examples(tmp_path):
    r = subprocess.run([sys.executable, "-m", "fhkg", "serve", "--help"], capture_output=True, text=True, timeout=60)
    assert r.returncode == 0
    for words in ("--host", "--port", "--data", "--timeout", "--site", "Examples:", "303 See Other", "/sparql"):
        assert words in r.stdout


def test_non_conforming_data_is_refused_with_the_report(tmp_path):
    bad = tmp_path / "bad.ttl"
    bad.write_text(
        "@prefix fh: <https://w3id.org/familjen-helsingborg/ontology#> .\n"
        "<https://w3id.org/familjen-helsingborg/id/kommun/9999> a fh:Municipality .\n",
        encoding="utf-8",
    )
    port = free_port()
    site = write_site(tmp_path / "site", f"http://127.0.0.1:{port}/")
    r = _run(tmp_path, "--port", str(port), "--data", str(bad), "--site", str(site))
    assert r.returncode == 1, r.stderr
    assert "kommun:9999" in r.stderr and "Violation" in r.stderr  # the report names the resource
    assert "does not conform" in r.stderr
    assert "Traceback" not in r.stderr


def test_unreadable_data_is_exit_2(tmp_path):
    broken = tmp_path / "broken.ttl"
    broken.write_text("<a> <b> .\n", encoding="utf-8")
    r = _run(tmp_path, "--port", str(free_port()), "--data", str(broken))
    assert r.returncode == 2
    assert "broken.ttl:1" in r.stderr and "Traceback" not in r.stderr


def test_a_site_built_for_another_base_is_refused(tmp_path):
    site = write_site(tmp_path / "site", "https://w3id.org/familjen-helsingborg/")
    r = _run(tmp_path, "--port", str(free_port()), "--site", str(site), timeout=60)
    assert r.returncode == 2
    assert "was not built for the base" in r.stderr and "fhkg build --base" in r.stderr


def test_a_port_in_use_is_exit_2(tmp_path):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        s.listen()
        r = _run(tmp_path, "--port", str(s.getsockname()[1]), timeout=60)
    assert r.returncode == 2
    assert "in use" in r.stderr


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT, signal.SIGHUP])
def test_a_stop_signal_is_a_graceful_shutdown_with_exit_0(tmp_path, signum):
    srv = start_with_site(tmp_path)
    srv.proc.send_signal(signum)
    assert srv.proc.wait(30) == 0
    assert "fhkg serve: stopped" in srv.log_text() and "Traceback" not in srv.log_text()
