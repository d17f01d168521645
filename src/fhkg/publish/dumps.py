"""Whole-graph dumps: ``dump/fhkg.{ttl,nt,nq,trig,jsonld,rdf}``, a gzip of each, and the
site-wide JSON-LD context ``context.jsonld``.

* Turtle, N-Triples, JSON-LD and RDF/XML hold the graph the site is built from: ontology and
  data (and any ``--data`` files), written by :func:`fhkg.serialization.serialize`.
* N-Quads and TriG hold four named graphs (:data:`fhkg.graph.GRAPHS`) that *partition* the
  triples: ``ontology``; ``shapes`` (the SHACL shapes, moved to the instance base);
  ``links``, the data's triples whose object is an IRI outside the dataset and its
  vocabularies (:func:`link_triples`, the same definition ``fhkg stats`` counts and the VoID
  linksets use); and ``data``, everything else the data says.
* The compact JSON-LD dump carries the same ``@context`` as ``context.jsonld``
  (:func:`~fhkg.publish.site.jsonld_context`), inline, so it parses without a network.

Every dump is recorded in ``site.notes["distributions"]`` (path, format, media type, byte
size, SHA-256) for the catalogue (:mod:`.catalog`).
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from rdflib import BNode, Dataset, Graph, URIRef

from .. import __version__
from ..graph import GRAPHS, KnowledgeGraph, bind_prefixes, load_shapes, rebase_graph
from ..links import host, is_external, link_triples  # noqa: F401 (re-exported: one definition)
from ..serialization import FORMATS, _canonical, _nquads, _sorted_lines, serialize, trig_body
from .site import Site, gzip_bytes, jsonld_context, sha256

#: Where the context lives in the site (and so at ``{base}context.jsonld``).
CONTEXT_PATH = "context.jsonld"


@dataclass(frozen=True)
class Dump:
    """One dump format: file extension, :mod:`fhkg.serialization` format, and how the catalogue names it."""

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
def named_graphs(kg: KnowledgeGraph) -> dict[str, Graph]:
    """The four named graphs of the quad dumps, which partition the triples (graph IRI -> graph).

    ``data`` is the shipped data plus any ``--data`` files, minus the ``links``.
    """
    links = Graph()
    for t in link_triples(kg, data_graphs(kg)):
        links.add(t)
    data = Graph()
    for t in _sorted(kg.to_rdflib(("data", "user"))):
        if t not in links:
            data.add(t)
    return {
        GRAPHS["ontology"]: kg.to_rdflib(("ontology",)),
        GRAPHS["data"]: data,
        GRAPHS["shapes"]: rebase_graph(load_shapes(), kg.base),
        GRAPHS["links"]: links,
    }


def _sorted(g: Graph):
    return sorted(g, key=lambda t: tuple(str(x) for x in t))


def quad_dataset(kg: KnowledgeGraph) -> Dataset:
    """The named graphs as one rdflib Dataset with canonical, per-graph blank-node labels.

    Each graph's blank nodes are labelled canonically and prefixed with the graph's initial, so
    no label can name nodes in two graphs (in N-Quads a label is one node across the document).
    """
    ds = Dataset()
    bind_prefixes(ds, kg.base)
    for name, g in named_graphs(kg).items():
        tag = name.rsplit("/", 1)[-1][0]
        canon = _canonical(g)

        def relabel(term, tag=tag):
            return BNode(f"{tag}{term}") if isinstance(term, BNode) else term

        ctx = ds.graph(URIRef(name))
        for s, p, o in _sorted(canon):
            ctx.add((relabel(s), p, relabel(o)))
    return ds


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


def serialize_dump(kg: KnowledgeGraph, dump: Dump, ds: Dataset | None = None) -> bytes:
    """The bytes of one (uncompressed) dump (``ds``: the :func:`quad_dataset`, if already built)."""
    if not dump.quads:
        return serialize(kg, dump.fmt)
    ds = ds if ds is not None else quad_dataset(kg)
    if dump.fmt == "nq":
        return _sorted_lines(_nquads(ds)).encode("utf-8")
    return (trig_header() + trig_body(ds, kg.base)).encode("utf-8")


def context_document(base: str) -> bytes:
    """``context.jsonld``: the JSON-LD context every published JSON-LD document uses."""
    return (json.dumps({"@context": jsonld_context(base)}, ensure_ascii=False, indent=2, sort_keys=True) + "\n").encode("utf-8")


# ---------------------------------------------------------------------------------------- contribute
def contribute(site: Site) -> None:
    """Add the dumps, their gzips and ``context.jsonld``; record the dumps as distributions."""
    kg = site.kg
    distributions = []
    ds = quad_dataset(kg)
    for dump in DUMPS:
        payload = serialize_dump(kg, dump, ds)
        for compressed in (False, True):
            content = gzip_bytes(payload) if compressed else payload
            path = site.add(site.urls.dump(dump.ext + (".gz" if compressed else "")), content)
            distributions.append(
                {
                    "path": path,
                    "ext": dump.ext,
                    "format": dump.name,
                    "media_type": dump.media_type,
                    "file_type": dump.file_type,
                    "compression": "gzip" if compressed else None,
                    "graphs": list(QUAD_GRAPHS) if dump.quads else ["ontology", "data"],
                    "byte_size": len(content),
                    "sha256": sha256(content),
                }
            )
    site.add(CONTEXT_PATH, context_document(kg.base))
    site.notes["distributions"] = distributions
