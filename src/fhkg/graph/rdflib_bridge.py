"""fhkg's graph in rdflib terms, for the tools that need rdflib's API (pySHACL, the OWL export for
the reasoner, the publishing modules): term conversion both ways, prefixes, and the shapes as an
rdflib Graph. Imported only where it is needed, so the command line's fast paths stay free of rdflib.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import pyoxigraph as ox
from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.term import Node

from ..terms import DEFAULT_BASE, prefixes

_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


def triples_of(quads: Iterable[ox.Quad]) -> Graph:
    """The triples of ``quads`` as an rdflib Graph, added in a sorted order."""
    triples = {(to_rdflib(q.subject), to_rdflib(q.predicate), to_rdflib(q.object)) for q in quads}
    g = Graph()
    for t in sorted(triples, key=_triple_key):
        g.add(t)
    return g


def dataset_of(named: dict[str, Iterable[ox.Quad]]) -> Dataset:
    """Named graphs (name -> quads) as an rdflib Dataset, triples added in a sorted order."""
    ds = Dataset()
    for name, quads in named.items():
        ctx = ds.graph(URIRef(name))
        triples = {(to_rdflib(q.subject), to_rdflib(q.predicate), to_rdflib(q.object)) for q in quads}
        for t in sorted(triples, key=_triple_key):
            ctx.add(t)
    return ds


def load_shapes(extra: Iterable[str | Path] = ()) -> Graph:
    """The shipped SHACL shapes (plus ``extra`` shape files) as one rdflib Graph."""
    from . import shape_triples

    g = Graph()
    bind_prefixes(g, DEFAULT_BASE)
    for t in shape_triples(extra):
        g.add((to_rdflib(t.subject), to_rdflib(t.predicate), to_rdflib(t.object)))
    return g


def bind_prefixes(g: Graph, base: str = DEFAULT_BASE) -> None:
    for prefix, ns in prefixes(base).items():
        g.bind(prefix, ns, override=True, replace=True)


def to_rdflib(term: ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple) -> Node:
    """Convert one pyoxigraph term to rdflib."""
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        if term.datatype.value == _XSD_STRING:
            return Literal(term.value)
        return Literal(term.value, datatype=URIRef(term.datatype.value))
    raise TypeError(f"unsupported term {term!r}")


def to_oxigraph(term: Node) -> ox.NamedNode | ox.BlankNode | ox.Literal:
    """Convert one rdflib term to pyoxigraph."""
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    raise TypeError(f"unsupported term {term!r}")


def rebase_graph(g: Graph, base: str) -> Graph:
    """A copy of an rdflib graph (e.g. the shapes) with instance IRIs moved to ``base``: IRIs,
    and the text of literals that name them (``sh:declare`` namespaces, SPARQL in ``sh:select``)."""
    if base == DEFAULT_BASE:
        return g
    old, new = DEFAULT_BASE + "id/", base + "id/"

    def move(t):
        if isinstance(t, URIRef) and str(t).startswith(old):
            return URIRef(new + str(t)[len(old):])
        if isinstance(t, Literal) and old in str(t):
            return Literal(str(t).replace(old, new), lang=t.language, datatype=t.datatype)
        return t

    out = Graph()
    for prefix, ns in g.namespaces():
        out.bind(prefix, ns)
    for s, p, o in g:
        out.add((move(s), p, move(o)))
    return out


def _triple_key(t: tuple[Node, Node, Node]) -> tuple:
    return tuple((type(x).__name__, str(x), getattr(x, "language", None) or "", str(getattr(x, "datatype", None) or "")) for x in t)
