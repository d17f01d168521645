"""fhkg stats"""

from __future__ import annotations

import click

from .common import data_options, gate_option, load_graph


@click.command("stats")
@data_options
@gate_option
@click.option("-f", "--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def command(data, base, no_validate, fmt):
    """Count triples per named graph, classes and their instances, and outgoing links.

    \b
    Examples:
      fhkg stats
      fhkg stats --format json
    """
    kg = load_graph(data, base, gate=not no_validate)
    from ..stats import stats

    s = stats(kg)
    click.echo(s.text(kg.base) if fmt == "text" else s.to_json(), nl=False)


COMMANDS = [command]
