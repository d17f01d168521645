"""Deterministic, linear serialisations: the same input gives the same bytes, at any size.

Oxigraph writes every format (its writers escape every character as the grammar requires);
fhkg only fixes the order. The store's blank nodes first get labels computed from their
surroundings (:mod:`fhkg.io.bnodes`; never a canonicalisation of the whole graph). N-Triples
and N-Quads are Oxigraph's lines, sorted (as bytes: code-point order). Turtle, TriG and RDF/XML
are Oxigraph's writers fed those sorted lines, so a subject's statements stay together and the
prefixes are the fhkg ones the data uses; RDF/XML refuses, naming the subject, a character
that XML 1.0 cannot hold. JSON-LD is Oxigraph's own dump of each graph (expanded JSON-LD, a
subject's statements together in the store's order: the order the input files gave). Files are
written atomically (a temporary file in the same folder, then a rename).

N-Triples and JSON-LD are streamed to their file (:func:`serialize_into`, :func:`write`), so their
memory stays bounded beside the store's: JSON-LD goes straight from Oxigraph's writer, and the
N-Triples lines of a graph whose files pass :data:`SPILL_BYTES` are sorted on disk in runs and
merged as they are written. (A graph built in code, not loaded from files, is sorted in memory.)

>>> import fhkg
>>> serialize(fhkg.load(), "nt") == serialize(fhkg.load(), "nt")
True
"""

from __future__ import annotations

import heapq
import io
import os
import re
import tempfile
from collections.abc import Callable, Iterable, Iterator
from functools import lru_cache
from itertools import groupby
from pathlib import Path
from typing import BinaryIO, cast

import pyoxigraph as ox

from .. import __version__
from ..errors import InputError, UsageError
from ..graph import KnowledgeGraph
from ..terms import prefixes
from ..terms.formats import WRITABLE, RdfFormat, by_name
from .bnodes import canonical_labels

#: The kinds of source a whole-graph serialisation holds.
KINDS = ("ontology", "data", "links", "user")
#: Kept for the modules that name formats through this module.
FORMATS = WRITABLE
_XML_ILLEGAL = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
#: An XML NCName at the end of an IRI (its first character a letter or _).
_XML_NAME_END = re.compile(r"(?:[^\W\d]|_)[\w.\-\u00b7]*$")


def _b(payload: bytes | None) -> bytes:
    """pyoxigraph returns the bytes when it is given no output file."""
    assert payload is not None
    return payload


def format_for(name: str) -> RdfFormat:
    return by_name(name, writable=True)


def serialize(kg: KnowledgeGraph, fmt: str = "turtle", kinds: tuple[str, ...] = KINDS) -> bytes:
    """The graph (by default ontology, data and user data) in ``fmt``, as bytes.

    Quad formats (N-Quads, TriG) keep each kind's named graphs; the others hold their union.
    """
    out = io.BytesIO()
    serialize_into(kg, fmt, out, kinds)
    return out.getvalue()


def serialize_into(kg: KnowledgeGraph, fmt: str, out: BinaryIO, kinds: tuple[str, ...] = KINDS) -> None:
    """:func:`serialize`, written to the binary file ``out``. N-Triples and JSON-LD are streamed:
    their memory stays bounded beside the store's (N-Triples lines are sorted in runs on disk once
    the graph's files pass :data:`SPILL_BYTES`)."""
    f = format_for(fmt)
    graphs = kg.graphs_of(*kinds)
    if f.name == "jsonld":
        jsonld_into(kg, graphs, out)
    elif f.name == "nt":
        nt_into(kg, graphs, out)
    elif f.quads:
        out.write(serialize_graphs({name: graph_lines(kg, [name]) for name in graphs}, f, kg.base, header=_HEADER))
    else:
        out.write(write_triples(graph_lines(kg, graphs), f, kg.base, header=_HEADER))


_HEADER = f"# fhkg {__version__}: the Familjen Helsingborg knowledge graph (ontology and data), https://w3id.org/familjen-helsingborg/"


# ---------------------------------------------------------------- sorted N-Triples lines
#: Input (the graphs' source files) above this many bytes is sorted in runs on disk.
SPILL_BYTES = 256 << 20
#: About how many bytes of N-Triples one sorted run holds in memory.
RUN_BYTES = 256 << 20


def graph_lines(kg: KnowledgeGraph, graphs: Iterable[str]) -> list[bytes]:
    """The union of ``graphs`` as sorted, unique N-Triples lines (bytes: UTF-8 sorts in code-point
    order), blank nodes labelled canonically."""
    lines = _dump(kg, list(graphs), ox.RdfFormat.N_TRIPLES).split(b"\n")
    lines.sort()  # the store's order leaves long sorted runs: faster than sorting a set
    return [line for line, _ in groupby(lines) if line]


def nt_into(kg: KnowledgeGraph, graphs: Iterable[str], out: BinaryIO) -> None:
    """:func:`graph_lines` written to ``out`` as N-Triples. A large graph (its source files over
    :data:`SPILL_BYTES`) is dumped to a temporary file and sorted there in runs of about
    :data:`RUN_BYTES`, merged as they are written: memory stays bounded whatever the size (the
    temporary folder needs room for two copies of the dump)."""
    graphs = list(graphs)
    if _input_bytes(kg, graphs) <= SPILL_BYTES:
        lines = graph_lines(kg, graphs)
        out.write(b"\n".join(lines) + (b"\n" if lines else b""))
    else:
        for chunk in _batched(_spilled_lines(kg, graphs)):
            out.write(chunk)


def _spilled_lines(kg: KnowledgeGraph, graphs: list[str]) -> Iterator[bytes]:
    """The sorted, unique lines of ``graphs`` (each ending in a newline), sorted on disk."""
    kg.canonical_blank_nodes()
    try:
        folder = tempfile.TemporaryDirectory(prefix="fhkg-sort-")
    except OSError as e:
        raise _no_room(tempfile.gettempdir(), e) from None
    with folder as tmp:
        try:
            runs = _sorted_runs(kg, graphs, tmp)
        except OSError as e:
            raise _no_room(tmp, e) from None
        readers = [open(run, "rb") for run in runs]  # noqa: SIM115 (closed below)
        try:
            for line, _ in groupby(heapq.merge(*readers)):
                yield line
        finally:
            for r in readers:
                r.close()


def _no_room(folder: str, e: OSError) -> InputError:
    return InputError(
        folder,
        f"cannot sort the graph's N-Triples lines in this temporary folder: {e.strerror or e}",
        hint="sorting needs room for two copies of the N-Triples dump: free some space there, or point TMPDIR at a writable folder with room",
    )


def _sorted_runs(kg: KnowledgeGraph, graphs: list[str], folder: str) -> list[str]:
    """Dump ``graphs`` as N-Triples into ``folder`` and sort it in runs: the runs' paths."""
    runs: list[str] = []
    with open(os.path.join(folder, "dump.nt"), "w+b") as dump:
        for g in graphs:
            kg.store.dump(dump, format=ox.RdfFormat.N_TRIPLES, from_graph=ox.NamedNode(g))
        dump.seek(0)
        while lines := dump.readlines(RUN_BYTES):
            lines.sort()
            runs.append(os.path.join(folder, f"run{len(runs)}.nt"))
            with open(runs[-1], "wb") as run:
                run.writelines(line for line, _ in groupby(lines))
            del lines
    os.unlink(dump.name)
    return runs


def _input_bytes(kg: KnowledgeGraph, graphs: list[str]) -> int:
    """The size of the files loaded into ``graphs`` (a measure of their dump's size)."""
    wanted = set(graphs)
    total = 0
    for s in kg.sources:
        if s.graph in wanted:
            try:
                total += s.path.stat().st_size
            except OSError:
                pass
    return total


def _batched(lines: Iterable[bytes], size: int = 1 << 20) -> Iterator[bytes]:
    """``lines`` joined into chunks of about ``size`` bytes (fewer, larger writes)."""
    batch: list[bytes] = []
    held = 0
    for line in lines:
        batch.append(line)
        held += len(line)
        if held >= size:
            yield b"".join(batch)
            batch, held = [], 0
    if batch:
        yield b"".join(batch)


def _dump(kg: KnowledgeGraph, graphs: list[str], fmt: ox.RdfFormat, join: bytes = b"") -> bytes:
    """Oxigraph's dump of each graph, joined, blank nodes labelled canonically first."""
    kg.canonical_blank_nodes()
    return join.join(_b(kg.store.dump(format=fmt, from_graph=ox.NamedNode(g))) for g in graphs)


def triple_lines(given: Iterable[ox.Triple | ox.Quad], tag: str = "") -> list[bytes]:
    """Sorted, unique N-Triples lines for triples in hand (graph names dropped), their blank
    nodes labelled canonically (labels start with ``tag``)."""
    triples = list(dict.fromkeys(ox.Triple(t.subject, t.predicate, t.object) for t in given))  # a repeat counts once
    labels = {b: ox.BlankNode(tag + label) for b, label in canonical_labels(triples).items()}
    if labels:

        def relabel(t):
            return labels.get(t, t) if isinstance(t, ox.BlankNode) else t

        triples = [ox.Triple(relabel(t.subject), t.predicate, relabel(t.object)) for t in triples]
    return sorted(lines_of(triples))


def lines_of(triples: Iterable[ox.Triple]) -> set[bytes]:
    """The N-Triples lines of ``triples``, their blank nodes written as they are labelled."""
    lines = set(_b(ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES)).split(b"\n"))
    lines.discard(b"")
    return lines


# ---------------------------------------------------------------- writers
def jsonld(kg: KnowledgeGraph, graphs: Iterable[str]) -> bytes:
    """The union of ``graphs`` as expanded JSON-LD, from Oxigraph's writer: a subject's statements
    together, in the store's order — the order the quads went in, so the same for the same input
    files once blank nodes are labelled canonically (a store built in code must be filled in a
    fixed order). One array, merged from each graph's."""
    out = io.BytesIO()
    jsonld_into(kg, graphs, out)
    return out.getvalue()


def jsonld_into(kg: KnowledgeGraph, graphs: Iterable[str], out: BinaryIO) -> None:
    """:func:`jsonld`, streamed into ``out``: each graph's array is written straight into one."""
    kg.canonical_blank_nodes()
    members = _Members(out)
    out.write(b"[")
    for g in graphs:
        members.start()
        kg.store.dump(cast(BinaryIO, members), format=ox.RdfFormat.JSON_LD, from_graph=ox.NamedNode(g))  # a file to it: write() and flush()
        members.end()
    out.write(b"]\n")


class _Members:
    """A file for Oxigraph's JSON-LD writer that passes on the members of each array it writes
    (between :meth:`start` and :meth:`end`), not the brackets: the arrays' members become one
    array's, separated by a comma and a newline. It holds back only the bytes that may be the
    closing bracket and the whitespace after it."""

    def __init__(self, out: BinaryIO) -> None:
        self.out = out
        self.written = False  # some array had members
        self.opened = False  # the current array's "[" was seen
        self.emitted = False  # the current array had members
        self.held = b""

    def start(self) -> None:
        self.opened, self.emitted, self.held = False, False, b""

    def write(self, data: bytes) -> int:
        n = len(data)
        if not self.opened:
            data = data.lstrip()
            if not data:
                return n
            if data[:1] != b"[":
                raise ValueError("Oxigraph's JSON-LD dump did not start with an array")
            self.opened, data = True, data[1:]
        data = self.held + data
        end = len(data.rstrip())
        if end <= 1:  # nothing but, perhaps, the closing bracket yet
            self.held = data
            return n
        self._emit(data[: end - 1])
        self.held = data[end - 1 :]
        return n

    def end(self) -> None:
        tail = self.held.rstrip()
        if tail[-1:] != b"]":
            raise ValueError("Oxigraph's JSON-LD dump did not end its array")
        self._emit(tail[:-1])
        self.held = b""

    def _emit(self, data: bytes) -> None:
        if not self.emitted:
            data = data.lstrip()  # an array of whitespace only has no members
        if not data:
            return
        if not self.emitted:
            if self.written:
                self.out.write(b",\n")
            self.emitted = self.written = True
        self.out.write(data)

    def flush(self) -> None:
        pass


def write_triples(lines: list[bytes], f: RdfFormat, base: str, header: str = "") -> bytes:
    """Sorted N-Triples ``lines`` in the triple format ``f``."""
    text = b"\n".join(lines) + (b"\n" if lines else b"")
    if f.name == "nt":
        return text
    triples = (ox.Triple(q.subject, q.predicate, q.object) for q in ox.parse(text, format=ox.RdfFormat.N_TRIPLES))  # streamed
    return write_terms(triples, f, base, header, declared=prefixes_in_text(text, base))


def write_terms(triples: Iterable[ox.Triple], f: RdfFormat, base: str, header: str = "", declared: dict[str, str] | None = None) -> bytes:
    """``triples`` (in the order to write them) in the triple format ``f``: Oxigraph's writers,
    the fhkg prefixes they use declared (``declared`` when the caller knows them: then the
    triples are streamed, never held as a list), ``header`` (comment lines) before Turtle.
    RDF/XML refuses what XML 1.0 cannot hold."""
    if f.name == "nt":
        return _b(ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES))
    if f.name == "jsonld":
        return _b(ox.serialize(triples, format=ox.RdfFormat.JSON_LD)) + b"\n"
    if declared is None:
        triples = list(triples)
        declared = prefixes_of(triples, base)
    if f.name == "xml":
        xml = _b(ox.serialize(_xml_safe(triples), format=ox.RdfFormat.RDF_XML, prefixes=declared))
        # a literal's CR must be a character reference: an XML reader turns a raw one into LF
        return xml.replace(b"\r", b"&#13;")
    body = _b(ox.serialize(triples, format=f.oxigraph, prefixes=declared))
    return (header + "\n" if header else "").encode("utf-8") + body


def serialize_graphs(named: dict[str, list[bytes]], f: RdfFormat, base: str, header: str = "") -> bytes:
    """Named graphs (name -> sorted N-Triples lines) as N-Quads or TriG, graphs in name order."""
    names = sorted(n for n, lines in named.items() if lines)
    if f.name == "nq":
        out = []
        for name in names:
            g = str(ox.NamedNode(name)).encode("utf-8")
            out += [line[: line.rindex(b" .")] + b" " + g + b" ." for line in named[name]]
        return b"\n".join(sorted(out)) + (b"\n" if out else b"")
    text = b"\n".join(line for name in names for line in named[name])

    def quads() -> Iterator[ox.Quad]:
        for name in names:
            g = ox.NamedNode(name)
            for t in ox.parse(b"\n".join(named[name]), format=ox.RdfFormat.N_TRIPLES):
                yield ox.Quad(t.subject, t.predicate, t.object, g)

    body = _b(ox.serialize(quads(), format=ox.RdfFormat.TRIG, prefixes=prefixes_in_text(text, base)))
    return (header + "\n" if header else "").encode("utf-8") + body


@lru_cache(maxsize=8)
def _namespaces(base: str) -> tuple[tuple[str, str, bytes], ...]:
    return tuple((p, ns, f"<{ns}".encode()) for p, ns in prefixes(base).items())


def prefixes_in_text(text: bytes, base: str) -> dict[str, str]:
    """The fhkg prefixes whose namespace some IRI in the N-Triples ``text`` starts with."""
    return {p: ns for p, ns, opening in _namespaces(base) if opening in text}


def prefixes_of(triples: Iterable[ox.Triple], base: str) -> dict[str, str]:
    """The fhkg prefixes whose namespace some IRI of ``triples`` (datatypes included) starts with."""
    used: set[str] = set()
    for t in triples:
        for term in (t.subject, t.predicate, t.object):
            if isinstance(term, ox.NamedNode):
                used.update(_prefixes_of(term.value, base))
            elif isinstance(term, ox.Literal):
                used.update(_prefixes_of(term.datatype.value, base))
    return {p: ns for p, ns, _ in _namespaces(base) if p in used}


@lru_cache(maxsize=1 << 16)
def _prefixes_of(iri: str, base: str) -> tuple[str, ...]:
    return tuple(p for p, ns, _ in _namespaces(base) if iri.startswith(ns))


@lru_cache(maxsize=1 << 12)
def _xml_name_ends(predicate: str) -> bool:
    return _XML_NAME_END.search(predicate) is not None


def _xml_safe(triples: Iterable[ox.Triple]) -> Iterator[ox.Triple]:
    """The triples, refusing what RDF/XML cannot carry: a character outside XML 1.0, or a
    predicate that does not end in an XML name (RDF/XML writes a predicate as an element)."""
    for t in triples:
        if not _xml_name_ends(t.predicate.value):
            raise UsageError(
                f"RDF/XML cannot write the predicate {t.predicate} (of {t.subject}): it does not end in an XML name "
                "(a letter or _ then letters, digits, . or -); write Turtle, N-Triples or JSON-LD instead"
            )
        o = t.object
        if isinstance(o, ox.Literal) and _XML_ILLEGAL.search(o.value):
            ch = _XML_ILLEGAL.search(o.value).group(0)  # type: ignore[union-attr]
            raise UsageError(
                f"RDF/XML cannot hold the character U+{ord(ch):04X} that a literal of {t.subject} ({t.predicate}) contains: "
                "XML 1.0 has no such character; write Turtle, N-Triples or JSON-LD instead"
            )
        yield t


def write(kg: KnowledgeGraph, fmt: str, path: str | Path, kinds: tuple[str, ...] = KINDS) -> int:
    """Write the serialisation to ``path`` atomically, streamed (:func:`serialize_into`); returns
    the number of bytes."""
    return write_with(lambda fh: serialize_into(kg, fmt, fh, kinds), path)


def write_bytes(payload: bytes, path: str | Path) -> int:
    """Write ``payload`` to ``path`` atomically (see :func:`write_with`)."""
    return write_with(lambda fh: fh.write(payload), path)


def write_with(writer: Callable[[BinaryIO], object], path: str | Path) -> int:
    """Call ``writer`` with a binary file that becomes ``path`` atomically (a temporary file in
    the same folder, then a rename) with the usual permissions (0666 less the umask), only if
    it returns; returns the number of bytes written. The folder must exist."""
    path = Path(path)
    if not path.parent.is_dir():
        raise InputError(path, f"the folder {path.parent} does not exist", hint="create it first, or choose another -o path")
    if path.is_dir():
        raise InputError(path, "is a folder", hint="give a file name with -o")
    tmp = None
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
        with os.fdopen(fd, "wb") as fh:
            writer(fh)
            size = fh.tell()
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
    return size


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


# ---------------------------------------------------------------- for the publishing modules (rdflib)
def _canonical(g):
    """An rdflib Graph with canonical blank-node labels (:mod:`fhkg.io.bnodes`)."""
    from rdflib import BNode, Graph

    from ..graph.rdflib_bridge import to_oxigraph, to_rdflib

    if not any(isinstance(t, BNode) for triple in g for t in triple):
        return g
    triples = [ox.Triple(to_oxigraph(s), to_oxigraph(p), to_oxigraph(o)) for s, p, o in g]
    out = Graph()
    for q in ox.parse(b"\n".join(triple_lines(triples)), format=ox.RdfFormat.N_TRIPLES):
        out.add((to_rdflib(q.subject), to_rdflib(q.predicate), to_rdflib(q.object)))
    return out
