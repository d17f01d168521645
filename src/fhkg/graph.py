"""Loading the knowledge graph: files -> one pyoxigraph store with named graphs.

The shipped ontology and data, and any files a user adds with ``--data``, are parsed once per
process into an in-memory Oxigraph store (fast SPARQL); :meth:`KnowledgeGraph.to_rdflib` hands
the same triples to rdflib-based tools (pySHACL, serialisers) without re-reading files.

>>> kg = load()
>>> len(kg) > 1000
True
>>> sorted(kg.graph_names())[:2]
['https://w3id.org/familjen-helsingborg/graph/data', 'https://w3id.org/familjen-helsingborg/graph/ontology']
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox
from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.term import Node

from . import resources
from .errors import InputError
from .namespaces import DEFAULT_BASE, prefixes

GRAPH_BASE = "https://w3id.org/familjen-helsingborg/graph/"
#: Named graph per kind of source; user files each get ``graph/user/{n}-{stem}``.
GRAPHS = {kind: f"{GRAPH_BASE}{kind}" for kind in ("ontology", "data", "shapes", "links")}

_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"

_FORMATS = {
    ".ttl": ox.RdfFormat.TURTLE,
    ".turtle": ox.RdfFormat.TURTLE,
    ".nt": ox.RdfFormat.N_TRIPLES,
    ".nq": ox.RdfFormat.N_QUADS,
    ".trig": ox.RdfFormat.TRIG,
    ".n3": ox.RdfFormat.N3,
    ".jsonld": ox.RdfFormat.JSON_LD,
    ".json": ox.RdfFormat.JSON_LD,
    ".rdf": ox.RdfFormat.RDF_XML,
    ".xml": ox.RdfFormat.RDF_XML,
    ".owl": ox.RdfFormat.RDF_XML,
}


@dataclass(frozen=True)
class Source:
    """One file in the graph and the named graph it was loaded into."""

    path: Path
    kind: str  # ontology | data | shapes | links | user
    graph: str


@dataclass
class KnowledgeGraph:
    """The loaded graph: an Oxigraph store plus what was loaded into which named graph."""

    store: ox.Store
    base: str = DEFAULT_BASE
    sources: list[Source] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.store)

    def graph_names(self) -> list[str]:
        return sorted(g.value for g in self.store.named_graphs())

    def user_sources(self) -> list[Source]:
        return [s for s in self.sources if s.kind == "user"]

    def graphs_of(self, *kinds: str) -> list[str]:
        """Named graphs holding the given kinds of source (in load order, without repeats)."""
        seen: dict[str, None] = {}
        for s in self.sources:
            if s.kind in kinds:
                seen.setdefault(s.graph, None)
        return list(seen)

    def query(self, sparql: str, *, graphs: Iterable[str] | None = None):
        """Run SPARQL on Oxigraph over the union of ``graphs`` (default: every graph)."""
        names = list(graphs) if graphs is not None else self.graph_names()
        return self.store.query(
            sparql,
            prefixes=prefixes(self.base),
            default_graph=[ox.NamedNode(g) for g in names] or None,
        )

    def quads(self, graphs: Iterable[str] | None = None) -> Iterator[ox.Quad]:
        names = list(graphs) if graphs is not None else self.graph_names()
        for name in names:
            yield from self.store.quads_for_pattern(None, None, None, ox.NamedNode(name))

    def to_rdflib(self, kinds: Iterable[str] = ("ontology", "data", "links", "user")) -> Graph:
        """The union of the given kinds of source as one rdflib Graph (triples sorted in)."""
        g = Graph()
        bind_prefixes(g, self.base)
        triples = {(to_rdflib(q.subject), to_rdflib(q.predicate), to_rdflib(q.object)) for q in self.quads(self.graphs_of(*kinds))}
        for t in sorted(triples, key=_triple_key):
            g.add(t)
        return g

    def to_dataset(self, kinds: Iterable[str] = ("ontology", "data", "links", "user")) -> Dataset:
        """The given kinds of source as an rdflib Dataset, one named graph each."""
        ds = Dataset()
        bind_prefixes(ds, self.base)
        for name in self.graphs_of(*kinds):
            ctx = ds.graph(URIRef(name))
            triples = {
                (to_rdflib(q.subject), to_rdflib(q.predicate), to_rdflib(q.object))
                for q in self.store.quads_for_pattern(None, None, None, ox.NamedNode(name))
            }
            for t in sorted(triples, key=_triple_key):
                ctx.add(t)
        return ds


def load(
    data: Iterable[str | Path] = (),
    *,
    base: str | None = None,
    shipped: bool = True,
    shapes: bool = False,
) -> KnowledgeGraph:
    """Load the shipped ontology and data, plus the user's ``data`` files.

    ``base`` moves every instance IRI from the default ``https://w3id.org/familjen-helsingborg/``
    to another base (the ontology namespace does not move). Unreadable or invalid files raise
    :class:`~fhkg.errors.InputError` with the file, line and column.
    """
    base = base or DEFAULT_BASE
    if not base.endswith(("/", "#")):
        base += "/"
    kg = KnowledgeGraph(ox.Store(), base=base)
    plan: list[Source] = []
    if shipped:
        plan += [Source(p, "ontology", GRAPHS["ontology"]) for p in resources.files("ontology")]
        plan += [Source(p, "data", GRAPHS["data"]) for p in resources.files("data")]
        if shapes:
            plan += [Source(p, "shapes", GRAPHS["shapes"]) for p in resources.files("shapes")]
    for n, path in enumerate(data, start=1):
        path = Path(path)
        plan.append(Source(path, "user", f"{GRAPH_BASE}user/{n}-{path.stem}"))
    for source in plan:
        quads = _rebase(parse_file(source.path, source.graph), base)
        kg.store.extend(quads)
        kg.sources.append(source)
        # a user's TriG or N-Quads file may bring named graphs of its own: they are user data too
        for name in sorted({q.graph_name.value for q in quads if isinstance(q.graph_name, ox.NamedNode)} - {source.graph}):
            kg.sources.append(Source(source.path, source.kind, name))
    return kg


def load_shapes(extra: Iterable[str | Path] = ()) -> Graph:
    """The shipped SHACL shapes (plus ``extra`` shape files) as one rdflib Graph."""
    g = Graph()
    bind_prefixes(g, DEFAULT_BASE)
    for path in [*resources.files("shapes"), *map(Path, extra)]:
        for q in parse_file(path, GRAPHS["shapes"]):
            g.add((to_rdflib(q.subject), to_rdflib(q.predicate), to_rdflib(q.object)))
    return g


def parse_file(path: Path, graph: str) -> list[ox.Quad]:
    """Parse one RDF file into quads in ``graph``; errors become :class:`InputError`."""
    path = Path(path)
    fmt = _FORMATS.get(path.suffix.lower())
    if fmt is None:
        known = ", ".join(sorted(_FORMATS))
        raise InputError(path, f"unknown RDF file type {path.suffix or '(none)'!r}", hint=f"use one of {known}")
    if not path.is_file():
        raise InputError(path, "no such file", hint="check the path")
    target = ox.NamedNode(graph)
    if fmt == ox.RdfFormat.RDF_XML:
        _check_xml(path)
    try:
        with path.open("rb") as fh:
            return [
                ox.Quad(q.subject, q.predicate, q.object, target if fmt not in (ox.RdfFormat.N_QUADS, ox.RdfFormat.TRIG) or isinstance(q.graph_name, ox.DefaultGraph) else q.graph_name)
                for q in ox.parse(fh, format=fmt, base_iri=path.resolve().as_uri())
            ]
    except SyntaxError as e:
        message = e.msg.split(": ", 1)[1] if ": " in (e.msg or "") else (e.msg or str(e))
        raise InputError(path, f"invalid {fmt.name}: {message}", line=e.lineno, column=e.offset) from None
    except UnicodeDecodeError as e:
        raise InputError(path, f"not UTF-8 text ({e.reason} at byte {e.start})", hint="save the file as UTF-8") from None
    except (OSError, ValueError) as e:
        raise InputError(path, str(e)) from None


def _check_xml(path: Path) -> None:
    """RDF/XML must first be well-formed XML: Oxigraph's streaming parser accepts a file that
    stops in the middle of an element, so a cut-off download would pass silently."""
    import xml.parsers.expat

    parser = xml.parsers.expat.ParserCreate()
    try:
        with path.open("rb") as fh:
            parser.ParseFile(fh)
    except xml.parsers.expat.ExpatError as e:
        message = xml.parsers.expat.ErrorString(e.code)
        raise InputError(path, f"invalid RDF/XML: not well-formed XML ({message})", line=e.lineno, column=e.offset + 1) from None


def bind_prefixes(g: Graph, base: str = DEFAULT_BASE) -> None:
    for prefix, ns in prefixes(base).items():
        g.bind(prefix, ns, override=True, replace=True)


def to_rdflib(term: ox.NamedNode | ox.BlankNode | ox.Literal) -> Node:
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


def _rebase(quads: list[ox.Quad], base: str) -> list[ox.Quad]:
    if base == DEFAULT_BASE:
        return quads
    old, new = DEFAULT_BASE + "id/", base + "id/"

    def move(t):
        if isinstance(t, ox.NamedNode) and t.value.startswith(old):
            return ox.NamedNode(new + t.value[len(old):])
        return t

    return [ox.Quad(move(q.subject), q.predicate, move(q.object), q.graph_name) for q in quads]


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
