"""Options and helpers shared by every verb."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from ..errors import InvalidData, UsageError

if TYPE_CHECKING:
    from ..graph import KnowledgeGraph


def data_options(func):
    """``--data PATH`` (repeatable) and ``--base IRI``, the same on every verb."""
    func = click.option(
        "--base",
        metavar="IRI",
        default=None,
        help="Instance base IRI (default https://w3id.org/familjen-helsingborg/); every …/id/… IRI moves under it, and relative IRIs in your --data files resolve against it (without --base they are refused).",
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
    """Load the graph through the gate (:func:`fhkg.gate.prepare`): when the user added data, it
    is validated first (or its earlier verdict reused); exit 1 with the report if it does not conform."""
    from ..gate import NotConforming, prepare

    try:
        return prepare(data, base=base, validate=bool(data) and gate, what="the data given with --data", relative_base=base)
    except NotConforming as e:
        click.echo(e.report("sv"), err=True, nl=False)
        raise InvalidData(f"{e}; fix it (see above), or pass --no-validate") from None


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
        from ..io.serialize import write_bytes

        write_bytes(text.encode("utf-8"), output)
