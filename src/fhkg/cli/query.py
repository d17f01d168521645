"""fhkg query, fhkg queries"""

from __future__ import annotations

from pathlib import Path

import click

from ..terms.formats import RESULT_FORMATS as FORMATS
from .common import allow_service_option, data_options, emit, gate_option, load_graph, parse_params


@click.command("query")
@click.argument("query")
@data_options
@gate_option
@click.option("-p", "--param", "params", multiple=True, metavar="NAME=VALUE", help="A value for one of the query's parameters (see 'fhkg queries'). Repeatable.")
@click.option("-f", "--format", "fmt", type=click.Choice(FORMATS), default="table", show_default=True, help="Result format: an aligned table, or the SPARQL 1.1 CSV, TSV or JSON results formats.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), default=None, help="Write the result to this file (atomically) instead of stdout.")
@allow_service_option
def query_command(query, data, base, no_validate, params, fmt, output, allow_service):
    """Run a named query, a .rq file or SPARQL text on the graph (Oxigraph).

    Read-only: an update is refused (exit 2), and so is SERVICE unless --allow-service names
    the endpoint.

    \b
    Examples:
      fhkg query municipalities-by-organisation
      fhkg query organisations-of-municipality --param kommun=Klippan
      fhkg query memberships-in-force --param datum=2024-06-30 --format csv
      fhkg query 'SELECT ?org WHERE { ?org org:hasMember kommun:1276 }'
    """
    from ..queries import run

    kg = load_graph(data, base, gate=not no_validate)
    emit(run(kg, query, parse_params(params), allow_service=allow_service).render(fmt), output)


@click.command("queries")
@click.option("--lang", type=click.Choice(["sv", "en"]), default="sv", show_default=True, help="Language of titles and questions.")
def queries_command(lang):
    """List the named queries with the question each answers and its parameters.

    \b
    Example:
      fhkg queries --lang en
    """
    from ..queries import catalogue

    for name, q in sorted(catalogue().items()):
        click.echo(f"{name}\n  {q.title(lang)}\n  {q.question(lang)}")
        for p in q.parameters:
            click.echo(f"  --param {p.describe()}")
        click.echo()


COMMANDS = [query_command, queries_command]
