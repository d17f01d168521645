"""The shapes graph as the engine reads it (:mod:`fhkg.shacl.shapes`): which nodes are shapes
(SHACL 1.0, 2.1: declared, targeted, the subject of a parameter, or the value of a
shape-expecting parameter),
RDF lists, the description of a blank-node path, property paths of every kind, and what a shape
holds: its constraints (one per value where a parameter may repeat), implicit class targets,
messages, severity, and shapes that refer to each other."""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from fhkg.shacl.shapes import RDF, SH, VIOLATION, Path, ShapesGraph

EX = "http://example.org/"
PREFIXES = "@prefix sh: <http://www.w3.org/ns/shacl#> . @prefix ex: <http://example.org/> . @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> . @prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .\n"


def graph(ttl: str) -> ShapesGraph:
    return ShapesGraph(ox.parse((PREFIXES + ttl).encode(), format=ox.RdfFormat.TURTLE))


def ex(name: str) -> ox.NamedNode:
    return ox.NamedNode(EX + name)


def test_every_kind_of_shape_is_found_and_nothing_else():
    g = graph("""
    ex:Declared a sh:NodeShape .
    ex:DeclaredProperty a sh:PropertyShape .
    ex:ByClass sh:targetClass ex:C .
    ex:ByNode sh:targetNode ex:x .
    ex:BySubjects sh:targetSubjectsOf ex:p .
    ex:ByObjects sh:targetObjectsOf ex:p .
    ex:WithPath sh:path ex:p .
    ex:Host sh:property ex:InProperty ; sh:node ex:InNode ; sh:not ex:InNot ;
        sh:qualifiedValueShape ex:InQualified ; sh:and ( ex:InAnd ) ; sh:or ( ex:InOr1 ex:InOr2 ) ; sh:xone ( ex:InXone ) .
    ex:Literal sh:node "not a node" .
    ex:Counted sh:minCount 1 .
    ex:Querying sh:sparql [ sh:select "SELECT $this WHERE { }" ] .
    ex:Other ex:p ex:q ; a ex:Thing ; sh:message "no parameter" ; sh:severity sh:Info .
    """)
    found = [s.node for s in g.shapes()]
    expected = sorted(["ByClass", "ByNode", "ByObjects", "BySubjects", "Declared", "DeclaredProperty", "Host", "InAnd", "InNode", "InNot", "InOr1", "InOr2", "InProperty", "InQualified", "InXone", "WithPath", "Counted", "Querying", "Literal"])
    assert found == [ex(n) for n in expected]  # the literal value of ex:Literal's sh:node is none; ex:Other uses no parameter


def test_shapes_come_iris_first_then_blank_nodes():
    g = graph("ex:B sh:targetNode ex:x ; sh:property [ sh:path ex:p ] . ex:A sh:targetNode ex:y .")
    nodes = [s.node for s in g.shapes()]
    assert nodes[:2] == [ex("A"), ex("B")] and len(nodes) == 3 and isinstance(nodes[2], ox.BlankNode)


def test_a_triple_given_twice_is_kept_once_and_none_after_it_is_lost():
    t = [ox.Triple(ex("s"), ex("p"), ex(o)) for o in ("a", "b", "c")]
    g = ShapesGraph([t[0], t[1], ox.Quad(ex("s"), ex("p"), ex("b"), ex("g")), t[1], t[2]])
    assert g.triples == t
    assert g.objects(ex("s"), EX + "p") == [ex("a"), ex("b"), ex("c")]


def test_objects_value_subjects_and_types():
    g = graph("ex:s a ex:T, sh:NodeShape ; ex:p 1, 2 . ex:t a ex:Other ; ex:q 3 . ex:u ex:q 4 .")
    assert g.objects(ex("s"), EX + "p") == [ox.Literal("1", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer")), ox.Literal("2", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer"))]
    assert g.objects(ex("nobody"), EX + "p") == [] and g.value(ex("s"), EX + "q") is None
    assert sorted(g.subjects_with(EX + "q"), key=str) == [ex("t"), ex("u")]
    assert g.has_type(ex("s"), SH + "NodeShape") and g.has_type(ex("s"), EX + "T")
    assert not g.has_type(ex("t"), SH + "NodeShape") and not g.has_type(ex("u"), EX + "Other")


def test_rdf_lists_named_or_blank_cyclic_or_with_a_gap():
    g = graph("""
    ex:s ex:blank ( ex:a ex:b ex:c ) ; ex:empty () .
    ex:l1 rdf:first ex:a ; rdf:rest ex:l2 . ex:l2 rdf:first ex:b ; rdf:rest rdf:nil .
    ex:c1 rdf:first ex:a ; rdf:rest ex:c2 . ex:c2 rdf:first ex:b ; rdf:rest ex:c1 .
    ex:g1 rdf:first ex:a ; rdf:rest ex:g2 . ex:g2 rdf:rest ex:g3 . ex:g3 rdf:first ex:c ; rdf:rest rdf:nil .
    """)
    assert g.items(g.value(ex("s"), EX + "blank")) == [ex("a"), ex("b"), ex("c")]
    assert g.items(g.value(ex("s"), EX + "empty")) == []
    assert g.items(ex("l1")) == [ex("a"), ex("b")]  # list nodes that are IRIs
    assert g.items(ex("c1")) == [ex("a"), ex("b")]  # a cycle ends where it began
    assert g.items(ex("g1")) == [ex("a"), ex("c")]  # a node without rdf:first adds nothing
    assert g.items(None) == [] and g.items(ox.NamedNode(RDF + "nil")) == []


def test_a_nodes_description_follows_blank_nodes_once_each():
    g = graph("""
    ex:S sh:path _:p .
    _:p sh:alternativePath ( ex:a _:inv _:inv ) .
    _:inv sh:inversePath ex:b ; ex:loop _:p ; ex:leaf _:leaf .
    ex:a ex:not ex:followed .
    """)
    path = g.value(ex("S"), SH + "path")
    described = g.describe(path)
    assert len(described) == len(set(described))
    shown = {(str(t.subject) if isinstance(t.subject, ox.NamedNode) else "b", t.predicate.value.rsplit("#", 1)[-1].rsplit("/", 1)[-1], str(t.object) if not isinstance(t.object, ox.BlankNode) else "b") for t in described}
    assert shown == {("b", "alternativePath", "b"), ("b", "first", f"<{EX}a>"), ("b", "rest", "b"), ("b", "first", "b"), ("b", "rest", f"<{RDF}nil>"), ("b", "inversePath", f"<{EX}b>"), ("b", "loop", "b"), ("b", "leaf", "b")}
    # three list nodes (first, rest) + the path's alternativePath + the inverse's three triples
    assert len(described) == 3 * 2 + 1 + 3
    assert g.describe(ex("a")) == [ox.Triple(ex("a"), ex("not"), ex("followed"))]
    # a blank node met twice (here taken from the stack second) ends nothing: the others follow
    twice = graph("ex:X ex:q1 _:b2 ; ex:q2 _:b1 ; ex:q3 _:b1 . _:b1 ex:r 1 . _:b2 ex:r 2 .")
    assert sorted(t.object.value for t in twice.describe(ex("X")) if t.predicate == ex("r")) == ["1", "2"]


def test_paths_of_every_kind_keep_their_node():
    g = graph("""
    ex:S sh:property ex:P1, ex:P2, ex:P3, ex:P4 .
    ex:P1 sh:path ex:p .
    ex:P2 sh:path [ sh:inversePath [ sh:alternativePath ( ex:a [ sh:zeroOrMorePath ex:b ] ) ] ] .
    ex:P3 sh:path ( ex:a [ sh:oneOrMorePath [ sh:inversePath ex:b ] ] [ sh:zeroOrOnePath ex:c ] ) .
    ex:P4 sh:path [ sh:alternativePath ( [ sh:inversePath ex:a ] ex:b ) ] .
    """)
    p1, p2, p3, p4 = (g.shape(ex(n)).path for n in ("P1", "P2", "P3", "P4"))
    assert p1 == Path("predicate", ex("p"), iri=ex("p"))
    assert p2.sparql() == f"^(<{EX}a>|(<{EX}b>)*)"
    assert p3.sparql() == f"(<{EX}a>/(^<{EX}b>)+/(<{EX}c>)?)"
    assert p4.sparql() == f"(^<{EX}a>|<{EX}b>)"
    # each part keeps its node in the shapes graph (the report copies a blank-node path from it)
    for path in (p2, p3, p4):
        todo = [path]
        while todo:
            part = todo.pop()
            assert part.node is not None and (part.kind != "predicate" or part.node == part.iri)
            assert isinstance(part.node, ox.BlankNode) == (part.kind != "predicate")
            todo += part.parts
    assert p2.node == g.value(ex("P2"), SH + "path") and p4.parts[0].node == g.items(g.value(p4.node, SH + "alternativePath"))[0]


def test_a_node_that_is_no_path_is_refused_by_name():
    g = graph("ex:S sh:path _:nothing . _:nothing ex:p ex:q .")
    node = g.value(ex("S"), SH + "path")
    with pytest.raises(ValueError, match=rf"^not a SHACL property path: {node}$"):
        g.shape(ex("S"))


@pytest.mark.parametrize(
    ("types", "implicit"),
    [("rdfs:Class, sh:NodeShape", True), ("rdfs:Class, sh:PropertyShape", True), ("sh:NodeShape", False), ("sh:PropertyShape", False), ("rdfs:Class, ex:Other", False)],
)
def test_an_implicit_class_target_needs_a_class_that_is_a_shape(types, implicit):
    g = graph(f"ex:K a {types} ; sh:minCount 1 ; sh:path ex:p .")
    assert g.shape(ex("K")).implicit_class is implicit
    assert g.shape(ex("K")).has_targets is implicit


def test_constraints_one_per_value_where_a_parameter_repeats_else_the_first():
    g = graph("""
    ex:S sh:path ex:p ; sh:class ex:A, ex:B ; sh:minCount 1 ; sh:minCount 2 ; sh:pattern "^a", "b$" ; sh:flags "i" ;
        sh:in ( 1 2 ) ; sh:languageIn ( "sv" "en" ) ; sh:closed true ; sh:ignoredProperties ( rdf:type ) .
    """)
    got = [(c.component, {k: (sorted(str(x) for x in v) if isinstance(v, list) else str(v) if v is not None else None) for k, v in c.params.items()}) for c in g.shape(ex("S")).constraints]
    integer = "^^<http://www.w3.org/2001/XMLSchema#integer>"
    assert got == [
        ("ClassConstraintComponent", {"class": f"<{EX}A>"}),
        ("ClassConstraintComponent", {"class": f"<{EX}B>"}),
        ("MinCountConstraintComponent", {"minCount": f'"1"{integer}'}),
        ("PatternConstraintComponent", {"pattern": '"^a"', "flags": '"i"'}),
        ("PatternConstraintComponent", {"pattern": '"b$"', "flags": '"i"'}),
        ("LanguageInConstraintComponent", {"languageIn": ['"en"', '"sv"']}),
        ("ClosedConstraintComponent", {"closed": '"true"^^<http://www.w3.org/2001/XMLSchema#boolean>', "ignoredProperties": [f"<{RDF}type>"]}),
        ("InConstraintComponent", {"in": [f'"1"{integer}', f'"2"{integer}']}),
    ]


def test_a_closed_false_and_a_qualified_count_without_its_shape_add_nothing_and_stop_nothing():
    g = graph("""
    ex:S sh:path ex:p ; sh:closed false ; sh:qualifiedMinCount 1 ; sh:qualifiedMaxCount 2 ; sh:hasValue ex:v ; sh:in ( ex:v ) .
    ex:Q sh:path ex:p ; sh:qualifiedMinCount 1 ; sh:qualifiedMaxCount 2 ; sh:qualifiedValueShape ex:V ; sh:qualifiedValueShapesDisjoint true .
    """)
    assert [c.component for c in g.shape(ex("S")).constraints] == ["HasValueConstraintComponent", "InConstraintComponent"]
    q = g.shape(ex("Q")).constraints
    assert [c.component for c in q] == ["QualifiedMinCountConstraintComponent", "QualifiedMaxCountConstraintComponent"]
    assert all(c.params["qualifiedValueShape"] == ex("V") and c.params["qualifiedValueShapesDisjoint"] == ox.Literal("true", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#boolean")) for c in q)


def test_messages_severity_deactivation_and_sparql_constraints():
    g = graph("""
    ex:S sh:targetNode ex:x ; sh:message "fel"@sv, "wrong"@en, ex:notText ; sh:severity sh:Warning ; sh:deactivated true ; sh:sparql _:c .
    _:c sh:select "SELECT $this WHERE { }" .
    ex:T sh:targetNode ex:x ; sh:severity "loud" ; sh:deactivated "yes" .
    """)
    s, t = g.shape(ex("S")), g.shape(ex("T"))
    assert s.messages == [ox.Literal("fel", language="sv"), ox.Literal("wrong", language="en")]
    assert (s.severity, s.deactivated, s.sparql) == (ox.NamedNode(SH + "Warning"), True, [g.value(ex("S"), SH + "sparql")])
    assert (t.severity, t.deactivated, t.messages, t.sparql) == (VIOLATION, False, [], [])


def test_shapes_that_refer_to_each_other_are_the_same_objects():
    g = graph("ex:A sh:targetNode ex:x ; sh:property ex:B . ex:B sh:path ex:p ; sh:property ex:A .")
    a = g.shape(ex("A"))
    (b,) = a.property_shapes
    assert b.node == ex("B") and b.property_shapes == [a] and b.property_shapes[0] is a
    assert g.shape(ex("B")) is b
