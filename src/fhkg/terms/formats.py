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


# ------------------------------------------------------------------ SPARQL query results
@dataclass(frozen=True)
class ResultFormat:
    """A SPARQL query results format (SELECT and ASK answers)."""

    name: str
    title: str
    media_type: str
    oxigraph_name: str  # the pyoxigraph.QueryResultsFormat member
    aliases: tuple[str, ...] = ()  # ``format=`` keywords
    also: tuple[str, ...] = ()  # other media types clients send for it
    boolean: bool = True  # whether it can carry an ASK answer

    @property
    def oxigraph(self) -> ox.QueryResultsFormat:
        import pyoxigraph

        return getattr(pyoxigraph.QueryResultsFormat, self.oxigraph_name)


RESULTS: dict[str, ResultFormat] = {
    f.name: f
    for f in (
        ResultFormat("json", "SPARQL 1.1 Query Results JSON", "application/sparql-results+json", "JSON", ("srj",), ("application/json",)),
        ResultFormat("xml", "SPARQL Query Results XML", "application/sparql-results+xml", "XML", ("srx",), ("application/xml", "text/xml")),
        ResultFormat("csv", "SPARQL 1.1 Query Results CSV", "text/csv", "CSV", boolean=False),
        ResultFormat("tsv", "SPARQL 1.1 Query Results TSV", "text/tab-separated-values", "TSV", boolean=False),
    )
}

#: The machine twins of a page (a thing, the ontology, the shapes), by extension, in the site's order.
TWIN_EXTENSIONS = ("ttl", "jsonld", "rdf", "nt")


def twins() -> dict[str, RdfFormat]:
    """Extension -> format of the machine twins of a page."""
    return {ext: by_name(ext) for ext in TWIN_EXTENSIONS}


# ------------------------------------------------------------------ files of the site
#: Media types of the other files a site holds, by file name ending.
_WEB = {
    ".html": "text/html",
    ".csv": "text/csv",
    ".tsv": "text/tab-separated-values",
    ".json": "application/json",
    ".srj": "application/sparql-results+json",
    ".srx": "application/sparql-results+xml",
    ".rq": "application/sparql-query",
    ".svg": "image/svg+xml",
    ".css": "text/css",
    ".js": "text/javascript",
    ".mjs": "text/javascript",
    ".map": "application/json",
    ".txt": "text/plain",
    ".md": "text/markdown",
    ".xml": "application/xml",
    ".gz": "application/gzip",
    ".png": "image/png",
    ".ico": "image/vnd.microsoft.icon",
    ".woff2": "font/woff2",
}
#: File name ending -> media type for static serving: every RDF format's extensions (``.json``
#: and ``.xml`` excepted: on a site they are SPARQL JSON, search indexes and sitemaps), and the rest.
MEDIA_TYPES: dict[str, str] = {
    **{e: f.media_type for f in _ALL for e in f.extensions if e not in (".json", ".xml", ".turtle")},
    **_WEB,
}
_BY_LENGTH = sorted(MEDIA_TYPES, key=len, reverse=True)


def media_type_of(name: str) -> str:
    """The media type a file is served with, by its name (longest matching ending first; else
    Python's mimetypes; else application/octet-stream).

    >>> media_type_of("fhkg.nt.gz"), media_type_of("index.en.html"), media_type_of("ontology.owl")
    ('application/gzip', 'text/html', 'application/rdf+xml')
    """
    import mimetypes

    lower = name.lower()
    for ext in _BY_LENGTH:
        if lower.endswith(ext):
            return MEDIA_TYPES[ext]
    guessed, _ = mimetypes.guess_type(name)
    return guessed or "application/octet-stream"
