"""The one format registry (fhkg.terms.formats) and the tables read off it: what the server
serves a file as, which ``format=`` keywords the SPARQL endpoint takes, the machine twins.
The expected values are written out here, from the media type registrations, not from the code."""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from fhkg.publish.urls import TWINS
from fhkg.server import sparql
from fhkg.server.app import THING_TYPES
from fhkg.terms import formats


@pytest.mark.parametrize(
    ("name", "media_type"),
    [
        ("index.html", "text/html"),
        ("index.en.html", "text/html"),
        ("id/kommun/1276.ttl", "text/turtle"),
        ("id/kommun/1276.jsonld", "application/ld+json"),
        ("id/kommun/1276.rdf", "application/rdf+xml"),
        ("ontology.owl", "application/rdf+xml"),
        ("id/kommun/1276.nt", "application/n-triples"),
        ("dump/fhkg.nq", "application/n-quads"),
        ("dump/fhkg.trig", "application/trig"),
        ("dump/fhkg.nt.gz", "application/gzip"),
        ("queries/presidium.json", "application/json"),
        ("queries/presidium.csv", "text/csv"),
        ("sitemap.xml", "application/xml"),
        ("bilder/modell.svg", "image/svg+xml"),
        ("static/style.css", "text/css"),
        ("static/search.js", "text/javascript"),
        ("robots.txt", "text/plain"),
        ("INDEX.HTML", "text/html"),
        ("something.unknown-ext", "application/octet-stream"),
    ],
)
def test_static_media_types(name: str, media_type: str) -> None:
    assert formats.media_type_of(name) == media_type


def test_twins() -> None:
    assert TWINS == {"ttl": "text/turtle", "jsonld": "application/ld+json", "rdf": "application/rdf+xml", "nt": "application/n-triples"}
    assert list(THING_TYPES) == ["text/html", "text/turtle", "application/ld+json", "application/rdf+xml", "application/n-triples", "application/json"]
    assert THING_TYPES["application/json"] == "jsonld"


GRAPH_KEYWORDS = {
    "turtle": "text/turtle", "ttl": "text/turtle", "n3": "text/turtle",
    "nt": "application/n-triples", "ntriples": "application/n-triples", "n-triples": "application/n-triples",
    "jsonld": "application/ld+json", "json-ld": "application/ld+json", "json": "application/ld+json",
    "xml": "application/rdf+xml", "rdf": "application/rdf+xml", "rdfxml": "application/rdf+xml", "rdf+xml": "application/rdf+xml", "rdf/xml": "application/rdf+xml",
}  # fmt: skip
SELECT_KEYWORDS = {
    "json": "application/sparql-results+json", "srj": "application/sparql-results+json",
    "xml": "application/sparql-results+xml", "srx": "application/sparql-results+xml",
    "csv": "text/csv", "tsv": "text/tab-separated-values",
}  # fmt: skip


def test_sparql_format_keywords() -> None:
    assert GRAPH_KEYWORDS.items() <= sparql.FORMAT_NAMES["graph"].items()
    assert sparql.FORMAT_NAMES["select"] == SELECT_KEYWORDS
    assert sparql.FORMAT_NAMES["ask"] == {k: v for k, v in SELECT_KEYWORDS.items() if v.startswith("application/sparql-results")}


def test_sparql_media_types_and_their_engine_formats() -> None:
    assert list(sparql.SELECT_TYPES) == [
        "application/sparql-results+json", "application/sparql-results+xml", "text/csv", "text/tab-separated-values",
        "application/json", "application/xml", "text/xml",
    ]  # fmt: skip
    assert sparql.SELECT_TYPES["application/json"] == ox.QueryResultsFormat.JSON
    assert sparql.SELECT_TYPES["text/xml"] == ox.QueryResultsFormat.XML
    assert sparql.SELECT_TYPES["text/tab-separated-values"] == ox.QueryResultsFormat.TSV
    assert set(sparql.BOOLEAN_TYPES) == {"application/sparql-results+json", "application/sparql-results+xml", "application/json", "application/xml", "text/xml"}
    # a client without preference gets Turtle first
    assert list(sparql.GRAPH_TYPES) == ["text/turtle", "application/n-triples", "application/ld+json", "application/rdf+xml"]
    assert sparql.GRAPH_TYPES["application/ld+json"] == ox.RdfFormat.JSON_LD
    assert sparql.SD_TYPES == sparql.GRAPH_TYPES


def test_by_name_takes_every_format_unless_a_writable_one_is_asked_for() -> None:
    assert formats.by_name("n3").name == "n3" and formats.by_name(" TEXT/N3 ").name == "n3"
    with pytest.raises(ValueError) as e:
        formats.by_name("n3", writable=True)
    assert str(e.value) == "unknown format 'n3'; expected one of turtle, nt, nq, trig, jsonld, xml"
    with pytest.raises(ValueError) as e:
        formats.by_name("csv")
    assert str(e.value) == "unknown format 'csv'; expected one of turtle, nt, nq, trig, jsonld, xml, n3"


def test_the_extensions_read_and_the_twins() -> None:
    assert formats.extensions() == [".json", ".jsonld", ".n3", ".nq", ".nt", ".owl", ".rdf", ".trig", ".ttl", ".turtle", ".xml"]
    assert {ext: f.name for ext, f in formats.twins().items()} == {"ttl": "turtle", "jsonld": "jsonld", "rdf": "xml", "nt": "nt"}
