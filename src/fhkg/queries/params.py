"""Parameters of a named query bound as terms: a parameter ``kommun`` binds the variable
``?kommun``; its value is checked and converted to an RDF term by its type (``municipality``,
``iri``, ``date``, ``integer``, ``string``) and placed in a ``VALUES`` block at the start of the
query's WHERE clause, so user input never becomes query text (the term is written by
pyoxigraph, which escapes it). pyoxigraph's own ``substitutions`` argument would be neater, but
it only accepts variables that the query projects, and a parameter used only in a FILTER
(``?datum``) is not.
"""

from __future__ import annotations

import re
from datetime import date
from functools import lru_cache

import pyoxigraph as ox

from ..errors import UsageError
from ..graph import KnowledgeGraph
from ..terms import DEFAULT_BASE, XSD
from ..terms import prefixes as all_prefixes
from ..text import sv_key
from .catalogue import NamedQuery, Parameter

_WHERE = re.compile(r"\bWHERE\s*\{", re.IGNORECASE)


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
        return str(ox.Literal(raw, datatype=ox.NamedNode(XSD + "date")))
    if p.type == "integer":
        if not re.fullmatch(r"[+-]?\d+", raw):
            raise UsageError(f"parameter {p.name}: {raw!r} is not an integer")
        return str(ox.Literal(raw, datatype=ox.NamedNode(XSD + "integer")))
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
