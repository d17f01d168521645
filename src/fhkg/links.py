"""Links: statements whose object is an IRI outside the dataset and its vocabularies — web
pages cited as sources, municipalities' websites, QUDT units, other datasets' resources.

The one definition of a link: ``fhkg stats`` counts these, the quad dumps put them in the
``links`` named graph, and the VoID description groups them into linksets by host.

>>> is_external("https://www.klippan.se/", DEFAULT_BASE)
True
>>> is_external("https://w3id.org/familjen-helsingborg/id/kommun/1276", DEFAULT_BASE)
False
>>> is_external("http://www.w3.org/ns/org#Organization", DEFAULT_BASE)
False
"""

from __future__ import annotations

from urllib.parse import urlsplit

import pyoxigraph as ox
from rdflib import URIRef

from .graph import KnowledgeGraph, to_rdflib
from .terms.namespaces import DEFAULT_BASE, VOCABULARIES, prefixes


def is_external(iri: str, base: str) -> bool:
    """Whether ``iri`` lies outside the dataset (``base``, the fhkg namespaces) and outside the
    vocabularies fhkg uses: a web page, a QUDT unit, another dataset's resource."""
    if "://" not in iri:  # urn:, mailto:, tel: … are not links to another site
        return False
    return not iri.startswith(_local_namespaces(base))


def _local_namespaces(base: str) -> tuple[str, ...]:
    return tuple(sorted({base, DEFAULT_BASE, *prefixes(base).values(), *VOCABULARIES.values()}))


def host(iri: str) -> str:
    """The host a link points to (what links are grouped by)."""
    return urlsplit(iri).netloc or iri


def links(kg: KnowledgeGraph, graphs: list[str] | None = None) -> list[ox.Triple]:
    """The triples of ``graphs`` (default: every graph) whose object is an external IRI
    (:func:`is_external`) and whose predicate is not ``rdf:type``, sorted.

    This is the one definition of a link: the ``links`` named graph of the quad dumps applies
    it to the data, the VoID linksets to the whole dataset (and ``fhkg stats`` counts the same).
    """
    local = _local_namespaces(kg.base)
    names = graphs if graphs is not None else kg.graph_names()
    rows = kg.store.query(
        "SELECT DISTINCT ?s ?p ?o WHERE { ?s ?p ?o FILTER(isIRI(?o) && ?p != <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> && CONTAINS(STR(?o), \"://\")) }",
        default_graph=[ox.NamedNode(g) for g in names],
    )
    found = {ox.Triple(r["s"], r["p"], r["o"]) for r in rows if not r["o"].value.startswith(local)}  # type: ignore[union-attr]  # a SELECT of IRIs
    return sorted(found, key=str)


def link_triples(kg: KnowledgeGraph, graphs: list[str] | None = None) -> list[tuple[URIRef, URIRef, URIRef]]:
    """:func:`links` as rdflib triples (for the modules that work in rdflib)."""
    return [(to_rdflib(t.subject), to_rdflib(t.predicate), URIRef(t.object.value)) for t in links(kg, graphs)]  # type: ignore[union-attr]
