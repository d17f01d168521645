"""A bounded load test on loopback (it stops by itself): 50 concurrent clients on keep-alive
connections mix page GETs, content negotiation, named queries and SPARQL for ``PHASE`` seconds;
then again with six slow queries in flight. No 5xx but deliberate 503s (a busy pool, with
Retry-After; a query stopped at its time limit), no dropped connection, and pages keep answering
while the slow queries hold every worker. It prints throughput and p50/p99 per kind.

``FHKG_LOAD_SECONDS`` sets the length of each phase (20 s by default).
"""

from __future__ import annotations

import http.client
import os
import random
import statistics
import threading
import time
from collections import defaultdict
from dataclasses import dataclass, field
from urllib.parse import urlencode

import pytest

from .conftest import start_with_site

PHASE = float(os.environ.get("FHKG_LOAD_SECONDS", "20"))
CLIENTS = 50
SLOW_CLIENTS = 6
TIME_LIMIT = 5.0
SLOW = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"

pytestmark = pytest.mark.slow

REQUESTS = {  # kind -> (weight, method, path, headers)
    "page": (4, "GET", "/id/kommun/1276.html", {}),
    "home": (1, "GET", "/", {"Accept-Language": "en"}),
    "conneg": (2, "GET", "/id/kommun/1276", {"Accept": "text/turtle;q=0.9, application/ld+json"}),
    "named": (2, "GET", "/queries/presidium.csv", {}),
    "sparql": (2, "GET", "/sparql?" + urlencode({"query": "SELECT ?kod WHERE { ?m fh:kommunkod ?kod } ORDER BY ?kod"}), {"Accept": "application/sparql-results+json"}),
}
PAGES = ("page", "home", "conneg")


@dataclass
class Tally:
    answers: dict[str, list[tuple[int, float]]] = field(default_factory=lambda: defaultdict(list))
    dropped: list[str] = field(default_factory=list)
    bad: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, kind: str, status: int, seconds: float, headers: dict[str, str], body: bytes) -> None:
        with self.lock:
            self.answers[kind].append((status, seconds))
            deliberate = status == 503 and (headers.get("retry-after") or b"time limit" in body)
            page_failed = kind in PAGES and status not in (200, 303)
            if (status >= 500 and not deliberate) or page_failed:
                self.bad.append(f"{kind}: {status} {body[:200]!r}")


def client(port: int, kinds: list[str], until: float, tally: Tally, seed: int) -> None:
    rnd = random.Random(seed)
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        while time.monotonic() < until:
            kind = rnd.choice(kinds)
            _, method, path, headers = REQUESTS.get(kind, (0, "GET", "/sparql?" + urlencode({"query": SLOW}), {}))
            start = time.monotonic()
            try:
                conn.request(method, path, headers=headers)
                r = conn.getresponse()
                body = r.read()
            except (OSError, http.client.HTTPException) as e:
                with tally.lock:
                    tally.dropped.append(f"{kind}: {type(e).__name__}: {e}")
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
                continue
            tally.add(kind, r.status, time.monotonic() - start, {k.lower(): v for k, v in r.getheaders()}, body)
            if r.getheader("connection", "").lower() == "close":
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    finally:
        conn.close()


def run_phase(port: int, slow: int) -> Tally:
    tally = Tally()
    weighted = [k for k, (w, *_rest) in REQUESTS.items() for _ in range(w)]
    until = time.monotonic() + PHASE
    threads = [threading.Thread(target=client, args=(port, ["slow"], until, tally, 1000 + i)) for i in range(slow)]
    threads += [threading.Thread(target=client, args=(port, weighted, until, tally, i)) for i in range(CLIENTS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(PHASE + 60)
    return tally


def report(title: str, tally: Tally) -> None:
    print(f"\n{title}: {CLIENTS} clients, {PHASE:g} s")
    print(f"  {'kind':<8} {'answers':>8} {'per s':>7} {'p50 ms':>8} {'p99 ms':>8}  statuses")
    for kind in sorted(tally.answers):
        rows = tally.answers[kind]
        ms = sorted(s * 1000 for _, s in rows)
        p99 = ms[min(len(ms) - 1, int(len(ms) * 0.99))]
        statuses = ", ".join(f"{code}×{n}" for code, n in sorted(_count(c for c, _ in rows).items()))
        print(f"  {kind:<8} {len(rows):>8} {len(rows) / PHASE:>7.1f} {statistics.median(ms):>8.1f} {p99:>8.1f}  {statuses}")
    print(f"  dropped connections: {len(tally.dropped)}")


def _count(items) -> dict[int, int]:
    out: dict[int, int] = defaultdict(int)
    for i in items:
        out[i] += 1
    return out


@pytest.fixture(scope="module")
def loaded(tmp_path_factory):
    srv = start_with_site(tmp_path_factory.mktemp("load"), "--timeout", str(TIME_LIMIT))
    yield srv
    srv.stop()


def test_fifty_clients_then_six_slow_queries(loaded, capsys):
    calm = run_phase(loaded.port, 0)
    busy = run_phase(loaded.port, SLOW_CLIENTS)
    with capsys.disabled():
        report("load", calm)
        report("load with six slow queries in flight", busy)
    for tally in (calm, busy):
        assert tally.dropped == [], tally.dropped[:5]
        assert tally.bad == [], tally.bad[:5]
        for kind in REQUESTS:
            assert tally.answers[kind], f"no {kind} request was answered"
    for kind in REQUESTS:  # with every worker free, everything is answered
        assert {s for s, _ in calm.answers[kind]} <= {200, 303}, kind
    page_ms = sorted(s for kind in PAGES for _, s in busy.answers[kind])
    assert page_ms[int(len(page_ms) * 0.99)] < 2.0, "pages kept answering while the slow queries held the workers"
    assert len(page_ms) > 5 * PHASE, "pages were answered throughout"
    assert any(s == 503 for s, _ in busy.answers["slow"]), "the slow queries were stopped or turned away"
    stats = loaded.get("/health").json()["workers"]
    assert stats["idle"] + stats["busy"] == stats["size"] == 2
