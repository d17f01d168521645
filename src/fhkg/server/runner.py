"""Starting the server: load, validate, build (or check) the site, fork the query workers, serve.

Everything slow happens before the first request: the graph is parsed once, validated (a graph
that does not conform is refused with the report, exit 1), the site is built into the cache (or
``--site`` is checked against the base), the named queries' texts for the UI are bound, and the
worker zygote is forked while the process is still single-threaded. Then uvicorn serves the app
until SIGINT/SIGTERM, and the workers go with it.
"""

from __future__ import annotations

import errno
import signal
import socket
import sys
import time
from collections.abc import Iterable
from pathlib import Path

from ..errors import Interrupted, InvalidData, UsageError
from ..graph import KnowledgeGraph
from ..terms.formats import by_path, twins
from .limits import MAX_HEAD, Limits


def base_for(host: str, port: int) -> str:
    h = f"[{host}]" if ":" in host and not host.startswith("[") else host
    return f"http://{h}:{port}/"


def log(message: str) -> None:
    print(f"fhkg serve: {message}", file=sys.stderr, flush=True)


def check_port(host: str, port: int) -> None:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as s:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            s.bind((host.strip("[]"), port))
        except OSError as e:
            why = "is in use" if e.errno == errno.EADDRINUSE else f"cannot be bound ({e.strerror})"
            raise UsageError(f"{host}:{port} {why}; choose another --port or --host") from None


def prepare(
    data: Iterable[str | Path],
    *,
    host: str,
    port: int,
    site: Path | None = None,
    allow_service: Iterable[str] = (),
    limits: Limits | None = None,
):
    """Load, validate, prepare the site and the workers; returns the app's Settings."""
    limits = limits or Limits()
    from .. import gate
    from ..sparql.guard import Guard
    from ..terms.namespaces import prefixes
    from . import sitecache, ui
    from .app import Settings
    from .pool import WorkerPool

    base = base_for(host, port)
    guard = Guard(prefixes(base), allow_service=allow_service)
    started = time.time()
    if site is not None:
        sitecache.check(site, base)
    log(f"loading and validating the graph with base {base}")
    try:
        kg = gate.prepare(data, base=base)
    except gate.NotConforming as e:
        print(e.report("en"), file=sys.stderr, end="")
        raise InvalidData(f"{e}; the server was not started") from None
    site_lock: int | None = None
    if site is not None:
        site_dir = Path(site)
    else:
        try:
            site_dir, site_lock = sitecache.prepare(kg, log=log)  # held: no other fhkg prunes it while we serve
        except (ImportError, AttributeError, KeyError, TypeError, ValueError, OSError) as e:
            raise UsageError(f"the site could not be built ({type(e).__name__}: {e}); serve a site built elsewhere with --site DIR") from None
    graphs, things = _inventory(kg)
    meta = _site_metadata(site_dir, base)
    union = len({(q.subject, q.predicate, q.object) for q in kg.store.quads_for_pattern(None, None, None)})
    from ..queries import catalogue

    ui_dir = ui.yasgui_dir()
    if ui_dir is None:
        log("the query UI (YASGUI) is not installed; /sparql/ui will say how to install it")
    settings = Settings(
        base=base,
        site=site_dir,
        pool=WorkerPool(
            kg,
            size=limits.workers,
            timeout=limits.timeout,
            sandbox=not guard.allowed,
            memory=limits.worker_memory,
            queue=limits.queue,
            queue_wait=limits.queue_wait,
        ),
        triples=len(kg),
        union_triples=union,
        graphs=graphs,
        things=things,
        meta=meta,
        queries=catalogue(),
        ui_tabs={lang: ui.tabs(kg, lang) for lang in ("sv", "en")},
        ui_dir=ui_dir,
        ontology_twins=_ontology_twins(kg, site_dir),
        started=started,
        timeout=limits.timeout,
        guard=guard,
        result_limit=limits.result_limit,
        request_timeout=limits.request_timeout,
        site_lock=site_lock,
    )
    settings.pool.start()
    allowed = ", ".join(sorted(guard.allowed)) or "none"
    log(f"SERVICE allowed to: {allowed}; query workers' network wall: {settings.pool.network_wall}")
    log(f"limits: {limits.described()}")
    return settings


def _inventory(kg: KnowledgeGraph) -> tuple[dict[str, int], frozenset[str]]:
    import pyoxigraph as ox

    graphs = {g: 0 for g in kg.graph_names()}
    prefix = kg.base + "id/"
    things = set()
    for q in kg.store.quads_for_pattern(None, None, None):
        if isinstance(q.graph_name, ox.NamedNode):
            graphs[q.graph_name.value] = graphs.get(q.graph_name.value, 0) + 1
        for t in (q.subject, q.object):
            if isinstance(t, ox.NamedNode) and t.value.startswith(prefix) and "#" not in t.value:
                things.add(t.value)
    return graphs, frozenset(things)


def _site_metadata(site: Path, base: str) -> KnowledgeGraph | None:
    """The site's own RDF documents at its top level (DCAT catalogue, VoID, …): they name things
    under the base (the dataset, its distributions) that are not in the graph; these get their
    descriptions from here. Kept apart from the SPARQL store, which stays the graph the CLI sees."""
    import pyoxigraph as ox

    store = ox.Store()
    for path in sorted(Path(site).glob("*")):
        fmt = by_path(path)
        if path.suffix not in (".ttl", ".rdf", ".nt") or fmt is None or path.stem in ("ontology", "shapes") or not path.is_file():
            continue
        try:
            triples = [q for q in ox.parse(path.read_bytes(), format=fmt.oxigraph, base_iri=base)]
        except (SyntaxError, ValueError, OSError) as e:
            log(f"skipping {path.name} ({e})")
            continue
        store.extend(ox.Quad(q.subject, q.predicate, q.object, ox.DefaultGraph()) for q in triples if isinstance(q.subject, ox.NamedNode) and q.subject.value.startswith(base + "id/"))
    return KnowledgeGraph(store, base=base) if len(store) else None


def _ontology_twins(kg: KnowledgeGraph, site: Path) -> dict[str, bytes]:
    """The ontology's RDF documents, for the formats the site does not already carry."""
    from ..io.serialize import serialize

    out = {}
    for ext, fmt in twins().items():
        if not (site / f"ontology.{ext}").is_file():
            out[ext] = serialize(kg, fmt.name, kinds=("ontology",))
    return out


def serve(
    data: Iterable[str | Path] = (),
    *,
    host: str = "127.0.0.1",
    port: int = 8080,
    site: Path | None = None,
    access_log: bool = True,
    allow_service: Iterable[str] = (),
    limits: Limits | None = None,
) -> int:
    """Run the server until interrupted; returns the exit code."""
    limits = limits or Limits()
    import uvicorn

    from .app import App

    check_port(host, port)
    from .http import protocol

    settings = prepare(data, host=host, port=port, site=site, allow_service=allow_service, limits=limits)
    try:
        log(f"serving {settings.base} (site {settings.site}; SPARQL {settings.base}sparql; UI {settings.base}sparql/ui)")
        config = uvicorn.Config(
            App(settings),
            host=host.strip("[]"),
            port=port,
            http=protocol(request_timeout=limits.request_timeout, client_connections=limits.client_connections),
            h11_max_incomplete_event_size=MAX_HEAD,
            ws="none",  # no WebSocket upgrades: the protocol's connection counting stays whole
            lifespan="off",
            log_level="info" if access_log else "warning",
            access_log=access_log,
            proxy_headers=False,
            server_header=False,
            timeout_graceful_shutdown=5,
        )
        server = uvicorn.Server(config)
        # uvicorn shuts down gracefully on SIGINT and SIGTERM; a hang-up (SIGHUP) does the same
        signal.signal(signal.SIGHUP, server.handle_exit)
        try:
            server.run()
        except SystemExit as e:  # uvicorn exits 1 when it cannot bind
            return 2 if e.code else 0
        except (Interrupted, KeyboardInterrupt):
            # uvicorn shuts down gracefully on SIGTERM/SIGINT, then raises the signal again for the
            # previous handler: the shutdown was the intended end, so it is a success
            log("stopped")
            return 0
        if server.started:
            log("stopped")
            return 0
        return 2
    finally:
        settings.pool.close()
