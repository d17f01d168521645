"""rdflib's SPARQL processor with each query parsed once (:mod:`fhkg.shacl.prepared`), as the
reference engine runs pySHACL: the same answers as rdflib's own processor, one translation per
text, and rdflib's processor back afterwards."""

from __future__ import annotations

import pytest
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib import plugin as rdflib_plugin
from rdflib.plugins.sparql.processor import SPARQLProcessor
from rdflib.query import Processor

from fhkg.shacl import prepared

EX = Namespace("http://example.org/")
QUERY = "SELECT ?o WHERE { $this <http://example.org/p> ?o }"


@pytest.fixture
def graph() -> Graph:
    g = Graph()
    for s, o in [("a", "1"), ("a", "2"), ("b", "3")]:
        g.add((EX[s], EX.p, Literal(o)))
    return g


@pytest.fixture(autouse=True)
def fresh(monkeypatch):
    monkeypatch.setattr(prepared.ParsedOnce, "translated", {})


def answers(g: Graph, text: str, **bindings) -> set:
    return {tuple(row) for row in g.query(text, initBindings=bindings)}


def test_each_text_is_translated_once_and_answered_as_rdflib_answers(graph):
    expected = {this: answers(graph, QUERY, this=EX[this]) for this in ("a", "b", "c")}
    assert expected["a"] == {(Literal("1"),), (Literal("2"),)} and expected["c"] == set()
    with prepared.parsed_once():
        got = {this: answers(graph, QUERY, this=EX[this]) for this in ("a", "b", "c")}
        assert len(prepared.ParsedOnce.translated) == 1  # three focus nodes, one translation
        first = next(iter(prepared.ParsedOnce.translated.values()))
        answers(graph, QUERY, this=EX.a)
        assert next(iter(prepared.ParsedOnce.translated.values())) is first
    assert got == expected


def test_the_graphs_prefixes_are_part_of_the_key():
    """A prefix the query does not declare is the graph's: the same text means another IRI."""
    one, other = Graph(), Graph()
    one.bind("x", "http://one.example/")
    other.bind("x", "http://other.example/")
    for g, ns in ((one, "http://one.example/"), (other, "http://other.example/")):
        g.add((URIRef(ns + "s"), URIRef(ns + "p"), Literal(ns)))
    text = "SELECT ?o WHERE { x:s x:p ?o }"
    with prepared.parsed_once():
        assert answers(one, text) == {(Literal("http://one.example/"),)}
        assert answers(other, text) == {(Literal("http://other.example/"),)}
    assert len(prepared.ParsedOnce.translated) == 2


def test_the_base_is_part_of_the_key_and_resolves_the_query_s_relative_iris(graph):
    text = "SELECT ?o WHERE { <a> <p> ?o }"
    expected = {base: {tuple(r) for r in graph.query(text, base=base)} for base in (EX, "http://other.example/")}
    assert expected[EX] == {(Literal("1"),), (Literal("2"),)} and expected["http://other.example/"] == set()
    with prepared.parsed_once():
        assert {base: {tuple(r) for r in graph.query(text, base=base)} for base in expected} == expected
    assert len(prepared.ParsedOnce.translated) == 2


def test_a_query_already_translated_is_evaluated_as_it_is(graph):
    from rdflib.plugins.sparql import prepareQuery

    query = prepareQuery(QUERY)
    with prepared.parsed_once():
        assert {tuple(r) for r in graph.query(query, initBindings={"this": EX.b})} == {(Literal("3"),)}
    assert prepared.ParsedOnce.translated == {}


def test_rdflibs_processor_is_back_after_the_block_even_after_an_error(graph):
    assert rdflib_plugin.get("sparql", Processor) is SPARQLProcessor
    with pytest.raises(RuntimeError), prepared.parsed_once():
        assert rdflib_plugin.get("sparql", Processor) is prepared.ParsedOnce
        raise RuntimeError("stop")
    assert rdflib_plugin.get("sparql", Processor) is SPARQLProcessor
    answers(graph, QUERY, this=EX.a)
    assert prepared.ParsedOnce.translated == {}  # rdflib's own processor answered


def test_a_nested_block_leaves_the_outer_one_in_place():
    with prepared.parsed_once():
        with prepared.parsed_once():
            pass
        assert rdflib_plugin.get("sparql", Processor) is prepared.ParsedOnce
    assert rdflib_plugin.get("sparql", Processor) is SPARQLProcessor


def test_at_most_kept_translations_the_oldest_dropped_first(graph, monkeypatch):
    monkeypatch.setattr(prepared, "KEPT", 2)
    texts = [f"SELECT ?o WHERE {{ $this <http://example.org/p> ?o }} LIMIT {n}" for n in (1, 2, 3)]
    with prepared.parsed_once():
        for n, text in enumerate(texts, 1):
            assert len(answers(graph, text, this=EX.a)) == min(n, 2)  # ?this has two values
    assert [key[0] for key in prepared.ParsedOnce.translated] == texts[1:]


def test_the_reference_engine_parses_each_sparql_constraint_once(monkeypatch):
    """pySHACL asks for a constraint's text once per focus node; rdflib parses it once."""
    import pyoxigraph as ox

    import fhkg
    from fhkg.shacl.reference import violations
    from fhkg.validation import shapes_graph

    parsed: list[str] = []
    real = prepared.parseQuery
    monkeypatch.setattr(prepared, "parseQuery", lambda text: parsed.append(text) or real(text))
    kg = fhkg.load()
    sg = shapes_graph(base=kg.base)
    sparql = {t.object for t in sg.triples if t.predicate == ox.NamedNode("http://www.w3.org/ns/shacl#sparql")}
    assert violations(kg.to_rdflib(), sg) == []
    assert parsed and len(parsed) == len(set(parsed)) <= len(sparql)
