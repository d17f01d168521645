"""The ASGI application: routing, dereferencing, the endpoint, named queries, the UI, health.

Routes (all answer ``HEAD`` like ``GET``, carry ``Access-Control-Allow-Origin: *``, and answer a
CORS preflight ``OPTIONS``):

=================================  =============================================================
``/id/{kind}/{key}``               a thing: **303 See Other** to the negotiated description
                                   (``.html`` / ``.en.html`` by Accept-Language, ``.ttl``,
                                   ``.jsonld``, ``.rdf``, ``.nt``), ``406`` if none is acceptable
``/id/{kind}/{key}.{ext}``         the description document (static file; computed from the graph
                                   when the site lacks it)
``/ontology``, ``/shapes``         as a thing, onto ``ontology.html`` / ``.ttl`` / … (these IRIs
                                   stay at w3id.org whatever the base; this is their mirror)
``/``                              ``index.html`` or ``index.en.html`` (Content-Location, Vary)
``/sparql``                        SPARQL 1.1 Protocol (see :mod:`.sparql`); without a query the
                                   service description (or, for a browser, 303 to the UI)
``/sparql/ui``                     YASGUI with every named query as a tab
``/queries/{name}[.csv|.json|.html|.tsv]``  a named query, parameters as ``?name=value``
``/health``                        JSON: status, triples, graphs, version
anything else                      a static file of the site, or 404
=================================  =============================================================

Why 303 and not a direct answer with Content-Location: ``/id/…`` names a municipality, not a
document (the httpRange-14 resolution, "Cool URIs for the Semantic Web"), so the server says
"see that document" and every document has a URL of its own that can be cached, linked and
validated (ETag) on its own.
"""

from __future__ import annotations

import asyncio
import re
import sys
import time
import traceback
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .. import __version__
from ..publish.urls import NOT_FOUND, TWINS, Urls
from ..sparql.guard import Guard, Refused
from ..terms.formats import twins
from . import conneg, sparql
from .headers import SECURITY, content_security_policy
from .limits import DEFAULT_REQUEST_TIMEOUT, DEFAULT_RESULT_LIMIT, DRAIN, MAX_BODY
from .pool import PoolBusy, QueryTimeout, WorkerDied, WorkerPool
from .responses import HTTPError, Request, Response, json_response, text
from .static import CHUNK, StaticFiles, bytes_response, file_response
from .worker import negotiate_named

#: Description documents of a thing, in the server's order of preference: media type -> extension.
THING_TYPES = {"text/html": "html", **{f.media_type: ext for ext, f in twins().items()}, "application/json": "jsonld"}
DOC_SUFFIXES = (".en.html", ".sv.html", ".html", ".ttl", ".jsonld", ".rdf", ".nt")
VARY = "Accept, Accept-Language"
CORS = {
    "Access-Control-Allow-Origin": "*",
    "Access-Control-Expose-Headers": "ETag, Last-Modified, Content-Location, Location, Vary, Content-Language",
}
ALLOW = "GET, HEAD, POST, OPTIONS"


@dataclass
class Settings:
    """Everything the app needs, prepared before it starts serving (see :mod:`.runner`)."""

    base: str
    site: Path
    pool: WorkerPool
    triples: int
    graphs: dict[str, int]
    things: frozenset[str]
    queries: Mapping[str, Any]
    meta: Any = None  # KnowledgeGraph of the site's catalogue/VoID, for things only they name
    ui_tabs: dict[str, list[dict]] = field(default_factory=dict)
    ui_dir: Path | None = None
    ontology_twins: dict[str, bytes] = field(default_factory=dict)
    started: float = field(default_factory=time.time)
    timeout: float = 30.0
    union_triples: int = 0  # distinct triples in the union default graph
    guard: Guard = field(default_factory=lambda: Guard({}))  # read-only, SERVICE allow-list
    result_limit: int = DEFAULT_RESULT_LIMIT  # bytes of one serialised SPARQL or named-query answer
    request_timeout: float = DEFAULT_REQUEST_TIMEOUT  # seconds to receive a request's body
    site_lock: int | None = None  # descriptor holding the cached site's shared lock (sitecache.hold)


class App:
    def __init__(self, settings: Settings):
        self.s = settings
        self.urls = Urls(settings.base)
        self.files = StaticFiles(settings.site)
        self.ui_files = StaticFiles(settings.ui_dir) if settings.ui_dir else None
        for files in (self.files, self.ui_files):  # every ETag now, not while a request waits
            if files is not None:
                files.index()

    # ------------------------------------------------------------------ ASGI
    async def __call__(self, scope, receive, send):
        if scope["type"] == "lifespan":
            while True:
                message = await receive()
                if message["type"] == "lifespan.startup":
                    await send({"type": "lifespan.startup.complete"})
                elif message["type"] == "lifespan.shutdown":
                    await send({"type": "lifespan.shutdown.complete"})
                    return
        if scope["type"] != "http":
            return
        problem = _declared_too_large(scope)  # far too large: refused before a byte is read
        body = b""
        if problem is None:
            try:
                body, problem = await asyncio.wait_for(self._read_body(receive), self.s.request_timeout)
            except TimeoutError:
                problem = HTTPError(408, f"the request body did not arrive within {self.s.request_timeout:g} s", {"Connection": "close"})
        req = Request.from_scope(scope, body)
        disconnected = asyncio.ensure_future(self._wait_disconnect(receive))
        try:
            if problem is not None:
                raise problem
            resp = await self.handle(req, disconnected)
        except HTTPError as e:
            resp = self._not_found_page(req, e) or text(e.status, f"{e.status} {_reason(e.status)}: {e.message}", e.headers)
        except asyncio.CancelledError:
            disconnected.cancel()
            return
        except Exception:
            traceback.print_exc(file=sys.stderr)
            resp = text(500, "500 Internal Server Error: the server failed on this request; the cause is in the server's log")
        finally:
            if not disconnected.done():
                disconnected.cancel()
        for k, v in {**CORS, **SECURITY}.items():
            resp.headers.setdefault(k, v)
        await send({"type": "http.response.start", "status": resp.status, "headers": resp.all_headers()})
        if resp.file is not None and req.method != "HEAD":
            await self._send_file(resp.file, resp.length, send)
            return
        await send({"type": "http.response.body", "body": b"" if req.method == "HEAD" or resp.status == 304 else resp.body})

    @staticmethod
    async def _send_file(path: Path, length: int, send) -> None:
        """The file in chunks, each read in a thread (the event loop never waits on the disk)."""
        with path.open("rb") as fh:
            left = length
            while left > 0:
                chunk = await asyncio.to_thread(fh.read, min(CHUNK, left))
                if not chunk:
                    break
                left -= len(chunk)
                await send({"type": "http.response.body", "body": chunk, "more_body": left > 0})
        if left > 0:  # the file shrank under us: end the body (the length was promised)
            await send({"type": "http.response.body", "body": b"", "more_body": False})

    @staticmethod
    async def _read_body(receive) -> tuple[bytes, HTTPError | None]:
        """The body, or the 413 once it grows past the cap. A body a little over the cap (up to
        :data:`DRAIN`) is read to its end and dropped, so that the client, still sending, gets
        to read the 413 (a "lingering close", as nginx does); beyond that the rest is never read
        and the connection closes after the answer."""
        chunks, size = [], 0
        while True:
            message = await receive()
            if message["type"] == "http.disconnect":
                break
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > DRAIN:
                break
            if chunk and size <= MAX_BODY:
                chunks.append(chunk)
            if not message.get("more_body"):
                break
        if size > MAX_BODY:
            return b"", _too_large()
        return b"".join(chunks), None

    @staticmethod
    async def _wait_disconnect(receive) -> None:
        while True:
            message = await receive()
            if message["type"] == "http.disconnect":
                return

    def _not_found_page(self, req: Request, e: HTTPError) -> Response | None:
        """For a browser (HTML preferred), a 404 is the site's own 404 page, in the site's layout."""
        if e.status != 404 or req.method not in ("GET", "HEAD") or req.path.startswith(("/sparql", "/queries/")):
            return None
        if conneg.negotiate(req.header("accept"), ["text/plain", "text/html"]) != "text/html":
            return None
        page = self.files.find(NOT_FOUND)
        if page is None:
            return None
        return Response(404, page.path.read_bytes(), "text/html", {"Cache-Control": "no-cache", **e.headers})

    # ------------------------------------------------------------------ routing
    async def handle(self, req: Request, disconnected) -> Response:
        path = req.path
        if req.method == "OPTIONS":
            return self.options(req)
        if path in ("/sparql", "/sparql/"):
            return await self.sparql(req, disconnected)
        if req.method not in ("GET", "HEAD"):
            raise HTTPError(405, f"method {req.method} is not allowed here; use GET or HEAD", {"Allow": "GET, HEAD, OPTIONS"})
        if path == "/health":
            return self.health()
        if path in ("/sparql/ui", "/sparql/ui/", "/yasgui", "/yasgui/"):
            return self.ui(req)
        if path.startswith("/sparql/ui/"):
            return self.ui_asset(req, path[len("/sparql/ui/"):])
        m = re.fullmatch(r"/queries/([A-Za-z0-9_-]+)(?:\.(html|json|csv|tsv))?", path)
        if m and m.group(1) in self.s.queries:
            return await self.named_query(req, m.group(1), m.group(2), disconnected)
        if path in ("/ontology", "/shapes"):
            return self.document(req, path[1:])
        if path == "/":
            return self.index(req)
        rel = path.lstrip("/")
        if rel and not path.endswith("/") and self.files.is_dir(rel):
            return Response(301, b"", None, {"Location": path + "/"})
        f = self.files.find(rel)
        if f is not None:
            extra = {}
            if rel.startswith("queries/") and rel.endswith(".json"):
                extra["Content-Type"] = "application/sparql-results+json"
            return file_response(f, req.headers, extra)
        if rel.startswith("id/"):
            return await self.thing(req, rel, disconnected)
        if rel in {f"ontology.{e}" for e in TWINS} and rel.split(".")[-1] in self.s.ontology_twins:
            ext = rel.split(".")[-1]
            return bytes_response(self.s.ontology_twins[ext], TWINS[ext], req.headers, self.s.started)
        raise HTTPError(404, f"nothing here: {_shown(path)}")

    def options(self, req: Request) -> Response:
        headers = {"Allow": ALLOW}
        if req.header("access-control-request-method"):
            headers.update(
                {
                    "Access-Control-Allow-Methods": ALLOW,
                    "Access-Control-Allow-Headers": req.header("access-control-request-headers") or "Accept, Accept-Language, Content-Type, If-None-Match, If-Modified-Since",
                    "Access-Control-Max-Age": "86400",
                }
            )
        return Response(204, b"", None, headers)

    # ------------------------------------------------------------------ dereferencing
    def _negotiate_document(self, req: Request, stem: str, available: dict[str, str]) -> str:
        """The path (without leading slash) of the chosen description of ``stem``; HTTPError 406."""
        offers = [t for t in THING_TYPES if THING_TYPES[t] in available]
        chosen = conneg.negotiate(req.header("accept"), offers)
        if chosen is None:
            listing = "\n".join(f"  {t}: /{available[THING_TYPES[t]]}" for t in offers)
            raise HTTPError(406, f"none of the accepted media types is available for /{stem}; available:\n{listing}", {"Vary": VARY})
        ext = THING_TYPES[chosen]
        if ext == "html":
            lang = conneg.negotiate_language(req.header("accept-language"), [lg for lg in ("sv", "en") if f"html-{lg}" in available] or ["sv"])
            return available.get(f"html-{lang}", available["html"])
        return available[ext]

    def _see_other(self, target: str) -> Response:
        return Response(303, f"See /{target}\n".encode(), "text/plain", {"Location": f"/{target}", "Vary": VARY})

    async def thing(self, req: Request, rel: str, disconnected) -> Response:
        stem, suffix = _split_doc(rel)
        iri = self.s.base + stem
        in_meta = self._in_meta(iri)
        known = iri in self.s.things or in_meta
        if suffix is None:
            if "#" in rel or not (known or any(self.files.exists(stem + s) for s in DOC_SUFFIXES)):
                raise HTTPError(404, f"no such thing: {_shown(iri)}")
            available = {"html": f"{stem}.html", "html-sv": f"{stem}.html", "html-en": f"{stem}.en.html"}
            available.update({e: f"{stem}.{e}" for e in TWINS})
            if not known:  # a page without graph data: offer what exists
                available = {k: v for k, v in available.items() if self.files.exists(v)}
                if "html" not in available and "html-en" in available:
                    available["html"] = available["html-en"]
            return self._see_other(self._negotiate_document(req, stem, available))
        if not known:
            raise HTTPError(404, f"no such document: {_shown('/' + rel)}")
        ext = suffix.rsplit(".", 1)[-1]
        lang = "en" if suffix == ".en.html" else "sv"
        job = {"op": "describe", "iri": iri, "ext": ext, "lang": lang}
        if iri not in self.s.things:  # named only by the site's catalogue: small, answered here
            from .worker import handle

            return self._from_worker(req, handle(self.s.meta, job))
        result = await self._run(job, disconnected)
        return self._from_worker(req, result)

    def _in_meta(self, iri: str) -> bool:
        if self.s.meta is None:
            return False
        import pyoxigraph as ox

        try:
            node = ox.NamedNode(iri)
        except ValueError:
            return False
        return next(iter(self.s.meta.store.quads_for_pattern(node, None, None)), None) is not None

    def document(self, req: Request, name: str) -> Response:
        """/ontology and /shapes: negotiate onto the site's ontology.html, ontology.ttl, …"""
        available = {}
        if self.files.exists(f"{name}.html"):
            available.update({"html": f"{name}.html", "html-sv": f"{name}.html"})
        if self.files.exists(f"{name}.en.html"):
            available["html-en"] = f"{name}.en.html"
            available.setdefault("html", f"{name}.en.html")
        for ext in TWINS:
            if self.files.exists(f"{name}.{ext}") or (name == "ontology" and ext in self.s.ontology_twins):
                available[ext] = f"{name}.{ext}"
        if not available:
            raise HTTPError(404, f"the site has no {name} documents")
        return self._see_other(self._negotiate_document(req, name, available))

    def index(self, req: Request) -> Response:
        if conneg.negotiate(req.header("accept"), ["text/html"]) is None:
            raise HTTPError(406, "the home page is available as text/html only", {"Vary": VARY})
        lang = conneg.negotiate_language(req.header("accept-language"))
        for path in ([Urls.index(lang)] + [Urls.index(other) for other in ("sv", "en") if other != lang]):
            f = self.files.find(path)
            if f is not None:
                return file_response(f, req.headers, {"Content-Location": f"/{path}", "Vary": VARY, "Content-Language": "en" if ".en." in path else "sv"})
        raise HTTPError(404, "the site has no home page (index.html)")

    # ------------------------------------------------------------------ SPARQL
    async def sparql(self, req: Request, disconnected) -> Response:
        op = sparql.read_operation(req)
        if op.query is None:
            return self.service_description(req)
        try:  # in a thread: a large query takes a moment to read and must not hold up the loop
            await asyncio.to_thread(self.s.guard.check, op.query)
        except Refused as e:
            raise HTTPError(e.status, str(e)) from None
        sparql.precheck_accept(req.header("accept"), op.formats)
        job = {
            "op": "sparql",
            "query": op.query,
            "default_graphs": op.default_graphs,
            "named_graphs": op.named_graphs,
            "accept": req.header("accept"),
            "formats": op.formats,
            "base_iri": self.s.base + "sparql",
        }
        result = await self._run(job, disconnected)
        resp = self._from_worker(req, result, etag=False)
        resp.headers["Vary"] = "Accept"
        resp.headers.setdefault("Cache-Control", "no-cache")
        return resp

    def service_description(self, req: Request) -> Response:
        import pyoxigraph as ox

        offers = [*sparql.SD_TYPES, "text/html"]
        chosen = conneg.negotiate(req.header("accept"), offers)
        if chosen is None:
            raise HTTPError(406, "the service description is available as " + ", ".join(offers), {"Vary": "Accept"})
        if chosen == "text/html":
            return Response(303, b"See /sparql/ui\n", "text/plain", {"Location": "/sparql/ui", "Vary": "Accept"})
        endpoint = req.origin() + req.path
        triples = sparql.service_description(endpoint, self.s.graphs, self.s.union_triples or self.s.triples, f"fhkg {__version__}: the Familjen Helsingborg knowledge graph")
        fmt = sparql.SD_TYPES[chosen]
        prefixes = None if fmt == ox.RdfFormat.N_TRIPLES else sparql.SD_PREFIXES
        payload = ox.serialize(sorted(triples, key=str), format=fmt, prefixes=prefixes)
        assert payload is not None
        return bytes_response(payload, chosen, req.headers, self.s.started, {"Vary": "Accept"})

    # ------------------------------------------------------------------ named queries
    async def named_query(self, req: Request, name: str, ext: str | None, disconnected) -> Response:
        params: dict[str, str] = {}
        for k, v in req.params():
            if k in params:
                raise HTTPError(400, f"parameter {k!r} is given more than once")
            params[k] = v
        extra = {}
        if ext is None:
            fmt = negotiate_named(req.header("accept"))
            if fmt is None:
                raise HTTPError(406, "a named query answers text/html, application/sparql-results+json, application/json, text/csv or text/tab-separated-values", {"Vary": VARY})
            extra = {"Vary": VARY, "Content-Location": f"/queries/{name}.{fmt}" + (f"?{req.query_string}" if req.query_string else "")}
        else:
            fmt = ext
        lang = conneg.negotiate_language(req.header("accept-language"))
        if not params:
            static = f"queries/{name}.{fmt}" if fmt != "html" or lang == "sv" else f"queries/{name}.en.html"
            f = self.files.find(static)
            if f is not None:
                if fmt == "json":
                    extra["Content-Type"] = "application/sparql-results+json"
                return file_response(f, req.headers, extra)
        job = {"op": "named", "name": name, "params": params, "fmt": fmt, "lang": lang, "self_path": f"/queries/{name}"}
        result = await self._run(job, disconnected)
        resp = self._from_worker(req, result)
        resp.headers.update(extra)
        return resp

    # ------------------------------------------------------------------ UI, health
    def ui(self, req: Request) -> Response:
        from .ui import SCRIPT_HASH, page

        if self.ui_files is None:
            raise HTTPError(503, "the query UI (YASGUI) is not installed: run `npm ci --prefix src/fhkg/server/ui` in the checkout (or set FHKG_YASGUI_DIR)")
        asked = dict(req.params()).get("lang")
        lang = asked if asked in self.s.ui_tabs else conneg.negotiate_language(req.header("accept-language"))
        payload = page(self.s.ui_tabs.get(lang, []), lang, self.s.base).encode("utf-8")
        return bytes_response(payload, "text/html", req.headers, self.s.started, {"Vary": "Accept-Language", "Content-Language": lang, "Content-Security-Policy": content_security_policy(SCRIPT_HASH)})

    def ui_asset(self, req: Request, name: str) -> Response:
        if self.ui_files is None:
            raise HTTPError(404, f"no such file: {_shown('/sparql/ui/' + name)}")
        f = self.ui_files.find(name)
        if f is None:
            raise HTTPError(404, f"no such file: {_shown('/sparql/ui/' + name)}")
        return file_response(f, req.headers)

    def health(self) -> Response:
        ok = self.s.pool.alive() and self.s.pool.whole()
        return json_response(
            {
                "status": "ok" if ok else "degraded",
                "version": __version__,
                "base": self.s.base,
                "triples": self.s.triples,
                "graphs": sorted(self.s.graphs),
                "workers": self.s.pool.stats(),
                "timeout": self.s.timeout,
                "uptime": round(time.time() - self.s.started, 1),
            },
            200 if ok else 503,
            {"Cache-Control": "no-store"},
        )

    # ------------------------------------------------------------------ workers
    async def _run(self, job: dict, disconnected) -> dict:
        job["result_limit"] = self.s.result_limit
        try:
            return await self.s.pool.run(job, cancel=disconnected)
        except QueryTimeout as e:
            raise HTTPError(503, f"the query ran longer than the time limit of {e.args[0]:g} s and was stopped; simplify it (LIMIT, fewer joins) or ask the operator for a longer --timeout") from None
        except PoolBusy as e:
            raise HTTPError(503, f"{e}; try again in {e.retry_after} s (the operator can raise --workers or --queue)", {"Retry-After": str(e.retry_after)}) from None
        except WorkerDied:
            budget = self.s.pool.memory
            limit = f" (each may use {budget >> 20} MiB)" if budget else ""
            raise HTTPError(503, f"the query worker stopped: the query needed more memory than a query worker may use{limit}, or failed; try a smaller query (LIMIT, fewer joins)") from None

    def _from_worker(self, req: Request, result: dict, etag: bool = True) -> Response:
        if "message" in result:
            raise HTTPError(result["status"], result["message"])
        headers = dict(result.get("headers") or {})
        if etag:
            return bytes_response(result["body"], result["media_type"], req.headers, self.s.started, headers)
        return Response(result["status"], result["body"], result["media_type"], headers)


def _too_large() -> HTTPError:
    return HTTPError(413, f"the request body is larger than {MAX_BODY >> 10} KiB; send a shorter query", {"Connection": "close"})


def _declared_too_large(scope) -> HTTPError | None:
    """413 from the ``Content-Length`` header alone, before a byte of the body is read, for a
    body far over the cap (one a little over it is read and dropped: see ``App._read_body``)."""
    for name, value in scope.get("headers") or ():
        if name == b"content-length":
            try:
                declared = int(value)
            except ValueError:
                return HTTPError(400, "the Content-Length header is not a number", {"Connection": "close"})
            if declared > DRAIN:
                return _too_large()
    return None


def _shown(text: str, limit: int = 200) -> str:
    """A path or IRI fit to echo in a one-line message: control characters escaped, cut short."""
    from urllib.parse import quote

    shown = quote(text, safe="/:?&=#%@!$'()*+,;~-._")
    return shown if len(shown) <= limit else shown[:limit] + "…"


def _split_doc(rel: str) -> tuple[str, str | None]:
    for suffix in DOC_SUFFIXES:
        if rel.endswith(suffix) and len(rel) > len(suffix):
            return rel[: -len(suffix)], suffix
    return rel, None


def _reason(status: int) -> str:
    from .responses import REASONS

    return REASONS.get(status, "Error")

