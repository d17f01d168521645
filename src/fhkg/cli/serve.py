"""fhkg serve"""

from __future__ import annotations

from pathlib import Path

import click

from .common import allow_service_option, data_option


@click.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True, help="The address to listen on; the instance base becomes http://HOST:PORT/.")
@click.option("--port", default=8080, show_default=True, type=click.IntRange(1, 65535), help="The port to listen on.")
@data_option
@click.option("--timeout", default=30.0, show_default=True, type=click.FloatRange(0.1, 3600), metavar="SECONDS", help="Time limit of one SPARQL or named query; a query that runs longer is stopped (its worker process killed) and answered 503.")
@click.option("--site", type=click.Path(file_okay=False, path_type=Path), default=None, help="Serve this already built site (it must have been built for http://HOST:PORT/) instead of building one into the cache.")
@click.option("--workers", default=2, show_default=True, type=click.IntRange(1, 64), help="Query worker processes kept ready (more are forked when all are busy, up to three times as many, at least 6).")
@click.option("--worker-memory", default=2048, show_default=True, type=click.IntRange(0, 1 << 20), metavar="MiB", help="Memory one query worker may use beyond the loaded graph; a query that needs more is stopped and answered 503 (0: no cap).")
@allow_service_option
@click.option("--quiet", is_flag=True, help="Do not log every request.")
def command(host, port, data, timeout, site, workers, worker_memory, allow_service, quiet):
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

    code = serve(data, host=host, port=port, timeout=timeout, site=site, workers=workers, access_log=not quiet, allow_service=allow_service, worker_memory=(worker_memory << 20) or None)
    if code:
        raise click.exceptions.Exit(code)


COMMANDS = [command]
