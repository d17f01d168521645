"""The SPARQL endpoint over real HTTP: SPARQLWrapper, result formats, CONSTRUCT formats,
negotiation, the service description, read-only refusal, errors."""

from __future__ import annotations

import csv
import io
from urllib.parse import quote, urlencode

import pyoxigraph as ox
import pytest
from rdflib import Graph, Namespace, URIRef
from rdflib.namespace import RDF, RDFS
from SPARQLWrapper import CSV, JSON, TSV, XML, SPARQLWrapper

import fhkg
from fhkg.queries import bind, catalogue, run

SD = Namespace("http://www.w3.org/ns/sparql-service-description#")
SELECT = "SELECT ?m ?code WHERE { ?m a fh:Municipality ; fh:kommunkod ?code } ORDER BY ?code"
CONSTRUCT = "CONSTRUCT { ?m rdfs:label ?l } WHERE { ?m a fh:Municipality ; rdfs:label ?l } "


@pytest.fixture(scope="module")
def local_kg(server):
    """The graph loaded the way the server loads it (same base)."""
    return fhkg.load(base=server.base)


def _value(term) -> str:
    return "" if term is None else term.value


def test_flagship_via_sparqlwrapper_equals_fhkg_query(server, local_kg):
    q = catalogue()["municipalities-by-organisation"]
    expected = run(local_kg, q)
    client = SPARQLWrapper(server.url + "sparql")
    client.setQuery(bind(local_kg, q, {}))
    client.setReturnFormat(JSON)
    answer = client.query().convert()
    assert answer["head"]["vars"] == expected.variables
    got = [[b.get(v, {}).get("value", "") for v in expected.variables] for b in answer["results"]["bindings"]]
    assert got == [[_value(t) for t in row] for row in expected.rows]
    assert len(got) == 15


@pytest.mark.parametrize("fmt", [JSON, XML, CSV, TSV])
def test_sparqlwrapper_in_every_result_format(server, fmt):
    client = SPARQLWrapper(server.url + "sparql")
    client.setQuery("PREFIX fh: <https://w3id.org/familjen-helsingborg/ontology#> " + SELECT)
    client.setReturnFormat(fmt)
    result = client.query()
    body = result.response.read()
    assert result.response.status == 200
    assert body.count(b"kommun/12") >= 11 or body.count(b"12") >= 11


@pytest.mark.parametrize(
    "accept, media_type",
    [
        (None, "application/sparql-results+json"),
        ("application/sparql-results+json", "application/sparql-results+json"),
        ("application/sparql-results+xml", "application/sparql-results+xml"),
        ("text/csv", "text/csv; charset=utf-8"),
        ("text/tab-separated-values", "text/tab-separated-values; charset=utf-8"),
        ("application/json", "application/json"),
        ("text/csv;q=0.5, application/sparql-results+xml;q=0.9", "application/sparql-results+xml"),
        ("text/turtle, text/csv;q=0.1", "text/csv; charset=utf-8"),  # Turtle cannot carry a table
    ],
)
def test_select_result_formats_by_accept(server, accept, media_type):
    r = server.request("GET", "/sparql?" + urlencode({"query": SELECT}), {"Accept": accept} if accept else {})
    assert r.status == 200, r.text
    assert r.header("content-type") == media_type
    assert r.header("vary") == "Accept"
    if "json" in media_type:
        assert len(r.json()["results"]["bindings"]) == 11
    elif "xml" in media_type:
        assert r.body.count(b"<result>") == 11
    elif "csv" in media_type:
        rows = list(csv.reader(io.StringIO(r.text)))
        assert rows[0] == ["m", "code"] and len(rows) == 12
    else:
        lines = r.text.strip("\n").split("\n")
        assert lines[0] == "?m\t?code" and len(lines) == 12


@pytest.mark.parametrize("fmt, media_type", [("json", "application/sparql-results+json"), ("xml", "application/sparql-results+xml"), ("csv", "text/csv; charset=utf-8"), ("tsv", "text/tab-separated-values; charset=utf-8"), ("text/csv", "text/csv; charset=utf-8")])
def test_format_parameter_overrides_accept(server, fmt, media_type):
    r = server.request("GET", "/sparql?" + urlencode({"query": SELECT, "format": fmt}), {"Accept": "application/sparql-results+xml"})
    assert r.status == 200 and r.header("content-type") == media_type


@pytest.mark.parametrize(
    "accept, media_type, rdf_format",
    [
        (None, "text/turtle; charset=utf-8", ox.RdfFormat.TURTLE),
        ("text/turtle", "text/turtle; charset=utf-8", ox.RdfFormat.TURTLE),
        ("application/n-triples", "application/n-triples", ox.RdfFormat.N_TRIPLES),
        ("application/ld+json", "application/ld+json", ox.RdfFormat.JSON_LD),
        ("application/rdf+xml", "application/rdf+xml", ox.RdfFormat.RDF_XML),
    ],
)
def test_construct_and_describe_formats(server, accept, media_type, rdf_format):
    for query in (CONSTRUCT, f"DESCRIBE <{server.base}id/kommun/1276>"):
        r = server.request("POST", "/sparql", {"Content-Type": "application/sparql-query", **({"Accept": accept} if accept else {})}, query)
        assert r.status == 200, r.text
        assert r.header("content-type") == media_type
        triples = list(ox.parse(r.body, format=rdf_format))
        assert triples
        if query == CONSTRUCT:
            assert len(triples) >= 11


def test_ask_formats(server):
    q = urlencode({"query": "ASK { ?m a fh:Municipality }"})
    assert server.request("GET", f"/sparql?{q}").json() == {"head": {}, "boolean": True}
    xml = server.request("GET", f"/sparql?{q}", {"Accept": "application/sparql-results+xml"})
    assert xml.header("content-type") == "application/sparql-results+xml" and b"<boolean>true</boolean>" in xml.body
    assert server.request("GET", f"/sparql?{q}", {"Accept": "text/csv"}).status == 406


def test_406_for_types_the_endpoint_cannot_give(server):
    r = server.request("GET", "/sparql?" + urlencode({"query": SELECT}), {"Accept": "image/png"})
    assert r.status == 406 and "application/sparql-results+json" in r.text
    r = server.request("GET", "/sparql?" + urlencode({"query": CONSTRUCT}), {"Accept": "text/csv"})
    assert r.status == 406 and "text/turtle" in r.text
    assert server.request("GET", "/sparql?" + urlencode({"query": SELECT, "format": "yaml"})).status == 400


def test_post_form_and_direct(server):
    form = server.request("POST", "/sparql", {"Content-Type": "application/x-www-form-urlencoded"}, urlencode({"query": SELECT}))
    direct = server.request("POST", "/sparql", {"Content-Type": "application/sparql-query; charset=utf-8"}, SELECT)
    get = server.request("GET", "/sparql?" + urlencode({"query": SELECT}))
    assert form.status == direct.status == get.status == 200
    assert form.json() == direct.json() == get.json()


def test_non_ascii_query_text(server):
    q = 'SELECT ?m WHERE { ?m rdfs:label "Höganäs kommun"@sv }'
    r = server.request("POST", "/sparql", {"Content-Type": "application/sparql-query"}, q)
    assert r.status == 200 and len(r.json()["results"]["bindings"]) == 1


def test_dataset_parameters(server):
    data = "https://w3id.org/familjen-helsingborg/graph/data"
    onto = "https://w3id.org/familjen-helsingborg/graph/ontology"
    q = "SELECT (COUNT(*) AS ?n) WHERE { ?s a owl:Class }"
    def count(**params):
        r = server.request("GET", "/sparql?" + urlencode({"query": q, **params}, doseq=True))
        return int(r.json()["results"]["bindings"][0]["n"]["value"])
    assert count() > 0  # the default graph is the union
    assert count(**{"default-graph-uri": [data]}) == 0
    assert count(**{"default-graph-uri": [onto]}) == count()
    named = "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }"
    r = server.request("GET", "/sparql?" + urlencode({"query": named, "named-graph-uri": onto}))
    assert [b["g"]["value"] for b in r.json()["results"]["bindings"]] == [onto]
    r = server.request("GET", "/sparql?" + urlencode({"query": f"SELECT (COUNT(*) AS ?n) FROM <{data}> WHERE {{ ?s a owl:Class }}"}))
    assert r.json()["results"]["bindings"][0]["n"]["value"] == "0"  # FROM in the query is honoured


def test_malformed_query_is_400_with_the_parser_message(server):
    r = server.request("GET", "/sparql?query=" + quote("SELECT ?x WHERE { ?x ?y }"))
    assert r.status == 400
    assert "invalid SPARQL: line 1, column 25: expected an object" in r.text  # where, and what was expected
    assert "Traceback" not in r.text


@pytest.mark.parametrize(
    "method, path, headers, body",
    [
        ("GET", "/sparql?update=" + quote("CLEAR ALL"), {}, None),
        ("POST", "/sparql", {"Content-Type": "application/x-www-form-urlencoded"}, "update=" + quote("INSERT DATA { <a:b> <a:c> <a:d> }")),
        ("POST", "/sparql", {"Content-Type": "application/sparql-update"}, "CLEAR ALL"),
        ("POST", "/sparql", {"Content-Type": "application/sparql-update; charset=utf-8"}, "DROP ALL"),
    ],
)
def test_updates_are_refused(server, method, path, headers, body):
    r = server.request(method, path, headers, body)
    assert r.status == 403
    assert "read-only" in r.text
    still = server.request("GET", "/sparql?" + urlencode({"query": "ASK { ?m a fh:Municipality }"}))
    assert still.json()["boolean"] is True


@pytest.mark.parametrize(
    "headers, body, status",
    [
        ({"Content-Type": "text/plain"}, "ASK {}", 415),
        ({}, "query=ASK%20%7B%7D", 415),
        ({"Content-Type": "application/sparql-query; charset=UTF-16"}, "ASK {}".encode("utf-16"), 415),
        ({"Content-Type": "application/x-www-form-urlencoded"}, "nothing=1", 400),
    ],
)
def test_bad_posts(server, headers, body, status):
    r = server.request("POST", "/sparql", headers, body)
    assert r.status == status and "Traceback" not in r.text


def test_cors_on_the_endpoint(server):
    r = server.request("GET", "/sparql?" + urlencode({"query": "ASK {}"}), {"Origin": "https://example.org"})
    assert r.header("access-control-allow-origin") == "*"


# ------------------------------------------------------------------ service description
def _sd(server, accept="text/turtle", fmt="turtle") -> Graph:
    r = server.request("GET", "/sparql", {"Accept": accept})
    assert r.status == 200, r.text
    assert r.header("content-type").split(";")[0] == accept
    return Graph().parse(data=r.body, format=fmt)


def test_service_description_returns_rdf_with_the_endpoint(server):
    """The W3C service-description tests: returns-rdf and has-endpoint-triple."""
    g = _sd(server)
    endpoint = URIRef(server.url + "sparql")
    assert (endpoint, RDF.type, SD.Service) in g
    assert (endpoint, SD.endpoint, endpoint) in g
    assert (endpoint, SD.supportedLanguage, SD.SPARQL11Query) in g
    assert (endpoint, SD.supportedLanguage, SD.SPARQL11Update) not in g  # read-only
    assert (endpoint, SD.feature, SD.UnionDefaultGraph) in g
    names = {str(o) for o in g.objects(None, SD.name)}
    assert "https://w3id.org/familjen-helsingborg/graph/data" in names


def test_service_description_conforms_to_the_schema(server, shared_vocab):
    """The W3C conforms-to-schema test: every sd: term is defined, and domains/ranges hold."""
    g = _sd(server)
    schema = Graph().parse(shared_vocab / "w3c-ns" / "sparql-service-description.ttl")
    manifest = Graph().parse(shared_vocab / "sparql11-service-description" / "manifest.ttl")
    assert len(set(manifest.subjects(RDF.type, URIRef("http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#ServiceDescriptionTest")))) == 3
    defined = set(schema.subjects())
    types = {s: set(g.objects(s, RDF.type)) for s in set(g.subjects())}

    def instance_of(node, cls) -> bool:
        have = set(types.get(node, set())) | set(schema.objects(node, RDF.type))
        frontier = set(have)
        while frontier:  # rdfs:subClassOf closure
            frontier = {sup for c in frontier for sup in schema.objects(c, RDFS.subClassOf)} - have
            have |= frontier
        return cls in have

    for s, p, o in g:
        for term in (p, o) if p != RDF.type else (o,):
            if isinstance(term, URIRef) and str(term).startswith(str(SD)):
                assert term in defined, f"{term} is not in the SD vocabulary"
        if str(p).startswith(str(SD)):
            for domain in schema.objects(p, RDFS.domain):
                assert instance_of(s, domain), f"{s} {p}: subject is not a {domain}"
            for range_ in schema.objects(p, RDFS.range):
                if str(range_).startswith(str(SD)):
                    assert instance_of(o, range_), f"{p} {o}: object is not a {range_}"


@pytest.mark.parametrize("accept, fmt", [("application/n-triples", "nt"), ("application/ld+json", "json-ld"), ("application/rdf+xml", "xml")])
def test_service_description_in_other_formats(server, accept, fmt):
    g = _sd(server, accept, fmt)
    assert (URIRef(server.url + "sparql"), SD.endpoint, URIRef(server.url + "sparql")) in g


def test_service_description_for_a_browser_is_the_ui(server):
    r = server.request("GET", "/sparql", {"Accept": "text/html,application/xhtml+xml,*/*;q=0.8"})
    assert r.status == 303 and r.header("location") == "/sparql/ui"
    assert server.request("GET", "/sparql", {"Accept": "image/png"}).status == 406
    head = server.request("HEAD", "/sparql", {"Accept": "text/turtle"})
    assert head.status == 200 and head.body == b"" and int(head.header("content-length")) > 0


def test_a_body_over_the_cap_is_413(server):
    from fhkg.server.limits import MAX_BODY

    r = server.request("POST", "/sparql", {"Content-Type": "application/sparql-query"}, b"#" * (MAX_BODY + 1))
    assert r.status == 413 and f"{MAX_BODY >> 10} KiB" in r.text
    assert server.request("POST", "/sparql", {"Content-Type": "application/sparql-query"}, "ASK {}" + " " * 1000).status == 200


def test_service_is_refused(server):
    q = "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }"
    r = server.request("GET", "/sparql?" + urlencode({"query": q}))
    assert r.status == 400 and "SERVICE" in r.text


@pytest.mark.parametrize("method", ["GET", "POST"])
def test_an_update_sent_as_a_query_is_refused_as_read_only(server, method):
    update = "INSERT DATA { <http://example.org/a> <http://example.org/b> <http://example.org/c> }"
    if method == "GET":
        r = server.get("/sparql?" + urlencode({"query": update}))
    else:
        r = server.request("POST", "/sparql", {"Content-Type": "application/sparql-query"}, update)
    assert r.status == 403 and "read-only" in r.text
