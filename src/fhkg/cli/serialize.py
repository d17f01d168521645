"""fhkg serialize"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from ..errors import UsageError
from ..serialization import ALIASES, FORMATS, format_for, serialize, write_bytes
from .common import data_options, gate_option, load_graph


@click.command("serialize")
@data_options
@gate_option
@click.option("-f", "--format", "fmt", default=None, metavar="FORMAT", help=f"One of {', '.join(FORMATS)} (or a media type or file extension). Default: from the -o file name, else turtle.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), default=None, help="Write to this file (atomically) instead of stdout.")
def command(data, base, no_validate, fmt, output):
    """Write the whole graph (ontology and data) in an RDF format.

    The same input always gives the same bytes: blank nodes get canonical labels and
    statements are sorted.

    \b
    Examples:
      fhkg serialize --format nt -o fhkg.nt
      fhkg serialize -o fhkg.jsonld
      fhkg serialize --format trig --data mine.ttl
    """
    if fmt is None:
        fmt = (output.suffix.lstrip(".") if output and output.suffix.lstrip(".") in ALIASES else None) or "turtle"
    try:
        format_for(fmt)
    except ValueError as e:
        raise UsageError(str(e)) from None
    kg = load_graph(data, base, gate=not no_validate)
    payload = serialize(kg, fmt)
    if output is None:
        sys.stdout.buffer.write(payload)
        sys.stdout.flush()
    else:
        write_bytes(payload, output)
        click.echo(f"wrote {output} ({len(payload)} bytes, {format_for(fmt).name})", err=True)


COMMANDS = [command]
