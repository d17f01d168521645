"""Options and helpers shared by every verb."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from .. import load
from ..errors import InvalidData, UsageError
from ..graph import KnowledgeGraph


def data_options(func):
    """``--data PATH`` (repeatable) and ``--base IRI``, the same on every verb."""
    func = click.option(
        "--base",
        metavar="IRI",
        default=None,
        help="Instance base IRI (default https://w3id.org/familjen-helsingborg/); every …/id/… IRI moves under it.",
    )(func)
    return data_option(func)


def data_option(func):
    """``--data PATH`` (repeatable): the user's own RDF files, added to the graph."""
    return click.option(
        "--data",
        "data",
        multiple=True,
        metavar="PATH",
        type=click.Path(dir_okay=False, path_type=Path),
        help="An RDF file of your own to add to the graph (Turtle, N-Triples, N-Quads, TriG, JSON-LD, RDF/XML); validated with the rest. Repeatable.",
    )(func)


def load_graph(data: tuple[Path, ...], base: str | None, *, gate: bool = True) -> KnowledgeGraph:
    """Load the graph; when the user added data, validate it first (exit 1 if it does not conform)."""
    kg = load(data, base=base)
    if data and gate:
        from ..validation import validate

        report = validate(kg)
        if not report.conforms:
            click.echo(report.text("sv"), err=True, nl=False)
            raise InvalidData("the data given with --data does not conform to the shapes; fix it (see above), or pass --no-validate")
    return kg


def allow_service_option(func):
    """``--allow-service URL`` (repeatable): the only SERVICE endpoints a query may call."""
    return click.option(
        "--allow-service",
        "allow_service",
        multiple=True,
        metavar="URL",
        help="Let SPARQL queries call this endpoint with SERVICE (the exact URL). Repeatable. Without it no query makes a request to another server.",
    )(func)


def gate_option(func):
    return click.option(
        "--no-validate",
        "no_validate",
        is_flag=True,
        help="Do not validate the files given with --data before using them.",
    )(func)


def parse_params(values: tuple[str, ...]) -> dict[str, str]:
    params = {}
    for item in values:
        name, sep, value = item.partition("=")
        if not sep or not name:
            raise UsageError(f"--param takes name=value, got {item!r}")
        params[name.strip()] = value
    return params


def emit(text: str, output: Path | None) -> None:
    if output is None:
        sys.stdout.write(text)
        sys.stdout.flush()
    else:
        from ..serialization import write_bytes

        write_bytes(text.encode("utf-8"), output)
