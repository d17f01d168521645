"""The ``sh:minCount`` and ``sh:maxCount`` of a node shape's property shapes, checked in one
query (:meth:`fhkg.shacl.engine.Validator.counts`): exactly the results written out below by
hand from the data, the same as pySHACL's (the reference), and the same as one query per bound.

The shapes mix what the one query must keep apart: two bounds on one path, an inverse and a
sequence path, a ``sh:maxCount 0``, a ``sh:minCount 0`` (never violated), a deactivated shape,
the same path counted by two shapes, a blank-node focus, and a property shape whose own property
shapes are counted at the next level (their focus nodes are the values of the first).
"""

from __future__ import annotations

from collections import Counter

import pyoxigraph as ox
import pytest

import fhkg
from fhkg.shacl import engine
from fhkg.shacl.shapes import ShapesGraph
from fhkg.validation import DATA_KINDS, validate

EX = "http://example.org/"

SHAPES = """
@prefix sh: <http://www.w3.org/ns/shacl#> .
@prefix ex: <http://example.org/> .

ex:ThingShape a sh:NodeShape ;
    sh:targetClass ex:Thing ;
    sh:property ex:NameShape, ex:TagShape, ex:NoneShape, ex:ZeroShape, ex:OffShape, ex:OwnerShape, ex:GrandShape, ex:NameAgainShape, ex:PartShape .
ex:NameShape sh:path ex:name ; sh:minCount 1 ; sh:maxCount 2 .
ex:TagShape sh:path ex:tag ; sh:minCount 2 .
ex:NoneShape sh:path ex:forbidden ; sh:maxCount 0 .
ex:ZeroShape sh:path ex:tag ; sh:minCount 0 .
ex:OffShape sh:path ex:name ; sh:minCount 5 ; sh:deactivated true .
ex:OwnerShape sh:path [ sh:inversePath ex:owns ] ; sh:minCount 1 ; sh:maxCount 1 .
ex:GrandShape sh:path ( ex:part ex:name ) ; sh:maxCount 1 .
ex:NameAgainShape sh:path ex:name ; sh:maxCount 1 ; sh:severity sh:Warning .
ex:PartShape sh:path ex:part ; sh:property ex:PartNameShape, ex:PartTagShape .
ex:PartNameShape sh:path ex:name ; sh:minCount 1 .
ex:PartTagShape sh:path ex:tag ; sh:maxCount 1 .
"""

DATA = """
@prefix ex: <http://example.org/> .

# conforms: one name, two tags, one owner, one name below its parts, parts named once, tagged once
ex:good a ex:Thing ; ex:name "g" ; ex:tag 1, 2 ; ex:part ex:p1 .
ex:o1 ex:owns ex:good .
ex:p1 ex:name "p1" ; ex:tag 1 .

# no name, one tag, two owners, a forbidden value
ex:bare a ex:Thing ; ex:tag 1 ; ex:forbidden "x" .
ex:o2 ex:owns ex:bare . ex:o3 ex:owns ex:bare .

# three names, two tags, no owner; two parts: one unnamed and tagged twice, one named twice
ex:busy a ex:Thing ; ex:name "a", "b", "c" ; ex:tag 1, 2 ; ex:part ex:p2, ex:p3 .
ex:p2 ex:tag 1, 2 .
ex:p3 ex:name "x", "y" .

# a blank node with two names (the same literal twice counts once) and no tag nor owner
[] a ex:Thing ; ex:name "n", "m" , "n" .
"""

C = "ConstraintComponent"

#: (focus, source shape, component, severity), for the named focus nodes, by hand from DATA
EXPECTED = Counter(
    [
        ("bare", "NameShape", "MinCount", "Violation"),
        ("bare", "TagShape", "MinCount", "Violation"),
        ("bare", "NoneShape", "MaxCount", "Violation"),
        ("bare", "OwnerShape", "MaxCount", "Violation"),
        ("busy", "NameShape", "MaxCount", "Violation"),
        ("busy", "NameAgainShape", "MaxCount", "Warning"),
        ("busy", "OwnerShape", "MinCount", "Violation"),
        ("busy", "GrandShape", "MaxCount", "Violation"),
        ("p2", "PartNameShape", "MinCount", "Violation"),
        ("p2", "PartTagShape", "MaxCount", "Violation"),
    ]
)
#: the blank node's: two names break NameAgainShape; no tag, no owner
BLANK = Counter([("NameAgainShape", "MaxCount", "Warning"), ("TagShape", "MinCount", "Violation"), ("OwnerShape", "MinCount", "Violation")])


@pytest.fixture(scope="module")
def kg(tmp_path_factory):
    path = tmp_path_factory.mktemp("counts") / "data.ttl"
    path.write_text(DATA, encoding="utf-8")
    return fhkg.load([path], shipped=False)


@pytest.fixture(scope="module")
def shapes() -> ShapesGraph:
    return ShapesGraph(ox.parse(SHAPES, format=ox.RdfFormat.TURTLE))


def results(report) -> tuple[Counter, Counter]:
    named, blank = Counter(), Counter()
    for r in report.results:
        key = (r.shape.value.removeprefix(EX), r.component.removesuffix(C), r.severity)
        if isinstance(r.focus, ox.BlankNode):
            blank[key] += 1
        else:
            named[(r.focus.value.removeprefix(EX), *key)] += 1
    return named, blank


def test_counts_are_the_ones_the_data_gives(kg, shapes):
    assert results(validate(kg, shapes=shapes)) == (EXPECTED, BLANK)


def test_pyshacl_agrees(kg, shapes):
    assert results(validate(kg, shapes=shapes, engine="pyshacl")) == (EXPECTED, BLANK)


def test_one_query_for_the_counts_of_each_node_shape(kg, shapes):
    seen: list[str] = []
    engine.Validator(kg.store, shapes, kg.graphs_of(*DATA_KINDS), record=seen).run(jobs=1)
    grouped = [q for q in seen if "fhkg_least" in q]
    # the Thing shape's property shapes, and the part shape's (the values of ex:part)
    assert len(grouped) == 2
    assert not any("HAVING (COUNT(DISTINCT ?value) <" in q and "fhkg_least" not in q for q in seen)


def test_the_same_as_one_query_per_bound(kg, shapes, monkeypatch):
    grouped = validate(kg, shapes=shapes)
    monkeypatch.setattr(engine.Validator, "counts", lambda self, shapes, focus: ([], False))
    assert results(validate(kg, shapes=shapes)) == results(grouped)
