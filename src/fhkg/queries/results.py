"""A query's answer (:class:`QueryResult`) and its formats on the command line: an aligned
table with prefixed names, SPARQL 1.1 CSV, TSV and JSON results, Turtle for a graph."""

from __future__ import annotations

import io
import json
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import pyoxigraph as ox

from ..errors import UsageError
from ..terms import DEFAULT_BASE, XSD, curie
from ..terms import prefixes as all_prefixes
from ..terms.formats import RESULT_FORMATS as FORMATS

if TYPE_CHECKING:
    from rdflib import Graph

@dataclass
class QueryResult:
    """The answer to a query, with what is needed to write it in any supported format."""

    kind: str  # select | ask | graph
    variables: list[str] = field(default_factory=list)
    rows: list[list[object]] = field(default_factory=list)
    boolean: bool | None = None
    graph: Graph | None = None
    base: str = ""

    def render(self, fmt: str = "table") -> str:
        if self.kind == "ask":
            return ("true" if self.boolean else "false") + "\n" if fmt != "json" else json.dumps({"head": {}, "boolean": self.boolean}) + "\n"
        if self.kind == "graph":
            if fmt not in ("table", "turtle"):
                raise UsageError(f"CONSTRUCT and DESCRIBE results are RDF graphs, written as Turtle (--format table); --format {fmt} is only for SELECT and ASK")
            from ..io.turtle import format_graph

            assert self.graph is not None
            return format_graph(self.graph, prefixes=all_prefixes(self.base))
        if fmt == "table":
            return render_table(self.variables, self.rows, self.base)
        if fmt in ("csv", "tsv"):
            return render_delimited(self.variables, self.rows, fmt)
        if fmt == "json":
            return render_json(self.variables, self.rows)
        raise UsageError(f"unknown format {fmt!r}; expected one of {', '.join(FORMATS)}")


def render_table(variables: list[str], rows: list[list[object]], base: str = "") -> str:
    shortener = _Shortener(base)
    cells = [[shortener(v) for v in row] for row in rows]
    widths = [max([len(h)] + [len(r[i]) for r in cells]) for i, h in enumerate(variables)]
    line = "  ".join(h.ljust(w) for h, w in zip(variables, widths)).rstrip()
    out = [line, "  ".join("-" * w for w in widths)]
    out += ["  ".join(c.ljust(w) for c, w in zip(r, widths)).rstrip() for r in cells]
    out.append(f"({len(rows)} {'rad' if len(rows) == 1 else 'rader'} / {len(rows)} row{'s' if len(rows) != 1 else ''})")
    return "\n".join(out) + "\n"


def render_delimited(variables: list[str], rows: list[list[Any]], fmt: str) -> str:
    """SPARQL 1.1 CSV (plain values) or TSV (RDF terms in Turtle syntax) results."""
    buf = io.StringIO()
    if fmt == "csv":
        import csv

        w = csv.writer(buf, lineterminator="\r\n")
        w.writerow(variables)
        for row in rows:
            # plain values, but a blank node as _:label (SPARQL 1.1 CSV, as Oxigraph's writer)
            w.writerow(["" if v is None else f"_:{v.value}" if isinstance(v, ox.BlankNode) else v.value for v in row])
    else:
        buf.write("\t".join(f"?{v}" for v in variables) + "\n")
        for row in rows:
            buf.write("\t".join("" if v is None else str(v) for v in row) + "\n")
    return buf.getvalue()


def render_json(variables: list[str], rows: list[list[Any]]) -> str:
    """SPARQL 1.1 Query Results JSON."""
    bindings = []
    for row in rows:
        b = {}
        for name, v in zip(variables, row):
            if v is None:
                continue
            if isinstance(v, ox.NamedNode):
                b[name] = {"type": "uri", "value": v.value}
            elif isinstance(v, ox.BlankNode):
                b[name] = {"type": "bnode", "value": v.value}
            else:
                entry = {"type": "literal", "value": v.value}
                if v.language:
                    entry["xml:lang"] = v.language
                elif v.datatype.value != XSD + "string":
                    entry["datatype"] = v.datatype.value
                b[name] = entry
        bindings.append(b)
    return json.dumps({"head": {"vars": variables}, "results": {"bindings": bindings}}, ensure_ascii=False, indent=1) + "\n"


class _Shortener:
    def __init__(self, base: str):
        self.base = base or DEFAULT_BASE

    def __call__(self, v) -> str:
        if v is None:
            return ""
        if isinstance(v, ox.NamedNode):
            return curie(v.value, self.base)
        if isinstance(v, ox.Literal):
            return v.value
        return str(v)
