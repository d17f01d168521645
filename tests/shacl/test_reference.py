"""pySHACL's report read into the engine's results (:mod:`fhkg.shacl.reference`): besides what the
differential tests compare (focus node, shape, component, severity, path, value), the result
path, the source constraint and the messages read as the Oxigraph engine gives them, and pySHACL's
own selection of focus nodes and shapes passed through."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import URIRef

import fhkg
from fhkg.graph import GRAPHS, parse_file
from fhkg.shacl.shapes import ShapesGraph
from fhkg.validation import validate, validate_graph

HERE = Path(__file__).parent
EX = "http://example.org/"
SETS = {"sparql": ("sparql-data.ttl", "sparql-shapes.ttl"), "components": ("components-data.ttl", "components-shapes.ttl")}


def shapes_of(name: str) -> ShapesGraph:
    return ShapesGraph(ox.Triple(q.subject, q.predicate, q.object) for q in parse_file(HERE / name, GRAPHS["shapes"]))


@pytest.fixture(params=sorted(SETS))  # per test: mutmut links a test to the code its own call runs
def both(request):
    data, shapes = SETS[request.param]
    kg = fhkg.load([HERE / data], shipped=False)
    sg = shapes_of(shapes)
    return kg, sg, validate(kg, shapes=sg), validate(kg, shapes=sg, engine="pyshacl")


def _core(report) -> Counter:
    return Counter((r.key(), r.result_path, r.constraint, tuple(sorted(r.messages.items()))) for r in report.results if r.component != "SPARQLConstraintComponent")


def _sparql(report) -> Counter:
    return Counter((r.key(), r.result_path, r.constraint) for r in report.results if r.component == "SPARQLConstraintComponent")


def test_result_paths_source_constraints_and_core_messages_are_the_engines(both):
    _, _, fast, reference = both
    assert _core(fast) == _core(reference) and _sparql(fast) == _sparql(reference)
    assert _sparql(fast) and len(fast.results) == len(reference.results)
    assert any(r.result_path is not None for r in reference.results)  # sh:closed or a SPARQL ?path
    assert all(isinstance(r.constraint, ox.BlankNode) for r in reference.results if r.component == "SPARQLConstraintComponent")
    assert all(r.constraint is None for r in reference.results if r.component != "SPARQLConstraintComponent")


def test_the_messages_of_sparql_results_are_pyshacls_filled_in_texts(both):
    """pySHACL fills ``{?var}`` with a term's plain text and keeps one message without its
    language; the Oxigraph engine writes terms as SPARQL and keeps every language. Each
    message pySHACL gives is one of the engine's, read that way."""
    _, _, fast, reference = both
    by_key = {r.key(): r for r in fast.results if r.component == "SPARQLConstraintComponent"}
    seen = 0
    for r in reference.results:
        if r.component != "SPARQLConstraintComponent":
            continue
        own = by_key[r.key()].messages
        if len(r.messages) > 1:  # the constraint has no message: the shape's own, or the default
            assert r.messages == own
        else:
            (text,) = r.messages.values()
            assert text in {re.sub(r"<([^<>\s]*)>", r"\1", t) for t in own.values()}, (text, own)
        seen += 1
    assert seen == len(by_key)


def test_pyshacl_is_given_the_focus_nodes_and_the_shapes_to_use():
    """pySHACL's own selection (it checks less of the nested shapes for a focus node than a whole
    run reports about it, so each selection is a part of the whole run's results)."""
    kg = fhkg.load([HERE / "components-data.ttl"], shipped=False)
    sg = shapes_of("components-shapes.ttl")
    data = kg.to_rdflib()
    every = validate_graph(data, sg)
    all_keys = Counter(r.key() for r in every.results)
    focus = Counter(str(r.focus) for r in every.results).most_common(1)[0][0]
    only_focus = validate_graph(data, sg, focus_nodes=[URIRef(focus[1:-1])])
    assert only_focus.results and {str(r.focus) for r in only_focus.results} == {focus}
    assert Counter(r.key() for r in only_focus.results) <= all_keys
    targeted = sorted({s.node.value for s in sg.shapes() if s.has_targets and isinstance(s.node, ox.NamedNode)})
    shape, others = targeted[0], targeted[1:]
    only_shape = validate_graph(data, sg, use_shapes=[URIRef(shape)])
    assert only_shape.results and Counter(r.key() for r in only_shape.results) <= all_keys
    assert not {str(r.shape) for r in only_shape.results} & {f"<{o}>" for o in others}
    assert any(str(r.shape) in {f"<{o}>" for o in others} for r in every.results)


def _files(tmp_path, shapes: str, data: str) -> tuple:
    prefixes = "@prefix sh: <http://www.w3.org/ns/shacl#> . @prefix ex: <http://example.org/> .\n"
    (tmp_path / "s.ttl").write_text(prefixes + shapes, encoding="utf-8")
    (tmp_path / "d.ttl").write_text(prefixes + data, encoding="utf-8")
    kg = fhkg.load([tmp_path / "d.ttl"], shipped=False)
    sg = ShapesGraph(ox.Triple(q.subject, q.predicate, q.object) for q in parse_file(tmp_path / "s.ttl", GRAPHS["shapes"]))
    return validate(kg, shapes=sg), validate(kg, shapes=sg, engine="pyshacl")


def test_a_result_path_other_than_the_shapes_own_predicate(tmp_path):
    fast, reference = _files(
        tmp_path,
        'ex:P a sh:PropertyShape ; sh:targetClass ex:C ; sh:path ex:p ; sh:sparql [ sh:select "SELECT $this ?path ?value WHERE { $this <http://example.org/q> ?value BIND (<http://example.org/q> AS ?path) }" ] .',
        "ex:a a ex:C ; ex:p 1 ; ex:q 2 .",
    )
    assert [(str(r.focus), r.result_path) for r in reference.results] == [(f"<{EX}a>", ox.NamedNode(EX + "q"))]
    assert _sparql(fast) == _sparql(reference)


def test_shacl_af_is_no_part_of_either_engine(tmp_path):
    """SHACL Advanced Features (here a SPARQL-based target) are not SHACL Core nor SHACL-SPARQL:
    the Oxigraph engine does not know them, and the reference is run without them, so the two
    agree (before, pySHACL applied the target and the engines differed)."""
    fast, reference = _files(
        tmp_path,
        'ex:S a sh:NodeShape ; sh:target [ a sh:SPARQLTarget ; sh:select "SELECT ?this WHERE { ?this a <http://example.org/C> }" ] ; sh:property [ sh:path ex:p ; sh:minCount 1 ] .',
        "ex:a a ex:C .",
    )
    assert fast.results == [] and reference.results == []
