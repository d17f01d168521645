"""The W3C SPARQL 1.1 Protocol test manifest (``sparql11-protocol/manifest.ttl``), run against
``fhkg serve`` over HTTP.

The data the dataset tests need (``ut:graphData``: data1.nt … each as the named graph its label
names) is written into one TriG file and given to a second server with ``--data``. Each request
of a test is sent as the manifest says (method, path with ``/sparql/`` as the endpoint, headers,
body in its character encoding, no Accept header unless listed), and checked for the expected
status class, result format and boolean.

Policy: the endpoint is read-only, so the seven update tests (expected 2xx) are **refused**: the
check is that the update is answered 403 with a message and changes nothing. Every query test and
every "bad request" test must pass. The counts are printed (run pytest with ``-rA`` or ``-s``).
"""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field

import pytest
from rdflib import Graph, Namespace, URIRef
from rdflib.collection import Collection
from rdflib.namespace import RDF, RDFS

from .conftest import start_with_site

MF = Namespace("http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#")
HT = Namespace("http://www.w3.org/2011/http#")
CNT = Namespace("http://www.w3.org/2011/content#")
UT = Namespace("http://www.w3.org/2009/sparql/tests/test-update#")
HTS = "http://www.w3.org/2011/http-statusCodes#StatusCode"

RESULT_TYPES = {
    "boolean": ("application/sparql-results+json", "application/sparql-results+xml", "application/json", "application/xml", "text/xml"),
    "tabular": ("application/sparql-results+json", "application/sparql-results+xml", "text/csv", "text/tab-separated-values", "application/json", "application/xml", "text/xml"),
    "RDF": ("application/rdf+xml", "text/turtle", "application/n-triples", "application/xhtml+xml", "text/html", "application/ld+json"),
}


@dataclass
class Req:
    method: str
    path: str
    headers: dict[str, str]
    body: bytes | None
    statuses: set[int]  # expected status classes: 2, 3, 4
    fmt: str | None
    boolean: bool | None


@dataclass
class Case:
    name: str
    title: str
    requests: list[Req]
    graph_data: dict[str, str] = field(default_factory=dict)  # graph name -> file

    @property
    def is_update(self) -> bool:
        first = self.requests[0]
        ct = first.headers.get("content-type", "")
        return 2 in first.statuses and (ct.startswith("application/sparql-update") or (first.body or b"").startswith(b"update="))


def load_manifest(folder) -> list[Case]:
    g = Graph().parse(folder / "manifest.ttl", format="turtle")
    manifest = next(g.subjects(RDF.type, MF.Manifest))
    cases = []
    for test in Collection(g, g.value(manifest, MF.entries)):
        action = g.value(test, MF.action)
        requests = []
        for r in Collection(g, g.value(action, HT.requests)):
            headers = {}
            hl = g.value(r, HT.headers)
            if hl is not None:
                for h in Collection(g, hl):
                    headers[str(g.value(h, HT.fieldName)).lower()] = str(g.value(h, HT.fieldValue))
            body = g.value(r, HT.body)
            payload = None
            if body is not None:
                payload = str(g.value(body, CNT.chars)).encode(str(g.value(body, CNT.characterEncoding) or "UTF-8"))
            resp = g.value(r, HT.resp)
            statuses = {int(str(s)[len(HTS)]) for s in g.objects(resp, MF.expectedStatus)}
            fmt = g.value(resp, MF.expectedFormat)
            boolean = g.value(resp, MF.expectedBoolean)
            path = str(g.value(r, HT.absolutePath)).replace("/sparql/", "/sparql", 1)
            requests.append(Req(str(g.value(r, HT.methodName)), path, headers, payload, statuses, str(fmt) if fmt else None, boolean.toPython() if boolean is not None else None))
        data = {str(g.value(gd, RDFS.label)): str(g.value(gd, UT.graph)) for gd in g.objects(test, UT.graphData)}
        cases.append(Case(str(test).rsplit("#", 1)[-1], str(g.value(test, MF.name)), requests, data))
    return cases


@pytest.fixture(scope="module")
def cases(shared_vocab):
    return load_manifest(shared_vocab / "sparql11-protocol")


@pytest.fixture(scope="module")
def protocol_server(cases, shared_vocab, tmp_path_factory):
    """A server whose data is the manifest's graphs, each in the named graph the manifest names."""
    tmp = tmp_path_factory.mktemp("protocol")
    graphs: dict[str, str] = {}
    for case in cases:
        graphs.update(case.graph_data)
    trig = tmp / "protocol-data.trig"
    with trig.open("w", encoding="utf-8") as out:
        for name, file in sorted(graphs.items()):
            path = shared_vocab / "sparql11-protocol" / URIRef(file).split("/")[-1]
            out.write(f"<{name}> {{\n{path.read_text(encoding='utf-8')}}}\n")
    srv = start_with_site(tmp, "--data", str(trig))
    yield srv
    srv.stop()


def check(server, req: Req) -> str | None:
    """None if the answer is as expected, else what is wrong."""
    r = server.request(req.method, req.path, req.headers, req.body)
    if r.status // 100 not in req.statuses:
        return f"{req.method} {req.path}: status {r.status}, expected {sorted(req.statuses)}xx: {r.text[:200]}"
    if req.fmt:
        media = (r.header("content-type") or "").split(";")[0].strip()
        if media not in RESULT_TYPES[req.fmt]:
            return f"{req.method} {req.path}: {media} is not a {req.fmt} format"
        if req.fmt == "RDF" and media in ("text/turtle", "application/n-triples"):
            Graph().parse(data=r.body, format="turtle" if media == "text/turtle" else "nt")
    if req.boolean is not None:
        media = (r.header("content-type") or "").split(";")[0]
        if "json" in media:
            value = json.loads(r.body)["boolean"]
        else:
            node = ET.fromstring(r.body).find("{http://www.w3.org/2005/sparql-results#}boolean")
            value = node is not None and node.text == "true"
        if value is not req.boolean:
            return f"{req.method} {req.path}: boolean {value}, expected {req.boolean}"
    return None


def refused(server, case: Case) -> str | None:
    """None if the update was refused as the read-only policy says (403, a message, no change)."""
    first = case.requests[0]
    before = server.request("GET", "/sparql?query=SELECT%20(COUNT(*)%20AS%20%3Fn)%20%7B%20GRAPH%20%3Fg%20%7B%3Fs%20%3Fp%20%3Fo%7D%20%7D")
    r = server.request(first.method, first.path, first.headers, first.body)
    after = server.request("GET", "/sparql?query=SELECT%20(COUNT(*)%20AS%20%3Fn)%20%7B%20GRAPH%20%3Fg%20%7B%3Fs%20%3Fp%20%3Fo%7D%20%7D")
    if r.status != 403 or "read-only" not in r.text:
        return f"update answered {r.status}: {r.text[:200]}"
    if before.body != after.body:
        return "the update changed the data"
    return None


def test_protocol_manifest(cases, protocol_server, capsys):
    passed, refused_ok, failures = [], [], []
    for case in cases:
        if case.is_update:
            problem = refused(protocol_server, case)
            (refused_ok.append(case.name) if problem is None else failures.append(f"{case.name}: {problem}"))
            continue
        problems = [p for p in (check(protocol_server, req) for req in case.requests) if p]
        (failures.append(f"{case.name}: {problems[0]}") if problems else passed.append(case.name))
    summary = f"SPARQL 1.1 Protocol manifest: {len(passed)} passed, {len(refused_ok)} refused (read-only), {len(failures)} failed, of {len(cases)}"
    with capsys.disabled():
        print("\n" + summary)
        print("  refused (updates): " + ", ".join(refused_ok))
    assert not failures, summary + "\n" + "\n".join(failures)
    assert len(cases) == 34 and len(refused_ok) == 7 and len(passed) == 27, summary


def test_every_query_test_ran(cases):
    names = {c.name for c in cases}
    assert {"query_post_form", "query_dataset_full", "query_multiple_dataset", "bad_query_non_utf8", "bad_update_dataset_conflict"} <= names
    assert {c.name for c in cases if c.is_update} == {
        "update_dataset_default_graph",
        "update_dataset_default_graphs",
        "update_dataset_named_graphs",
        "update_dataset_full",
        "update_post_form",
        "update_post_direct",
        "update_base_uri",
    }
