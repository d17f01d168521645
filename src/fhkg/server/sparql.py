"""The SPARQL 1.1 Protocol at ``/sparql``: reading a request, choosing the result format, and the
SPARQL 1.1 Service Description answered when no query is given.

Operations (https://www.w3.org/TR/sparql11-protocol/):

* query via GET ``?query=…``, via POST ``application/x-www-form-urlencoded`` (``query=…`` in the
  body; protocol parameters may also be in the URL) or via POST ``application/sparql-query`` (the
  body is the query, UTF-8; parameters in the URL);
* ``default-graph-uri`` / ``named-graph-uri`` (repeatable) replace the query's own dataset; without
  them the default graph is the union of all named graphs (``sd:UnionDefaultGraph``) and every named
  graph is available to ``GRAPH``; ``FROM`` / ``FROM NAMED`` in the query are honoured;
* the fhkg prefixes (``fh:``, ``org:``, ``kommun:`` …) are predeclared, as on the command line, and
  the base IRI for relative IRIs is the endpoint's own IRI;
* the endpoint is read-only: an update (``update=`` or ``application/sparql-update``) gets
  ``403 Forbidden`` with a message; a request that is neither gets 400/405/415. What the
  ``query`` itself is (an update in disguise, a ``SERVICE`` call) is decided by the app on the
  parsed text (:mod:`fhkg.sparql.guard`).

Result formats are negotiated by ``Accept`` (q-values honoured); a ``format`` (or ``output``)
parameter, if given, overrides it: ``json``, ``xml``, ``csv``, ``tsv`` for SELECT/ASK and
``turtle``, ``nt``, ``jsonld``, ``xml`` for CONSTRUCT/DESCRIBE, or a media type.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qsl

import pyoxigraph as ox

from ..sparql.guard import READ_ONLY
from ..terms.formats import FORMATS, RESULTS
from . import conneg
from .responses import HTTPError, Request

SRJ = RESULTS["json"].media_type
SRX = RESULTS["xml"].media_type

#: media type -> pyoxigraph format; the first of each list is the default for */*.
# Every table below is read off the format registry (fhkg.terms.formats).
SELECT_TYPES = {**{f.media_type: f.oxigraph for f in RESULTS.values()}, **{t: f.oxigraph for f in RESULTS.values() for t in f.also}}
BOOLEAN_TYPES = {**{f.media_type: f.oxigraph for f in RESULTS.values() if f.boolean}, **{t: f.oxigraph for f in RESULTS.values() if f.boolean for t in f.also}}
#: CONSTRUCT and DESCRIBE answers, in the order a client without preference gets them.
GRAPH_FORMATS = tuple(FORMATS[name] for name in ("turtle", "nt", "jsonld", "xml"))
GRAPH_TYPES = {f.media_type: f.oxigraph for f in GRAPH_FORMATS}
TYPES: dict[str, dict[str, Any]] = {"select": SELECT_TYPES, "ask": BOOLEAN_TYPES, "graph": GRAPH_TYPES}

#: ``format=`` keywords per kind of result.
FORMAT_NAMES: dict[str, dict[str, str]] = {
    "select": {key: f.media_type for f in RESULTS.values() for key in (f.name, *f.aliases)},
    "ask": {key: f.media_type for f in RESULTS.values() if f.boolean for key in (f.name, *f.aliases)},
    # n3: Turtle is N3's subset that fhkg writes
    "graph": {"n3": FORMATS["turtle"].media_type, **{key: f.media_type for f in GRAPH_FORMATS for key in (f.name, *f.aliases, *(e.lstrip(".") for e in f.extensions))}},
}
ALL_RESULT_TYPES = list(dict.fromkeys([*SELECT_TYPES, *GRAPH_TYPES]))

QUERY_TYPE = "application/sparql-query"
UPDATE_TYPE = "application/sparql-update"
FORM_TYPE = "application/x-www-form-urlencoded"


@dataclass
class Operation:
    """A protocol request, read: the query (None: describe the service) and its dataset."""

    query: str | None
    default_graphs: list[str] | None = None
    named_graphs: list[str] | None = None
    formats: list[str] = field(default_factory=list)

    @property
    def has_dataset(self) -> bool:
        return self.default_graphs is not None or self.named_graphs is not None


def _media(header: str | None) -> tuple[str, dict[str, str]]:
    if not header:
        return "", {}
    main, *params = header.split(";")
    out = {}
    for p in params:
        k, _, v = p.partition("=")
        out[k.strip().lower()] = v.strip().strip('"').lower()
    return main.strip().lower(), out


def read_operation(req: Request) -> Operation:
    """Read a GET/POST on the endpoint into an :class:`Operation`, or raise :class:`HTTPError`."""
    url_params = req.params()
    if req.method in ("GET", "HEAD"):
        params = url_params
        if any(k == "update" for k, _ in params):
            raise HTTPError(403, READ_ONLY)
        queries = [v for k, v in params if k == "query"]
    elif req.method == "POST":
        media, mparams = _media(req.header("content-type"))
        if media == UPDATE_TYPE:
            raise HTTPError(403, READ_ONLY)
        if media == FORM_TYPE:
            try:
                form = parse_qsl(req.body.decode("ascii"), keep_blank_values=True, encoding="utf-8", errors="strict")
            except (UnicodeDecodeError, ValueError):
                raise HTTPError(400, "the form body is not valid percent-encoded UTF-8") from None
            if any(k == "update" for k, _ in form + url_params):
                raise HTTPError(403, READ_ONLY)
            if any(k == "query" for k, _ in url_params):
                raise HTTPError(400, "give the query once, in the form body (not also in the URL)")
            params = url_params + form
            queries = [v for k, v in form if k == "query"]
            if not queries:
                raise HTTPError(400, "the form has no 'query' parameter")
        elif media == QUERY_TYPE:
            charset = mparams.get("charset", "utf-8")
            if charset not in ("utf-8", "utf8"):
                raise HTTPError(415, f"a query must be sent as UTF-8, not {charset}")
            if any(k in ("query", "update") for k, _ in url_params):
                raise HTTPError(400, "a direct POST carries the query in the body; do not also give 'query' in the URL")
            try:
                queries = [req.body.decode("utf-8")]
            except UnicodeDecodeError:
                raise HTTPError(415, "the query is not valid UTF-8") from None
            params = url_params
        else:
            shown = media or "none"
            raise HTTPError(415, f"unsupported Content-Type {shown}: POST a query as {FORM_TYPE} (query=…) or as {QUERY_TYPE}")
    else:
        raise HTTPError(405, f"method {req.method} is not allowed on the SPARQL endpoint; use GET or POST", {"Allow": "GET, HEAD, POST, OPTIONS"})

    if len(queries) > 1:
        raise HTTPError(400, "more than one 'query' parameter: send exactly one query")
    default = [v for k, v in params if k == "default-graph-uri"]
    named = [v for k, v in params if k == "named-graph-uri"]
    for iri in default + named:
        try:
            ox.NamedNode(iri)
        except ValueError:
            raise HTTPError(400, f"not an absolute IRI in default-graph-uri/named-graph-uri: {iri!r}") from None
    formats = [v for k, v in params if k in ("format", "output") and v]
    op = Operation(queries[0] if queries else None, formats=formats)
    if default or named:
        op.default_graphs, op.named_graphs = default, named
    if op.query is not None and not op.query.strip():
        raise HTTPError(400, "the query is empty")
    return op


def choose_format(kind: str, accept: str | None, formats: list[str]) -> tuple[str, Any]:
    """(media type, pyoxigraph format) for a result of ``kind``; HTTPError 406 if none fits."""
    types: dict[str, Any] = TYPES[kind]
    if formats:
        names = FORMAT_NAMES[kind]
        for f in formats:
            media = names.get(f.strip().lower(), f.strip().lower().split(";")[0])
            if media in types:
                return media, types[media]
        raise HTTPError(406, f"format {', '.join(formats)} is not available for this kind of query; available: {', '.join(types)}")
    chosen = conneg.negotiate(accept, list(types))
    if chosen is None:
        raise HTTPError(406, "none of the accepted media types can carry this result; available: " + ", ".join(types))
    return chosen, types[chosen]


def precheck_accept(accept: str | None, formats: list[str]) -> None:
    """Refuse early (406) an Accept header that no kind of result could satisfy."""
    if formats:
        known = {n for names in FORMAT_NAMES.values() for n in names} | set(ALL_RESULT_TYPES)
        if not any(f.strip().lower().split(";")[0] in known for f in formats):
            raise HTTPError(400, f"unknown format {', '.join(formats)}; use json, xml, csv, tsv, turtle, nt, jsonld or a media type")
        return
    if not conneg.acceptable(accept, ALL_RESULT_TYPES):
        raise HTTPError(406, "none of the accepted media types is a SPARQL result format; available: " + ", ".join(ALL_RESULT_TYPES))


# ------------------------------------------------------------------ service description
SD = "http://www.w3.org/ns/sparql-service-description#"
FORMATS_NS = "http://www.w3.org/ns/formats/"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
DCTERMS = "http://purl.org/dc/terms/"
VOID = "http://rdfs.org/ns/void#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
SD_FORMATS = ("SPARQL_Results_JSON", "SPARQL_Results_XML", "SPARQL_Results_CSV", "SPARQL_Results_TSV", "Turtle", "N-Triples", "JSON-LD", "RDF_XML")
SD_TYPES = GRAPH_TYPES


def service_description(endpoint: str, graphs: dict[str, int], union_triples: int, title: str) -> list[ox.Triple]:
    """The SPARQL 1.1 Service Description of the endpoint (no blank nodes: fragment IRIs)."""
    n = ox.NamedNode
    svc, ds, dg = n(endpoint), n(endpoint + "#dataset"), n(endpoint + "#default-graph")
    t = [
        ox.Triple(svc, n(RDF_TYPE), n(SD + "Service")),
        ox.Triple(svc, n(SD + "endpoint"), svc),
        ox.Triple(svc, n(SD + "supportedLanguage"), n(SD + "SPARQL11Query")),
        ox.Triple(svc, n(SD + "feature"), n(SD + "UnionDefaultGraph")),
        ox.Triple(svc, n(SD + "defaultDataset"), ds),
        ox.Triple(svc, n(DCTERMS + "title"), ox.Literal(title, language="en")),
        ox.Triple(svc, n(RDFS + "comment"), ox.Literal("Read-only: SPARQL 1.1 Query only; updates are refused.", language="en")),
        ox.Triple(ds, n(RDF_TYPE), n(SD + "Dataset")),
        ox.Triple(ds, n(SD + "defaultGraph"), dg),
        ox.Triple(dg, n(RDF_TYPE), n(SD + "Graph")),
        ox.Triple(dg, n(VOID + "triples"), ox.Literal(str(union_triples), datatype=n("http://www.w3.org/2001/XMLSchema#integer"))),
    ]
    t += [ox.Triple(svc, n(SD + "resultFormat"), n(FORMATS_NS + f)) for f in SD_FORMATS]
    for i, (name, count) in enumerate(sorted(graphs.items()), start=1):
        ng, g = n(f"{endpoint}#named-graph-{i}"), n(f"{endpoint}#graph-{i}")
        t += [
            ox.Triple(ds, n(SD + "namedGraph"), ng),
            ox.Triple(ng, n(RDF_TYPE), n(SD + "NamedGraph")),
            ox.Triple(ng, n(SD + "name"), n(name)),
            ox.Triple(ng, n(SD + "graph"), g),
            ox.Triple(g, n(RDF_TYPE), n(SD + "Graph")),
            ox.Triple(g, n(VOID + "triples"), ox.Literal(str(count), datatype=n("http://www.w3.org/2001/XMLSchema#integer"))),
        ]
    return t


SD_PREFIXES = {"sd": SD, "formats": FORMATS_NS, "dcterms": DCTERMS, "void": VOID, "rdfs": RDFS}
