"""The query time limit really stops the work, and never makes other requests wait.

A cartesian product with COUNT runs inside one pyoxigraph call; the server runs it in a worker
process, kills that process at the limit, answers 503, and forks a fresh worker. Meanwhile other
requests (a page, another query) are answered at once.
"""

from __future__ import annotations

import http.client
import time
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import urlencode

from .conftest import TIMEOUT

PATHOLOGICAL = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
SIMPLE = "ASK { ?m a fh:Municipality }"


def _timed(server, method, path, headers=None, body=None):
    t0 = time.monotonic()
    r = server.request(method, path, headers, body)
    return r, time.monotonic() - t0


def test_pathological_query_times_out_while_a_simple_request_is_answered(server):
    killed_before = server.get("/health").json()["workers"]["killed"]
    with ThreadPoolExecutor(4) as pool:
        heavy = pool.submit(_timed, server, "POST", "/sparql", {"Content-Type": "application/sparql-query"}, PATHOLOGICAL)
        time.sleep(0.5)  # the heavy query is running now
        simple = pool.submit(_timed, server, "GET", "/sparql?" + urlencode({"query": SIMPLE}))
        page = pool.submit(_timed, server, "GET", "/id/kommun/1276.ttl")
        health = pool.submit(_timed, server, "GET", "/health")
        for fut in (simple, page, health):
            r, seconds = fut.result()
            assert r.status == 200, r.text
            assert seconds < 1.5, f"a simple request waited {seconds:.2f} s behind the heavy query"
        assert simple.result()[0].json()["boolean"] is True
        assert health.result()[0].json()["workers"]["busy"] >= 1
        r, seconds = heavy.result()
    assert r.status == 503
    assert "time limit" in r.text and f"{TIMEOUT:g} s" in r.text
    assert TIMEOUT - 0.2 <= seconds < TIMEOUT + 3, f"timed out after {seconds:.2f} s, limit {TIMEOUT} s"
    stats = server.get("/health").json()["workers"]
    assert stats["killed"] >= killed_before + 1
    # the pool is whole again and answers at once
    r, seconds = _timed(server, "GET", "/sparql?" + urlencode({"query": SIMPLE}))
    assert r.status == 200 and seconds < 1.5


def test_with_every_worker_busy_a_query_waits_in_the_queue_and_pages_do_not(server):
    """Two workers, two pathological queries: a third query waits in the queue (at most the
    queue time, 5 s by default) and runs when a worker is free; pages are answered at once."""
    with ThreadPoolExecutor(4) as pool:
        heavies = [pool.submit(_timed, server, "GET", "/sparql?" + urlencode({"query": PATHOLOGICAL})) for _ in range(2)]
        time.sleep(0.5)
        queued = pool.submit(_timed, server, "GET", "/sparql?" + urlencode({"query": SIMPLE}))
        time.sleep(0.2)
        page, seconds = _timed(server, "GET", "/id/kommun/1276.ttl")
        assert page.status == 200 and seconds < 1, f"a page waited {seconds:.2f} s"
        assert server.get("/health").json()["workers"]["waiting"] == 1
        r, seconds = queued.result()
        assert r.status == 200 and TIMEOUT - 1.5 < seconds < TIMEOUT + 1, f"{r.status} after {seconds:.2f} s"
        for h in heavies:
            assert h.result()[0].status == 503


def test_a_client_that_goes_away_stops_its_query(server):
    killed_before = server.get("/health").json()["workers"]["killed"]
    conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=0.5)
    conn.request("POST", "/sparql", body=PATHOLOGICAL.encode(), headers={"Content-Type": "application/sparql-query"})
    try:
        conn.getresponse()
    except (TimeoutError, OSError):
        pass
    conn.close()
    deadline = time.monotonic() + TIMEOUT - 1
    while time.monotonic() < deadline:
        if server.get("/health").json()["workers"]["killed"] > killed_before:
            break
        time.sleep(0.1)
    assert server.get("/health").json()["workers"]["killed"] > killed_before, "the worker was not stopped before the time limit"
