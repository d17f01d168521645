"""fhkg reason"""

from __future__ import annotations

import click

from ..errors import EXIT_INVALID, EXIT_OK
from .common import data_options, gate_option, load_graph


@click.command("reason")
@data_options
@gate_option
def command(data, base, no_validate):
    """Check that ontology and data are consistent under OWL 2 with the HermiT reasoner.

    Exit 0 when consistent, 1 when not, 2 when Java is missing.

    \b
    Examples:
      fhkg reason
      fhkg reason --data mine.ttl
    """
    kg = load_graph(data, base, gate=not no_validate)
    from ..reasoning import check_consistency

    result = check_consistency(kg)
    click.echo(f"{result.message} ({result.triples} triples, {result.seconds:.1f} s)")
    raise click.exceptions.Exit(EXIT_OK if result.consistent else EXIT_INVALID)


COMMANDS = [command]
