"""fhkg validate"""

from __future__ import annotations

from pathlib import Path

import click

from ..errors import EXIT_INVALID, EXIT_OK
from ..shacl import ENGINES
from .common import data_options, emit


@click.command("validate")
@data_options
@click.option("--shapes", "shapes", multiple=True, metavar="PATH", type=click.Path(dir_okay=False, path_type=Path), help="Extra SHACL shapes file to apply as well as the shipped shapes. Repeatable.")
@click.option("--format", "fmt", type=click.Choice(["text", "turtle", "json"]), default="text", show_default=True, help="Report format.")
@click.option("--lang", type=click.Choice(["sv", "en"]), default="sv", show_default=True, help="Language of the text report.")
@click.option("--engine", type=click.Choice(ENGINES), default="fast", show_default=True, help="fast: every SHACL Core and SHACL-SPARQL constraint on Oxigraph; pyshacl: pySHACL, the reference validator (much slower on large files).")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), default=None, help="Write the report to this file (atomically) instead of stdout.")
def command(data, base, shapes, fmt, lang, engine, output):
    """Validate the graph (and your --data) against the SHACL shapes.

    Exit 0 when it conforms, 1 when it does not (the report is grouped by resource and gives
    each shape's message), 2 when a file cannot be read (file:line:column: what is wrong).

    \b
    Examples:
      fhkg validate
      fhkg validate --data my-municipality.ttl --lang en
      fhkg validate --format turtle -o report.ttl
    """
    from .. import load
    from ..validation import validate

    kg = load(data, base=base, relative_base=base)
    report = validate(kg, extra_shapes=shapes, engine=engine)
    text = {"text": lambda: report.text(lang), "turtle": report.to_turtle, "json": report.to_json}[fmt]()
    emit(text, output)
    raise click.exceptions.Exit(EXIT_OK if report.conforms else EXIT_INVALID)


COMMANDS = [command]
