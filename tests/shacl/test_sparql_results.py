"""SHACL-SPARQL constraint results, exactly: for each solution of a constraint's SELECT, the focus
node (``$this``), the source shape, the path (the shape's, or ``?path``), ``sh:value`` (``?value``,
or the focus node when the query binds none), the severity, the source constraint (the
``sh:sparql`` node) and the message with its ``{?var}`` placeholders filled in; pySHACL, the
reference, reports the same results (tests/shacl/test_differential.py compares the engines on more
shapes, but none of those constraints binds ``?value`` to anything but the focus node's values)."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest

import fhkg
from fhkg.graph import GRAPHS, parse_file
from fhkg.shacl.shapes import SH, ShapesGraph
from fhkg.validation import validate

HERE = Path(__file__).parent
EX = "http://example.org/"
INT = "<http://www.w3.org/2001/XMLSchema#integer>"

#: (source shape, focus node, severity, path, sh:value) of every result
EXPECTED = sorted(
    [
        (f"<{EX}NoValueShape>", f"<{EX}b>", "Violation", "", f"<{EX}b>"),  # no ?value: the focus node
        (f"<{EX}PartnerShape>", f"<{EX}a>", "Warning", "", f"<{EX}stone>"),  # ?value: another node
        (f"<{EX}WeightShape>", f"<{EX}a>", "Violation", f"<{EX}weight>", f'"-3"^^{INT}'),  # $PATH, ?value
        (f"<{EX}CodeShape>", f"<{EX}a>", "Info", f"<{EX}code>", '"x"'),  # ?path bound
        (f"<{EX}CodeShape>", f"<{EX}b>", "Info", f"<{EX}code>", '"x"'),
    ]
)


@pytest.fixture(scope="module")
def shapes() -> ShapesGraph:
    return ShapesGraph(ox.Triple(q.subject, q.predicate, q.object) for q in parse_file(HERE / "sparql-shapes.ttl", GRAPHS["shapes"]))


@pytest.fixture(scope="module")
def kg():
    return fhkg.load([HERE / "sparql-data.ttl"], shipped=False)


def _keys(report) -> list[tuple]:
    return sorted((shape, focus, severity, path, value) for shape, focus, component, severity, path, value in (r.key() for r in report.results) if component == "SPARQLConstraintComponent")


def test_every_result_of_a_sparql_constraint_exactly(kg, shapes):
    report = validate(kg, shapes=shapes)
    assert _keys(report) == EXPECTED
    assert len(report.results) == len(EXPECTED) and not report.conforms


def test_pyshacl_reports_the_same_results(kg, shapes):
    assert _keys(validate(kg, shapes=shapes, engine="pyshacl")) == EXPECTED


def test_the_source_constraint_the_path_and_the_filled_in_message(kg, shapes):
    report = validate(kg, shapes=shapes)
    by_shape = {}
    for r in report.results:
        by_shape.setdefault(r.shape.value.removeprefix(EX), []).append(r)
    for name, results in by_shape.items():
        constraint = shapes.value(ox.NamedNode(EX + name), SH + "sparql")
        assert constraint is not None and all(r.constraint == constraint for r in results), name
    (partner,) = by_shape["PartnerShape"]
    assert partner.messages == {"": f"<{EX}a> is paired with <{EX}stone>, which is no gadget"}
    assert partner.result_path is None and partner.path is None
    (no_value,) = by_shape["NoValueShape"]
    assert no_value.messages == {"en": f"<{EX}b> has no name", "sv": f"<{EX}b> saknar namn"}
    (weight,) = by_shape["WeightShape"]
    assert weight.messages == {"": "weight -3 is negative"} and weight.result_path is None
    assert weight.path is not None and weight.path.node == ox.NamedNode(EX + "weight")
    assert {r.result_path for r in by_shape["CodeShape"]} == {ox.NamedNode(EX + "code")}
    assert {r.message("en") for r in by_shape["CodeShape"]} == {"The condition does not hold."}  # no sh:message: the default


def test_the_w3c_report_carries_sh_value_and_sh_source_constraint(kg, shapes):
    report = validate(kg, shapes=shapes)
    triples = report.triples()
    by_node: dict = {}
    for t in triples:
        by_node.setdefault(t.subject, {}).setdefault(t.predicate.value.removeprefix(SH), []).append(t.object)
    rows = sorted(
        (str(p["sourceShape"][0]), str(p["focusNode"][0]), str(p["value"][0]), str(p["resultPath"][0]) if "resultPath" in p else "", p["sourceConstraint"][0] == shapes.value(p["sourceShape"][0], SH + "sparql"))
        for p in by_node.values()
        if "focusNode" in p
    )
    assert rows == sorted((shape, focus, value, path, True) for shape, focus, _, path, value in EXPECTED)


EXPECTED_REPORT = """
@prefix sh: <http://www.w3.org/ns/shacl#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix ex: <http://example.org/> .

[] a sh:ValidationReport ;
    sh:conforms "false"^^xsd:boolean ;
    sh:result [
        a sh:ValidationResult ; sh:focusNode ex:a ; sh:resultPath ex:code ; sh:resultSeverity sh:Info ; sh:value "x" ;
        sh:resultMessage "Villkoret håller inte."@sv, "The condition does not hold."@en ;
        sh:sourceConstraint _:code ; sh:sourceConstraintComponent sh:SPARQLConstraintComponent ; sh:sourceShape ex:CodeShape
    ], [
        a sh:ValidationResult ; sh:focusNode ex:b ; sh:resultPath ex:code ; sh:resultSeverity sh:Info ; sh:value "x" ;
        sh:resultMessage "Villkoret håller inte."@sv, "The condition does not hold."@en ;
        sh:sourceConstraint _:code ; sh:sourceConstraintComponent sh:SPARQLConstraintComponent ; sh:sourceShape ex:CodeShape
    ], [
        a sh:ValidationResult ; sh:focusNode ex:b ; sh:resultSeverity sh:Violation ; sh:value ex:b ;
        sh:resultMessage "<http://example.org/b> saknar namn"@sv, "<http://example.org/b> has no name"@en ;
        sh:sourceConstraint [] ; sh:sourceConstraintComponent sh:SPARQLConstraintComponent ; sh:sourceShape ex:NoValueShape
    ], [
        a sh:ValidationResult ; sh:focusNode ex:a ; sh:resultSeverity sh:Warning ; sh:value ex:stone ;
        sh:resultMessage "<http://example.org/a> is paired with <http://example.org/stone>, which is no gadget" ;
        sh:sourceConstraint [] ; sh:sourceConstraintComponent sh:SPARQLConstraintComponent ; sh:sourceShape ex:PartnerShape
    ], [
        a sh:ValidationResult ; sh:focusNode ex:a ; sh:resultPath ex:weight ; sh:resultSeverity sh:Violation ; sh:value -3 ;
        sh:resultMessage "weight -3 is negative" ;
        sh:sourceConstraint [] ; sh:sourceConstraintComponent sh:SPARQLConstraintComponent ; sh:sourceShape ex:WeightShape
    ] .
"""


def _isomorphic(report, expected: str) -> bool:
    from rdflib import Graph
    from rdflib.compare import isomorphic

    return isomorphic(report.graph, Graph().parse(data=expected, format="turtle")) and isomorphic(Graph().parse(data=report.to_turtle(), format="turtle"), report.graph)


def test_the_w3c_report_is_exactly_the_expected_graph(kg, shapes):
    report = validate(kg, shapes=shapes)
    assert _isomorphic(report, EXPECTED_REPORT)
    assert report.to_turtle().startswith("# SHACL validation report (W3C sh:ValidationReport) written by fhkg validate.\n")
    assert {str(t.subject) for t in report.triples() if t.predicate.value == SH + "result"} == {"_:report"}
    assert sorted(str(t.object) for t in report.triples() if t.predicate.value == SH + "result") == [f"_:result{i}" for i in range(1, 6)]
    boolean = ox.NamedNode("http://www.w3.org/2001/XMLSchema#boolean")
    assert [t.object for t in report.triples() if t.predicate.value == SH + "conforms"] == [ox.Literal("false", datatype=boolean)]
    # the labels of the focus nodes, for the report's text
    assert report.labels == {ox.NamedNode(EX + "a"): {"en": "Gadget A", "sv": "Apparat A"}}


def test_a_conforming_report(kg, shapes):
    report = validate(kg, shapes=shapes, focus_nodes=[ox.NamedNode(EX + "c")])
    assert report.conforms and report.results == []
    assert _isomorphic(report, "@prefix sh: <http://www.w3.org/ns/shacl#> . [] a sh:ValidationReport ; sh:conforms true .")
    assert [t.object for t in report.triples() if t.predicate.value == SH + "conforms"] == [ox.Literal("true", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#boolean"))]


INVERSE = """
@prefix sh: <http://www.w3.org/ns/shacl#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix ex: <http://example.org/> .
ex:SeenFromShape a sh:NodeShape ;
    sh:targetNode ex:a ;
    sh:property ex:SeenFrom .
ex:SeenFrom sh:path [ sh:inversePath rdfs:seeAlso ] ;
    sh:severity sh:Warning ;
    sh:sparql [
        sh:message "{?value} points here"@en ;
        sh:select "SELECT $this ?value WHERE { $this $PATH ?value . }"
    ] , [
        sh:message "also {?value}"@en, "också {?value}"@sv ;
        sh:select "SELECT $this ?value WHERE { $this $PATH ?value . }"
    ] .
"""


def test_a_blank_node_path_is_shown_and_copied_into_the_w3c_report(tmp_path):
    from rdflib import URIRef
    from rdflib.namespace import RDFS
    from rdflib.namespace import SH as RSH

    (tmp_path / "shapes.ttl").write_text(INVERSE, encoding="utf-8")
    (tmp_path / "data.ttl").write_text("<http://example.org/b> <http://www.w3.org/2000/01/rdf-schema#seeAlso> <http://example.org/a> .\n", encoding="utf-8")
    shapes = ShapesGraph(ox.Triple(q.subject, q.predicate, q.object) for q in parse_file(tmp_path / "shapes.ttl", GRAPHS["shapes"]))
    kg = fhkg.load([tmp_path / "data.ttl"], shipped=False)
    for engine in ("fast", "pyshacl"):
        report = validate(kg, shapes=shapes, engine=engine)
        assert [r.key() for r in report.results] == [(f"<{EX}SeenFrom>", f"<{EX}a>", "SPARQLConstraintComponent", "Warning", "^rdfs:seeAlso", f"<{EX}b>")] * 2, engine
    report = validate(kg, shapes=shapes)
    assert sorted(r.messages["en"] for r in report.results) == [f"<{EX}b> points here", f"also <{EX}b>"]
    assert [r.messages.get("sv") for r in report.results if "sv" in r.messages] == [f"också <{EX}b>"]
    assert report.conforms  # warnings only
    triples = report.triples()
    assert len(triples) == len(set(triples))  # the path is described once, whatever refers to it
    g = report.graph
    assert len(set(g.subjects(None, RSH.ValidationResult))) == 2 and len(set(g.objects(None, RSH.result))) == 2
    paths = set(g.objects(None, RSH.resultPath))
    assert len(paths) == 1  # both results name the same path node, described once
    (path,) = paths
    assert list(g.predicate_objects(path)) == [(RSH.inversePath, RDFS.seeAlso)]
    assert set(g.objects(None, RSH.value)) == {URIRef(EX + "b")}


EDGES = """
@prefix sh: <http://www.w3.org/ns/shacl#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix ex: <http://example.org/> .
ex:two sh:declare [ sh:prefix "ex" ; sh:namespace "http://example.org/"^^xsd:anyURI ] ,
                  [ sh:prefix "rdfs" ; sh:namespace "http://www.w3.org/2000/01/rdf-schema#"^^xsd:anyURI ] .
ex:EdgeShape a sh:NodeShape ;
    sh:targetNode ex:b ;
    sh:sparql [
        sh:prefixes ex:two ;
        sh:message "{$this} sees {?value}{?nothing}, path {?path}" ;
        sh:select "SELECT $this ?value ?nothing ('not an IRI' AS ?path) WHERE { $this rdfs:seeAlso ?value . FILTER(?value = ex:a) }"
    ] .
# a core constraint: the shape's own message and names, and the default message when it has none
ex:NamedShape a sh:PropertyShape ;
    sh:targetNode ex:b ;
    sh:path rdfs:label ;
    sh:minCount 1 ;
    sh:name "Formen"@sv, "The shape"@en ;
    sh:message "Ett namn saknas"@sv ;
    sh:severity ex:NoSuchSeverity .
ex:QuietShape a sh:PropertyShape ;
    sh:targetNode ex:b ;
    sh:path rdfs:comment ;
    sh:minCount 1 .
"""


def test_messages_prefixes_and_a_path_that_is_no_iri(tmp_path):
    (tmp_path / "shapes.ttl").write_text(EDGES, encoding="utf-8")
    (tmp_path / "data.ttl").write_text("<http://example.org/b> <http://www.w3.org/2000/01/rdf-schema#seeAlso> <http://example.org/a> .\n", encoding="utf-8")
    shapes = ShapesGraph(ox.Triple(q.subject, q.predicate, q.object) for q in parse_file(tmp_path / "shapes.ttl", GRAPHS["shapes"]))
    kg = fhkg.load([tmp_path / "data.ttl"], shipped=False)
    results = {r.shape.value.removeprefix(EX): r for r in validate(kg, shapes=shapes).results}
    edge = results["EdgeShape"]
    # two declared prefixes; an unbound placeholder shows as nothing; a ?path that is no IRI is no result path
    assert edge.messages == {"": f"<{EX}b> sees <{EX}a>, path not an IRI"}
    assert edge.value == ox.NamedNode(EX + "a") and edge.result_path is None and edge.path is None
    named = results["NamedShape"]
    assert (named.messages, named.shape_names, named.severity, named.component) == ({"sv": "Ett namn saknas"}, {"sv": "Formen", "en": "The shape"}, "Violation", "MinCountConstraintComponent")
    quiet = results["QuietShape"]
    assert quiet.messages == {"sv": "För få värden.", "en": "Too few values."} and quiet.shape_names == {}
