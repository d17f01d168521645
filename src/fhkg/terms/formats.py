"""The one registry of RDF formats: names, aliases, file extensions, media types and the
pyoxigraph format; read by parsing (``--data``), serialising, the dumps and the server.

>>> by_name("text/turtle").name, by_name("ttl").name, by_name("rdf/xml").extension
('turtle', 'turtle', '.rdf')
>>> by_path("mine.jsonld").title
'JSON-LD'
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pyoxigraph as ox


@dataclass(frozen=True)
class RdfFormat:
    name: str
    title: str
    media_type: str
    extensions: tuple[str, ...]  # the first is the one fhkg writes
    oxigraph_name: str  # the pyoxigraph.RdfFormat member
    aliases: tuple[str, ...] = ()
    quads: bool = False
    writable: bool = True

    @property
    def extension(self) -> str:
        return self.extensions[0]

    @property
    def oxigraph(self) -> ox.RdfFormat:
        import pyoxigraph

        return getattr(pyoxigraph.RdfFormat, self.oxigraph_name)


_ALL = (
    RdfFormat("turtle", "Turtle", "text/turtle", (".ttl", ".turtle"), "TURTLE", ("ttl",)),
    RdfFormat("nt", "N-Triples", "application/n-triples", (".nt",), "N_TRIPLES", ("ntriples", "n-triples")),
    RdfFormat("nq", "N-Quads", "application/n-quads", (".nq",), "N_QUADS", ("nquads", "n-quads"), quads=True),
    RdfFormat("trig", "TriG", "application/trig", (".trig",), "TRIG", (), quads=True),
    RdfFormat("jsonld", "JSON-LD", "application/ld+json", (".jsonld", ".json"), "JSON_LD", ("json-ld",)),
    RdfFormat("xml", "RDF/XML", "application/rdf+xml", (".rdf", ".xml", ".owl"), "RDF_XML", ("rdf", "rdfxml", "rdf/xml", "rdf+xml")),
    RdfFormat("n3", "N3", "text/n3", (".n3",), "N3", (), writable=False),
)
FORMATS: dict[str, RdfFormat] = {f.name: f for f in _ALL}
#: The formats fhkg writes (serialize, dumps, twins), by name.
WRITABLE: dict[str, RdfFormat] = {f.name: f for f in _ALL if f.writable}
_LOOKUP = {key: f for f in _ALL for key in (f.name, f.media_type, *f.aliases, *(e.lstrip(".") for e in f.extensions))}
_BY_EXTENSION = {e: f for f in _ALL for e in f.extensions}


def by_name(name: str, *, writable: bool = False) -> RdfFormat:
    """A format by name, alias, media type or extension; ValueError naming the choices."""
    f = _LOOKUP.get(name.strip().lower())
    choices = WRITABLE if writable else FORMATS
    if f is None or f.name not in choices:
        raise ValueError(f"unknown format {name!r}; expected one of {', '.join(choices)}")
    return f


def by_path(path: str | Path) -> RdfFormat | None:
    """The format a file name's extension says, if any."""
    return _BY_EXTENSION.get(Path(path).suffix.lower())


#: Formats of a SELECT result on the command line: an aligned table, or SPARQL 1.1 CSV, TSV, JSON.
RESULT_FORMATS = ("table", "csv", "tsv", "json")


def extensions() -> list[str]:
    return sorted(_BY_EXTENSION)
