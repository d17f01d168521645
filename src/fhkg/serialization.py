"""Deterministic serialisations of the graph: the same input gives the same bytes.

Blank nodes (only the ontology's OWL axioms have them) get canonical labels from rdflib's graph
canonicalisation; N-Triples and N-Quads lines are sorted; Turtle and TriG come from fhkg's own
sorted writer; JSON-LD and RDF/XML are written by rdflib from triples added in sorted order.
Files are written atomically (a temporary file in the same folder, then a rename).

>>> import fhkg
>>> serialize(fhkg.load(), "nt") == serialize(fhkg.load(), "nt")
True
"""

from __future__ import annotations

import json
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox
from rdflib import BNode, Dataset, Graph, URIRef
from rdflib.compare import to_canonical_graph

from . import __version__
from .errors import InputError
from .graph import KnowledgeGraph, bind_prefixes, to_oxigraph
from .namespaces import prefixes
from .turtle import format_graph


@dataclass(frozen=True)
class Format:
    name: str
    extension: str
    media_type: str
    quads: bool = False


FORMATS = {
    f.name: f
    for f in (
        Format("turtle", ".ttl", "text/turtle"),
        Format("nt", ".nt", "application/n-triples"),
        Format("nq", ".nq", "application/n-quads", quads=True),
        Format("trig", ".trig", "application/trig", quads=True),
        Format("jsonld", ".jsonld", "application/ld+json"),
        Format("xml", ".rdf", "application/rdf+xml"),
    )
}
ALIASES = {"ttl": "turtle", "ntriples": "nt", "n-triples": "nt", "nquads": "nq", "json-ld": "jsonld", "rdf": "xml", "rdfxml": "xml", "rdf/xml": "xml"}
ALIASES.update({f.media_type: f.name for f in FORMATS.values()})
ALIASES.update({f.extension.lstrip("."): f.name for f in FORMATS.values()})

KINDS = ("ontology", "data", "links", "user")


def format_for(name: str) -> Format:
    key = ALIASES.get(name.lower(), name.lower())
    if key not in FORMATS:
        raise ValueError(f"unknown format {name!r}; expected one of {', '.join(FORMATS)}")
    return FORMATS[key]


def serialize(kg: KnowledgeGraph, fmt: str = "turtle", kinds: tuple[str, ...] = KINDS) -> bytes:
    """The graph (by default ontology, data and user data) in ``fmt``, as bytes."""
    f = format_for(fmt)
    if f.quads:
        ds = _canonical_dataset(kg, kinds)
        if f.name == "nq":
            return _sorted_lines(_nquads(ds)).encode("utf-8")
        return _trig(ds, kg.base).encode("utf-8")
    g = _canonical(kg.to_rdflib(kinds))
    bind_prefixes(g, kg.base)
    if f.name == "turtle":
        header = f"# fhkg {__version__}: the Familjen Helsingborg knowledge graph (ontology and data), https://w3id.org/familjen-helsingborg/"
        return format_graph(g, header, prefixes(kg.base)).encode("utf-8")
    if f.name == "nt":
        return _sorted_lines(_ntriples(g)).encode("utf-8")
    if f.name == "jsonld":
        context = {p: ns for p, ns in prefixes(kg.base).items()}
        data = _sorted_json(json.loads(g.serialize(format="json-ld", context=context, auto_compact=True)))
        return (json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n").encode("utf-8")
    triples = sorted((ox.Triple(to_oxigraph(s), to_oxigraph(p), to_oxigraph(o)) for s, p, o in g), key=str)
    return ox.serialize(triples, format=ox.RdfFormat.RDF_XML, prefixes=prefixes(kg.base))


def write(kg: KnowledgeGraph, fmt: str, path: str | Path, kinds: tuple[str, ...] = KINDS) -> int:
    """Write the serialisation to ``path`` atomically; returns the number of bytes."""
    return write_bytes(serialize(kg, fmt, kinds), path)


def write_bytes(payload: bytes, path: str | Path) -> int:
    """Write ``payload`` to ``path`` atomically (a temporary file in the same folder, then a
    rename), with the usual permissions (0666 less the umask). The folder must exist."""
    path = Path(path)
    if not path.parent.is_dir():
        raise InputError(path, f"the folder {path.parent} does not exist", hint="create it first, or choose another -o path")
    if path.is_dir():
        raise InputError(path, "is a folder", hint="give a file name with -o")
    tmp = None
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
        with os.fdopen(fd, "wb") as fh:
            fh.write(payload)
        os.chmod(tmp, 0o666 & ~_umask())
        os.replace(tmp, path)
    except OSError as e:
        if tmp:
            Path(tmp).unlink(missing_ok=True)
        raise InputError(path, f"cannot write: {e.strerror or e}", hint="check the path and its permissions") from None
    except BaseException:
        if tmp:
            Path(tmp).unlink(missing_ok=True)
        raise
    return len(payload)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _sorted_json(node, key: str = ""):
    """JSON-LD with every array sorted, except RDF lists (``@list``), whose order is data."""
    if isinstance(node, dict):
        return {k: _sorted_json(v, k) for k, v in node.items()}
    if isinstance(node, list):
        items = [_sorted_json(v) for v in node]
        if key == "@list":
            return items
        return sorted(items, key=lambda v: json.dumps(v, ensure_ascii=False, sort_keys=True))
    return node


def _canonical(g: Graph) -> Graph:
    if not any(isinstance(t, BNode) for triple in g for t in triple):
        return g
    canon = to_canonical_graph(g)
    out = Graph()
    for t in sorted(canon, key=lambda t: tuple(str(x) for x in t)):
        out.add(t)
    return out


def _canonical_dataset(kg: KnowledgeGraph, kinds: tuple[str, ...]) -> Dataset:
    ds = Dataset()
    bind_prefixes(ds, kg.base)
    for name in kg.graphs_of(*kinds):
        source = kg.to_dataset(kinds).graph(URIRef(name))
        canon = _canonical(Graph() + source)
        ctx = ds.graph(URIRef(name))
        for t in sorted(canon, key=lambda t: tuple(str(x) for x in t)):
            ctx.add(t)
    return ds


def _ntriples(g: Graph):
    for s, p, o in g:
        yield f"{to_oxigraph(s)} {to_oxigraph(p)} {to_oxigraph(o)} .\n"


def _nquads(ds: Dataset):
    for ctx in ds.graphs():
        if ctx.identifier == URIRef("urn:x-rdflib:default"):
            continue
        name = to_oxigraph(ctx.identifier)
        for s, p, o in ctx:
            yield f"{to_oxigraph(s)} {to_oxigraph(p)} {to_oxigraph(o)} {name} .\n"


def _sorted_lines(lines) -> str:
    return "".join(sorted(set(lines)))


def _trig(ds: Dataset, base: str) -> str:
    header = f"# fhkg {__version__}: the Familjen Helsingborg knowledge graph, one named graph per part\n"
    return header + trig_body(ds, base)


def trig_body(ds: Dataset, base: str) -> str:
    """TriG without header: the prefixes used, then one block per named graph.

    Each graph is copied into a fresh Graph in sorted order first (the Turtle writer orders
    blank-node objects by insertion, which a Dataset context does not keep), and the lines of
    multi-line literals are not indented (their text is data, e.g. the shapes' SPARQL)."""
    ns = prefixes(base)
    blocks, used = [], set()
    for ctx in sorted(ds.graphs(), key=lambda c: str(c.identifier)):
        if ctx.identifier == URIRef("urn:x-rdflib:default") or len(ctx) == 0:
            continue
        g = Graph()
        for t in sorted(ctx, key=lambda t: tuple(str(x) for x in t)):
            g.add(t)
        lines = format_graph(g, prefixes=ns).splitlines()
        used.update(line for line in lines if line.startswith("@prefix"))
        inner = "\n".join(_indent([line for line in lines if not line.startswith("@prefix")])).strip("\n")
        blocks.append(f"<{ctx.identifier}> {{\n{inner}\n}}\n")
    return "\n".join(sorted(used)) + "\n\n" + "\n".join(blocks)


def _indent(lines: list[str]) -> list[str]:
    """Indent Turtle lines by four spaces, except lines inside a long (\"\"\") literal, whose text is data.

    The writer escapes any \"\"\" inside a literal, so every unescaped one opens or closes a literal."""
    out, inside = [], False
    for line in lines:
        out.append(line if inside or not line else "    " + line)
        if line.count('"""') % 2:
            inside = not inside
    return out
