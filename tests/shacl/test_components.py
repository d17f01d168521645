"""SPARQL-based constraint components (SHACL 1.0, section 6): a shapes graph declares a component
with ``sh:parameter`` and a SPARQL validator, and shapes use it as they use the Core components.

Before, the Oxigraph engine ignored such components without a word (the data "conformed") while
pySHACL applied them. Each case below says, written by hand from the specification, which
results it must give (focus node, shape, value, message); the Oxigraph engine must give exactly
those, and pySHACL the same where it follows the specification (it leaves out the value of an
ASK validator's result on a property shape, and uses one value of a parameter given several).
"""

from __future__ import annotations

import subprocess
import sys

import pyoxigraph as ox
import pytest

import fhkg
from fhkg.errors import UsageError
from fhkg.graph import GRAPHS, parse_file
from fhkg.shacl.shapes import ShapesGraph
from fhkg.validation import validate

EX = "http://example.org/"
HEAD = "@prefix sh: <http://www.w3.org/ns/shacl#> . @prefix ex: <http://example.org/> . @prefix xsd: <http://www.w3.org/2001/XMLSchema#> .\n@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n"

PREFIX = """ex:Prefix a sh:ConstraintComponent ; sh:parameter [ sh:path ex:prefix ] ;
  sh:validator [ a sh:SPARQLAskValidator ; sh:message "{$value} does not start with {$prefix}" ;
                 sh:ask "ASK { FILTER (STRSTARTS(STR($value), $prefix)) }" ] .
"""
CODES = "ex:a a ex:C ; ex:code \"FH-1\" . ex:b a ex:C ; ex:code \"X-2\", \"FH-3\" .\n"


def lit(text: str, lang: str | None = None) -> str:
    return str(ox.Literal(text, language=lang) if lang else ox.Literal(text))


def iri(local: str) -> str:
    return f"<{EX}{local}>"


#: name: (shapes, data, the results — (focus, shape, value, message) —, whether pySHACL is compared
#: on the value too)
CASES = {
    # an ASK validator on a node shape, two parameters: the value node is the focus node
    "ask-node-shape": (
        """ex:Concat a sh:ConstraintComponent ; sh:parameter [ sh:path ex:first ], [ sh:path ex:second ] ;
             sh:validator [ a sh:SPARQLAskValidator ; sh:message "{$value} is not {$first}{$second}" ;
                            sh:ask "ASK { FILTER (STR($value) = CONCAT($first, $second)) }" ] .
           ex:S a sh:NodeShape ; ex:first "Hello " ; ex:second "World" ; sh:targetNode "Hallo Welt", "Hello World" .""",
        "ex:x ex:y ex:z .",
        {(lit("Hallo Welt"), iri("S"), lit("Hallo Welt"), "Hallo Welt is not Hello World")},
        True,
    ),
    # an optional parameter: unbound where the shape does not give it; a shape without the
    # mandatory one has no constraint of the component
    "optional-parameter": (
        """ex:Neither a sh:ConstraintComponent ; sh:parameter [ sh:path ex:required ], [ sh:path ex:optional ; sh:optional true ] ;
             sh:validator [ sh:ask "ASK { FILTER ($value != $required && $value != COALESCE(?optional, 'Three')) }" ] .
           ex:S1 a sh:NodeShape ; ex:required "One" ; sh:targetNode "One", "Two", "Three" .
           ex:S2 a sh:NodeShape ; ex:required "One" ; ex:optional "Two" ; sh:targetNode "One", "Two", "Three" .
           ex:S3 a sh:NodeShape ; ex:optional "One" ; sh:targetNode "One" .""",
        "ex:x ex:y ex:z .",
        {
            (lit("One"), iri("S1"), lit("One"), None),
            (lit("Three"), iri("S1"), lit("Three"), None),
            (lit("One"), iri("S2"), lit("One"), None),
            (lit("Two"), iri("S2"), lit("Two"), None),
        },
        True,
    ),
    # a SELECT validator of a node shape: each solution is a result, its value the focus node
    "node-validator": (
        """ex:Needs a sh:ConstraintComponent ; sh:parameter [ sh:path ex:needs ] ;
             sh:nodeValidator [ a sh:SPARQLSelectValidator ; sh:message "{$this} has no code {$needs}" ;
                                sh:select "SELECT DISTINCT $this WHERE { $this ?p ?o . FILTER NOT EXISTS { $this ex:code ?needs } }" ;
                                sh:prefixes ex:declared ] .
           ex:declared sh:declare [ sh:prefix "ex" ; sh:namespace "http://example.org/"^^xsd:anyURI ] .
           ex:S a sh:NodeShape ; ex:needs "FH-1" ; sh:targetClass ex:C .""",
        CODES,
        {(iri("b"), iri("S"), iri("b"), "<http://example.org/b> has no code FH-1")},
        True,
    ),
    # a SELECT validator of property shapes: $PATH is each shape's path
    "property-validator": (
        """ex:Lang a sh:ConstraintComponent ; sh:parameter [ sh:path ex:lang ] ;
             sh:propertyValidator [ a sh:SPARQLSelectValidator ; sh:message "{?value} is not in {$lang}" ;
               sh:select "SELECT DISTINCT $this ?value WHERE { $this $PATH ?value . FILTER (!isLiteral(?value) || !langMatches(lang(?value), $lang)) }" ] .
           ex:S a sh:NodeShape ; sh:targetClass ex:C ; sh:property ex:EnShape, ex:SvShape .
           ex:EnShape sh:path ex:en ; ex:lang "en" .
           ex:SvShape sh:path ex:sv ; ex:lang "sv" .""",
        'ex:a a ex:C ; ex:en "Hello"@en ; ex:sv "Hej"@sv . ex:b a ex:C ; ex:en "Munich" ; ex:sv "Hej"@sv, "Hi"@en .',
        {(iri("b"), iri("EnShape"), lit("Munich"), "Munich is not in en"), (iri("b"), iri("SvShape"), lit("Hi", "en"), "Hi is not in sv")},
        True,
    ),
    # an ASK validator on a property shape: one result per value node that fails, with its value
    # (pySHACL leaves the value out here)
    "ask-property-shape": (
        PREFIX + "ex:S a sh:NodeShape ; sh:targetClass ex:C ; sh:property ex:CodeShape . ex:CodeShape sh:path ex:code ; ex:prefix \"FH-\" .",
        CODES,
        {(iri("b"), iri("CodeShape"), lit("X-2"), "X-2 does not start with FH-")},
        False,
    ),
    # an ASK validator with declared prefixes, $PATH (each shape's path) and {$this} in its message:
    # a code is the focus node's only value of the path
    "ask-path-and-prefixes": (
        """ex:Only a sh:ConstraintComponent ; sh:parameter [ sh:path ex:only ] ;
             sh:validator [ sh:message "{$this} has another value than {$value}" ; sh:prefixes ex:declared ;
                            sh:ask "ASK { FILTER NOT EXISTS { $this $PATH ?other FILTER (?other != $value && ?other != ex:none) } }" ] .
           ex:declared sh:declare [ sh:prefix "ex" ; sh:namespace "http://example.org/"^^xsd:anyURI ] .
           ex:S a sh:NodeShape ; sh:targetClass ex:C ; sh:property ex:CodeShape . ex:CodeShape sh:path ex:code ; ex:only true .""",
        CODES,
        {(iri("b"), iri("CodeShape"), lit("X-2"), "<http://example.org/b> has another value than X-2"), (iri("b"), iri("CodeShape"), lit("FH-3"), "<http://example.org/b> has another value than FH-3")},
        False,
    ),
    # a SELECT validator of a property shape that returns no ?value: a result without a value
    "property-validator-without-value": (
        """ex:Some a sh:ConstraintComponent ; sh:parameter [ sh:path ex:some ] ;
             sh:propertyValidator [ sh:select "SELECT DISTINCT $this WHERE { $this $PATH ?v . FILTER (STRSTARTS(STR(?v), $some)) }" ] .
           ex:S a sh:NodeShape ; sh:targetClass ex:C ; sh:property ex:CodeShape . ex:CodeShape sh:path ex:code ; ex:some "X-" .""",
        CODES,
        {(iri("b"), iri("CodeShape"), None, None)},
        True,
    ),
    # $currentShape is the shape whose constraint it is
    "current-shape": (
        """ex:Tagged a sh:ConstraintComponent ; sh:parameter [ sh:path ex:tag ] ;
             sh:nodeValidator [ sh:select "SELECT $this WHERE { $this a ?t FILTER (STRENDS(STR($currentShape), $tag)) }" ] .
           ex:S a sh:NodeShape ; sh:targetClass ex:C ; ex:tag "/S" .
           ex:T a sh:NodeShape ; sh:targetClass ex:C ; ex:tag "/S" .""",
        CODES,
        {(iri("a"), iri("S"), iri("a"), None), (iri("b"), iri("S"), iri("b"), None)},
        True,
    ),
    # a component in a shape reached through sh:node: the outer shape reports sh:node
    "inside-sh-node": (
        PREFIX
        + """ex:S a sh:NodeShape ; sh:targetClass ex:Whole ; sh:property ex:PartsShape .
             ex:PartsShape sh:path ex:part ; sh:node ex:PartShape .
             ex:PartShape a sh:NodeShape ; sh:property ex:CodeShape . ex:CodeShape sh:path ex:code ; ex:prefix "FH-" .""",
        CODES + "ex:w1 a ex:Whole ; ex:part ex:a . ex:w2 a ex:Whole ; ex:part ex:a, ex:b .",
        {(iri("w2"), iri("PartsShape"), iri("b"), None)},
        True,
    ),
    # the shape's severity; a deactivated shape reports nothing
    "severity-and-deactivated": (
        PREFIX
        + """ex:S a sh:NodeShape ; sh:targetClass ex:C ; sh:property ex:CodeShape . ex:CodeShape sh:path ex:code ; ex:prefix "X-" ; sh:severity sh:Warning .
             ex:Off a sh:NodeShape ; sh:targetClass ex:C ; sh:property ex:OffShape . ex:OffShape sh:path ex:code ; ex:prefix "Z-" ; sh:deactivated true .""",
        CODES,
        {(iri("a"), iri("CodeShape"), lit("FH-1"), "FH-1 does not start with X-"), (iri("b"), iri("CodeShape"), lit("FH-3"), "FH-3 does not start with X-")},
        False,
    ),
}


def load(tmp_path, shapes: str, data: str):
    (tmp_path / "shapes.ttl").write_text(HEAD + shapes, encoding="utf-8")
    (tmp_path / "data.ttl").write_text(HEAD + data, encoding="utf-8")
    kg = fhkg.load([tmp_path / "data.ttl"], shipped=False)
    return kg, shapes_of(tmp_path / "shapes.ttl")


def shapes_of(path) -> ShapesGraph:
    return ShapesGraph(ox.Triple(q.subject, q.predicate, q.object) for q in parse_file(path, GRAPHS["shapes"]))


@pytest.mark.parametrize("name", sorted(CASES))
def test_the_oxigraph_engine_gives_the_results_the_specification_says(name, tmp_path):
    shapes, data, results, _ = CASES[name]
    kg, sg = load(tmp_path, shapes, data)
    report = validate(kg, shapes=sg)
    got = {(str(r.focus), str(r.shape), str(r.value) if r.value is not None else None) for r in report.results}
    assert got == {(f, s, v) for f, s, v, _ in results}
    for r in report.results:
        message = next(m for f, s, v, m in results if (f, s) == (str(r.focus), str(r.shape)) and v == (str(r.value) if r.value is not None else None))
        if message is not None:
            assert r.message("en") == message
        if r.component != "NodeConstraintComponent":
            assert r.component_iri is not None and r.component_iri.value.startswith(EX)  # the component's own IRI
    assert report.conforms == all(r.severity != "Violation" for r in report.results)


@pytest.mark.parametrize("name", sorted(CASES))
def test_pyshacl_agrees(name, tmp_path):
    shapes, data, _, with_value = CASES[name]
    kg, sg = load(tmp_path, shapes, data)
    fast, reference = validate(kg, shapes=sg), validate(kg, shapes=sg, engine="pyshacl")

    def keys(report):  # as sets: pySHACL runs a SELECT validator once per value node, and reports a result once per run
        return {r.key() if with_value else r.key()[:-1] for r in report.results}

    assert keys(fast) == keys(reference)


def test_a_parameter_given_twice_is_two_constraints(tmp_path):
    kg, sg = load(tmp_path, PREFIX + 'ex:S a sh:NodeShape ; sh:targetClass ex:C ; sh:property ex:CodeShape . ex:CodeShape sh:path ex:code ; ex:prefix "FH-", "X-" .', CODES)
    got = sorted((str(r.focus), str(r.value), r.message("en")) for r in validate(kg, shapes=sg).results)
    assert got == [
        (iri("a"), lit("FH-1"), "FH-1 does not start with X-"),
        (iri("b"), lit("FH-3"), "FH-3 does not start with X-"),
        (iri("b"), lit("X-2"), "X-2 does not start with FH-"),
    ]


def test_a_blank_node_shape_uses_components_and_leaves_current_shape_unbound(tmp_path):
    """The usual property shape, ``sh:property [ … ]``; its ``$currentShape`` cannot be written
    in a query, so it stays unbound there (a known difference: pySHACL binds it)."""
    shapes = PREFIX + (
        "ex:Unbound a sh:ConstraintComponent ; sh:parameter [ sh:path ex:unbound ] ;\n"
        '  sh:validator [ sh:ask "ASK { FILTER (bound($currentShape) || STRSTARTS(STR($value), \'FH-\')) }" ] .\n'
        'ex:S a sh:NodeShape ; sh:targetClass ex:C ; sh:property [ sh:path ex:code ; ex:prefix "FH-" ], [ sh:path ex:code ; ex:unbound true ] .'
    )
    kg, sg = load(tmp_path, shapes, CODES)
    got = sorted((str(r.focus), str(r.value), r.component) for r in validate(kg, shapes=sg).results)
    assert got == [(iri("b"), lit("X-2"), EX + "Prefix"), (iri("b"), lit("X-2"), EX + "Unbound")]


def test_a_component_without_a_validator_for_the_shape_s_kind_is_ignored(tmp_path):
    """SHACL 1.0, 6.2.3: a node shape using a component that has only a property validator."""
    shapes = """ex:Lang a sh:ConstraintComponent ; sh:parameter [ sh:path ex:lang ] ;
      sh:propertyValidator [ sh:select "SELECT $this ?value WHERE { $this $PATH ?value FILTER (lang(?value) != $lang) }" ] .
      ex:S a sh:NodeShape ; sh:targetClass ex:C ; ex:lang "en" ."""
    kg, sg = load(tmp_path, shapes, CODES)
    report = validate(kg, shapes=sg)
    assert report.conforms and report.results == []
    kg, sg = load(tmp_path, shapes.replace('ex:S a sh:NodeShape ; sh:targetClass ex:C ; ex:lang "en"', 'ex:S a sh:NodeShape ; sh:targetClass ex:C ; sh:property [ sh:path ex:code ; ex:lang "en" ]'), CODES)
    assert len(validate(kg, shapes=sg).results) == 3  # the same component on a property shape: every code


def test_a_component_may_be_an_instance_of_a_subclass_of_sh_constraint_component(tmp_path):
    """As in the W3C tests (a class below a class below sh:ConstraintComponent); an instance of
    another class in the shapes graph is no component."""
    shapes = PREFIX.replace("ex:Prefix a sh:ConstraintComponent", "ex:Prefix a ex:MyComponent") + (
        "ex:MyComponent rdfs:subClassOf ex:Component . ex:Component rdfs:subClassOf sh:ConstraintComponent .\n"
        "ex:Other a rdfs:Class ; rdfs:subClassOf ex:Unrelated . ex:thing a ex:Other .\n"
        'ex:S a sh:NodeShape ; sh:targetClass ex:C ; sh:property ex:CodeShape . ex:CodeShape sh:path ex:code ; ex:prefix "FH-" .'
    )
    kg, sg = load(tmp_path, shapes, CODES)
    assert [c.iri.value for c in sg.components()] == [EX + "Prefix"]
    assert [(str(r.focus), str(r.value)) for r in validate(kg, shapes=sg).results] == [(iri("b"), lit("X-2"))]


def test_a_shape_that_uses_one_of_two_components_gets_that_one(tmp_path):
    """The components are tried in IRI order; one the shape does not use (or has no validator for
    its kind) does not stop the next."""
    unused = """ex:AUnused a sh:ConstraintComponent ; sh:parameter [ sh:path ex:unused ] ; sh:validator [ sh:ask "ASK { FILTER (false) }" ] .
      ex:BNodeOnly a sh:ConstraintComponent ; sh:parameter [ sh:path ex:prefix ] ; sh:nodeValidator [ sh:select "SELECT $this WHERE { FILTER (false) }" ] .
    """
    kg, sg = load(tmp_path, unused + PREFIX + 'ex:S a sh:NodeShape ; sh:targetClass ex:C ; sh:property ex:CodeShape . ex:CodeShape sh:path ex:code ; ex:prefix "FH-" .', CODES)
    assert [c.iri.value for c in sg.components()] == [EX + "AUnused", EX + "BNodeOnly", EX + "Prefix"]
    assert [(str(r.focus), str(r.value), r.component) for r in validate(kg, shapes=sg).results] == [(iri("b"), lit("X-2"), EX + "Prefix")]


def test_sh_optional_1_is_true_and_the_first_of_the_validators_is_used(tmp_path):
    """The first in the order of their N-Triples text: IRIs by IRI, then blank nodes."""
    shapes = """ex:C2 a sh:ConstraintComponent ; sh:parameter [ sh:path ex:prefix ], [ sh:path ex:suffix ; sh:optional "1"^^xsd:boolean ] ;
      sh:validator ex:V2, ex:V1, [ sh:ask "ASK { FILTER (false) }" ] .
      ex:V1 sh:ask "ASK { FILTER (STRSTARTS(STR($value), $prefix)) }" .
      ex:V2 sh:ask "ASK { FILTER (false) }" .
      ex:S a sh:NodeShape ; sh:targetClass ex:C ; sh:property ex:CodeShape . ex:CodeShape sh:path ex:code ; ex:prefix "FH-" ."""
    kg, sg = load(tmp_path, shapes, CODES)
    (component,) = sg.components()
    assert [(p.name, p.optional) for p in component.parameters] == [("prefix", False), ("suffix", True)]
    assert component.validators["validator"].node == ox.NamedNode(EX + "V1")
    assert [(str(r.focus), str(r.value)) for r in validate(kg, shapes=sg).results] == [(iri("b"), lit("X-2"))]


def test_shacl_s_own_component_declarations_are_no_components_and_do_not_hide_others(tmp_path):
    """A shapes file that copies shacl.ttl's declarations of the Core components: those are no
    SPARQL-based components (they sort before an https IRI, which is still read)."""
    shapes = PREFIX.replace("ex:Prefix", "<https://example.org/Prefix>") + (
        "sh:MinCountConstraintComponent a sh:ConstraintComponent ; sh:parameter [ sh:path sh:minCount ] .\n"
        'ex:S a sh:NodeShape ; sh:targetClass ex:C ; sh:property ex:CodeShape . ex:CodeShape sh:path ex:code ; ex:prefix "FH-" .'
    )
    kg, sg = load(tmp_path, shapes, CODES)
    assert [c.iri.value for c in sg.components()] == ["https://example.org/Prefix"]
    assert [(str(r.focus), str(r.value)) for r in validate(kg, shapes=sg).results] == [(iri("b"), lit("X-2"))]


def test_the_report_names_the_component_by_its_iri(tmp_path):
    kg, sg = load(tmp_path, *CASES["ask-property-shape"][:2])
    report = validate(kg, shapes=sg)
    triples = set(report.triples())
    assert any(t.predicate.value.endswith("#sourceConstraintComponent") and t.object == ox.NamedNode(EX + "Prefix") for t in triples)
    assert f'"sourceConstraintComponent": "<{EX}Prefix>"' in report.to_json("en")
    assert "X-2 does not start with FH-" in report.text("en")


#: a validator's query that assigns a parameter, one whose subquery does not return two of the
#: pre-bound variables, and the beginning of every refusal of a component
ASSIGNS = "SELECT $this WHERE { $this ex:q ?x BIND (?x AS ?p) }"
SUBQUERY = "SELECT $this WHERE { { SELECT ?x WHERE { ?x ?q $p } } }"
C = "the constraint component <http://example.org/C> is refused: "
CC = "ex:C a sh:ConstraintComponent ; "
ASK = 'sh:validator [ sh:ask "ASK {}" ] .'
DECLARED = " ex: sh:declare [ sh:prefix 'ex' ; sh:namespace 'http://example.org/'^^xsd:anyURI ] ."
#: (shapes, the exact refusal)
BAD = [
    ('_:c a sh:ConstraintComponent ; sh:parameter [ sh:path ex:p ] ; ' + ASK, "a SPARQL-based constraint component (_:"),
    (CC + ASK, C + "it declares no sh:parameter (SHACL 1.0, section 6)"),
    (CC + "sh:parameter [ sh:path 'ex:p' ] ; " + ASK, C + "each sh:parameter needs exactly one sh:path, an IRI (SHACL 1.0, section 6)"),
    (CC + "sh:parameter [ sh:path ex:p, ex:q ] ; " + ASK, C + "each sh:parameter needs exactly one sh:path, an IRI (SHACL 1.0, section 6)"),
    (CC + "sh:parameter [ sh:path ex:p ; sh:optional true ] ; " + ASK, C + "every parameter is optional; at least one must be mandatory (SHACL 1.0, section 6)"),
    (CC + "sh:parameter [ sh:path ex:value ] ; " + ASK, C + "the parameter <http://example.org/value> would bind the variable ?value, which SHACL binds itself; choose a property with another local name (SHACL 1.0, section 6)"),
    (CC + "sh:parameter [ sh:path <http://example.org/first-name> ] ; " + ASK, C + "the parameter <http://example.org/first-name> would bind the variable ?first-name, which is not a SPARQL variable name; choose a property with another local name (SHACL 1.0, section 6)"),
    (CC + "sh:parameter [ sh:path ex:a ], [ sh:path ex:p ], [ sh:path <http://example.com/p> ] ; " + ASK, C + "two parameters bind the same variable ?p (SHACL 1.0, section 6)"),
    (CC + "sh:parameter [ sh:path ex:p ] .", C + "it has no validator (sh:validator, sh:nodeValidator or sh:propertyValidator) (SHACL 1.0, section 6)"),
    (CC + 'sh:parameter [ sh:path ex:p ] ; sh:propertyValidator [ a sh:SPARQLAskValidator ; sh:ask "ASK {}" ] .', C + "its sh:propertyValidator must be a SELECT-based validator (one sh:select) (SHACL 1.0, section 6)"),
    (CC + 'sh:parameter [ sh:path ex:p ] ; sh:validator [ sh:select "SELECT $this WHERE {}" ] .', C + "its sh:validator must be an ASK-based validator (one sh:ask) (SHACL 1.0, section 6)"),
    (CC + 'sh:parameter [ sh:path ex:p ] ; sh:validator [ sh:ask "ASK {}" ; sh:select "SELECT $this WHERE {}" ] .', C + "its sh:validator must be an ASK-based validator (one sh:ask) (SHACL 1.0, section 6)"),
    (CC + 'sh:parameter [ sh:path ex:p ] ; sh:validator [ sh:ask "ASK {}", "ASK { ?s ?p ?o }" ] .', C + "its sh:validator must be an ASK-based validator (one sh:ask) (SHACL 1.0, section 6)"),
    (CC + "sh:parameter [ sh:path ex:p ] ; sh:validator [ sh:ask ex:query ] .", C + "its sh:validator must be an ASK-based validator (one sh:ask) (SHACL 1.0, section 6)"),
    (
        CC + 'sh:parameter [ sh:path ex:p ] ; sh:validator [ sh:ask "SELECT * WHERE {}" ] .',
        "the SPARQL of the sh:validator of component <http://example.org/C> (sh:ask) is refused: sh:ask holds a SELECT query; write a ASK query",
    ),
    (
        CC + 'sh:parameter [ sh:path ex:p ] ; sh:validator [ sh:ask "ASK { FILTER (?value = $p) } LIMIT 1" ] .',
        "the SPARQL of the sh:validator of component <http://example.org/C> (sh:ask) is refused: an ASK validator's query ends at its WHERE group here "
        "(no GROUP BY, HAVING, ORDER BY, LIMIT or OFFSET after it); fold the condition into the group",
    ),
    (
        CC + f'sh:parameter [ sh:path ex:p ] ; sh:nodeValidator [ sh:select "{ASSIGNS}" ; sh:prefixes ex: ] .' + DECLARED,
        f"the SPARQL of the sh:nodeValidator of component <http://example.org/C> (sh:select) is refused: AS ?p (line 1, column {ASSIGNS.index('?p)') + 1}) "
        "assigns a variable that is pre-bound (SHACL 1.0, section 5.3.1); name it differently",
    ),
    (
        CC + f'sh:parameter [ sh:path ex:p ] ; sh:nodeValidator [ sh:select "{SUBQUERY}" ] .',
        f"the SPARQL of the sh:nodeValidator of component <http://example.org/C> (sh:select) is refused: the subquery's SELECT (line 1, column {SUBQUERY.index('SELECT', 1) + 1}) "
        "does not project $this, $p: a subquery must return every pre-bound variable (SHACL 1.0, section 5.3.1); name $this, $p in its SELECT",
    ),
    (
        CC + 'sh:parameter [ sh:path ex:p ] ; sh:nodeValidator [ sh:select "SELECT $this WHERE { SERVICE <http://example.org/s> { $this ?p ?o } }" ] .',
        "the SPARQL of the sh:nodeValidator of component <http://example.org/C> (sh:select) is refused: SERVICE",
    ),
    (
        'ex:S a sh:NodeShape ; sh:targetClass ex:C ; sh:sparql ex:Cons . ex:Cons sh:select "SELECT $this FROM <http://example.org/g> WHERE { $this ?p ?o }" .',
        "the SPARQL of shape <http://example.org/S> (sh:select) is refused: FROM (line 1, column 14) names a dataset, but a shape's query runs on the data graph it validates; remove it",
    ),
    (
        'ex:S a sh:NodeShape ; sh:targetClass ex:C ; sh:sparql [ sh:select "ASK { $this ?p ?o }" ] .',
        "the SPARQL of shape <http://example.org/S> (sh:select) is refused: sh:select holds a ASK query; write a SELECT query",
    ),
    (
        'ex:S a sh:NodeShape ; sh:target [ a sh:SPARQLTarget ; sh:select "SELECT ?this FROM <http://example.org/g> WHERE { ?this ?p ?o }" ] .',
        "the SPARQL of shape <http://example.org/S> (sh:select) is refused: FROM (line 1, column 14) names a dataset",
    ),
    (
        'ex:S a sh:NodeShape ; sh:rule [ a sh:SPARQLRule ; sh:construct "CONSTRUCT { $this ?p ?o } WHERE { SERVICE <http://example.org/s> { $this ?p ?o } }" ] .',
        "the SPARQL of shape <http://example.org/S> (sh:construct) is refused: SERVICE",
    ),
    (
        'ex:Cons sh:select "SELECT $this FROM <http://example.org/g> WHERE { $this ?p ?o }" . ex:S a sh:NodeShape ; sh:targetClass ex:C ; sh:sparql ex:Cons .',
        "the SPARQL of shape <http://example.org/S> (sh:select) is refused: FROM",
    ),
    ('ex:Orphan sh:select "SELECT $this FROM <http://example.org/g> WHERE { $this ?p ?o }" .', "the SPARQL of shape <http://example.org/Orphan> (sh:select) is refused: FROM"),
    (CC + "sh:parameter [ sh:path ex:p ] ; " + ASK + " _:c a sh:ConstraintComponent ; sh:parameter [ sh:path ex:q ] ; " + ASK, "a SPARQL-based constraint component (_:"),
    (
        'ex:S a sh:NodeShape ; sh:targetNode ex:a ; sh:sparql [ sh:select "SELECT $this WHERE { $this a fh:Municipality }" ] .',
        "the SPARQL of shape <http://example.org/S> (sh:select) is refused: invalid SPARQL: line 1, column 30: the prefix 'fh:' is not declared",
    ),
    (
        'ex:S a sh:NodeShape ; sh:targetClass ex:C ; sh:sparql [ sh:select "SELECT $this WHERE { $this ?p ?o FILTER (!bound($shapesGraph)) }" ] .',
        "the SPARQL of shape <http://example.org/S> (sh:select) is refused: $shapesGraph (line 1, column 49) names the shapes graph, which fhkg does not give a shape's query "
        "(SHACL 1.0, section 5.3.1 leaves it to the processor); write the values it would read into the query or a parameter",
    ),
    (CC + 'sh:parameter [ sh:path ex:p ] ; sh:validator [ sh:ask "ASK { GRAPH ?shapesGraph { ?s ?p $value } }" ] .', "the SPARQL of the sh:validator of component <http://example.org/C> (sh:ask) is refused: $shapesGraph (line 1, column 13)"),
    ('[] sh:select "SELECT $this WHERE { $this ex:p ?o }" .', "the SPARQL of a shape (sh:select) is refused: invalid SPARQL: line 1, column 28: the prefix 'ex:' is not declared"),
    (
        'ex:S a sh:NodeShape ; sh:targetClass ex:C ; sh:sparql [ sh:prefixes ex: ; sh:select "SELECT $this WHERE { $this ex:p ?o }" ] . ex: sh:declare [ sh:prefix "ex" ] .',
        "the SPARQL of shape <http://example.org/S> (sh:select) is refused: invalid SPARQL: line 1, column 28: the prefix 'ex:' is not declared",
    ),
]


@pytest.mark.parametrize(("shapes", "refusal"), BAD, ids=range(len(BAD)))
def test_an_ill_formed_component_or_query_is_refused_before_either_engine_runs(shapes, refusal, tmp_path):
    kg, sg = load(tmp_path, shapes, CODES)
    for engine in ("fast", "pyshacl"):
        with pytest.raises(UsageError) as e:
            validate(kg, shapes=sg, engine=engine)
        assert str(e.value).startswith(refusal)


def test_the_refusals_shorten_iris_under_the_instance_base(tmp_path):
    """Under ``--base``, the instance prefixes (``kommun:`` …) name a component or shape there."""
    base = "https://example.org/"
    data = tmp_path / "data.ttl"
    data.write_text(HEAD + CODES, encoding="utf-8")
    kg = fhkg.load([data], shipped=False, base=base)
    for shapes, refusal in [
        (f'<{base}id/kommun/C> a sh:ConstraintComponent ; sh:parameter [ sh:path ex:p ] ; sh:validator [ sh:ask "ASK {{ FILTER ($value != 1) }} LIMIT 1" ] .', "the SPARQL of the sh:validator of component kommun:C (sh:ask)"),
        (f'<{base}id/kommun/S> a sh:NodeShape ; sh:targetClass ex:C ; sh:sparql [ sh:select "SELECT $this FROM <{base}g> WHERE {{ $this ?p ?o }}" ] .', "the SPARQL of shape kommun:S (sh:select)"),
    ]:
        (tmp_path / "shapes.ttl").write_text(HEAD + shapes, encoding="utf-8")
        with pytest.raises(UsageError) as e:
            validate(kg, shapes=shapes_of(tmp_path / "shapes.ttl"))
        assert str(e.value).startswith(refusal + " is refused: ")


def test_fhkg_validate_applies_a_user_s_component_to_the_shipped_graph(tmp_path):
    """End to end, as a user runs it: a component forbidding a label's beginning, on Bjuv."""
    from fhkg.terms import DEFAULT_BASE

    def run(prefix: str):
        path = tmp_path / "shapes.ttl"
        path.write_text(
            HEAD
            + PREFIX
            + f'ex:BjuvShape a sh:NodeShape ; sh:targetNode <{DEFAULT_BASE}id/kommun/1260> ; sh:property ex:NameShape . ex:NameShape sh:path <http://www.w3.org/2000/01/rdf-schema#label> ; ex:prefix "{prefix}" .\n',
            encoding="utf-8",
        )
        return subprocess.run([sys.executable, "-m", "fhkg", "validate", "--shapes", str(path), "--lang", "en"], capture_output=True, text=True)

    holds = run("Bjuv")
    assert holds.returncode == 0, holds.stdout + holds.stderr
    fails = run("Klippan")
    assert fails.returncode == 1, fails.stdout + fails.stderr
    assert "does not start with Klippan" in fails.stdout


def test_a_refused_component_is_placed_where_the_shapes_file_declares_it(tmp_path):
    """``file:line:column`` of the component's first line as a subject, from the command and from
    ``validate(extra_shapes=…)``; without the file (shapes passed as a graph) no place is given."""
    path = tmp_path / "shapes.ttl"
    used = "ex:S a sh:NodeShape ; sh:targetClass ex:C ; ex:uses ex:C .\n"  # named before it is declared
    path.write_text(HEAD + used + "\n  " + CC + "sh:parameter [ sh:path ex:p ] .\n", encoding="utf-8")
    line = (HEAD + used).count("\n") + 2
    refusal = C + "it has no validator (sh:validator, sh:nodeValidator or sh:propertyValidator) (SHACL 1.0, section 6)"
    with pytest.raises(UsageError) as e:
        validate(fhkg.load(), extra_shapes=[path])
    assert str(e.value) == f"{path}:{line}:3: {refusal}"
    with pytest.raises(UsageError) as e:
        validate(fhkg.load(), shapes=shapes_of(path))
    assert str(e.value) == refusal
    r = subprocess.run([sys.executable, "-m", "fhkg", "validate", "--shapes", str(path)], capture_output=True, text=True)
    assert r.returncode == 2 and r.stderr.strip() == f"fhkg: error: {path}:{line}:3: {refusal}", r.stderr

