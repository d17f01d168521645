"""Every namespace fhkg names, as rdflib ``Namespace`` objects for the modules that work in rdflib.

The strings and the prefix table live in :mod:`fhkg.terms` (no rdflib); the ontology's own terms
in :mod:`fhkg.terms.fh` (generated from ``ontology/fh.ttl``); instance IRIs are built by
:mod:`fhkg.terms.iris`. Nothing else in the package writes an IRI by hand.
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

from .. import terms  # (this package: the strings and the prefix table)
from . import DEFAULT_BASE, KINDS, ONTOLOGY, SCHEMES, VOCABULARIES, instance_prefixes, prefixes
from .fh import FH

CV = Namespace(terms.VOCABULARIES["cv"])
VCARD = Namespace(terms.VOCABULARIES["vcard"])
SDMXA = Namespace(terms.VOCABULARIES["sdmxa"])
SHP = Namespace(terms.SHP)
TEST = Namespace(terms.TEST)

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

__all__ = [
    "ACCESS_RIGHT",
    "ADMS",
    "CV",
    "DATA_THEME",
    "DCAT",
    "DCATAP",
    "DCTERMS",
    "DEFAULT_BASE",
    "DQV",
    "EU",
    "FH",
    "FILE_TYPE",
    "FOAF",
    "FORMATS_NS",
    "IANA",
    "KINDS",
    "LANGUAGE",
    "ONTOLOGY",
    "ORG",
    "OWL",
    "PROV",
    "PUBLISHER_TYPE",
    "QB",
    "RDF",
    "RDFS",
    "SCHEMA",
    "SCHEMES",
    "SDMXA",
    "SH",
    "SHP",
    "SKOS",
    "SPDX",
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
