"""The second wall: query workers cannot open a network connection, whatever query reaches them.

These tests bypass the gate on purpose (they hand the worker a SERVICE query directly) to show
that the wall alone holds; the positive control runs the same job without the wall."""

from __future__ import annotations

import asyncio
import errno
import os
import socket

import pyoxigraph as ox
import pytest
from sparql.listener import Listener

from fhkg.graph import KnowledgeGraph
from fhkg.server.pool import WorkerPool
from fhkg.server.sandbox import deny_network


@pytest.fixture(scope="module")
def listener():
    lst = Listener()
    yield lst
    lst.close()


def in_child(fn) -> str:
    """Run ``fn`` in a forked child and return what it wrote (the wall is for good in a process)."""
    r, w = os.pipe()
    pid = os.fork()
    if pid == 0:
        try:
            os.close(r)
            os.write(w, fn().encode())
        finally:
            os._exit(0)
    os.close(w)
    out = b""
    while chunk := os.read(r, 65536):
        out += chunk
    os.close(r)
    os.waitpid(pid, 0)
    return out.decode()


def test_behind_the_wall_only_unix_sockets_open(listener):
    def probe() -> str:
        why_not = deny_network()
        seen = [f"wall={why_not}"]
        for family in (socket.AF_INET, socket.AF_INET6, socket.AF_NETLINK):
            try:
                socket.socket(family, socket.SOCK_DGRAM).close()
                seen.append(f"{family.name}=open")
            except OSError as e:
                seen.append(f"{family.name}={errno.errorcode[e.errno]}")
        a, b = socket.socketpair()
        a.sendall(b"x")
        seen.append(f"unix={b.recv(1).decode()}")
        with open(__file__, "rb") as fh:
            seen.append("file=" + str(len(fh.read()) > 0))
        try:
            list(ox.Store().query(f"SELECT * {{ SERVICE <{listener.url}> {{ ?s ?p ?o }} }}"))
            seen.append("service=answered")
        except OSError as e:
            seen.append(f"service={e}")
        def grandchild() -> str:
            try:
                socket.socket().close()
                return "grandchild=open"
            except OSError as e:
                return f"grandchild={errno.errorcode[e.errno]}"

        seen.append(in_child(grandchild))
        return " ".join(seen)

    before = len(listener.hits)
    out = in_child(probe)
    assert out.split()[:6] == ["wall=None", "AF_INET=EACCES", "AF_INET6=EACCES", "AF_NETLINK=EACCES", "unix=x", "file=True"]
    assert "service=Permission denied" in out
    assert out.split()[-1] == "grandchild=EACCES"
    assert listener.hits[before:] == []
    socket.socket().close()  # the test process itself is not behind the wall


def run_job(sandbox: bool, query: str) -> tuple[str, dict]:
    pool = WorkerPool(KnowledgeGraph(ox.Store(), base="http://127.0.0.1:1/"), size=1, timeout=20, sandbox=sandbox)
    pool.start()
    try:
        job = {"op": "sparql", "query": query, "base_iri": "http://127.0.0.1:1/sparql", "accept": "application/sparql-results+json"}
        return pool.network_wall, asyncio.run(pool.run(job))
    finally:
        pool.close()


def test_a_worker_cannot_call_out_even_when_handed_a_service_query(listener):
    before = len(listener.hits)
    wall, answer = run_job(True, f"SELECT * {{ SERVICE <{listener.url}> {{ ?s ?p ?o }} }}")
    assert wall == "on"
    assert answer.get("status") != 200 and "Permission denied" in answer.get("message", "")
    wall, answer = run_job(True, f"SELECT * {{ SERVICE SILENT <{listener.url}> {{ ?s ?p ?o }} }}")
    assert answer["status"] == 200
    assert listener.hits[before:] == []


def test_without_the_wall_the_same_job_reaches_the_listener(listener):
    """The positive control: the test above would see a request if the wall let one through."""
    before = len(listener.hits)
    wall, answer = run_job(False, f"SELECT * {{ SERVICE <{listener.url}> {{ ?s ?p ?o }} }}")
    assert wall.startswith("off") and answer["status"] == 200
    assert len(listener.hits) == before + 1
