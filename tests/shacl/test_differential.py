"""The Oxigraph engine against pySHACL, the reference: identical results — focus node, shape,
constraint component, severity, path and value — on the shipped data, on every shape case, on
shapes that use every SHACL Core component, and on generated graphs with defects.

pySHACL evaluates SHACL-SPARQL constraints once per focus node in rdflib's SPARQL engine (about
90 s for the whole generated 10k graph; at 100k even a sample of 18 focus nodes takes over 15
minutes), so those are compared on a sample of focus nodes of the 10k graph (some that break a
constraint, some at random); the core constraints on the whole 10k and 100k graphs.
"""

from __future__ import annotations

import importlib.util
import itertools
import random
import threading
from collections import Counter
from pathlib import Path

import pyoxigraph as ox
import pytest

import fhkg
from fhkg.graph import to_rdflib
from fhkg.shacl.shapes import COMPONENTS, SH, ShapesGraph
from fhkg.validation import DATA_KINDS, shapes_graph, validate

HERE = Path(__file__).parent
ROOT = HERE.parents[1]
CASES = sorted((ROOT / "tests" / "shapes" / "cases").glob("*.trig"))


def generator():
    spec = importlib.util.spec_from_file_location("fhkg_generate", ROOT / "benchmarks" / "generate.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def keys(report) -> Counter:
    return Counter(r.key() for r in report.results)


def agree(kg, shapes, focus_nodes=None) -> tuple[Counter, Counter]:
    fast = validate(kg, shapes=shapes, focus_nodes=focus_nodes)
    reference = validate(kg, shapes=shapes, engine="pyshacl", focus_nodes=focus_nodes)
    return keys(fast), keys(reference)


@pytest.fixture(scope="module")
def shipped_shapes() -> ShapesGraph:
    return shapes_graph()


def test_on_the_shipped_graph(kg, shipped_shapes):
    fast, reference = agree(kg, shipped_shapes)
    assert fast == reference == Counter()


def test_on_shapes_that_use_every_core_component(component_shapes):
    kg = fhkg.load([HERE / "components-data.ttl"], shipped=False)
    fast, reference = agree(kg, component_shapes)
    assert fast == reference
    fired = {k[2] for k in fast}
    assert fired >= set(COMPONENTS) | {"SPARQLConstraintComponent"}, set(COMPONENTS) - fired
    assert {k[3] for k in fast} == {"Violation", "Warning", "Info"}
    assert not any(k[2] == "MinCountConstraintComponent" and "colour" in k[4] for k in fast)  # deactivated
    # instances of subclasses are targeted, and are instances for sh:class (also of a blank-node subclass)
    fia, gus, gerd, rock = (str(ox.NamedNode("http://example.org/" + n)) for n in ("fia", "gus", "gerd", "rock"))
    assert {(k[1], k[2]) for k in fast} >= {(fia, "MaxExclusiveConstraintComponent"), (fia, "ClassConstraintComponent"), (gus, "MinCountConstraintComponent"), (gus, "ClassConstraintComponent")}
    assert {k[5] for k in fast if k[1] in (fia, gus) and k[2] == "ClassConstraintComponent"} == {rock}
    assert not any(k[1] == gerd for k in fast)


def test_threads_give_the_same_report_and_are_used(component_shapes, shipped_shapes, tmp_path, monkeypatch):
    from fhkg.shacl import engine

    seen: set[str] = set()
    real = engine.Validator.query

    def query(self, text):
        seen.add(threading.current_thread().name)
        return real(self, text)

    monkeypatch.setattr(engine.Validator, "query", query)
    path = tmp_path / "g2k.nt"
    generator().write(2_000, path, defects=True)
    for kg, shapes in ((fhkg.load([HERE / "components-data.ttl"], shipped=False), component_shapes), (fhkg.load([path]), shipped_shapes)):
        seen.clear()
        one = validate(kg, shapes=shapes, jobs=1)
        assert len(seen) == 1 and next(iter(seen)).startswith("fhkg-validate")  # one thread (not the caller's)
        seen.clear()
        many = validate(kg, shapes=shapes, jobs=3)
        # the pool starts a thread per shape submitted while the others are busy (up to 3)
        assert 2 <= len(seen) <= 3 and all(name.startswith("fhkg-validate") for name in seen)
        assert one.results and keys(one) == keys(many)
        assert one.to_turtle() == many.to_turtle()


def test_an_error_in_one_thread_stops_the_others_at_their_next_query(kg, shipped_shapes, monkeypatch):
    from fhkg.shacl import engine

    real = engine.Validator.query
    ran: list[str] = []

    def counted(self, text):
        rows = real(self, text)  # raises once the run has been given up
        ran.append(text)
        return rows

    monkeypatch.setattr(engine.Validator, "query", counted)
    validate(kg, shapes=shipped_shapes, jobs=3)
    whole = len(ran)
    ran.clear()
    ticket = itertools.count()

    def failing(self, text):
        if next(ticket) == 20:  # one query, whichever thread asks it
            raise RuntimeError("boom")
        return counted(self, text)

    validator = engine.Validator(kg.store, shipped_shapes, kg.graphs_of(*DATA_KINDS))
    monkeypatch.setattr(engine.Validator, "query", failing)
    with pytest.raises(RuntimeError, match="boom"):
        validator.run(jobs=3)
    # the others stop at their next query: a handful more than the 20, where the run has hundreds
    assert whole > 200 and len(ran) < 40, (whole, len(ran))
    monkeypatch.setattr(engine.Validator, "query", real)
    assert validator.run(jobs=3) == engine.Validator(kg.store, shipped_shapes, kg.graphs_of(*DATA_KINDS)).run(jobs=1)  # usable again


@pytest.mark.parametrize("case", CASES, ids=lambda p: p.stem)
def test_on_every_shape_case(case, kg, shipped_shapes):
    """Each case's graph, for the shapes the case expects to fire (pySHACL checks only those)."""
    from test_shapes import _dataset, _expected, _patched

    from fhkg.shacl import reference
    from fhkg.shacl.report import Report

    ds = _dataset(case)
    patched = _patched(kg, ds)
    fired = {str(shape) for shape, _ in _expected(ds)}
    used = set()  # the fired shapes and those that reach them through sh:property (pySHACL runs only these)
    todo = [s for s, _ in _expected(ds)]
    while todo:
        shape = todo.pop()
        if shape not in used:
            used.add(shape)
            todo += [t.subject for t in shipped_shapes.triples if t.predicate.value == SH + "property" and t.object == shape]
    used |= {s.node for s in shipped_shapes.shapes() if not s.has_targets}  # what they refer to
    def only_fired(counter: Counter) -> Counter:
        return Counter({k: n for k, n in counter.items() if k[0] in fired})

    fast = only_fired(keys(validate(patched, shapes=shipped_shapes)))
    with reference.quiet_rdflib():
        found = reference.violations(patched.to_rdflib(), shipped_shapes, use_shapes=[to_rdflib(s) for s in used])
    assert fast == only_fired(keys(Report.of(found, shipped_shapes)))
    assert fast, f"{case.name} reports nothing"


@pytest.fixture(scope="module", params=[10_000, 100_000], ids=["10k", "100k"])
def generated(request, tmp_path_factory):
    path = tmp_path_factory.mktemp("generated") / f"g{request.param}.nt"
    generator().write(request.param, path, defects=True)
    return fhkg.load([path])


@pytest.mark.slow
def test_on_generated_graphs_core_constraints(generated, shipped_shapes):
    core = ShapesGraph([t for t in shipped_shapes.triples if t.predicate.value != SH + "sparql"])
    fast, reference = agree(generated, core)
    assert fast == reference
    assert sum(fast.values()) > len(generated) // 400  # the defects are found (about one in forty entities)


@pytest.mark.slow
def test_on_a_generated_graph_sparql_constraints_on_a_sample(shipped_shapes, tmp_path):
    path = tmp_path / "g3k.nt"
    generator().write(3_000, path, defects=True)  # pySHACL takes ~2 min on a 10k graph, for the same sample
    generated = fhkg.load([path])
    sparql = {t.subject for t in shipped_shapes.triples if t.predicate.value == SH + "sparql"}
    focus_classes = {t.object for t in shipped_shapes.triples if t.subject in sparql and t.predicate.value == SH + "targetClass"}
    nodes = sorted({q.subject for cls in focus_classes for q in generated.store.quads_for_pattern(None, ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"), cls)}, key=str)
    rnd = random.Random(7)
    size = 20
    flagged = sorted({v.focus for v in validate(generated, shapes=shipped_shapes).results if v.component == "SPARQLConstraintComponent"}, key=str)
    focus = [to_rdflib(t) for t in {*rnd.sample(nodes, size), *rnd.sample(flagged, min(size // 2, len(flagged)))}]
    fast, reference = agree(generated, shipped_shapes, focus_nodes=focus)
    assert fast == reference
    assert any(k[2] == "SPARQLConstraintComponent" for k in fast)
