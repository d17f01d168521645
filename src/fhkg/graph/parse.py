"""Reading one RDF file into the store, or into quads: its format from its name, the engine's
parser (the bulk loader for a large file), and every error as an :class:`~fhkg.errors.InputError`
with the file, line and column, what is wrong and what to do."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pyoxigraph as ox

from ..errors import InputError
from ..io import inputs
from ..terms.formats import by_path, extensions


def may_hold_blank_nodes(path: Path) -> bool:
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
