"""The server's limits, each met by a client that breaks it, over real sockets on loopback.

One server with small limits (one worker, a queue of one, short waits, a 1 MiB answer cap, a
1.5 s request timeout, four connections per client): every limit answers with its documented
status and message, and the server goes on answering everyone else.
"""

from __future__ import annotations

import base64
import hashlib
import re
import socket
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import urlencode

import pytest

from .conftest import start_with_site

SLOW = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"  # runs to the time limit
BIG = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f } LIMIT 200000"  # many MiB as JSON
TIME_LIMIT = 6.0
REQUEST_TIMEOUT = 1.5


@pytest.fixture(scope="module")
def small(tmp_path_factory):
    srv = start_with_site(
        tmp_path_factory.mktemp("limits"),
        "--timeout", str(TIME_LIMIT),
        "--workers", "1",
        "--queue", "1",
        "--queue-wait", "1",
        "--result-limit", "1",
        "--request-timeout", str(REQUEST_TIMEOUT),
        "--client-connections", "4",
    )  # fmt: skip
    yield srv
    srv.stop()


def raw(server, data: bytes = b"", *, wait: float = 10.0) -> tuple[bytes, float]:
    """Send ``data`` on a fresh connection, read until the server closes it: (reply, seconds)."""
    start = time.monotonic()
    with socket.create_connection(("127.0.0.1", server.port), timeout=wait) as s:
        if data:
            s.sendall(data)
        reply = b""
        while True:
            try:
                chunk = s.recv(65536)
            except (TimeoutError, ConnectionResetError):  # a reset after the answer ends it too
                break
            if not chunk:
                break
            reply += chunk
    return reply, time.monotonic() - start


def status_of(reply: bytes) -> int:
    return int(reply.split(b" ", 2)[1])


def sparql(server, query: str, **headers: str):
    return server.request("GET", "/sparql?" + urlencode({"query": query}), headers or None)


# ------------------------------------------------------------------ request bodies and heads
def test_a_declared_body_over_the_cap_is_refused_before_it_is_sent(small):
    head = b"POST /sparql HTTP/1.1\r\nHost: x\r\nContent-Type: application/sparql-query\r\nContent-Length: 209715200\r\n\r\n"
    reply, seconds = raw(small, head)  # not one byte of the 200 MB follows
    assert status_of(reply) == 413 and b"1024 KiB" in reply
    assert seconds < REQUEST_TIMEOUT, "answered from Content-Length, not after waiting for the body"


def stream(server, total: int) -> tuple[bytes, int]:
    """POST ``total`` bytes as a chunked body (no Content-Length): (reply, bytes sent)."""
    with socket.create_connection(("127.0.0.1", server.port), timeout=10) as s:
        s.sendall(b"POST /sparql HTTP/1.1\r\nHost: x\r\nContent-Type: application/sparql-query\r\nTransfer-Encoding: chunked\r\n\r\n")
        chunk = b"#" * 65536
        sent = 0
        try:
            while sent < total:
                s.sendall(b"%x\r\n%s\r\n" % (len(chunk), chunk))
                sent += len(chunk)
            s.sendall(b"0\r\n\r\n")
        except OSError:
            pass  # the server closed the connection after its answer
        reply = b""
        try:
            while chunk := s.recv(65536):
                reply += chunk
        except ConnectionResetError:
            pass  # closed with our bytes unread: the answer may be lost (that is TCP)
    return reply, sent


def test_a_streamed_body_a_little_over_the_cap_is_read_and_answered_413(small):
    reply, sent = stream(small, 3 << 19)  # 1.5 MiB: drained, so the client reads the answer
    assert sent == 3 << 19 and status_of(reply) == 413 and b"1024 KiB" in reply


def test_a_streamed_body_far_over_the_cap_is_cut_off_unread(small):
    reply, sent = stream(small, 64 << 20)
    assert sent < 64 << 20, "the server read the whole body instead of stopping"
    assert reply == b"" or status_of(reply) == 413


def test_a_request_head_that_never_ends_is_timed_out(small):
    reply, seconds = raw(small, b"GET /health HTTP/1.1\r\nHost: x\r\nX-Slow: ")
    assert status_of(reply) == 408
    assert REQUEST_TIMEOUT - 0.2 <= seconds < REQUEST_TIMEOUT + 2


def test_a_silent_connection_is_closed(small):
    reply, seconds = raw(small)
    assert status_of(reply) == 408 and seconds < REQUEST_TIMEOUT + 2


def test_a_body_that_never_ends_is_timed_out(small):
    head = b"POST /sparql HTTP/1.1\r\nHost: x\r\nContent-Type: application/sparql-query\r\nContent-Length: 100\r\n\r\nASK {"
    reply, seconds = raw(small, head)
    assert status_of(reply) == 408 and b"did not arrive" in reply
    assert seconds < REQUEST_TIMEOUT + 2


def test_connections_per_client_are_capped(small):
    held = [socket.create_connection(("127.0.0.1", small.port), timeout=5) for _ in range(4)]
    try:
        time.sleep(0.2)
        reply, _ = raw(small, b"GET /health HTTP/1.1\r\nHost: x\r\n\r\n")
        assert status_of(reply) == 429 and b"Retry-After: 1" in reply
    finally:
        for s in held:
            s.close()
    time.sleep(0.3)
    assert small.get("/health").status == 200  # closed connections no longer count


# ------------------------------------------------------------------ answers
def test_an_answer_over_the_result_limit_is_422(small):
    r = sparql(small, BIG, Accept="application/sparql-results+json")
    assert r.status == 422 and "1 MiB" in r.text and "LIMIT" in r.text
    ok = sparql(small, "SELECT * WHERE { ?a ?b ?c } LIMIT 10")
    assert ok.status == 200 and len(ok.json()["results"]["bindings"]) == 10


def test_an_unknown_function_is_400_with_its_place(small):
    r = sparql(small, "PREFIX ex: <http://example.org/>\nSELECT ?x WHERE {\n  BIND(ex:shout('a') AS ?x) }")
    assert r.status == 400 and "http://example.org/shout" in r.text and "line 3" in r.text, r.text
    cast = sparql(small, "SELECT (xsd:integer('42') AS ?x) WHERE {}")
    assert cast.status == 200 and cast.json()["results"]["bindings"][0]["x"]["value"] == "42"


# ------------------------------------------------------------------ the worker pool
def _processes_under(pid: int) -> set[int]:
    """Every living descendant of ``pid`` (from /proc)."""
    parents: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if fields[0] != "Z":
                parents.setdefault(int(fields[1]), []).append(int(entry.name))
    out, todo = set(), [pid]
    while todo:
        for child in parents.get(todo.pop(), []):
            out.add(child)
            todo.append(child)
    return out


def test_slow_queries_are_turned_away_with_retry_after_and_pages_keep_answering(small):
    counts: list[int] = []
    stop = threading.Event()

    def count():
        while not stop.is_set():
            counts.append(len(_processes_under(small.proc.pid)))
            time.sleep(0.1)

    counter = threading.Thread(target=count)
    counter.start()
    try:
        with ThreadPoolExecutor(4) as pool:
            slow = pool.submit(sparql, small, SLOW)
            time.sleep(0.5)  # the one worker is busy now
            queued = pool.submit(lambda: (time.monotonic(), sparql(small, "ASK {}"), time.monotonic()))
            time.sleep(0.2)  # it waits in the queue (of one)
            t0 = time.monotonic()
            turned = sparql(small, "ASK {}")
            turned_seconds = time.monotonic() - t0
            page = small.get("/id/kommun/1276.ttl")
            start, waited, end = queued.result()
            answer = slow.result()
    finally:
        stop.set()
        counter.join()
    assert turned.status == 503 and "already waiting" in turned.text
    assert turned_seconds < 0.5, "a query beyond the queue is turned away at once"
    assert 1 <= int(turned.header("retry-after")) <= TIME_LIMIT
    assert waited.status == 503 and "stayed busy for 1 s" in waited.text and waited.header("retry-after")
    assert 0.9 <= end - start < 2.5, "the queued query waited its queue time, not the time limit"
    assert page.status == 200  # pages never wait on SPARQL
    assert answer.status == 503 and "time limit" in answer.text
    # the pool never grew: the zygote and its one worker (plus a moment's replacement after a kill)
    assert counts and max(counts) <= 3, counts
    time.sleep(0.5)
    assert len(_processes_under(small.proc.pid)) == 2
    stats = small.get("/health").json()["workers"]
    assert stats["size"] == 1 and stats["idle"] + stats["busy"] == 1 and stats["refused"] >= 2
    assert sparql(small, "ASK {}").status == 200  # whole again


@pytest.mark.slow
def test_after_many_timeouts_the_pool_keeps_its_size(small):
    for _ in range(3):
        assert sparql(small, SLOW).status == 503
    time.sleep(0.5)
    assert len(_processes_under(small.proc.pid)) == 2, "the zygote and exactly one worker"


# ------------------------------------------------------------------ headers
def test_every_answer_carries_the_security_headers(small):
    for path in ("/", "/id/kommun/1276.html", "/style.css", "/health", "/nothing-here"):
        r = small.get(path)
        csp = r.header("content-security-policy") or ""
        assert "frame-ancestors 'none'" in csp and "object-src 'none'" in csp and "script-src 'self'" in csp, path
        assert r.header("x-content-type-options") == "nosniff", path
        assert r.header("x-frame-options") == "DENY" and r.header("referrer-policy"), path


def test_the_query_ui_allows_its_own_inline_script_only(small):
    r = small.get("/sparql/ui")
    assert r.status == 200, r.text
    inline = re.findall(r"<script>(.*?)</script>", r.text, re.S)  # scripts without src or type
    assert len(inline) == 1
    digest = "'sha256-" + base64.b64encode(hashlib.sha256(inline[0].encode("utf-8")).digest()).decode() + "'"
    csp = r.header("content-security-policy")
    assert f"script-src 'self' {digest};" in csp and "unsafe-eval" not in csp
