"""Reading the ontology and the shapes (rdflib graphs): a literal in a language, IRIs in a fixed
order, RDF lists, the properties a SHACL path names."""

from __future__ import annotations

from collections.abc import Iterable

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import RDF, SH
from rdflib.term import Node


def literal(g: Graph, s: Node, p: Node, lang: str | None) -> str | None:
    """One literal of ``s p``: in ``lang`` if given (falling back to sv, then en, then any)."""
    values = sorted((o for o in g.objects(s, p) if isinstance(o, Literal)), key=str)
    if not values:
        return None
    for want in (lang, "sv", "en", None):
        for v in values:
            if (v.language or None) == want:
                return str(v)
    return str(values[0])


def literal_in(g: Graph, s: Node, p: Node, lang: str) -> str | None:
    """The literal of ``s p`` in ``lang`` exactly (the first in code-point order), or None."""
    values = sorted(str(o) for o in g.objects(s, p) if isinstance(o, Literal) and o.language == lang)
    return values[0] if values else None


def sorted_iris(nodes: Iterable[Node]) -> list[URIRef]:
    """The IRIs among ``nodes``, once each, in code-point order."""
    return sorted({n for n in nodes if isinstance(n, URIRef)}, key=str)


def rdf_list(g: Graph, node: Node | None) -> list[Node]:
    """The members of the RDF list ``node`` (``[node]`` if it is not a well-formed list)."""
    if node is None:
        return []
    try:
        return list(Collection(g, node))
    except Exception:  # not a well-formed RDF list
        return [node]


def path_iris(g: Graph, path: Node) -> list[URIRef]:
    """Every property IRI that a SHACL path mentions."""
    if isinstance(path, URIRef):
        return [path]
    out: list[URIRef] = []
    if isinstance(path, BNode):
        if (path, RDF.first, None) in g:
            for p in rdf_list(g, path):
                out += path_iris(g, p)
        for key in (SH.alternativePath, SH.inversePath, SH.zeroOrMorePath, SH.oneOrMorePath, SH.zeroOrOnePath):
            v = g.value(path, key)
            if v is not None:
                out += path_iris(g, v)
    return out
