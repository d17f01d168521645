"""The shapes as the documentation page shows them: the node shapes, property shapes and
SHACL-SPARQL checks, which shapes use which, and the shapes' names by language.

What each shape demands, in words, is :mod:`.words`."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from rdflib import Graph, URIRef
from rdflib.namespace import RDF, RDFS, SH
from rdflib.term import Node

from ..urls import LANGS, SHAPES
from .rdf import literal, literal_in, rdf_list, sorted_iris


@dataclass
class ShapesModel:
    """What ``shapes.html`` shows, read from the shapes graph ``g``."""

    g: Graph
    header: dict[str, Any]
    node_shapes: list[URIRef]
    property_shapes: list[URIRef]
    sparql: list[URIRef]
    used_by: dict[URIRef, list[Node]]
    labels: dict[str, dict[str, str]]

    @classmethod
    def of(cls, g: Graph) -> ShapesModel:
        doc = URIRef(SHAPES)
        header = {"label": {lang: literal(g, doc, RDFS.label, lang) for lang in LANGS}}
        node_shapes = sorted_iris(g.subjects(RDF.type, SH.NodeShape))
        property_shapes = sorted_iris(g.subjects(RDF.type, SH.PropertyShape))
        # property shapes referenced by a node shape but not typed
        property_shapes = sorted(set(property_shapes) | set(sorted_iris(g.objects(None, SH.property))), key=str)
        sparql = sorted_iris(g.objects(None, SH.sparql))
        used_by: dict[URIRef, set[Node]] = defaultdict(set)
        for p in (SH.node, SH.qualifiedValueShape, SH["not"]):
            for s, o in g.subject_objects(p):
                if isinstance(o, URIRef):
                    used_by[o].add(_owner(g, s))
        for p in (SH["and"], SH["or"], SH.xone):
            for s, lst in g.subject_objects(p):
                for o in rdf_list(g, lst):
                    if isinstance(o, URIRef):
                        used_by[o].add(_owner(g, s))
        labels: dict[str, dict[str, str]] = {}
        for s in [*node_shapes, *property_shapes, *sparql]:
            labels[str(s)] = {lang: v for lang in LANGS if (v := literal_in(g, s, SH.name, lang))}
        return cls(
            g=g,
            header=header,
            node_shapes=node_shapes,
            property_shapes=property_shapes,
            sparql=sparql,
            used_by={k: sorted(v, key=str) for k, v in used_by.items()},
            labels=labels,
        )


def _owner(g: Graph, shape: Node) -> Node:
    """The node shape that a (property) shape belongs to, for "used by" lists."""
    if isinstance(shape, URIRef) and (shape, RDF.type, SH.NodeShape) in g:
        return shape
    owners = sorted(g.subjects(SH.property, shape), key=str)
    return owners[0] if owners else shape
