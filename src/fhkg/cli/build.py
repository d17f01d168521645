"""fhkg build"""

from __future__ import annotations

from pathlib import Path

import click

from .common import data_options, load_graph


@click.command("build")
@data_options
@click.option("-o", "--output", type=click.Path(file_okay=False, path_type=Path), default=Path("site"), show_default=True, help="The folder to build the site into (replaced atomically).")
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=None, help="Processes rendering the resource pages  [default: one per core once the graph has 2,000 resources]")
def command(data, base, output, jobs):
    """Build the static linked-data site: pages, dumps, catalogue, pictures, docs.

    The graph is validated first: if it does not conform, nothing is written (exit 1) and an
    existing site stays as it was. Two builds of the same input are byte-identical.

    \b
    Examples:
      fhkg build
      fhkg build -o /var/www/fhkg --base https://data.example.org/fh/
      fhkg build --data ours.ttl -j 4
    """
    from ..publish import build

    kg = load_graph(data, base, gate=False)
    site = build(kg, output, jobs=jobs)
    click.echo(f"built {output} ({len(site.files)} files)", err=True)


COMMANDS = [command]
