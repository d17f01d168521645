"""fhkg serve"""

from __future__ import annotations

from pathlib import Path

import click

from ..server import limits as lim
from .common import allow_service_option, data_option


@click.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True, help="The address to listen on; the instance base becomes http://HOST:PORT/.")
@click.option("--port", default=8080, show_default=True, type=click.IntRange(1, 65535), help="The port to listen on.")
@data_option
@click.option("--site", type=click.Path(file_okay=False, path_type=Path), default=None, help="Serve this already built site (it must have been built for http://HOST:PORT/) instead of building one into the cache.")
@allow_service_option
@click.option("--timeout", default=lim.DEFAULT_TIMEOUT, show_default=True, type=click.FloatRange(0.1, 3600), metavar="SECONDS", help="Time limit of one SPARQL or named query; a query that runs longer is stopped (its worker process killed) and answered 503.")
@click.option("--workers", default=lim.DEFAULT_WORKERS, show_default=True, type=click.IntRange(1, 64), help="Query worker processes: exactly this many, never more.")
@click.option("--queue", default=lim.DEFAULT_QUEUE, show_default=True, type=click.IntRange(0, 10_000), metavar="N", help="Queries that may wait when every worker is busy; one more is answered 503 with Retry-After.")
@click.option("--queue-wait", default=lim.DEFAULT_QUEUE_WAIT, show_default=True, type=click.FloatRange(0, 3600), metavar="SECONDS", help="How long a query may wait for a worker before it is answered 503 with Retry-After.")
@click.option("--worker-memory", default=lim.DEFAULT_MEMORY >> 20, show_default=True, type=click.IntRange(0, 1 << 20), metavar="MiB", help="Memory one query worker may use beyond the loaded graph; a query that needs more is stopped and answered 503 (0: no cap).")
@click.option("--result-limit", default=lim.DEFAULT_RESULT_LIMIT >> 20, show_default=True, type=click.IntRange(1, 1 << 20), metavar="MiB", help="Largest answer to a SPARQL or named query; a larger one is answered 422 (add LIMIT, or download the dumps).")
@click.option("--request-timeout", default=lim.DEFAULT_REQUEST_TIMEOUT, show_default=True, type=click.FloatRange(0.1, 3600), metavar="SECONDS", help="Time for a request's head, and then its body, to arrive; a slower one is answered 408 and closed.")
@click.option("--client-connections", default=lim.DEFAULT_CLIENT_CONNECTIONS, show_default=True, type=click.IntRange(0, 1 << 20), metavar="N", help="Open connections one client address may hold; one more is answered 429 (0: no cap; behind a proxy every client has the proxy's address).")
@click.option("--quiet", is_flag=True, help="Do not log every request.")
def command(host, port, data, site, allow_service, timeout, workers, queue, queue_wait, worker_memory, result_limit, request_timeout, client_connections, quiet):
    """Serve the graph as linked data, a SPARQL endpoint and a query UI.

    Loads the graph (with your --data) under the base http://HOST:PORT/, validates it (a graph
    that does not conform is refused: exit 1, with the report), builds the static site for that
    base into a cache folder (or serves --site), then answers:

    \b
      /id/kommun/1276        303 See Other to .html, .en.html, .ttl, .jsonld, .rdf or .nt
                             (Accept with q-values, Accept-Language sv/en)
      /ontology              the same onto ontology.html, ontology.ttl, …
      /sparql                SPARQL 1.1 Protocol (GET, POST form, POST sparql-query; read-only;
                             SERVICE refused unless --allow-service names the endpoint);
                             without a query, the service description
      /sparql/ui             YASGUI with every named query as a tab
      /queries/NAME[.csv|.json|.html]?param=value   a named query (see 'fhkg queries')
      /health                status, triples, graphs, version

    \b
    Examples:
      fhkg serve
      fhkg serve --port 8090 --timeout 10
      fhkg serve --data mine.ttl --host 0.0.0.0
      fhkg build --base http://127.0.0.1:8080/ -o site && fhkg serve --site site
      curl -H 'Accept: text/turtle' -L http://127.0.0.1:8080/id/kommun/1276
      curl http://127.0.0.1:8080/sparql --data-urlencode 'query=SELECT * { ?s a fh:Municipality }'
    """
    from ..server import serve

    limits = lim.Limits(
        timeout=timeout,
        workers=workers,
        queue=queue,
        queue_wait=queue_wait,
        worker_memory=(worker_memory << 20) or None,
        result_limit=result_limit << 20,
        request_timeout=request_timeout,
        client_connections=client_connections,
    )
    code = serve(data, host=host, port=port, site=site, access_log=not quiet, allow_service=allow_service, limits=limits)
    if code:
        raise click.exceptions.Exit(code)


COMMANDS = [command]
