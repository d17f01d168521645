"""The shapes graph read into shapes, paths and constraints (pyoxigraph terms, no rdflib).

>>> import pyoxigraph as ox
>>> ttl = b'''@prefix sh: <http://www.w3.org/ns/shacl#> . @prefix ex: <http://example.org/> .
... ex:S a sh:NodeShape ; sh:targetClass ex:C ; sh:property [ sh:path ( ex:p [ sh:inversePath ex:q ] ) ; sh:minCount 1 ] .'''
>>> g = ShapesGraph(ox.parse(ttl, format=ox.RdfFormat.TURTLE))
>>> [s.property_shapes[0].path.sparql() for s in g.shapes() if s.node.value == "http://example.org/S"]
['(<http://example.org/p>/^<http://example.org/q>)']
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import pyoxigraph as ox

if TYPE_CHECKING:
    from .components import Component, CustomConstraint

SH = "http://www.w3.org/ns/shacl#"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
RDF_TYPE = ox.NamedNode(RDF + "type")
RDF_FIRST, RDF_REST, RDF_NIL = RDF + "first", RDF + "rest", RDF + "nil"
VIOLATION = ox.NamedNode(SH + "Violation")

Term = ox.NamedNode | ox.BlankNode | ox.Literal
Node = ox.NamedNode | ox.BlankNode

#: Parameters of the SHACL Core constraint components, by the component's local name; a
#: component applies to a shape when the shape has its (first) parameter.
COMPONENTS = {
    "ClassConstraintComponent": ("class",),
    "DatatypeConstraintComponent": ("datatype",),
    "NodeKindConstraintComponent": ("nodeKind",),
    "MinCountConstraintComponent": ("minCount",),
    "MaxCountConstraintComponent": ("maxCount",),
    "MinExclusiveConstraintComponent": ("minExclusive",),
    "MinInclusiveConstraintComponent": ("minInclusive",),
    "MaxExclusiveConstraintComponent": ("maxExclusive",),
    "MaxInclusiveConstraintComponent": ("maxInclusive",),
    "MinLengthConstraintComponent": ("minLength",),
    "MaxLengthConstraintComponent": ("maxLength",),
    "PatternConstraintComponent": ("pattern", "flags"),
    "LanguageInConstraintComponent": ("languageIn",),
    "UniqueLangConstraintComponent": ("uniqueLang",),
    "EqualsConstraintComponent": ("equals",),
    "DisjointConstraintComponent": ("disjoint",),
    "LessThanConstraintComponent": ("lessThan",),
    "LessThanOrEqualsConstraintComponent": ("lessThanOrEquals",),
    "NotConstraintComponent": ("not",),
    "AndConstraintComponent": ("and",),
    "OrConstraintComponent": ("or",),
    "XoneConstraintComponent": ("xone",),
    "NodeConstraintComponent": ("node",),
    "QualifiedMinCountConstraintComponent": ("qualifiedMinCount", "qualifiedValueShape", "qualifiedValueShapesDisjoint"),
    "QualifiedMaxCountConstraintComponent": ("qualifiedMaxCount", "qualifiedValueShape", "qualifiedValueShapesDisjoint"),
    "ClosedConstraintComponent": ("closed", "ignoredProperties"),
    "HasValueConstraintComponent": ("hasValue",),
    "InConstraintComponent": ("in",),
}
#: Components whose parameter may be repeated, each value a constraint of its own.
REPEATABLE = {"class", "datatype", "node", "not", "and", "or", "xone", "equals", "disjoint", "lessThan", "lessThanOrEquals", "hasValue", "pattern"}
#: Every parameter of a component above, and sh:property and sh:sparql (SHACL 1.0, 2.1: the
#: subject of a triple with a parameter as predicate is a shape).
PARAMETERS = tuple(sorted({p for params in COMPONENTS.values() for p in params} | {"property", "sparql"}))
_LIST_PARAMS = {"languageIn", "and", "or", "xone", "in", "ignoredProperties"}


#: What the SHACL Advanced Features (and SHACL-JS) add, which neither engine runs: predicates,
#: and classes a node is typed with.
ADVANCED_PREDICATES = ("rule", "target", "expression", "values", "js", "jsLibrary")
ADVANCED_CLASSES = ("SPARQLRule", "TripleRule", "SPARQLTarget", "SPARQLTargetType", "SPARQLFunction", "JSConstraint", "JSFunction", "JSRule", "JSTarget")


def advanced_features(triples: Iterable[ox.Triple | ox.Quad]) -> list[str]:
    """The SHACL-AF (and SHACL-JS) terms ``triples`` use, as ``sh:`` names, sorted: a shapes
    graph that holds them asks for more than SHACL Core and SHACL-SPARQL."""
    found = set()
    for t in triples:
        p = t.predicate.value
        if p.startswith(SH) and p[len(SH) :] in ADVANCED_PREDICATES:
            found.add("sh:" + p[len(SH) :])
        elif p == RDF + "type" and isinstance(t.object, ox.NamedNode) and t.object.value.startswith(SH) and t.object.value[len(SH) :] in ADVANCED_CLASSES:
            found.add("sh:" + t.object.value[len(SH) :])
    return sorted(found)


def entailments(triples: Iterable[ox.Triple | ox.Quad]) -> list[str]:
    """The entailment regimes ``triples`` ask for with ``sh:entailment`` (their IRIs, sorted)."""
    return sorted({t.object.value for t in triples if t.predicate.value == SH + "entailment" and isinstance(t.object, (ox.NamedNode, ox.Literal))})


class ShapesGraph:
    """An index over the shapes graph's triples: subject -> predicate -> objects."""

    def __init__(self, triples: Iterable[ox.Triple | ox.Quad]):
        self.spo: dict[Term, dict[str, list[Term]]] = defaultdict(lambda: defaultdict(list))
        self.triples: list[ox.Triple] = []
        seen = set()
        for t in triples:
            triple = ox.Triple(t.subject, t.predicate, t.object)
            if triple in seen:
                continue
            seen.add(triple)
            self.triples.append(triple)
            self.spo[t.subject][t.predicate.value].append(t.object)  # type: ignore[index,arg-type]  # no RDF-star in shapes
        self._shapes: dict[Term, Shape] = {}
        self._components: list[Component] | None = None

    def components(self) -> list[Component]:
        """The SPARQL-based constraint components declared here (:mod:`.components`), read once;
        an ill-formed one raises :class:`~fhkg.errors.UsageError`."""
        if self._components is None:
            from .components import read_components

            self._components = read_components(self)
        return self._components

    def objects(self, s: Term, p: str) -> list[Term]:
        by_p = self.spo.get(s)
        return list(by_p.get(p, ())) if by_p else []

    def value(self, s: Term, p: str) -> Term | None:
        found = self.objects(s, p)
        return found[0] if found else None

    def items(self, head: Term | None) -> list[Term]:
        """The members of an RDF list."""
        out: list[Term] = []
        seen = set()
        while head is not None and not (isinstance(head, ox.NamedNode) and head.value == RDF_NIL) and head not in seen:
            seen.add(head)
            first = self.value(head, RDF_FIRST)
            if first is not None:
                out.append(first)
            head = self.value(head, RDF_REST)
        return out

    def declared_prefixes(self, node: Term) -> dict[str, str]:
        """The prefixes ``node`` (a SPARQL constraint or validator) declares through
        ``sh:prefixes`` (SHACL 1.0, 5.2.1): the only ones its query may use unwritten."""
        out = {}
        for declarer in self.objects(node, SH + "prefixes"):
            for decl in self.objects(declarer, SH + "declare"):
                prefix, ns = self.value(decl, SH + "prefix"), self.value(decl, SH + "namespace")
                if isinstance(prefix, ox.Literal) and isinstance(ns, (ox.Literal, ox.NamedNode)):
                    out[prefix.value] = ns.value
        return out

    def subjects_with(self, p: str) -> list[Term]:
        return [s for s, by_p in self.spo.items() if p in by_p]

    def has_type(self, s: Term, cls: str) -> bool:
        return any(isinstance(o, ox.NamedNode) and o.value == cls for o in self.objects(s, RDF + "type"))

    def describe(self, node: Term) -> list[ox.Triple]:
        """``node``'s triples and those of the blank nodes it leads to (a path, a list)."""
        out, todo, seen = [], [node], set()
        while todo:
            s = todo.pop()
            if s in seen:
                continue
            seen.add(s)
            for p, objs in self.spo.get(s, {}).items():
                for o in objs:
                    out.append(ox.Triple(s, ox.NamedNode(p), o))  # type: ignore[arg-type]
                    if isinstance(o, ox.BlankNode):
                        todo.append(o)
        return out

    # ---------------------------------------------------------------- shapes
    def shape_nodes(self) -> list[Node]:
        """Every shape (SHACL 1.0, 2.1): declared node or property shapes, the subjects of a target
        or of a constraint component's parameter (sh:path too, and those of SPARQL-based components),
        and every value of a shape-expecting parameter (sh:property, sh:node, sh:not, lists of sh:and/or/xone …)."""
        found: dict[Term, None] = {}
        for cls in ("NodeShape", "PropertyShape"):
            for s in self.spo:
                if self.has_type(s, SH + cls):
                    found.setdefault(s)
        for p in ("targetClass", "targetNode", "targetSubjectsOf", "targetObjectsOf", "path", *PARAMETERS):
            for s in self.subjects_with(SH + p):
                found.setdefault(s)
        for param in sorted({p.path.value for c in self.components() for p in c.parameters}):
            for s in self.subjects_with(param):
                found.setdefault(s)
        for p in ("property", "node", "not", "qualifiedValueShape"):
            for by_p in list(self.spo.values()):
                for o in by_p.get(SH + p, ()):
                    found.setdefault(o)
        for p in ("and", "or", "xone"):
            for by_p in list(self.spo.values()):
                for head in by_p.get(SH + p, ()):
                    for member in self.items(head):
                        found.setdefault(member)
        return [s for s in found if isinstance(s, (ox.NamedNode, ox.BlankNode))]

    def shape(self, node: Term) -> Shape:
        if node not in self._shapes:
            self._shapes[node] = Shape.read(self, node)  # type: ignore[arg-type]
        return self._shapes[node]

    def shapes(self) -> list[Shape]:
        return sorted((self.shape(n) for n in self.shape_nodes()), key=lambda s: (isinstance(s.node, ox.BlankNode), s.node.value))


@dataclass(frozen=True)
class Path:
    """A SHACL property path: ``kind`` is predicate, inverse, sequence, alternative, zeroOrMore,
    oneOrMore or zeroOrOne; ``node`` is the path's node in the shapes graph (for the report)."""

    kind: str
    node: Term
    iri: ox.NamedNode | None = None
    parts: tuple[Path, ...] = ()

    @classmethod
    def read(cls, g: ShapesGraph, node: Term) -> Path:
        if isinstance(node, ox.NamedNode):
            return cls("predicate", node, iri=node)
        for kind in ("inversePath", "zeroOrMorePath", "oneOrMorePath", "zeroOrOnePath"):
            inner = g.value(node, SH + kind)
            if inner is not None:
                return cls(kind.removesuffix("Path"), node, parts=(cls.read(g, inner),))
        alternatives = g.value(node, SH + "alternativePath")
        if alternatives is not None:
            return cls("alternative", node, parts=tuple(cls.read(g, p) for p in g.items(alternatives)))
        members = g.items(node)
        if members:
            return cls("sequence", node, parts=tuple(cls.read(g, p) for p in members))
        raise ValueError(f"not a SHACL property path: {node}")

    def sparql(self, name=None) -> str:
        """The path in SPARQL syntax; ``name(iri)`` may shorten IRIs (for messages)."""
        if self.kind == "predicate":
            assert self.iri is not None
            return name(self.iri) if name else str(self.iri)
        inner = [p.sparql(name) for p in self.parts]
        if self.kind == "inverse":
            return f"^{inner[0]}"
        if self.kind == "sequence":
            return "(" + "/".join(inner) + ")"
        if self.kind == "alternative":
            return "(" + "|".join(inner) + ")"
        return f"({inner[0]})" + {"zeroOrMore": "*", "oneOrMore": "+", "zeroOrOne": "?"}[self.kind]


@dataclass(frozen=True)
class Constraint:
    """One constraint: a SHACL Core component (its local name) with its parameter values."""

    component: str
    params: dict[str, object]

    @property
    def component_iri(self) -> ox.NamedNode:
        return ox.NamedNode(SH + self.component)


@dataclass
class Shape:
    node: Node
    path: Path | None
    targets: dict[str, list[Term]]
    constraints: list[Constraint]
    property_shapes: list[Shape] = field(default_factory=list)
    sparql: list[Term] = field(default_factory=list)  # sh:sparql constraint nodes
    custom: list[CustomConstraint] = field(default_factory=list)  # of SPARQL-based components
    severity: ox.NamedNode = VIOLATION
    messages: list[ox.Literal] = field(default_factory=list)
    deactivated: bool = False
    implicit_class: bool = False

    @property
    def is_property_shape(self) -> bool:
        return self.path is not None

    @property
    def has_targets(self) -> bool:
        return self.implicit_class or any(self.targets.values())

    @classmethod
    def read(cls, g: ShapesGraph, node: Node) -> Shape:
        path_node = g.value(node, SH + "path")
        targets = {k: g.objects(node, SH + k) for k in ("targetClass", "targetNode", "targetSubjectsOf", "targetObjectsOf")}
        implicit = g.has_type(node, RDFS + "Class") and (g.has_type(node, SH + "NodeShape") or g.has_type(node, SH + "PropertyShape"))
        constraints: list[Constraint] = []
        for component, params in COMPONENTS.items():
            main = params[0]
            values = g.objects(node, SH + main)
            if not values:
                continue
            if main == "closed" and not (isinstance(values[0], ox.Literal) and values[0].value == "true"):
                continue
            extra = {p: g.value(node, SH + p) for p in params[1:]}
            if main in ("qualifiedMinCount", "qualifiedMaxCount") and extra["qualifiedValueShape"] is None:
                continue
            for v in values if main in REPEATABLE else values[:1]:
                value: object = g.items(v) if main in _LIST_PARAMS else v
                args = {main: value, **{p: (g.items(x) if p in _LIST_PARAMS and x is not None else x) for p, x in extra.items()}}
                constraints.append(Constraint(component, args))
        severity = g.value(node, SH + "severity")
        deactivated = g.value(node, SH + "deactivated")
        from .components import constraints_of

        shape = cls(
            node=node,
            path=Path.read(g, path_node) if path_node is not None else None,
            targets=targets,
            constraints=constraints,
            sparql=g.objects(node, SH + "sparql"),
            custom=constraints_of(g, node, path_node is not None, g.components()),
            severity=severity if isinstance(severity, ox.NamedNode) else VIOLATION,
            messages=[m for m in g.objects(node, SH + "message") if isinstance(m, ox.Literal)],
            deactivated=isinstance(deactivated, ox.Literal) and deactivated.value == "true",
            implicit_class=implicit,
        )
        g._shapes[node] = shape  # before the children: shapes may refer to each other
        shape.property_shapes = [g.shape(p) for p in g.objects(node, SH + "property") if isinstance(p, (ox.NamedNode, ox.BlankNode))]
        return shape
