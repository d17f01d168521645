"""SPARQL-based constraint components (SHACL 1.0, section 6): components a shapes graph declares
with ``sh:parameter`` and a SPARQL validator, used by shapes as the Core components are.

>>> import pyoxigraph as ox
>>> ttl = b'''@prefix sh: <http://www.w3.org/ns/shacl#> . @prefix ex: <http://example.org/> .
... ex:Prefix a sh:ConstraintComponent ; sh:parameter [ sh:path ex:prefix ] ;
...   sh:validator [ a sh:SPARQLAskValidator ; sh:ask "ASK { FILTER(STRSTARTS(STR($value), $prefix)) }" ] .
... ex:S a sh:NodeShape ; sh:targetClass ex:C ; sh:property [ sh:path ex:code ; ex:prefix "FH-" ] .'''
>>> from fhkg.shacl.shapes import ShapesGraph
>>> g = ShapesGraph(ox.parse(ttl, format=ox.RdfFormat.TURTLE))
>>> [(c.component.iri.value, c.validator.form, [(p.name, v.value) for p, v in c.values]) for s in g.shapes() for c in s.custom]
[('http://example.org/Prefix', 'ASK', [('prefix', 'FH-')])]

A shape has a constraint of a component when it has a value for each of the component's
mandatory parameters; with several values of a parameter, each combination is a constraint of
its own (as each value of a Core component's single parameter is). The validator is the
component's ``sh:propertyValidator`` (a property shape) or ``sh:nodeValidator`` (a node shape),
both SELECT-based, else its ``sh:validator`` (ASK-based); a component with no validator for a
shape's kind is ignored there (SHACL 1.0, 6.2.3). A component written against these rules is
refused with its name and what to change (:class:`~fhkg.errors.UsageError`), before any engine
runs: SHACL asks a processor to fail on an ill-formed shapes graph, not to guess.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

import pyoxigraph as ox

from ..errors import UsageError
from .shapes import RDF, RDFS, SH, Node, ShapesGraph, Term

#: Names a parameter cannot have: the variables SHACL binds itself (SHACL 1.0, 6.1; ``value`` and
#: ``PATH`` as pySHACL also refuses them).
RESERVED = ("this", "shapesGraph", "currentShape", "value", "PATH", "path")
_VARNAME = re.compile(r"[A-Za-z0-9_\u00C0-\uFFFF][A-Za-z0-9_\u00B7\u00C0-\uFFFF]*\Z")
#: The property that links a component to each kind of validator, and the form it must have.
VALIDATORS = {"validator": "ASK", "nodeValidator": "SELECT", "propertyValidator": "SELECT"}


@dataclass(frozen=True)
class Parameter:
    """A component's parameter: the property a shape gives its value with, and the name of the
    variable the value is bound to in the validator's query (the property's local name)."""

    path: ox.NamedNode
    name: str
    optional: bool = False


@dataclass(frozen=True)
class SparqlValidator:
    """An ``sh:SPARQLAskValidator`` (``form`` ASK) or ``sh:SPARQLSelectValidator`` (SELECT)."""

    node: Term
    form: str
    text: str
    messages: tuple[ox.Literal, ...] = ()


@dataclass(frozen=True)
class Component:
    iri: ox.NamedNode
    parameters: tuple[Parameter, ...]
    validators: dict[str, SparqlValidator]  # by the property that links it: validator, nodeValidator, propertyValidator

    def validator_for(self, property_shape: bool) -> SparqlValidator | None:
        """The validator SHACL 1.0 (6.2.3) picks for a shape of this kind, or None (ignored)."""
        return self.validators.get("propertyValidator" if property_shape else "nodeValidator") or self.validators.get("validator")


@dataclass(frozen=True)
class CustomConstraint:
    """One constraint of a SPARQL-based component on a shape: its parameters' values (None for an
    optional parameter the shape does not give) and the validator that checks it."""

    component: Component
    values: tuple[tuple[Parameter, Term | None], ...]
    validator: SparqlValidator

    def bindings(self) -> dict[str, Term]:
        return {p.name: v for p, v in self.values if v is not None}


def read_components(g: ShapesGraph) -> list[Component]:
    """The SPARQL-based constraint components declared in the shapes graph ``g`` (instances of
    ``sh:ConstraintComponent`` or of a subclass of it there), in IRI order; the Core components'
    own declarations (in the SHACL namespace) are not among them."""
    classes = {SH + "ConstraintComponent"}
    todo = [SH + "ConstraintComponent"]
    while todo:  # rdfs:subClassOf* within the shapes graph
        cls = todo.pop()
        for s, by_p in g.spo.items():
            if isinstance(s, ox.NamedNode) and s.value not in classes and any(isinstance(o, ox.NamedNode) and o.value == cls for o in by_p.get(RDFS + "subClassOf", ())):
                classes.add(s.value)
                todo.append(s.value)
    nodes = {s for s, by_p in g.spo.items() if any(isinstance(o, ox.NamedNode) and o.value in classes for o in by_p.get(RDF + "type", ()))}
    out = []
    for node in sorted(nodes, key=lambda n: (isinstance(n, ox.BlankNode), n.value)):
        if isinstance(node, ox.NamedNode) and node.value.startswith(SH):
            continue
        out.append(_component(g, node))
    return out


def constraints_of(g: ShapesGraph, node: Node, property_shape: bool, components: list[Component]) -> list[CustomConstraint]:
    """The constraints of ``components`` that the shape ``node`` declares."""
    out = []
    for c in components:
        values = {p: g.objects(node, p.path.value) for p in c.parameters}
        if not all(values[p] for p in c.parameters if not p.optional):
            continue
        validator = c.validator_for(property_shape)
        if validator is None:
            continue
        choices: list[list[tuple[Parameter, Term | None]]] = [[(p, v) for v in values[p]] or [(p, None)] for p in c.parameters]
        for combination in itertools.product(*choices):
            out.append(CustomConstraint(c, tuple(combination), validator))
    return out


class ComponentRefused(UsageError):
    """An ill-formed SPARQL-based constraint component; ``node`` is its IRI (the gate places the
    refusal where the shapes file declares it)."""

    def __init__(self, message: str, node: ox.NamedNode):
        super().__init__(message)
        self.node = node


def _component(g: ShapesGraph, node: Term) -> Component:
    from ..terms import curie

    if not isinstance(node, ox.NamedNode):
        raise UsageError(f"a SPARQL-based constraint component ({node}) is a blank node: results name their component (sh:sourceConstraintComponent), so give it an IRI")
    shown = curie(node.value)

    def refuse(why: str) -> ComponentRefused:
        return ComponentRefused(f"the constraint component {shown} is refused: {why} (SHACL 1.0, section 6)", node)

    parameters = []
    for decl in g.objects(node, SH + "parameter"):
        paths = g.objects(decl, SH + "path")
        if len(paths) != 1 or not isinstance(paths[0], ox.NamedNode):
            raise refuse("each sh:parameter needs exactly one sh:path, an IRI")
        path = paths[0]
        name = re.split(r"[#/:]", path.value)[-1]
        if not _VARNAME.match(name) or name in RESERVED:
            raise refuse(f"the parameter {curie(path.value)} would bind the variable ?{name}, which {'SHACL binds itself' if name in RESERVED else 'is not a SPARQL variable name'}; choose a property with another local name")
        optional = g.value(decl, SH + "optional")
        parameters.append(Parameter(path, name, isinstance(optional, ox.Literal) and optional.value in ("true", "1")))
    if not parameters:
        raise refuse("it declares no sh:parameter")
    if all(p.optional for p in parameters):
        raise refuse("every parameter is optional; at least one must be mandatory")
    names = [p.name for p in parameters]
    if len(set(names)) != len(names):
        raise refuse(f"two parameters bind the same variable ?{next(n for n in names if names.count(n) > 1)}")
    validators = {}
    for link, form in VALIDATORS.items():
        found = sorted(g.objects(node, SH + link), key=str)
        if not found:
            continue
        validators[link] = _validator(g, found[0], link, form, refuse)
    if not validators:
        raise refuse("it has no validator (sh:validator, sh:nodeValidator or sh:propertyValidator)")
    parameters.sort(key=lambda p: p.name)
    return Component(node, tuple(parameters), validators)


def _validator(g: ShapesGraph, node: Term, link: str, form: str, refuse) -> SparqlValidator:
    selects, asks = g.objects(node, SH + "select"), g.objects(node, SH + "ask")
    texts = selects if form == "SELECT" else asks
    other = asks if form == "SELECT" else selects
    if other or len(texts) != 1 or not isinstance(texts[0], ox.Literal):
        kind = "a SELECT-based validator (one sh:select)" if form == "SELECT" else "an ASK-based validator (one sh:ask)"
        raise refuse(f"its sh:{link} must be {kind}")
    messages = tuple(m for m in g.objects(node, SH + "message") if isinstance(m, ox.Literal))
    return SparqlValidator(node, form, texts[0].value, messages)
