"""The memory cap of a query worker: a cross-product sort (which once took one worker to 7.8 GB)
is stopped by the cap, long before its time limit, while pages and other queries go on."""

from __future__ import annotations

import threading
import time
from urllib.parse import quote, urlencode

import pytest

CROSS_PRODUCT = "SELECT ?a ?d WHERE { ?a ?b ?c . ?d ?e ?f } ORDER BY ?c ?f"


@pytest.fixture(scope="module")
def capped(start_server, tmp_path_factory):
    return start_server(tmp_path_factory.mktemp("capped"), "--worker-memory", "256", "--timeout", "120")


def test_a_cross_product_sort_is_stopped_by_the_memory_cap(capped):
    answers: dict = {}

    def heavy():
        start = time.monotonic()
        answers["heavy"] = capped.get("/sparql?query=" + quote(CROSS_PRODUCT))
        answers["seconds"] = time.monotonic() - start

    t = threading.Thread(target=heavy)
    t.start()
    pages = []
    while t.is_alive() and len(pages) < 200:
        pages.append(capped.get("/health").status)  # the server keeps answering meanwhile
        time.sleep(0.05)
    t.join(150)
    r = answers["heavy"]
    assert r.status == 503 and "memory" in r.text and "256 MiB" in r.text, r.text
    assert answers["seconds"] < 100, "stopped by the memory cap, not by the 120 s time limit"
    assert pages and set(pages) == {200}
    ok = capped.get("/sparql?" + urlencode({"query": "ASK { ?m a fh:Municipality }"}))
    assert ok.status == 200 and ok.json()["boolean"] is True  # a fresh worker took its place


def test_the_cap_is_reported_at_start(capped):
    assert "(memory: 256 MiB each beyond the graph)" in capped.log_text()
