"""Loading the knowledge graph: files -> one pyoxigraph store with named graphs.

The shipped ontology and data, and any files a user adds with ``--data``, are parsed once per
process into an in-memory Oxigraph store (fast SPARQL; :mod:`.store`), each file read by :mod:`.parse`;
:meth:`KnowledgeGraph.to_rdflib` hands the same triples to rdflib-based tools (pySHACL,
serialisers) without re-reading files.

>>> kg = load()
>>> len(kg) > 1000
True
>>> sorted(kg.graph_names())[:2]
['https://w3id.org/familjen-helsingborg/graph/data', 'https://w3id.org/familjen-helsingborg/graph/ontology']
"""

from __future__ import annotations

import warnings
from collections.abc import Iterable
from pathlib import Path

import pyoxigraph as ox

from .. import resources
from ..errors import InputWarning, UsageError
from ..terms import DEFAULT_BASE
from .parse import load_file, may_hold_blank_nodes, parse_file
from .store import GRAPH_BASE, GRAPHS, KnowledgeGraph, Source

__all__ = ["GRAPHS", "GRAPH_BASE", "KnowledgeGraph", "Source", "load", "load_file", "parse_file", "shape_triples"]


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
        source = Source(source.path, source.kind, source.graph, may_hold_blank_nodes(source.path))
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
        triples = [ox.Triple(move(q.subject), q.predicate, move(q.object)) for q in parse_file(path, GRAPHS["shapes"])]
        _check_shapes_file(path, triples)
        out += triples
    return out


def _check_shapes_file(path: Path, triples: list[ox.Triple]) -> None:
    """SHACL 1.0 (1.5): a processor that does not support an entailment regime a shapes graph asks
    for (``sh:entailment``) must fail; fhkg supports none. What the Advanced Features add (rules,
    SPARQL targets, node expressions) neither engine runs: a warning says so."""
    from ..shacl.shapes import advanced_features, entailments

    asked = entailments(triples)
    if asked:
        raise UsageError(
            f"{path}: sh:entailment <{asked[0]}> asks for an entailment regime, and fhkg validates the triples as they are (SHACL 1.0, section 1.5: "
            "a processor must then refuse); remove sh:entailment and add the inferred triples to the data instead"
        )
    advanced = advanced_features(triples)
    if advanced:
        warnings.warn(
            f"{path}: uses {', '.join(advanced)}, of the SHACL Advanced Features, which fhkg does not run (SHACL Core and SHACL-SPARQL only): "
            "the shapes are checked without them",
            InputWarning,
            stacklevel=3,
        )


def _holds_triples(store: ox.Store, graph: str, before: set[str]) -> bool:
    """Whether the file just loaded into ``graph`` (or into named graphs of its own) gave a triple."""
    if next(iter(store.quads_for_pattern(None, None, None, ox.NamedNode(graph))), None) is not None:
        return True
    return bool({g.value for g in store.named_graphs()} - before - {graph})


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
    """The rdflib conversions live in :mod:`fhkg.graph.rdflib_bridge` (imported on first use)."""
    if name in _BRIDGE:
        from . import rdflib_bridge

        return getattr(rdflib_bridge, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
