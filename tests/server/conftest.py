"""Servers for the server tests: real ``fhkg serve`` processes on free loopback ports.

The main fixture serves a small site that the fixture writes itself (a few files at the paths
:mod:`fhkg.publish.urls` defines), so these tests do not depend on the site modules; one
integration test (test_real_site.py) builds the real site.
"""

from __future__ import annotations

import http.client
import json
import os
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from fhkg.publish.urls import Urls

ROOT = Path(__file__).resolve().parents[2]
TIMEOUT = 4.0  # the main server's query time limit (seconds)


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class Answer:
    status: int
    headers: dict[str, str]
    body: bytes

    def header(self, name: str) -> str | None:
        return self.headers.get(name.lower())

    @property
    def text(self) -> str:
        return self.body.decode("utf-8")

    def json(self):
        return json.loads(self.body)


class Server:
    def __init__(self, port: int, proc: subprocess.Popen, log: Path):
        self.port, self.proc, self.log = port, proc, log
        self.url = f"http://127.0.0.1:{port}/"
        self.base = self.url

    def request(self, method: str, path: str, headers: dict[str, str] | None = None, body: bytes | str | None = None, timeout: float = 60) -> Answer:
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=timeout)
        try:
            if isinstance(body, str):
                body = body.encode("utf-8")
            conn.request(method, path, body=body, headers=headers or {})
            r = conn.getresponse()
            data = r.read()
            return Answer(r.status, {k.lower(): v for k, v in r.getheaders()}, data)
        finally:
            conn.close()

    def get(self, path: str, **headers: str) -> Answer:
        return self.request("GET", path, {k.replace("_", "-"): v for k, v in headers.items()})

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(15)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait(5)

    def log_text(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")


def start(tmp: Path, *args: str, port: int | None = None, wait: float = 240) -> Server:
    """Start ``fhkg serve`` (on ``port`` or a free one) and wait until /health answers."""
    tmp.mkdir(parents=True, exist_ok=True)
    port = port or free_port()
    log = tmp / f"server-{port}.log"
    env = {**os.environ, "FHKG_CACHE": str(tmp / "cache"), "PYTHONUNBUFFERED": "1"}
    with log.open("wb") as fh:
        proc = subprocess.Popen(
            [sys.executable, "-m", "fhkg", "serve", "--port", str(port), "--quiet", *args],
            stdout=fh,
            stderr=subprocess.STDOUT,
            env=env,
            cwd=tmp,
            start_new_session=True,
        )
    server = Server(port, proc, log)
    deadline = time.monotonic() + wait
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"fhkg serve exited with {proc.returncode}:\n{server.log_text()}")
        try:
            if server.request("GET", "/health", timeout=5).status == 200:
                return server
        except OSError:
            pass
        time.sleep(0.2)
    server.stop()
    raise RuntimeError(f"fhkg serve did not answer within {wait} s:\n{server.log_text()}")


def write_site(folder: Path, base: str) -> Path:
    """A small site for ``base``: the files urls.py names for Klippan, the home page, the ontology."""
    urls = Urls(base)
    iri = base + "id/kommun/1276"
    files = {
        urls.index("sv"): "<!DOCTYPE html><html lang=sv><title>Start</title><p>Familjen Helsingborg</html>\n",
        urls.index("en"): "<!DOCTYPE html><html lang=en><title>Home</title><p>Familjen Helsingborg</html>\n",
        urls.page(iri, "sv"): "<!DOCTYPE html><html lang=sv><title>Klippans kommun</title><h1>Klippans kommun</h1></html>\n",
        urls.page(iri, "en"): "<!DOCTYPE html><html lang=en><title>Klippan Municipality</title><h1>Klippan Municipality</h1></html>\n",
        urls.twin(iri, "ttl"): f'<{iri}> <http://www.w3.org/2000/01/rdf-schema#label> "Klippans kommun"@sv .\n',
        urls.twin(iri, "nt"): f'<{iri}> <http://www.w3.org/2000/01/rdf-schema#label> "Klippans kommun"@sv .\n',
        urls.twin(iri, "jsonld"): json.dumps({"@id": iri, "http://www.w3.org/2000/01/rdf-schema#label": {"@value": "Klippans kommun", "@language": "sv"}}) + "\n",
        urls.twin(iri, "rdf"): (
            '<?xml version="1.0" encoding="UTF-8"?>\n<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" '
            f'xmlns:rdfs="http://www.w3.org/2000/01/rdf-schema#"><rdf:Description rdf:about="{iri}"><rdfs:label xml:lang="sv">Klippans kommun</rdfs:label></rdf:Description></rdf:RDF>\n'
        ),
        "ontology.html": "<!DOCTYPE html><html lang=sv><title>Ontologi</title></html>\n",
        "ontology.en.html": "<!DOCTYPE html><html lang=en><title>Ontology</title></html>\n",
        "ontology.ttl": "<https://w3id.org/familjen-helsingborg/ontology> a <http://www.w3.org/2002/07/owl#Ontology> .\n",
        "style.css": "body { margin: 0 }\n",
    }
    for path, content in files.items():
        target = folder / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(content, encoding="utf-8")
    return folder


@pytest.fixture(scope="session")
def server(tmp_path_factory):
    """The main test server: shipped graph, a fixture-written site, a short query time limit."""
    tmp = tmp_path_factory.mktemp("serve")
    srv = start_with_site(tmp, "--timeout", str(TIMEOUT))
    yield srv
    srv.stop()


def start_with_site(tmp: Path, *args: str) -> Server:
    """Start a server on a fixture site written for its port (retried if the port was taken)."""
    for attempt in range(3):
        port = free_port()
        site = write_site(tmp / f"site-{port}", f"http://127.0.0.1:{port}/")
        try:
            return start(tmp, "--site", str(site), *args, port=port)
        except RuntimeError as e:
            if "in use" not in str(e) or attempt == 2:
                raise
    raise AssertionError("unreachable")


@pytest.fixture(scope="session")
def start_server():
    """Start extra servers; all are stopped at the end of the session."""
    started: list[Server] = []

    def _start(tmp: Path, *args: str, port: int | None = None) -> Server:
        srv = start(tmp, *args, port=port)
        started.append(srv)
        return srv

    yield _start
    for s in started:
        s.stop()


def path_of(url: str) -> str:
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")
