"""The IRIs fhkg names, as plain strings: the one table of namespaces and prefixes.

Nothing here imports rdflib, so the command line's fast paths (load, query, validate) can use
it; :mod:`fhkg.terms.namespaces` builds rdflib ``Namespace`` objects from these same strings for the
modules that work in rdflib. :func:`curie` is the one way an IRI is shortened for people.

>>> prefixes()["kommun"]
'https://w3id.org/familjen-helsingborg/id/kommun/'
>>> curie("https://w3id.org/familjen-helsingborg/ontology#Municipality")
'fh:Municipality'
>>> curie("http://example.org/x")
'<http://example.org/x>'
"""

from __future__ import annotations

from functools import lru_cache

#: The persistent base under which fhkg mints IRIs (w3id.org redirects are permanent).
DEFAULT_BASE = "https://w3id.org/familjen-helsingborg/"
#: The ontology document IRI (the namespace is this plus ``#``).
ONTOLOGY = "https://w3id.org/familjen-helsingborg/ontology"

RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
XSD = "http://www.w3.org/2001/XMLSchema#"
OWL = "http://www.w3.org/2002/07/owl#"
SH = "http://www.w3.org/ns/shacl#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
FH = ONTOLOGY + "#"
SHP = "https://w3id.org/familjen-helsingborg/shapes#"
TEST = "https://w3id.org/familjen-helsingborg/test#"

#: Standard vocabularies (and the ontology and shapes), prefix -> namespace.
VOCABULARIES: dict[str, str] = {
    "cv": "http://data.europa.eu/m8g/",
    "dcat": "http://www.w3.org/ns/dcat#",
    "dcterms": "http://purl.org/dc/terms/",
    "fh": FH,
    "foaf": "http://xmlns.com/foaf/0.1/",
    "org": "http://www.w3.org/ns/org#",
    "owl": OWL,
    "prov": "http://www.w3.org/ns/prov#",
    "qb": "http://purl.org/linked-data/cube#",
    "rdf": RDF,
    "rdfs": RDFS,
    "schema": "https://schema.org/",
    "sdmxa": "http://purl.org/linked-data/sdmx/2009/attribute#",
    "sh": SH,
    "shp": SHP,
    "skos": SKOS,
    "time": "http://www.w3.org/2006/time#",
    "vann": "http://purl.org/vocab/vann/",
    "vcard": "http://www.w3.org/2006/vcard/ns#",
    "void": "http://rdfs.org/ns/void#",
    "xsd": XSD,
}

#: Kinds of things under ``{base}id/{kind}/{key}``; the prefix is the kind's name.
KINDS = (
    "aktivitet",
    "arbetsgrupp",
    "avtal",
    "beslut",
    "dataset",
    "dokument",
    "evenemang",
    "kalla",
    "kommun",
    "kvantitet",
    "medlemskap",
    "natverk",
    "observation",
    "omgang",
    "organisation",
    "period",
    "person",
    "plats",
    "post",
    "program",
    "projekt",
    "tid",
    "utredning",
)

#: Concept schemes under ``{base}id/begrepp/{scheme}/{key}``, prefix -> scheme key.
SCHEMES = {
    "omrade": "utvecklingsomrade",
    "doman": "samarbetsomrade",
    "form": "organisationsform",
    "roll": "roll",
    "precision": "precision",
    "rad": "resultatpost",
}


def instance_prefixes(base: str = DEFAULT_BASE) -> dict[str, str]:
    """Prefix -> namespace for the instance IRIs under ``base``.

    >>> instance_prefixes()["omrade"]
    'https://w3id.org/familjen-helsingborg/id/begrepp/utvecklingsomrade/'
    """
    out = {kind: f"{base}id/{kind}/" for kind in KINDS}
    out["begrepp"] = f"{base}id/begrepp/"
    out.update({p: f"{base}id/begrepp/{scheme}/" for p, scheme in SCHEMES.items()})
    return out


def prefixes(base: str = DEFAULT_BASE) -> dict[str, str]:
    """Every prefix fhkg writes, vocabularies and instance kinds, sorted by prefix."""
    return dict(sorted({**VOCABULARIES, **instance_prefixes(base)}.items()))


@lru_cache(maxsize=8)
def _longest_first(base: str) -> tuple[tuple[str, str], ...]:
    return tuple(sorted(prefixes(base).items(), key=lambda kv: (-len(kv[1]), kv[0])))


def curie(iri: str, base: str | None = DEFAULT_BASE, *, bare: bool = False) -> str:
    """``iri`` as ``prefix:local`` when a prefix fits (the longest) and the local part is a plain
    name, else ``<iri>`` (``bare``: the IRI itself, for text that is not Turtle or SPARQL).
    The one way fhkg shortens an IRI for people: pages, pictures, documentation, tables."""
    short = _curie(iri, base or DEFAULT_BASE)
    return short if short is not None else (iri if bare else f"<{iri}>")


@lru_cache(maxsize=1 << 16)  # a site names the same IRIs thousands of times
def _curie(iri: str, base: str) -> str | None:
    for p, ns in _longest_first(base):
        if iri.startswith(ns) and len(iri) > len(ns):
            local = iri[len(ns) :]
            if all(c.isalnum() or c in "_-." for c in local) and not local.endswith("."):
                return f"{p}:{local}"
    return None
