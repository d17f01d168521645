"""Named SPARQL queries: the catalogue (:mod:`.catalogue`), their parameters bound as terms
(:mod:`.params`) and their answers in every format (:mod:`.results`); :func:`run` runs one on
Oxigraph.

>>> import fhkg
>>> run(fhkg.load(), "organisations-of-municipality", {"kommun": "Klippan"}).kind
'select'
"""

from __future__ import annotations

from collections.abc import Iterable

import pyoxigraph as ox

from ..errors import InputError, UsageError
from ..graph import KnowledgeGraph
from ..terms import DEFAULT_BASE
from ..terms import prefixes as all_prefixes
from .catalogue import TYPES, NamedQuery, Parameter, catalogue, resolve
from .params import bind, convert, find_municipality, insert_into_where, rebase_text
from .results import QueryResult, render_delimited, render_json, render_table

__all__ = [
    "TYPES",
    "NamedQuery",
    "Parameter",
    "QueryResult",
    "bind",
    "catalogue",
    "convert",
    "find_municipality",
    "insert_into_where",
    "rebase_text",
    "render_delimited",
    "render_json",
    "render_table",
    "resolve",
    "run",
]


def run(kg: KnowledgeGraph, query: NamedQuery | str, params: dict[str, str] | None = None, *, allow_service: Iterable[str] = ()) -> QueryResult:
    """Run a named query (or SPARQL text) with parameters on ``kg``.

    Text from outside the shipped catalogue passes :mod:`fhkg.sparql.guard` first: an update, a
    syntax error or a ``SERVICE`` call to an endpoint not in ``allow_service`` is refused with
    :class:`UsageError` (exit 2). A catalogue query under the default base is ours, and only gains
    a ``VALUES`` block of terms written by pyoxigraph: every one passes the guard in the tests, so
    it is not parsed again on each run. Under another base it is checked like any text (the base
    is written into the query's text, and an IRI may hold characters that SPARQL reads as syntax
    outside ``<…>``).
    """
    q = resolve(query) if isinstance(query, str) else query
    text = bind(kg, q, params or {})
    if not (q.shipped and kg.base == DEFAULT_BASE):
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

        from ..graph.rdflib_bridge import bind_prefixes, to_rdflib

        g = Graph()
        bind_prefixes(g, kg.base)
        for t in answer:
            g.add((to_rdflib(t.subject), to_rdflib(t.predicate), to_rdflib(t.object)))
        return QueryResult("graph", graph=g, base=kg.base)
    variables = [v.value for v in answer.variables]
    rows = [[s[v] for v in variables] for s in answer]
    return QueryResult("select", variables=variables, rows=rows, base=kg.base)


def _guard(kg: KnowledgeGraph, q: NamedQuery, text: str, allow_service: Iterable[str]) -> None:
    from ..sparql.guard import Guard, Refused

    try:
        Guard(all_prefixes(kg.base), allow_service=allow_service).check(text)
    except Refused as e:
        if e.status == 403:
            raise UsageError(f"fhkg query is {e}; change the data files instead") from None
        raise InputError(q.path or q.name, str(e), hint="fix the query") from None
