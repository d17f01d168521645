"""Whole-graph dumps: ``dump/fhkg.{ttl,nt,nq,trig,jsonld,rdf}``, a gzip of each, and the
site-wide JSON-LD context ``context.jsonld``.

* Turtle, N-Triples, JSON-LD and RDF/XML hold the graph the site is built from: ontology and
  data (and any ``--data`` files), written by :func:`fhkg.io.serialize.serialize`.
* N-Quads and TriG hold four named graphs (:data:`fhkg.graph.GRAPHS`) that *partition* the
  triples: ``ontology``; ``shapes`` (the SHACL shapes, moved to the instance base);
  ``links``, the data's triples whose object is an IRI outside the dataset and its
  vocabularies (:func:`link_triples`, the same definition ``fhkg stats`` counts and the VoID
  linksets use); and ``data``, everything else the data says.
* The JSON-LD dump is expanded JSON-LD (full IRIs, no context to fetch), written by Oxigraph
  like the N-Triples dump; ``context.jsonld`` (:func:`~fhkg.publish.site.jsonld_context`) is the
  context the pages' JSON-LD use.

Every dump is recorded in ``site.notes.distributions`` (path, format, media type, byte
size, SHA-256) for the catalogue (:mod:`.catalog`).
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from .. import __version__
from ..graph import GRAPHS, KnowledgeGraph, shape_triples
from ..io.serialize import (
    FORMATS,
    graph_lines,
    lines_of,
    serialize,
    serialize_graphs,
    triple_lines,
)
from ..links import host, is_external, link_triples, links  # noqa: F401 (re-exported: one definition)
from .site import Distribution, Site, gzip_bytes, jsonld_context, sha256

#: Where the context lives in the site (and so at ``{base}context.jsonld``).
CONTEXT_PATH = "context.jsonld"


@dataclass(frozen=True)
class Dump:
    """One dump format: file extension, :mod:`fhkg.io.serialize` format, and how the catalogue names it."""

    ext: str
    fmt: str
    name: str
    #: code in the EU file-type authority table (http://publications.europa.eu/resource/authority/file-type/)
    file_type: str

    @property
    def media_type(self) -> str:
        return FORMATS[self.fmt].media_type

    @property
    def quads(self) -> bool:
        return FORMATS[self.fmt].quads


DUMPS = (
    Dump("ttl", "turtle", "Turtle", "RDF_TURTLE"),
    Dump("nt", "nt", "N-Triples", "RDF_N_TRIPLES"),
    Dump("nq", "nq", "N-Quads", "RDF_N_QUADS"),
    Dump("trig", "trig", "TriG", "RDF_TRIG"),
    Dump("jsonld", "jsonld", "JSON-LD", "JSON_LD"),
    Dump("rdf", "xml", "RDF/XML", "RDF_XML"),
)

#: The order of the named graphs in the quad dumps' description.
QUAD_GRAPHS = ("ontology", "data", "shapes", "links")


def data_graphs(kg: KnowledgeGraph) -> list[str]:
    """The named graphs that hold data (the shipped data and any ``--data`` files)."""
    return kg.graphs_of("data", "user")


# ---------------------------------------------------------------------------------------- quads
def named_graphs(kg: KnowledgeGraph) -> dict[str, list[bytes]]:
    """The four named graphs of the quad dumps, which partition the triples, as sorted N-Triples
    lines (graph IRI -> lines). ``data`` is the shipped data plus any ``--data`` files, minus the
    ``links``; the shapes' blank nodes are labelled apart from the store's (``s`` prefix)."""
    kg.canonical_blank_nodes()  # the links' blank nodes written with the labels the data's lines have
    link_lines = lines_of(links(kg, data_graphs(kg)))
    return {
        GRAPHS["ontology"]: graph_lines(kg, [GRAPHS["ontology"]]),
        GRAPHS["data"]: [line for line in graph_lines(kg, data_graphs(kg)) if line not in link_lines],
        GRAPHS["shapes"]: triple_lines(shape_triples(base=kg.base), tag="s"),
        GRAPHS["links"]: sorted(link_lines),
    }


def trig_header() -> str:
    g = {k: f"<{GRAPHS[k]}>" for k in QUAD_GRAPHS}
    width = max(len(v) for v in g.values())
    lines = [
        f"# fhkg {__version__}: the Familjen Helsingborg knowledge graph in four named graphs that partition",
        "# its triples (every triple is in exactly one of them):",
        f"#   {g['ontology']:<{width}}  the OWL ontology",
        f"#   {g['data']:<{width}}  the facts, except the links below",
        f"#   {g['shapes']:<{width}}  the SHACL shapes that validate the data",
        f"#   {g['links']:<{width}}  the facts whose object is an IRI outside the dataset and its vocabularies",
        "#   " + " " * width + "  (web pages cited as sources, homepages, QUDT units, …)",
        "# The Turtle, N-Triples, JSON-LD and RDF/XML dumps hold ontology and data (links included), not the shapes.",
    ]
    return "\n".join(lines) + "\n"


def serialize_dump(kg: KnowledgeGraph, dump: Dump, named: dict[str, list[bytes]] | None = None) -> bytes:
    """The bytes of one (uncompressed) dump (``named``: the :func:`named_graphs`, if already built)."""
    if not dump.quads:
        return serialize(kg, dump.fmt)
    named = named if named is not None else named_graphs(kg)
    body = serialize_graphs(named, FORMATS[dump.fmt], kg.base)
    return body if dump.fmt == "nq" else trig_header().encode("utf-8") + body


def context_document(base: str) -> bytes:
    """``context.jsonld``: the JSON-LD context every published JSON-LD document uses."""
    return (json.dumps({"@context": jsonld_context(base)}, ensure_ascii=False, indent=2, sort_keys=True) + "\n").encode("utf-8")


# ---------------------------------------------------------------------------------------- contribute
def contribute(site: Site) -> None:
    """Add the dumps, their gzips and ``context.jsonld``; record the dumps as distributions."""
    kg = site.kg
    distributions = []
    named = named_graphs(kg)
    for dump in DUMPS:
        payload = serialize_dump(kg, dump, named)
        for compressed in (False, True):
            content = gzip_bytes(payload) if compressed else payload
            path = site.add(site.urls.dump(dump.ext + (".gz" if compressed else "")), content)
            distributions.append(
                Distribution(
                    path=path,
                    ext=dump.ext,
                    format=dump.name,
                    media_type=dump.media_type,
                    file_type=dump.file_type,
                    compression="gzip" if compressed else None,
                    graphs=tuple(QUAD_GRAPHS) if dump.quads else ("ontology", "data"),
                    byte_size=len(content),
                    sha256=sha256(content),
                )
            )
    site.add(CONTEXT_PATH, context_document(kg.base))
    site.notes.distributions = distributions
