"""Every namespace and prefix fhkg names, in one place.

The ontology's own terms live in :mod:`fhkg.fh` (generated from ``ontology/fh.ttl``); instance
IRIs are built by :mod:`fhkg.iris`. Nothing else in the package writes an IRI by hand.
"""

from __future__ import annotations

from rdflib import Namespace
from rdflib.namespace import (
    DCAT,
    DCTERMS,
    FOAF,
    ORG,
    OWL,
    PROV,
    QB,
    RDF,
    RDFS,
    SH,
    SKOS,
    TIME,
    VANN,
    VOID,
    XSD,
)
from rdflib.namespace import SDO as SCHEMA

from .fh import FH

#: The persistent base under which fhkg mints IRIs (w3id.org redirects are permanent).
DEFAULT_BASE = "https://w3id.org/familjen-helsingborg/"
#: The ontology document IRI (the namespace is this plus ``#``).
ONTOLOGY = "https://w3id.org/familjen-helsingborg/ontology"

CV = Namespace("http://data.europa.eu/m8g/")
VCARD = Namespace("http://www.w3.org/2006/vcard/ns#")
SDMXA = Namespace("http://purl.org/linked-data/sdmx/2009/attribute#")
SHP = Namespace("https://w3id.org/familjen-helsingborg/shapes#")
TEST = Namespace("https://w3id.org/familjen-helsingborg/test#")

# Catalogue vocabularies (DCAT-AP, DQV, SPDX) and the EU and IANA authority tables.
ADMS = Namespace("http://www.w3.org/ns/adms#")
DCATAP = Namespace("http://data.europa.eu/r5r/")
DQV = Namespace("http://www.w3.org/ns/dqv#")
SPDX = Namespace("http://spdx.org/rdf/terms#")
FORMATS_NS = Namespace("http://www.w3.org/ns/formats/")
IANA = Namespace("http://www.iana.org/assignments/media-types/")
EU = "http://publications.europa.eu/resource/authority/"
DATA_THEME = Namespace(EU + "data-theme/")
FILE_TYPE = Namespace(EU + "file-type/")
LANGUAGE = Namespace(EU + "language/")
ACCESS_RIGHT = Namespace(EU + "access-right/")
PUBLISHER_TYPE = Namespace("http://purl.org/adms/publishertype/")

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

#: Standard vocabularies, prefix -> namespace.
VOCABULARIES: dict[str, str] = {
    "cv": str(CV),
    "dcat": str(DCAT),
    "dcterms": str(DCTERMS),
    "fh": str(FH),
    "foaf": str(FOAF),
    "org": str(ORG),
    "owl": str(OWL),
    "prov": str(PROV),
    "qb": str(QB),
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "schema": str(SCHEMA),
    "sdmxa": str(SDMXA),
    "sh": str(SH),
    "shp": str(SHP),
    "skos": str(SKOS),
    "time": str(TIME),
    "vann": str(VANN),
    "vcard": str(VCARD),
    "void": str(VOID),
    "xsd": str(XSD),
}


def instance_prefixes(base: str = DEFAULT_BASE) -> dict[str, str]:
    """Prefix -> namespace for the instance IRIs under ``base``.

    >>> instance_prefixes()["kommun"]
    'https://w3id.org/familjen-helsingborg/id/kommun/'
    >>> instance_prefixes()["omrade"]
    'https://w3id.org/familjen-helsingborg/id/begrepp/utvecklingsomrade/'
    """
    prefixes = {kind: f"{base}id/{kind}/" for kind in KINDS}
    prefixes["begrepp"] = f"{base}id/begrepp/"
    prefixes.update({p: f"{base}id/begrepp/{scheme}/" for p, scheme in SCHEMES.items()})
    return prefixes


def prefixes(base: str = DEFAULT_BASE) -> dict[str, str]:
    """Every prefix fhkg writes, vocabularies and instance kinds, sorted by prefix."""
    merged = {**VOCABULARIES, **instance_prefixes(base)}
    return dict(sorted(merged.items()))


__all__ = [
    "ACCESS_RIGHT",
    "ADMS",
    "CV",
    "DATA_THEME",
    "DCATAP",
    "DQV",
    "EU",
    "FILE_TYPE",
    "FORMATS_NS",
    "IANA",
    "LANGUAGE",
    "PUBLISHER_TYPE",
    "SPDX",
    "DCAT",
    "DCTERMS",
    "DEFAULT_BASE",
    "FH",
    "FOAF",
    "KINDS",
    "ONTOLOGY",
    "ORG",
    "OWL",
    "PROV",
    "QB",
    "RDF",
    "RDFS",
    "SCHEMA",
    "SCHEMES",
    "SDMXA",
    "SH",
    "SHP",
    "SKOS",
    "TEST",
    "TIME",
    "VANN",
    "VCARD",
    "VOCABULARIES",
    "VOID",
    "XSD",
    "instance_prefixes",
    "prefixes",
]
