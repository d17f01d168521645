"""The SHACL shapes: well-formed (W3C shapes-for-shapes), documented in sv and en, and each one
proven to fire, alone, on an invalid example.

Every case in ``tests/shapes/cases/*.trig`` holds three named graphs: ``test:delete`` (triples
removed from the shipped graph), ``test:insert`` (triples added) and ``test:expect`` (the exact
``sh:sourceShape``/``sh:focusNode`` pairs the validation report must contain). The case is
validated as a whole graph with the fast engine; the SPARQL-based cases are also run through
pySHACL, the reference validator, which must agree.
"""

from __future__ import annotations

from pathlib import Path

import pyshacl
import pytest
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.namespace import RDF, SH

from fhkg import resources
from fhkg.graph import GRAPHS, KnowledgeGraph, load_shapes, to_oxigraph, to_rdflib
from fhkg.terms.namespaces import TEST
from fhkg.validation import validate, validate_graph

CASES = sorted((Path(__file__).parent / "shapes" / "cases").glob("*.trig"))
SHAPE_FILES = resources.files("shapes")


@pytest.fixture(scope="module")
def shapes() -> Graph:
    return load_shapes()


def all_shapes(shapes: Graph) -> set[URIRef]:
    found = set(shapes.subjects(RDF.type, SH.NodeShape)) | set(shapes.subjects(RDF.type, SH.PropertyShape))
    found |= set(shapes.objects(None, SH.property))
    return {s for s in found if isinstance(s, URIRef)}


TARGETS = (SH.targetClass, SH.targetNode, SH.targetSubjectsOf, SH.targetObjectsOf)
#: Constraint parameters a node shape may carry itself (besides sh:property).
OWN_CONSTRAINTS = (
    SH.nodeKind, SH.closed, SH.sparql, SH["class"], SH.datatype, SH.node, SH["not"], SH["and"], SH["or"],
    SH.xone, SH["in"], SH.hasValue, SH.languageIn, SH.pattern, SH.minLength, SH.maxLength,
)


def exempt_shapes(shapes: Graph) -> set[URIRef]:
    """Shapes that never appear as a result's sh:sourceShape, so need no case of their own:
    shapes used only as the value of another constraint (sh:qualifiedValueShape, sh:node), and
    node shapes that only group property shapes (each of which has its own case)."""
    used = set()
    for p in (SH.qualifiedValueShape, SH.node):
        used |= {o for o in shapes.objects(None, p) if isinstance(o, URIRef)}
    values = {s for s in used if not any((s, p, None) in shapes for p in TARGETS)}
    containers = {
        s
        for s in shapes.subjects(RDF.type, SH.NodeShape)
        if isinstance(s, URIRef) and not any((s, p, None) in shapes for p in OWN_CONSTRAINTS) and (s, SH.property, None) in shapes
    }
    return values | containers


# ---------------------------------------------------------------- the shapes themselves


@pytest.mark.parametrize("path", SHAPE_FILES, ids=lambda p: p.name)
def test_shapes_file_conforms_to_shacl_shacl(path: Path, shared_vocab: Path):
    shacl_shacl = Graph().parse(shared_vocab / "shacl-shacl" / "shacl-shacl.ttl")
    data = Graph().parse(path)
    conforms, _, text = pyshacl.validate(data, shacl_graph=shacl_shacl, inference="none")
    assert conforms, f"{path.name} is not valid SHACL:\n{text}"


def test_every_shape_has_name_description_and_message_in_sv_and_en(shapes):
    missing = []
    for shape in sorted(all_shapes(shapes)):
        for prop in (SH.name, SH.description, SH.message):
            langs = {o.language for o in shapes.objects(shape, prop) if isinstance(o, Literal)}
            if not {"sv", "en"} <= langs:
                missing.append(f"{shape.n3(shapes.namespace_manager)} lacks {prop.n3(shapes.namespace_manager)} in {sorted({'sv', 'en'} - langs)}")
        for constraint in shapes.objects(shape, SH.sparql):
            own = set(shapes.objects(constraint, SH.message))
            if own != set(shapes.objects(shape, SH.message)):
                missing.append(f"{shape} and its SPARQL constraint must carry the same sh:message")
    assert not missing, "\n".join(missing)


def test_the_shipped_graph_conforms(kg):
    report = validate(kg)
    assert report.conforms, report.text("en")


def test_fast_engine_agrees_with_pyshacl_on_the_shipped_graph(kg, shapes):
    fast = validate(kg, shapes=shapes)
    reference = validate(kg, shapes=shapes, engine="pyshacl")
    assert fast.conforms == reference.conforms
    assert _pairs(fast) == _pairs(reference)


# ---------------------------------------------------------------- one invalid example per shape


def test_every_shape_has_an_invalid_example(shapes):
    covered = set()
    for case in CASES:
        covered |= {to_rdflib(shape) for shape, _ in _expected(_dataset(case))}
    uncovered = sorted(all_shapes(shapes) - exempt_shapes(shapes) - covered)
    assert not uncovered, "shapes without a case in tests/shapes/cases/:\n" + "\n".join(map(str, uncovered))


@pytest.mark.parametrize("case", CASES, ids=lambda p: p.stem)
def test_case_fires_exactly_its_shape(case: Path, kg, shapes):
    ds = _dataset(case)
    expected = _expected(ds)
    assert expected, f"{case.name} has no test:expect graph"
    patched = _patched(kg, ds)
    report = validate(patched, shapes=shapes)
    assert _pairs(report) == expected, f"{case.name}: expected {sorted(expected)}, got\n{report.text('en')}"
    for result in report.results:
        shape = to_rdflib(result.shape)
        wanted = {str(m) for m in shapes.objects(shape, SH.message)}
        got = set(result.messages.values())
        if (shape, SH.sparql, None) not in shapes:
            assert got == wanted, f"{case.name}: {result.shape} reported {got}, its sh:message is {wanted}"
        else:  # SPARQL messages have their {?var} placeholders filled in
            assert len(got) == len(wanted) and got, f"{case.name}: {result.shape} reported {got}"
    sparql_shapes = {s for s, _ in expected if (to_rdflib(s), SH.sparql, None) in shapes}
    if sparql_shapes:
        reference = validate_graph(patched.to_rdflib(), shapes, use_shapes=sorted(to_rdflib(s) for s in sparql_shapes))
        assert {p for p in _pairs(reference)} == {p for p in expected if p[0] in sparql_shapes}, f"{case.name}: pySHACL disagrees"


# ---------------------------------------------------------------- helpers


def _dataset(path: Path) -> Dataset:
    ds = Dataset()
    ds.parse(path, format="trig")
    return ds


def _expected(ds: Dataset) -> set[tuple]:
    g = ds.graph(TEST.expect)
    return {(to_oxigraph(g.value(r, SH.sourceShape)), to_oxigraph(g.value(r, SH.focusNode))) for r in g.subjects(SH.sourceShape, None)}


def _patched(kg: KnowledgeGraph, ds: Dataset) -> KnowledgeGraph:
    import pyoxigraph as ox

    store = ox.Store()
    store.extend(kg.store)
    data = ox.NamedNode(GRAPHS["data"])
    for s, p, o in ds.graph(TEST.delete):
        for g in kg.graph_names():
            store.remove(ox.Quad(to_oxigraph(s), to_oxigraph(p), to_oxigraph(o), ox.NamedNode(g)))
    for s, p, o in ds.graph(TEST.insert):
        store.add(ox.Quad(to_oxigraph(s), to_oxigraph(p), to_oxigraph(o), data))
    return KnowledgeGraph(store, base=kg.base, sources=list(kg.sources))


def _pairs(report) -> set[tuple]:
    return {(r.shape, r.focus) for r in report.results}



@pytest.mark.parametrize("engine", ["fast", "pyshacl"])
def test_shapes_follow_the_instance_base(engine, tmp_path):
    """With --base, the shapes' own instance IRIs (targets, SPARQL prefixes) move too."""
    import fhkg

    base = "http://localhost:8080/"
    bad = tmp_path / "bad.ttl"
    bad.write_text(
        "@prefix fh: <https://w3id.org/familjen-helsingborg/ontology#> .\n"
        f"<{base}id/observation/resultatrapport-2024-ersattning-fran-medlemskommuner> fh:amount 1 .\n",
        encoding="utf-8",
    )
    report = validate(fhkg.load([bad], base=base), engine=engine)
    shapes_fired = {r.shape.value.rsplit("#", 1)[1] for r in report.results}
    assert "IncomeSumCheck" in shapes_fired, shapes_fired
