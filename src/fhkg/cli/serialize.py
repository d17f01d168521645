"""fhkg serialize"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from ..errors import UsageError
from ..terms.formats import WRITABLE, by_name
from .common import data_options, gate_option, load_graph


@click.command("serialize")
@data_options
@gate_option
@click.option("-f", "--format", "fmt", default=None, metavar="FORMAT", help=f"One of {', '.join(WRITABLE)} (or a media type or file extension). Default: from the -o file name, else turtle.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), default=None, help="Write to this file (atomically) instead of stdout.")
def command(data, base, no_validate, fmt, output):
    """Write the whole graph (ontology and data) in an RDF format.

    The same input always gives the same bytes: blank nodes get labels computed from their
    surroundings and statements are sorted (JSON-LD keeps the input's order). RDF/XML refuses
    a character XML 1.0 cannot hold, or a predicate it cannot write, with exit 2.

    \b
    Examples:
      fhkg serialize --format nt -o fhkg.nt
      fhkg serialize -o fhkg.jsonld
      fhkg serialize --format trig --data mine.ttl
    """
    from ..io.serialize import serialize_into, write
    from ..terms.formats import by_path

    if fmt is None:
        guessed = by_path(output) if output else None
        fmt = guessed.name if guessed and guessed.writable else "turtle"
    try:
        chosen = by_name(fmt, writable=True)
    except ValueError as e:
        raise UsageError(str(e)) from None
    kg = load_graph(data, base, gate=not no_validate)
    if output is None:
        serialize_into(kg, fmt, sys.stdout.buffer)
        sys.stdout.flush()
    else:
        size = write(kg, fmt, output)
        click.echo(f"wrote {output} ({size} bytes, {chosen.name})", err=True)


COMMANDS = [command]
