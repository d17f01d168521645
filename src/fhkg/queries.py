"""Named SPARQL queries: the catalogue in ``queries/*.rq``, their headers, parameters and results.

Every query file starts with a comment header::

    # title: Kommuner per samarbetsorganisation
    # title@en: Municipalities by joint organisation
    # question: Vilka kommuner deltar i vilken samarbetsorganisation, och hur många?
    # question@en: Which municipalities take part in which joint organisation, and how many?
    # param: kommun | municipality | Klippan | Kommunen: namn, kommunkod eller IRI / The municipality: name, code or IRI

A parameter ``kommun`` binds the variable ``?kommun``: its value is checked and converted to an
RDF term by its type (``municipality``, ``iri``, ``date``, ``integer``, ``string``) and placed
in a ``VALUES`` block at the start of the query's WHERE clause, so user input never becomes
query text (the term is written by pyoxigraph, which escapes it). pyoxigraph's own
``substitutions`` argument would be neater, but it only accepts variables that the query
projects, and a parameter used only in a FILTER (``?datum``) is not. Queries run on Oxigraph.

>>> q = catalogue()["municipalities-by-organisation"]
>>> q.title("en")
'Municipalities by joint organisation'
"""

from __future__ import annotations

import io
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pyoxigraph as ox

from . import resources
from .errors import InputError, UsageError
from .graph import KnowledgeGraph
from .terms import DEFAULT_BASE, curie
from .terms import prefixes as all_prefixes
from .terms.formats import RESULT_FORMATS as FORMATS
from .text import sv_key

if TYPE_CHECKING:
    from rdflib import Graph

TYPES = ("municipality", "iri", "date", "integer", "string")
_HEADER = re.compile(r"^#\s*(title|question|param)(@[a-z]{2})?\s*:\s*(.*?)\s*$")
_WHERE = re.compile(r"\bWHERE\s*\{", re.IGNORECASE)
_XSD = "http://www.w3.org/2001/XMLSchema#"


@dataclass(frozen=True)
class Parameter:
    name: str
    type: str
    default: str | None
    description: str

    def describe(self) -> str:
        default = f", default {self.default}" if self.default else ", required"
        return f"{self.name} ({self.type}{default}): {self.description}"

    def description_in(self, lang: str) -> str:
        """The description in ``lang`` (a header writes ``svenska / English``), else the whole text."""
        parts = [s.strip() for s in self.description.split(" / ")]
        return parts[0 if lang == "sv" else 1] if len(parts) == 2 else self.description


@dataclass
class NamedQuery:
    name: str
    text: str
    path: Path | None = None
    titles: dict[str, str] = field(default_factory=dict)
    questions: dict[str, str] = field(default_factory=dict)
    parameters: list[Parameter] = field(default_factory=list)
    #: one of the shipped catalogue's (its text is ours, and checked by the guard in the tests)
    shipped: bool = False

    def title(self, lang: str = "sv") -> str:
        return self.titles.get(lang) or self.titles.get("sv") or self.name

    def question(self, lang: str = "sv") -> str:
        return self.questions.get(lang) or self.questions.get("sv") or ""

    def command(self, values: dict[str, str] | None = None) -> str:
        """The ``fhkg query`` command that runs this query with ``values`` (else the defaults)."""
        import shlex

        given = values or {}
        args = [(p.name, given.get(p.name) or p.default) for p in self.parameters]
        return "fhkg query " + self.name + "".join(f" --param {n}={shlex.quote(v)}" for n, v in args if v)

    @classmethod
    def parse(cls, text: str, name: str, path: Path | None = None) -> NamedQuery:
        q = cls(name=name, text=text, path=path)
        for lineno, line in enumerate(text.splitlines(), start=1):
            if not line.startswith("#"):
                break
            m = _HEADER.match(line)
            if not m:
                continue
            key, lang, value = m.group(1), (m.group(2) or "@sv")[1:], m.group(3)
            if key == "title":
                q.titles[lang] = value
            elif key == "question":
                q.questions[lang] = value
            else:
                parts = [p.strip() for p in value.split("|")]
                if len(parts) != 4 or parts[1] not in TYPES or not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", parts[0]):
                    raise InputError(
                        path or name,
                        "a parameter line must read '# param: name | type | default | description'"
                        f" with type one of {', '.join(TYPES)}",
                        line=lineno,
                    )
                q.parameters.append(Parameter(parts[0], parts[1], parts[2] or None, parts[3]))
        return q


def catalogue() -> dict[str, NamedQuery]:
    """Every shipped named query, by name (the file name without ``.rq``)."""
    return {path.stem: _shipped(path) for path in resources.files("queries")}


def _shipped(path: Path) -> NamedQuery:
    q = NamedQuery.parse(path.read_text(encoding="utf-8"), path.stem, path)
    q.shipped = True
    return q


def resolve(spec: str) -> NamedQuery:
    """A named query, a ``.rq`` file or literal SPARQL text."""
    named = resources.shipped_file("queries", spec)
    if named is not None:
        return _shipped(named)
    if spec.endswith((".rq", ".sparql")):
        path = Path(spec)
        if not path.is_file():
            raise InputError(path, "no such query file", hint="check the path")
        try:
            return NamedQuery.parse(path.read_text(encoding="utf-8"), path.stem, path)
        except UnicodeDecodeError:
            raise InputError(path, "not UTF-8 text", hint="save the file as UTF-8") from None
    if re.search(r"[\s{}?$]", spec):  # a name has none of these: SPARQL text, checked by run()
        return NamedQuery.parse(spec, "query")
    raise UsageError(f"unknown query {spec!r}: not a named query, a .rq file or SPARQL text (see 'fhkg queries')")


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
            from .turtle import format_graph

            assert self.graph is not None
            return format_graph(self.graph, prefixes=all_prefixes(self.base))
        if fmt == "table":
            return render_table(self.variables, self.rows, self.base)
        if fmt in ("csv", "tsv"):
            return render_delimited(self.variables, self.rows, fmt)
        if fmt == "json":
            return render_json(self.variables, self.rows)
        raise UsageError(f"unknown format {fmt!r}; expected one of {', '.join(FORMATS)}")


def run(kg: KnowledgeGraph, query: NamedQuery | str, params: dict[str, str] | None = None, *, allow_service: Iterable[str] = ()) -> QueryResult:
    """Run a named query (or SPARQL text) with parameters on ``kg``.

    Text from outside the shipped catalogue passes :mod:`fhkg.sparql.guard` first: an update, a
    syntax error or a ``SERVICE`` call to an endpoint not in ``allow_service`` is refused with
    :class:`UsageError` (exit 2). A catalogue query is ours, and only gains a ``VALUES`` block of
    terms written by pyoxigraph (and, under another base, the base's IRIs): every one passes the
    guard in the tests, so it is not parsed again on each run.
    """
    q = resolve(query) if isinstance(query, str) else query
    text = bind(kg, q, params or {})
    if not q.shipped:
        _guard(kg, q, text, allow_service)
    try:
        answer = kg.query(text)
    except SyntaxError as e:
        raise InputError(q.path or q.name, f"invalid SPARQL: {e}", hint="fix the query") from None
    except (OSError, RuntimeError, ValueError) as e:
        raise UsageError(f"the query {q.name!r} failed: {e}") from None
    if isinstance(answer, ox.QueryBoolean):
        return QueryResult("ask", boolean=bool(answer), base=kg.base)
    if isinstance(answer, ox.QueryTriples):
        from rdflib import Graph

        from .rdflib_bridge import bind_prefixes, to_rdflib

        g = Graph()
        bind_prefixes(g, kg.base)
        for t in answer:
            g.add((to_rdflib(t.subject), to_rdflib(t.predicate), to_rdflib(t.object)))
        return QueryResult("graph", graph=g, base=kg.base)
    variables = [v.value for v in answer.variables]
    rows = [[s[v] for v in variables] for s in answer]
    return QueryResult("select", variables=variables, rows=rows, base=kg.base)


def _guard(kg: KnowledgeGraph, q: NamedQuery, text: str, allow_service: Iterable[str]) -> None:
    from .sparql.guard import Guard, Refused

    try:
        Guard(all_prefixes(kg.base), allow_service=allow_service).check(text)
    except Refused as e:
        if e.status == 403:
            raise UsageError(f"fhkg query is {e}; change the data files instead") from None
        raise InputError(q.path or q.name, str(e), hint="fix the query") from None


def bind(kg: KnowledgeGraph, q: NamedQuery, params: dict[str, str]) -> str:
    """The query text with its parameters bound through a VALUES block."""
    known = {p.name: p for p in q.parameters}
    unknown = sorted(set(params) - set(known))
    if unknown:
        valid = ", ".join(known) or "none"
        raise UsageError(f"query {q.name!r} has no parameter {', '.join(unknown)} (its parameters: {valid})")
    text = rebase_text(q.text, kg.base)
    values = []
    for p in q.parameters:
        raw = params.get(p.name, p.default)
        if raw is None:
            raise UsageError(f"query {q.name!r} needs --param {p.name}=…: {p.description}")
        values.append(f"VALUES ?{p.name} {{ {convert(kg, p, raw)} }}")
    if not values:
        return text
    return insert_into_where(text, " ".join(values))


def rebase_text(text: str, base: str) -> str:
    """Move the instance IRIs a shipped query or shape names to another base (``--base``)."""
    if base == DEFAULT_BASE:
        return text
    return text.replace(DEFAULT_BASE + "id/", base + "id/")


def convert(kg: KnowledgeGraph, p: Parameter, raw: str) -> str:
    """A parameter value as a SPARQL term (built by pyoxigraph, never by splicing raw text)."""
    raw = raw.strip()
    if p.type == "municipality":
        return str(find_municipality(kg, raw))
    if p.type == "iri":
        try:
            return str(ox.NamedNode(_expand(kg, raw)))
        except ValueError:
            raise UsageError(f"parameter {p.name}: {raw!r} is not an IRI") from None
    if p.type == "date":
        try:
            date.fromisoformat(raw)
        except ValueError:
            raise UsageError(f"parameter {p.name}: {raw!r} is not a date; write it as YYYY-MM-DD") from None
        return str(ox.Literal(raw, datatype=ox.NamedNode(_XSD + "date")))
    if p.type == "integer":
        if not re.fullmatch(r"[+-]?\d+", raw):
            raise UsageError(f"parameter {p.name}: {raw!r} is not an integer")
        return str(ox.Literal(raw, datatype=ox.NamedNode(_XSD + "integer")))
    return str(ox.Literal(raw))


def find_municipality(kg: KnowledgeGraph, text: str) -> ox.NamedNode:
    """The municipality a user means by a name ("Klippan", "Klippans kommun"), code or IRI."""
    lookup = """
        PREFIX fh: <https://w3id.org/familjen-helsingborg/ontology#>
        PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
        PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
        SELECT DISTINCT ?m ?code ?name WHERE {
            ?m a fh:Municipality ; fh:kommunkod ?code .
            ?m rdfs:label|skos:altLabel|skos:hiddenLabel ?name .
        }"""
    wanted, iri = text.casefold(), _expand(kg, text)
    found, short_names = {}, set()
    for s in kg.query(lookup):
        m, code, name = s["m"], s["code"].value, s["name"].value
        if " " not in name:
            short_names.add(name)
        if m.value == iri or wanted in (code, name.casefold()):
            found[m.value] = m
    if len(found) == 1:
        return next(iter(found.values()))
    hint = ", ".join(sorted(short_names, key=sv_key))
    raise UsageError(f"no municipality called {text!r}; use a name ({hint}), a kommunkod or an IRI")


def insert_into_where(query: str, block: str) -> str:
    """Put ``block`` right after the opening brace of the query's (first) WHERE clause."""
    at = _where_opens(query)
    return query[:at] + " " + block + " " + query[at:]


@lru_cache(maxsize=256)
def _where_opens(query: str) -> int:
    """Where the body of the query's first WHERE clause starts (just after its ``{``); comments,
    strings and IRIs are not looked into. Remembered: the site binds each view query many times."""
    code = _strip_comments(query)
    m = _WHERE.search(code)
    if m:
        return m.end()
    brace = code.find("{")
    if brace < 0:
        raise UsageError("cannot bind parameters: the query has no WHERE clause")
    return brace + 1


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
            w.writerow(["" if v is None else v.value for v in row])
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
                elif v.datatype.value != _XSD + "string":
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


def _expand(kg: KnowledgeGraph, text: str) -> str:
    m = re.fullmatch(r"([a-z][a-z0-9]*):(\S*)", text)
    if m and not text.startswith(("http:", "https:", "urn:")):
        ns = all_prefixes(kg.base).get(m.group(1))
        if ns:
            return ns + m.group(2)
    return text


def _strip_comments(query: str) -> str:
    """The query with comments blanked out (same length), so positions still match."""
    out = []
    in_iri = in_str = False
    quote = ""
    i = 0
    while i < len(query):
        c = query[i]
        if in_str:
            out.append(c)
            if c == "\\":
                out.append(query[i + 1 : i + 2])
                i += 2
                continue
            if query.startswith(quote, i):
                out.append(query[i + 1 : i + len(quote)])
                i += len(quote)
                in_str = False
                continue
        elif in_iri:
            out.append(c)
            in_iri = c != ">"
        elif c == "#":
            end = query.find("\n", i)
            end = len(query) if end < 0 else end
            out.append(" " * (end - i))
            i = end
            continue
        elif c in "\"'":
            quote = c * 3 if query.startswith(c * 3, i) else c
            out.append(quote)
            i += len(quote)
            in_str = True
            continue
        elif c == "<" and re.match(r"<[^\s<>\"{}|^`\\]*>", query[i:]):
            in_iri = True
            out.append(c)
        else:
            out.append(c)
        i += 1
    return "".join(out)
