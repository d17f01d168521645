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

import re
import warnings
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from . import resources
from .errors import InputError, InputWarning, UsageError
from .io import inputs
from .terms import DEFAULT_BASE, prefixes
from .terms.formats import by_path, extensions

GRAPH_BASE = "https://w3id.org/familjen-helsingborg/graph/"
#: Named graph per kind of source; user files each get ``graph/user/{n}-{stem}``.
GRAPHS = {kind: f"{GRAPH_BASE}{kind}" for kind in ("ontology", "data", "shapes", "links")}

@dataclass(frozen=True)
class Source:
    """One file in the graph and the named graph it was loaded into."""

    path: Path
    kind: str  # ontology | data | shapes | links | user
    graph: str
    #: False only when the file's bytes show it cannot hold a blank node (no "_:", no "[" or "(")
    blank_nodes: bool = True


@dataclass
class KnowledgeGraph:
    """The loaded graph: an Oxigraph store plus what was loaded into which named graph."""

    store: ox.Store
    base: str = DEFAULT_BASE
    sources: list[Source] = field(default_factory=list)
    #: set once the store's blank nodes carry canonical labels (see :meth:`canonical_blank_nodes`)
    blank_nodes_labelled: bool = False

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

    def canonical_blank_nodes(self) -> None:
        """Give the store's blank nodes labels computed from their surroundings
        (:mod:`fhkg.io.bnodes`), so that everything written from the store — dumps, twins,
        pages — is the same for the same input. Only quads that hold a blank node are touched;
        done once."""
        if self.blank_nodes_labelled:
            return
        graphs = sorted({s.graph for s in self.sources if s.blank_nodes})
        found = []
        if graphs:
            query = "SELECT ?s ?p ?o ?g WHERE { VALUES ?g { %s } GRAPH ?g { ?s ?p ?o FILTER(isBlank(?s) || isBlank(?o)) } }"
            found = list(self.store.query(query % " ".join(str(ox.NamedNode(g)) for g in graphs)))  # type: ignore[arg-type]  # a SELECT
        if found:
            from .io.bnodes import canonical_labels

            quads = [ox.Quad(r["s"], r["p"], r["o"], r["g"]) for r in found]
            labels = {b: ox.BlankNode(label) for b, label in canonical_labels(quads).items()}

            def relabel(t):
                return labels.get(t, t) if isinstance(t, ox.BlankNode) else t

            for q in quads:
                self.store.remove(q)
            # back in a fixed order (a store writes its quads in the order they went in)
            relabelled = {ox.Quad(relabel(q.subject), q.predicate, relabel(q.object), q.graph_name) for q in quads}
            self.store.extend(sorted(relabelled, key=str))
        self.blank_nodes_labelled = True

    def to_rdflib(self, kinds: Iterable[str] = ("ontology", "data", "links", "user")):
        """The union of the given kinds of source as one rdflib Graph (triples sorted in)."""
        from .rdflib_bridge import bind_prefixes, triples_of

        g = triples_of(self.quads(self.graphs_of(*kinds)))
        bind_prefixes(g, self.base)
        return g

    def to_dataset(self, kinds: Iterable[str] = ("ontology", "data", "links", "user")):
        """The given kinds of source as an rdflib Dataset, one named graph each."""
        from .rdflib_bridge import bind_prefixes, dataset_of

        ds = dataset_of({name: self.store.quads_for_pattern(None, None, None, ox.NamedNode(name)) for name in self.graphs_of(*kinds)})
        bind_prefixes(ds, self.base)
        return ds


def load(
    data: Iterable[str | Path] = (),
    *,
    base: str | None = None,
    shipped: bool = True,
    shapes: bool = False,
    relative_base: str | None = None,
) -> KnowledgeGraph:
    """Load the shipped ontology and data, plus the user's ``data`` files.

    ``base`` moves every instance IRI from the default ``https://w3id.org/familjen-helsingborg/``
    to another base (the ontology namespace does not move). Unreadable or invalid files raise
    :class:`~fhkg.errors.InputError` with the file, line and column. A relative IRI in a file
    (one the file's own ``@base`` does not resolve) is resolved against ``relative_base`` (the
    user's ``--base``) or, without one, refused. A file that holds no triples gives an
    :class:`~fhkg.errors.InputWarning`.
    """
    base = base or DEFAULT_BASE
    if not base.endswith(("/", "#")):
        base += "/"
    try:
        ox.NamedNode(base)
    except ValueError:
        raise UsageError(f"the base {base!r} is not an absolute IRI; give one such as https://example.org/ with --base") from None
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
        before = {g.value for g in kg.store.named_graphs()}
        against = relative_base if source.kind == "user" else None
        if base == DEFAULT_BASE:
            load_file(kg.store, source.path, source.graph, base_iri=against)
        else:
            kg.store.extend(_rebase(parse_file(source.path, source.graph, base_iri=against), base))
        if source.kind == "user" and not _holds_triples(kg.store, source.graph, before):
            warnings.warn(f"{source.path}: holds no triples (an empty file?)", InputWarning, stacklevel=2)
        source = Source(source.path, source.kind, source.graph, _may_hold_blank_nodes(source.path))
        kg.sources.append(source)
        # a user's TriG or N-Quads file may bring named graphs of its own: they are user data too
        for name in sorted({g.value for g in kg.store.named_graphs()} - before - {source.graph}):
            kg.sources.append(Source(source.path, source.kind, name, source.blank_nodes))
    return kg


def shape_triples(extra: Iterable[str | Path] = (), base: str = DEFAULT_BASE) -> list[ox.Triple]:
    """The shipped SHACL shapes plus ``extra`` shape files, with instance IRIs moved to ``base``
    (IRIs, and the text of literals that name them: ``sh:declare`` namespaces, SPARQL)."""
    old, new = DEFAULT_BASE + "id/", base + "id/"

    def move(t):
        if base == DEFAULT_BASE:
            return t
        if isinstance(t, ox.NamedNode) and t.value.startswith(old):
            return ox.NamedNode(new + t.value[len(old):])
        if isinstance(t, ox.Literal) and old in t.value:
            text = t.value.replace(old, new)
            return ox.Literal(text, language=t.language) if t.language else ox.Literal(text, datatype=t.datatype)
        return t

    out = []
    for path in [*resources.files("shapes"), *map(Path, extra)]:
        out += [ox.Triple(move(q.subject), q.predicate, move(q.object)) for q in parse_file(path, GRAPHS["shapes"])]
    return out


def _holds_triples(store: ox.Store, graph: str, before: set[str]) -> bool:
    """Whether the file just loaded into ``graph`` (or into named graphs of its own) gave a triple."""
    if next(iter(store.quads_for_pattern(None, None, None, ox.NamedNode(graph))), None) is not None:
        return True
    return bool({g.value for g in store.named_graphs()} - before - {graph})


def _may_hold_blank_nodes(path: Path) -> bool:
    """Whether the file can hold a blank node: in N-Triples and N-Quads only as ``_:``, in
    Turtle and TriG also as ``[`` or ``(``; JSON-LD and RDF/XML are assumed to."""
    fmt = by_path(path)
    if fmt is None or fmt.name not in ("nt", "nq", "turtle", "trig"):
        return True
    marks = (b"_:",) if fmt.name in ("nt", "nq") else (b"_:", b"[", b"(")
    with open(path, "rb") as fh:
        data = fh.read()
    return any(m in data for m in marks)


def _format_of(path: Path) -> ox.RdfFormat:
    fmt = by_path(path)
    if fmt is None:
        raise InputError(path, f"unknown RDF file type {path.suffix or '(none)'!r}", hint=f"use one of {', '.join(extensions())}")
    if not path.is_file():
        raise InputError(path, "no such file", hint="check the path")
    if fmt.oxigraph == ox.RdfFormat.RDF_XML:
        _check_xml(path)
    if fmt.oxigraph == ox.RdfFormat.JSON_LD:
        deep = inputs.json_depth_error(path)
        if deep is not None:
            raise InputError(path, f"invalid JSON-LD: {deep[0]}", line=deep[1], column=deep[2], hint="flatten the document")
    return fmt.oxigraph


def _base_for(fmt: ox.RdfFormat, base_iri: str | None) -> str | None:
    # JSON-LD drops a relative IRI it cannot resolve, silently: read it against a base that names
    # nothing, and look for IRIs under it afterwards (:func:`_refuse_relative`)
    return base_iri or (inputs.RELATIVE if fmt == ox.RdfFormat.JSON_LD else None)


def load_file(store: ox.Store, path: str | Path, graph: str, *, base_iri: str | None = None) -> None:
    """Load one RDF file into ``store`` (triples into ``graph``; a quad file's own named graphs
    as they are), blank nodes kept apart from other files'; errors become :class:`InputError`.
    Large files stream through Oxigraph's bulk loader. Relative IRIs resolve against
    ``base_iri``; without one they are refused."""
    path = Path(path)
    fmt = _format_of(path)
    loader = store.bulk_load if path.stat().st_size > _BULK else store.load
    with _errors(path, fmt), inputs.open_text(path) as fh:
        loader(fh, format=fmt, base_iri=_base_for(fmt, base_iri), to_graph=ox.NamedNode(graph))
    if base_iri is None and fmt == ox.RdfFormat.JSON_LD:  # (its named graphs too: every graph)
        _refuse_relative(path, store.quads_for_pattern(None, None, None))


def parse_file(path: str | Path, graph: str, *, base_iri: str | None = None) -> list[ox.Quad]:
    """Parse one RDF file into quads in ``graph``; errors become :class:`InputError`."""
    path = Path(path)
    fmt = _format_of(path)
    target = ox.NamedNode(graph)
    with _errors(path, fmt), inputs.open_text(path) as fh:
        quads = [
            ox.Quad(q.subject, q.predicate, q.object, target if fmt not in (ox.RdfFormat.N_QUADS, ox.RdfFormat.TRIG) or isinstance(q.graph_name, ox.DefaultGraph) else q.graph_name)
            for q in ox.parse(fh, format=fmt, base_iri=_base_for(fmt, base_iri))
        ]
    if base_iri is None and fmt == ox.RdfFormat.JSON_LD:
        _refuse_relative(path, quads)
    return quads


def _refuse_relative(path: Path, quads: Iterable[ox.Quad]) -> None:
    for q in quads:
        terms = [q.subject, q.predicate, q.object, q.graph_name]
        if isinstance(q.object, ox.Literal):
            terms.append(q.object.datatype)
        for t in terms:
            if isinstance(t, ox.NamedNode) and t.value.startswith(inputs.RELATIVE_SCHEME):
                relative = inputs.relative_text(t.value)
                line, column = inputs.find_text(path, relative) or (None, None)
                raise InputError(path, f"invalid JSON-LD: the relative IRI {relative!r} and no base to resolve it against", line=line, column=column, hint=_RELATIVE_HINT)


_RELATIVE_HINT = "write absolute IRIs, set a base in the file (@base), or give --base URL to resolve them against"


@contextmanager
def _errors(path: Path, fmt: ox.RdfFormat) -> Iterator[None]:
    try:
        yield
    except SyntaxError as e:
        raise _syntax_error(path, fmt, e) from None
    except UnicodeDecodeError as e:
        raise InputError(path, f"not UTF-8 text ({e.reason} at byte {e.start})", hint="save the file as UTF-8") from None
    except (OSError, ValueError) as e:
        raise InputError(path, str(e)) from None


def _syntax_error(path: Path, fmt: ox.RdfFormat, e: SyntaxError) -> InputError:
    """The :class:`InputError` for the engine's ``SyntaxError``: where it is, what is wrong, what to do.
    (A function of its own, not inside :func:`_errors`: mutation testing skips decorated functions.)"""
    message = e.msg.split(": ", 1)[1] if ": " in (e.msg or "") else (e.msg or str(e))
    line, column, hint = e.lineno, e.offset, "fix the file and run the command again"
    if "No scheme found in an absolute IRI" in message:
        named = re.search(r"IRI '([^']*)'", e.msg or "")
        relative = named.group(1) if named else inputs.iri_at(path, line, column)
        message = f"the relative IRI {relative!r} and no base to resolve it against" if relative is not None else "a relative IRI and no base to resolve it against"
        hint = _RELATIVE_HINT
        if line is None and relative is not None:
            line, column = inputs.find_text(path, relative) or (None, None)
    elif "LoadDocumentCallback" in message:
        message, hint = "a remote @context is not fetched: fhkg makes no requests to other servers", "put the context into the file itself"
    elif "<!ENTITY" in message:
        message, hint = f"{message}; external entities are never read and entity definitions are not used", "write the text out instead of an entity"
    elif fmt == ox.RdfFormat.JSON_LD and line is None:
        json_path = inputs.json_path_of(path, message)
        if json_path:
            message += f" (at {json_path})"
    declared = by_path(path)
    mismatch = inputs.mismatch_hint(path, declared.name) if declared is not None else None
    return InputError(path, f"invalid {fmt.name}: {message}", line=line, column=column, hint=mismatch or hint)


#: Files larger than this are read by Oxigraph's bulk loader (streaming) instead of in one go.
_BULK = 8 << 20


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


def _rebase(quads: list[ox.Quad], base: str) -> list[ox.Quad]:
    if base == DEFAULT_BASE:
        return quads
    old, new = DEFAULT_BASE + "id/", base + "id/"

    def move(t):
        if isinstance(t, ox.NamedNode) and t.value.startswith(old):
            return ox.NamedNode(new + t.value[len(old):])
        return t

    return [ox.Quad(move(q.subject), q.predicate, move(q.object), q.graph_name) for q in quads]


_BRIDGE = {"bind_prefixes", "load_shapes", "rebase_graph", "to_oxigraph", "to_rdflib"}


def __getattr__(name: str):
    """The rdflib conversions live in :mod:`fhkg.rdflib_bridge` (imported on first use)."""
    if name in _BRIDGE:
        from . import rdflib_bridge

        return getattr(rdflib_bridge, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
