"""fhkg.io.jsonld: the compact JSON-LD of the site's twins reads back, by rdflib and by
pyoxigraph, as exactly the triples it was written from (integers and booleans become JSON
numbers and booleans only where that is lossless), and its bytes depend only on the graph."""

from __future__ import annotations

import json
import random

import pyoxigraph as ox
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rdflib import Graph
from rdflib.compare import isomorphic

from fhkg.graph.rdflib_bridge import to_rdflib
from fhkg.io.jsonld import compact
from fhkg.terms import prefixes

from .test_roundtrip import iris, literals

XSD = "http://www.w3.org/2001/XMLSchema#"
CONTEXT = prefixes()
RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
oddities = st.sampled_from(
    [
        ox.Literal("011", datatype=ox.NamedNode(XSD + "integer")),  # not canonical: must stay a typed string
        ox.Literal("-0", datatype=ox.NamedNode(XSD + "integer")),
        ox.Literal("+5", datatype=ox.NamedNode(XSD + "integer")),
        ox.Literal("100000000000000000000", datatype=ox.NamedNode(XSD + "integer")),  # beyond a double's integers
        ox.Literal("1", datatype=ox.NamedNode(XSD + "boolean")),
        ox.Literal("true", datatype=ox.NamedNode(XSD + "boolean")),
        ox.Literal("1.0E2", datatype=ox.NamedNode(XSD + "double")),
        ox.Literal("2024", datatype=ox.NamedNode(XSD + "gYear")),
    ]
)
triples = st.lists(st.builds(ox.Triple, iris, iris | st.just(RDF_TYPE), iris | literals | oddities), min_size=1, max_size=12)


def written(ts: list[ox.Triple]) -> bytes:
    return json.dumps(compact(ts, CONTEXT), ensure_ascii=False, sort_keys=True).encode("utf-8")


@settings(max_examples=150, deadline=None)
@given(triples)
def test_reads_back_as_the_same_triples(ts: list[ox.Triple]) -> None:
    payload = written(ts)
    assert {q.triple for q in ox.parse(payload, format=ox.RdfFormat.JSON_LD)} == set(ts)
    expected = Graph()
    for t in ts:
        expected.add((to_rdflib(t.subject), to_rdflib(t.predicate), to_rdflib(t.object)))
    assert isomorphic(Graph().parse(data=payload, format="json-ld"), expected)


@settings(max_examples=50, deadline=None)
@given(triples, st.integers(0, 2**32))
def test_the_bytes_do_not_depend_on_the_order(ts: list[ox.Triple], seed: int) -> None:
    shuffled = list(ts)
    random.Random(seed).shuffle(shuffled)
    assert written(shuffled) == written(ts)


def test_compact_iris_types_and_native_values() -> None:
    s = ox.NamedNode("https://w3id.org/familjen-helsingborg/id/kommun/1276")
    doc = compact(
        [
            ox.Triple(s, RDF_TYPE, ox.NamedNode("https://w3id.org/familjen-helsingborg/ontology#Municipality")),
            ox.Triple(s, ox.NamedNode("https://schema.org/value"), ox.Literal("17000", datatype=ox.NamedNode(XSD + "integer"))),
            ox.Triple(s, ox.NamedNode("https://schema.org/value"), ox.Literal("011", datatype=ox.NamedNode(XSD + "integer"))),
            ox.Triple(s, ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label"), ox.Literal("Klippans kommun", language="sv")),
            ox.Triple(s, ox.NamedNode("http://xmlns.com/foaf/0.1/homepage"), ox.NamedNode("https://www.klippan.se")),
        ],
        CONTEXT,
    )
    assert doc["@id"] == "kommun:1276" and doc["@type"] == "fh:Municipality"
    assert doc["schema:value"] == [17000, {"@type": "xsd:integer", "@value": "011"}]
    assert doc["rdfs:label"] == {"@language": "sv", "@value": "Klippans kommun"}
    assert doc["foaf:homepage"] == {"@id": "https://www.klippan.se"}


def test_blank_nodes_are_refused() -> None:
    with pytest.raises(ValueError, match="named nodes and literals only"):
        compact([ox.Triple(ox.BlankNode(), RDF_TYPE, ox.NamedNode("http://ex/C"))], CONTEXT)
