"""What a query worker does with one job (runs inside a forked worker process, see :mod:`.pool`).

A job is a dict with an ``op``; the answer is a dict ``{"status", "body", "media_type", "headers"}``
or ``{"status", "message"}`` for an error the client caused. Serialisation happens here too, so
the time limit covers it and the server process only copies bytes.
"""

from __future__ import annotations

import io
from typing import Any

import pyoxigraph as ox

from ..errors import FhkgError
from ..graph import KnowledgeGraph
from ..io.serialize import prefixes_of, write_terms
from ..terms.formats import RESULTS, twins
from ..terms.namespaces import prefixes
from . import conneg
from .responses import HTTPError
from .sparql import choose_format

#: Formats of /queries/{name}: extension -> media type.
NAMED_FORMATS = {"html": "text/html", **{name: RESULTS[name].media_type for name in ("json", "csv", "tsv")}}


class TooLarge(Exception):
    """The answer grew past the result limit while it was being written."""


class _Capped(io.BytesIO):
    """Where an answer is written: it refuses to grow past ``limit`` bytes."""

    def __init__(self, limit: int | None):
        super().__init__()
        self.limit = limit

    def write(self, b, /) -> int:
        if self.limit is not None and self.tell() + len(b) > self.limit:
            raise TooLarge()
        return super().write(b)


def _too_large(limit: int) -> dict:
    return {"status": 422, "message": f"the answer is larger than the limit of {limit >> 20} MiB; add LIMIT or narrow the query (the whole graph is also published as downloads)"}


def handle(kg: KnowledgeGraph, job: dict) -> dict:
    limit = job.get("result_limit")
    try:
        answer = _handle(kg, job)
    except TooLarge:
        return _too_large(limit or 0)
    body = answer.get("body")
    if limit is not None and body is not None and len(body) > limit:
        return _too_large(limit)
    return answer


def _handle(kg: KnowledgeGraph, job: dict) -> dict:
    try:
        op = job["op"]
        if op == "sparql":
            return _sparql(kg, job)
        if op == "named":
            return _named(kg, job)
        if op == "describe":
            return _describe(kg, job)
        if op == "sleep":  # for tests of the pool itself
            import time

            time.sleep(job["seconds"])
            return {"status": 200, "body": b"slept\n", "media_type": "text/plain"}
        return {"status": 500, "message": f"unknown job {op!r}"}
    except HTTPError as e:
        return {"status": e.status, "message": e.message}
    except FhkgError as e:
        return {"status": 400, "message": str(e)}
    except SyntaxError as e:
        return {"status": 400, "message": f"invalid SPARQL: {e}"}
    except (OSError, RuntimeError, ValueError, TypeError) as e:
        return {"status": 500, "message": f"the query could not be evaluated: {e}"}


def _sparql(kg: KnowledgeGraph, job: dict) -> dict:
    kwargs: dict[str, Any] = {}
    if job.get("default_graphs") is not None or job.get("named_graphs") is not None:
        kwargs["default_graph"] = [ox.NamedNode(g) for g in job.get("default_graphs") or []]
        kwargs["named_graphs"] = [ox.NamedNode(g) for g in job.get("named_graphs") or []]
    try:
        answer = kg.store.query(job["query"], base_iri=job["base_iri"], prefixes=prefixes(kg.base), **kwargs)
    except SyntaxError as e:
        return {"status": 400, "message": f"invalid SPARQL query: {e}"}
    if isinstance(answer, ox.QueryBoolean):
        kind = "ask"
    elif isinstance(answer, ox.QueryTriples):
        kind = "graph"
    else:
        kind = "select"
    media, fmt = choose_format(kind, job.get("accept"), job.get("formats") or [])
    out = _Capped(job.get("result_limit"))  # written as it is produced: stopped at the limit
    if kind == "graph":
        triples = list(answer)  # type: ignore[arg-type]
        declared = prefixes_of(triples, kg.base) if fmt != ox.RdfFormat.N_TRIPLES else None
        ox.serialize(triples, out, format=fmt, prefixes=declared)
    else:
        answer.serialize(out, format=fmt)
    return {"status": 200, "body": out.getvalue(), "media_type": media}


# ------------------------------------------------------------------ named queries
def _named(kg: KnowledgeGraph, job: dict) -> dict:
    from ..queries import catalogue, render_delimited, render_json, run

    q = catalogue()[job["name"]]
    result = run(kg, q, job.get("params") or {})
    fmt, lang = job["fmt"], job.get("lang", "sv")
    if result.kind != "select":
        raise HTTPError(500, f"named query {q.name!r} is not a SELECT query")
    if fmt == "csv":
        body = render_delimited(result.variables, result.rows, "csv")
    elif fmt == "tsv":
        body = render_delimited(result.variables, result.rows, "tsv")
    elif fmt == "json":
        body = render_json(result.variables, result.rows)
    else:
        from .live import named_query_page

        body = named_query_page(kg, q, result, lang, job.get("params") or {}, job.get("self_path", ""))
    return {"status": 200, "body": body.encode("utf-8"), "media_type": NAMED_FORMATS[fmt], "headers": {"Content-Language": lang} if fmt == "html" else {}}


# ------------------------------------------------------------------ describe (fallback pages)
TWINS = twins()


def _describe(kg: KnowledgeGraph, job: dict) -> dict:
    """A description of one thing computed from the graph, for a thing the site has no page for."""
    iri = ox.NamedNode(job["iri"])
    triples = sorted({ox.Triple(q.subject, q.predicate, q.object) for q in kg.store.quads_for_pattern(iri, None, None)}, key=str)
    if not triples:
        return {"status": 404, "message": f"nothing is known about {iri.value}"}
    ext = job["ext"]
    if ext in TWINS:
        body = write_terms(triples, TWINS[ext], kg.base)  # RDF/XML refuses what XML cannot hold: 400
        return {"status": 200, "body": body, "media_type": TWINS[ext].media_type}
    lang = job.get("lang", "sv")
    from .live import describe_page

    page = describe_page(kg, iri.value, triples, lang)
    return {"status": 200, "body": page.encode("utf-8"), "media_type": "text/html", "headers": {"Content-Language": lang}}


def negotiate_named(accept: str | None) -> str | None:
    """The format of /queries/{name} without an extension: html, json, csv or tsv."""
    offers = {"text/html": "html", "application/sparql-results+json": "json", "application/json": "json", "text/csv": "csv", "text/tab-separated-values": "tsv"}
    chosen = conneg.negotiate(accept, list(offers))
    return offers[chosen] if chosen else None
