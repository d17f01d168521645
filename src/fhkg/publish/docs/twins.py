"""The machine twins of the documentation pages: the ontology (``ontology.ttl|.jsonld|.rdf|.nt``)
and the shapes (``shapes.ttl|…``), written by :func:`fhkg.io.serialize.serialize` like every
dump, under a first comment line that says what they hold."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph

from ... import __version__
from ...graph import GRAPHS, KnowledgeGraph, Source, to_oxigraph
from ...io.serialize import serialize
from ...terms.namespaces import ONTOLOGY
from ..urls import SHAPES

ONTOLOGY_HEADER = f"# fhkg {__version__}: the Familjen Helsingborg ontology, {ONTOLOGY}"
SHAPES_HEADER = f"# fhkg {__version__}: the SHACL shapes of the Familjen Helsingborg knowledge graph, {SHAPES}"


def ontology_twin(kg: KnowledgeGraph, ext: str) -> bytes:
    """The ontology (only) in the twin format ``ext`` (``ttl``, ``jsonld``, ``rdf``, ``nt``)."""
    return _retitle(serialize(kg, ext, kinds=("ontology",)), ONTOLOGY_HEADER)


def shapes_twin(shapes: KnowledgeGraph, ext: str) -> bytes:
    """The shapes (:func:`shapes_graph`) in the twin format ``ext``."""
    return _retitle(serialize(shapes, ext, kinds=("shapes",)), SHAPES_HEADER)


def shapes_graph(shapes: Graph, base: str) -> KnowledgeGraph:
    """The shapes as a :class:`KnowledgeGraph` of their own (named graph ``graph/shapes``), so
    :func:`fhkg.io.serialize.serialize` writes them like every other dump."""
    store = ox.Store()
    name = ox.NamedNode(GRAPHS["shapes"])
    # in a fixed order: a store writes its quads in the order they went in
    store.extend(sorted((ox.Quad(to_oxigraph(s), to_oxigraph(p), to_oxigraph(o), name) for s, p, o in shapes), key=str))
    return KnowledgeGraph(store, base=base, sources=[Source(Path("shapes"), "shapes", GRAPHS["shapes"])])


def _retitle(payload: bytes, header: str) -> bytes:
    """Replace the generic first comment line of a Turtle dump by one that says what it holds."""
    if payload.startswith(b"# fhkg "):
        _, _, rest = payload.partition(b"\n")
        return header.encode("utf-8") + b"\n" + rest
    return payload
