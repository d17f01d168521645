"""What the dataset is, for machines: a DCAT-AP-SE catalogue, a VoID description, and the
release's SHACL validation report.

* ``catalog.rdf``: a DCAT catalogue in RDF/XML for harvesting by Sveriges dataportal
  (dataportal.se), following DCAT-AP-SE 3.0.1 and DCAT-AP 3.0.1: the catalogue, the dataset,
  one ``dcat:Distribution`` per dump (byte size, SHA-256, IANA media type, EU file type), the
  SPARQL ``dcat:DataService``, the publisher. Every one of them has an IRI under the instance
  base (kind ``dataset``; the publisher is ``organisation:fhkg``) and a UUID
  ``dcterms:identifier`` (UUID 5 of the IRI, so it never changes).
* ``void.ttl`` (and ``.well-known/void``): the VoID description: counts (the same numbers
  ``fhkg stats`` prints), class and property partitions, the dumps, the SPARQL endpoint,
  example resources, vocabularies, and one ``void:Linkset`` per external host, computed with
  :func:`fhkg.links.link_triples`, the definition the dumps' ``links`` graph uses, here
  applied to the whole dataset (so the ontology's licence link counts too, as in ``fhkg stats``).
* ``validation-report.ttl``: the SHACL validation report (``{base}id/dataset/fhkg-validering``).

How the report is tied to the dataset (in the catalogue and in VoID): the dataset
``dcterms:conformsTo`` the fhkg shapes (a ``dcterms:Standard``: the claim, as DCAT-AP and DQV
express conformance), and ``dqv:hasQualityMeasurement`` the report (the evidence): the report
is both an ``sh:ValidationReport`` and a ``dqv:QualityMeasurement`` of the boolean metric
"conforms to the fhkg SHACL shapes", ``dqv:computedOn`` the dataset, whose ``dqv:value`` is
the report's ``sh:conforms``.

Contact point: DCAT-AP-SE 3.0.1 makes ``vcard:hasEmail`` mandatory in a contact point
(``vcard:hasURL`` is only an optional extra), and fhkg has no e-mail address. A contact point
without one would break the Swedish profile, and inventing one is out of the question, so the
catalogue has no ``dcat:contactPoint`` (it is recommended, not mandatory); the dataset links
its contact page ``kontakt.html`` (written here from ``templates/contact.html``, in Swedish and English) as ``foaf:page``.
Set ``FHKG_CONTACT_EMAIL`` (read into :data:`CONTACT_EMAIL`) once the project has a real address, and the contact point appears.

All three are built from rdflib terms and written deterministically (sorted triples; RDF/XML by
pyoxigraph, Turtle by :func:`fhkg.io.turtle.format_graph`).
"""

from __future__ import annotations

import os
import uuid
from collections import defaultdict
from typing import TYPE_CHECKING

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF, RDF, RDFS, SH, SKOS, VOID, XSD

from .. import __version__
from ..graph import KnowledgeGraph, to_oxigraph
from ..io.serialize import _canonical
from ..io.turtle import format_graph
from ..links import host, link_triples
from ..terms.iris import Iris, slug
from ..terms.messages import translations
from ..terms.namespaces import ACCESS_RIGHT, ADMS, DATA_THEME, DCATAP, DQV, EU, FILE_TYPE, FORMATS_NS, IANA, LANGUAGE, PUBLISHER_TYPE, SPDX, VCARD, VOCABULARIES, prefixes
from .render import Renderer
from .site import Distribution, Site
from .urls import SHAPES

if TYPE_CHECKING:
    from ..shacl.report import Report

#: Prefixes for the RDF/XML and Turtle written here: fhkg's own plus the catalogue vocabularies.
CATALOG_PREFIXES = {
    "adms": str(ADMS),
    "dcat": str(DCAT),
    "dcatap": str(DCATAP),
    "dcterms": str(DCTERMS),
    "dqv": str(DQV),
    "foaf": str(FOAF),
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "sh": str(SH),
    "skos": str(SKOS),
    "spdx": str(SPDX),
    "vcard": str(VCARD),
    "void": str(VOID),
    "xsd": str(XSD),
}

# ------------------------------------------------------------------ the choices
#: Licence of the data (ontology and facts), as in the README.
DATA_LICENCE = URIRef("http://creativecommons.org/licenses/by/4.0/")
#: DCAT-AP-SE requires CC0 1.0 on the catalogue itself (its metadata), whatever the data's licence.
CATALOG_LICENCE = URIRef("http://creativecommons.org/publicdomain/zero/1.0/")
LICENCE_TITLES = {
    DATA_LICENCE: ("Creative Commons Erkännande 4.0 Internationell (CC BY 4.0)", "Creative Commons Attribution 4.0 International (CC BY 4.0)"),
    CATALOG_LICENCE: ("Creative Commons Zero 1.0 Universell (CC0 1.0)", "Creative Commons Zero v1.0 Universal (CC0 1.0)"),
}
#: EU data themes (labels as in the EU vocabulary and DCAT-AP-SE).
THEMES = {
    DATA_THEME.GOVE: ("Regeringen och den offentliga sektorn", "Government and public sector"),
    DATA_THEME.REGI: ("Regioner och städer", "Regions and cities"),
    DATA_THEME.ECON: ("Ekonomi och finans", "Economy and finance"),
}
THEME_SCHEME = URIRef(EU + "data-theme")
LANGUAGES = (LANGUAGE.SWE, LANGUAGE.ENG)
PUBLIC = ACCESS_RIGHT.PUBLIC
#: ADMS publisher type (mandatory in DCAT-AP-SE 3.0.1): fhkg is a non-commercial open project.
PUBLISHER_KIND = (PUBLISHER_TYPE.NonProfitOrganisation, ("Ej vinstdrivande organisation", "Non-Profit Organisation"))
PUBLISHER_TYPE_SCHEME = URIRef("http://purl.org/adms/publishertype/1.0")
SPARQL_PROTOCOL = URIRef("https://www.w3.org/TR/sparql11-protocol/")
GZIP = IANA["application/gzip"]
#: A functional e-mail address for error reports; ``None`` until the project has one (see the module doc).
#: The contact e-mail for the catalogue's contact point: from FHKG_CONTACT_EMAIL (none is invented).
CONTACT_EMAIL: str | None = os.environ.get("FHKG_CONTACT_EMAIL") or None

CONTACT_PAGE = "kontakt.html"
CONTACT_PAGE_EN = "kontakt.en.html"
CATALOG_PATH = "catalog.rdf"
VOID_PATHS = ("void.ttl", ".well-known/void")
REPORT_PATH = "validation-report.ttl"

KEYWORDS = {
    "sv": ("Familjen Helsingborg", "kommunal samverkan", "kommuner", "Skåne", "årsredovisning", "länkade data"),
    "en": ("Familjen Helsingborg", "municipal cooperation", "municipalities", "Skåne", "annual report", "linked data"),
}
MUNICIPALITIES = "Bjuv, Båstad, Helsingborg, Höganäs, Klippan, Landskrona, Perstorp, Svalöv, Åstorp, Ängelholm, Örkelljunga"
TEXT = {
    "catalog_title": ("fhkg – datakatalog", "fhkg – data catalogue"),
    "catalog_description": (
        "Katalog över fhkg, Familjen Helsingborgs öppna kunskapsgraf: datamängden, dess nedladdningsbara filer och SPARQL-tjänsten.",
        "Catalogue of fhkg, the open knowledge graph of Familjen Helsingborg: the dataset, its downloadable files and the SPARQL service.",
    ),
    "dataset_title": ("fhkg – Familjen Helsingborgs öppna kunskapsgraf", "fhkg – the open knowledge graph of Familjen Helsingborg"),
    "dataset_description": (
        "Samarbetskommittén Familjen Helsingborgs årsredovisning 2024 som länkade data: samarbetet mellan elva kommuner i "
        f"nordvästra Skåne ({MUNICIPALITIES}), dess organ, nätverk, projekt och program, de gemensamma organisationerna och "
        "kommunernas medlemskap i dem, personer i offentliga roller och resultaträkningen 2022–2024 – med en OWL-ontologi och "
        "SHACL-former. Varje uppgift anger sin källa.",
        "The 2024 annual report of the Familjen Helsingborg collaboration committee as linked data: the cooperation of eleven "
        f"municipalities in north-west Skåne, Sweden ({MUNICIPALITIES}), its bodies, networks, projects and programmes, the joint "
        "organisations and the municipalities' memberships in them, people in public roles, and the income statement 2022–2024 – "
        "with an OWL ontology and SHACL shapes. Every fact cites its source.",
    ),
    "service_title": ("fhkg – SPARQL-tjänst", "fhkg – SPARQL endpoint"),
    "service_description": (
        "SPARQL 1.1-frågor mot hela kunskapsgrafen (ontologi och data).",
        "SPARQL 1.1 queries over the whole knowledge graph (ontology and data).",
    ),
    "report_label": ("SHACL-valideringsrapport för fhkg", "SHACL validation report for fhkg"),
    "metric_label": ("Följer fhkg:s SHACL-former", "Conforms to the fhkg SHACL shapes"),
    "metric_definition": (
        "Sant om datamängden (ontologi och data) inte bryter mot någon av fhkg:s SHACL-former med allvarlighetsgrad sh:Violation.",
        "True if the dataset (ontology and data) violates none of the fhkg SHACL shapes with severity sh:Violation.",
    ),
    "shapes_title": ("fhkg:s SHACL-former", "The fhkg SHACL shapes"),
    "sparql_title": ("SPARQL 1.1 Protocol", "SPARQL 1.1 Protocol"),
}
FORMAT_TEXT = {
    "triples": ("ontologi och data", "ontology and data"),
    "quads": (
        "fyra namngivna grafer som delar upp tripplarna: ontologi, data, SHACL-former och länkar ut ur datamängden",
        "four named graphs that partition the triples: ontology, data, SHACL shapes and links out of the dataset",
    ),
}
#: W3C format IRIs (void:feature) per dump extension.
FEATURES = {"ttl": "Turtle", "nt": "N-Triples", "nq": "N-Quads", "trig": "TriG", "jsonld": "JSON-LD", "rdf": "RDF_XML"}



def _describe(g: Graph, node: URIRef, key: str, iris, date: Literal) -> None:
    """What the catalogue and the dataset both carry: identifier, sv/en title and description,
    publisher, dates and languages."""
    g.add((node, DCTERMS.identifier, identifier(node)))
    for lit in _sv_en(TEXT[f"{key}_title"]):
        g.add((node, DCTERMS.title, lit))
    for lit in _sv_en(TEXT[f"{key}_description"]):
        g.add((node, DCTERMS.description, lit))
    g.add((node, DCTERMS.publisher, iris.publisher))
    g.add((node, DCTERMS.issued, date))
    g.add((node, DCTERMS.modified, date))
    for lang in LANGUAGES:
        g.add((node, DCTERMS.language, lang))

def _sv_en(pair: tuple[str, str]) -> list[Literal]:
    return [Literal(pair[0], lang="sv"), Literal(pair[1], lang="en")]


def identifier(iri: URIRef) -> Literal:
    """A UUID for ``iri`` that never changes (UUID 5 in the URL namespace)."""
    return Literal(str(uuid.uuid5(uuid.NAMESPACE_URL, str(iri))))


class CatalogIris:
    """The IRIs the catalogue, VoID and the report mint, all under ``{base}id/``."""

    def __init__(self, base: str):
        self.base = base
        iris = Iris(base)
        ds = lambda key: iris.of("dataset", key)  # noqa: E731
        self.catalog = ds("katalog")
        self.dataset = ds("fhkg")
        self.service = ds("fhkg-sparql")
        self.report = ds("fhkg-validering")
        self.metric = ds("fhkg-shacl-overensstammelse")
        self.publisher = iris.of("organisation", "fhkg")
        self.contact = iris.of("organisation", "fhkg-kontakt")
        self.endpoint = URIRef(f"{base}sparql")
        self.home = URIRef(base)
        self.contact_page = self.url(CONTACT_PAGE)
        self.report_file = self.url(REPORT_PATH)
        self.shapes = URIRef(SHAPES)
        self._ds = ds

    def url(self, path: str) -> URIRef:
        """The absolute IRI of a file in the site (the site's root is the base)."""
        return URIRef(self.base + path.lstrip("/"))

    def distribution(self, path: str) -> URIRef:
        """``dump/fhkg.ttl.gz`` -> ``{base}id/dataset/fhkg-ttl-gz``."""
        return self._ds(slug(path.rsplit("/", 1)[-1]))

    def checksum(self, path: str) -> URIRef:
        return URIRef(f"{self.distribution(path)}-sha256")

    def class_partition(self, key: str) -> URIRef:
        return self._ds(f"fhkg-klass-{key}")

    def property_partition(self, key: str) -> URIRef:
        return self._ds(f"fhkg-egenskap-{key}")

    def linkset(self, host_name: str) -> URIRef:
        return self._ds(f"fhkg-lankar-{slug(host_name)}")

    def external(self, host_name: str) -> URIRef:
        return self._ds(f"extern-{slug(host_name)}")


# ================================================================== shared pieces
def _add_concept(g: Graph, concept: URIRef, labels: tuple[str, str], scheme: URIRef | None = None) -> None:
    g.add((concept, RDF.type, SKOS.Concept))
    for lit in _sv_en(labels):
        g.add((concept, SKOS.prefLabel, lit))
    if scheme is not None:
        g.add((concept, SKOS.inScheme, scheme))


def _add_licence(g: Graph, licence: URIRef) -> None:
    g.add((licence, RDF.type, DCTERMS.LicenseDocument))
    for lit in _sv_en(LICENCE_TITLES[licence]):
        g.add((licence, DCTERMS.title, lit))


def _publisher_names(kg: KnowledgeGraph, iris: CatalogIris) -> list[Literal]:
    """The publisher's names, as the graph's ``data/sources.ttl`` states them (rdfs:label)."""
    rows = kg.query(f"SELECT ?l WHERE {{ <{iris.publisher}> rdfs:label ?l }}")
    names = sorted((Literal(r["l"].value, lang=r["l"].language) for r in rows), key=lambda lit: (lit.language != "sv", lit.language or "", str(lit)))
    return names or _sv_en(TEXT["dataset_title"])


def _add_publisher(g: Graph, kg: KnowledgeGraph, iris: CatalogIris) -> None:
    p = iris.publisher
    g.add((p, RDF.type, FOAF.Agent))
    g.add((p, RDF.type, FOAF.Organization))
    for name in _publisher_names(kg, iris):
        g.add((p, FOAF.name, name))
    g.add((p, FOAF.homepage, iris.home))
    kind, labels = PUBLISHER_KIND
    g.add((p, DCTERMS.type, kind))
    _add_concept(g, kind, labels, PUBLISHER_TYPE_SCHEME)


def quality_graph(iris: CatalogIris, conforms: bool, date: str) -> Graph:
    """How the validation report describes itself and ties to the dataset (DQV and SHACL terms)."""
    g = Graph()
    r, m, d = iris.report, iris.metric, iris.dataset
    g.add((d, DCTERMS.conformsTo, iris.shapes))
    g.add((d, DQV.hasQualityMeasurement, r))
    g.add((iris.shapes, RDF.type, DCTERMS.Standard))
    for lit in _sv_en(TEXT["shapes_title"]):
        g.add((iris.shapes, DCTERMS.title, lit))
    g.add((r, RDF.type, SH.ValidationReport))
    g.add((r, RDF.type, DQV.QualityMeasurement))
    for lit in _sv_en(TEXT["report_label"]):
        g.add((r, RDFS.label, lit))
    g.add((r, SH.conforms, Literal(conforms)))
    g.add((r, DQV.computedOn, d))
    g.add((r, DQV.isMeasurementOf, m))
    g.add((r, DQV.value, Literal(conforms)))
    g.add((r, DCTERMS.issued, Literal(date, datatype=XSD.date)))
    g.add((r, FOAF.page, iris.report_file))
    g.add((m, RDF.type, DQV.Metric))
    for lit in _sv_en(TEXT["metric_label"]):
        g.add((m, SKOS.prefLabel, lit))
    for lit in _sv_en(TEXT["metric_definition"]):
        g.add((m, SKOS.definition, lit))
    g.add((m, DQV.expectedDataType, XSD.boolean))
    return g


# ================================================================== catalog.rdf
def catalog_graph(site: Site, conforms: bool) -> Graph:
    """The DCAT-AP-SE catalogue as an rdflib graph."""
    kg = site.kg
    iris = CatalogIris(kg.base)
    date = Literal(site.date, datatype=XSD.date)
    g = Graph()
    c, d, s = iris.catalog, iris.dataset, iris.service

    # the catalogue
    g.add((c, RDF.type, DCAT.Catalog))
    _describe(g, c, "catalog", iris, date)
    g.add((c, DCTERMS.license, CATALOG_LICENCE))
    g.add((c, FOAF.homepage, iris.home))
    g.add((c, DCAT.dataset, d))
    g.add((c, DCAT.service, s))
    g.add((c, DCAT.themeTaxonomy, THEME_SCHEME))
    g.add((THEME_SCHEME, RDF.type, SKOS.ConceptScheme))
    g.add((THEME_SCHEME, DCTERMS.title, Literal("Data theme", lang="en")))
    for language in LANGUAGES:
        g.add((language, RDF.type, DCTERMS.LinguisticSystem))

    # the dataset
    g.add((d, RDF.type, DCAT.Dataset))
    _describe(g, d, "dataset", iris, date)
    g.add((d, DCTERMS.accessRights, PUBLIC))
    g.add((PUBLIC, RDF.type, DCTERMS.RightsStatement))
    for theme, labels in THEMES.items():
        g.add((d, DCAT.theme, theme))
        _add_concept(g, theme, labels, THEME_SCHEME)
    for lang, words in KEYWORDS.items():
        for word in words:
            g.add((d, DCAT.keyword, Literal(word, lang=lang)))
    g.add((d, DCAT.landingPage, iris.home))
    g.add((d, FOAF.page, iris.contact_page))
    g.add((iris.contact_page, RDF.type, FOAF.Document))
    g.add((iris.home, RDF.type, FOAF.Document))
    if CONTACT_EMAIL:
        _add_contact_point(g, iris, d)
        _add_contact_point(g, iris, s)

    # one distribution per dump
    for dist in sorted(site.notes.distributions, key=lambda x: x.path):
        _add_distribution(g, iris, d, dist, date)

    # the SPARQL service
    g.add((s, RDF.type, DCAT.DataService))
    g.add((s, DCTERMS.identifier, identifier(s)))
    for lit in _sv_en(TEXT["service_title"]):
        g.add((s, DCTERMS.title, lit))
    for lit in _sv_en(TEXT["service_description"]):
        g.add((s, DCTERMS.description, lit))
    g.add((s, DCAT.endpointURL, iris.endpoint))
    g.add((s, DCAT.servesDataset, d))
    g.add((s, DCTERMS.publisher, iris.publisher))
    g.add((s, DCTERMS.license, DATA_LICENCE))
    g.add((s, DCTERMS.accessRights, PUBLIC))
    g.add((s, DCTERMS.conformsTo, SPARQL_PROTOCOL))
    g.add((SPARQL_PROTOCOL, RDF.type, DCTERMS.Standard))
    for lit in _sv_en(TEXT["sparql_title"]):
        g.add((SPARQL_PROTOCOL, DCTERMS.title, lit))

    # publisher, licences, the validation report
    _add_publisher(g, kg, iris)
    _add_licence(g, DATA_LICENCE)
    _add_licence(g, CATALOG_LICENCE)
    g += quality_graph(iris, conforms, site.date)
    return g


def _add_contact_point(g: Graph, iris: CatalogIris, resource: URIRef) -> None:
    cp = iris.contact
    g.add((resource, DCAT.contactPoint, cp))
    g.add((cp, RDF.type, VCARD.Organization))
    g.add((cp, RDF.type, VCARD.Kind))  # DCAT-AP checks sh:class vcard:Kind without the vCard ontology
    g.add((cp, VCARD.fn, Literal("fhkg")))
    g.add((cp, VCARD.hasEmail, URIRef(f"mailto:{CONTACT_EMAIL}")))
    g.add((cp, VCARD.hasURL, iris.contact_page))


def _add_distribution(g: Graph, iris: CatalogIris, dataset: URIRef, dist: Distribution, date: Literal) -> None:
    path = dist.path
    x = iris.distribution(path)
    url = iris.url(path)
    quads = len(dist.graphs) > 2
    gz = dist.compression == "gzip"
    g.add((dataset, DCAT.distribution, x))
    g.add((x, RDF.type, DCAT.Distribution))
    g.add((x, DCTERMS.identifier, identifier(x)))
    sv_what, en_what = FORMAT_TEXT["quads" if quads else "triples"]
    sv_gz, en_gz = (", gzip-komprimerad", ", gzip-compressed") if gz else ("", "")
    g.add((x, DCTERMS.title, Literal(f"fhkg som {dist.format}{sv_gz}", lang="sv")))
    g.add((x, DCTERMS.title, Literal(f"fhkg as {dist.format}{en_gz}", lang="en")))
    g.add((x, DCTERMS.description, Literal(f"Hela kunskapsgrafen i {dist.format}{sv_gz}: {sv_what}.", lang="sv")))
    g.add((x, DCTERMS.description, Literal(f"The whole knowledge graph in {dist.format}{en_gz}: {en_what}.", lang="en")))
    g.add((x, DCAT.accessURL, url))
    g.add((x, DCAT.downloadURL, url))
    media = IANA[dist.media_type]
    g.add((x, DCAT.mediaType, media))
    g.add((media, RDF.type, DCTERMS.MediaType))
    file_type = FILE_TYPE[dist.file_type]
    g.add((x, DCTERMS.format, file_type))
    g.add((file_type, RDF.type, DCTERMS.MediaTypeOrExtent))
    if gz:
        g.add((x, DCAT.compressFormat, GZIP))
        g.add((GZIP, RDF.type, DCTERMS.MediaType))
    g.add((x, DCAT.byteSize, Literal(str(dist.byte_size), datatype=XSD.nonNegativeInteger)))
    ck = iris.checksum(path)
    g.add((x, SPDX.checksum, ck))
    g.add((ck, RDF.type, SPDX.Checksum))
    g.add((ck, SPDX.algorithm, SPDX.checksumAlgorithm_sha256))
    g.add((ck, SPDX.checksumValue, Literal(dist.sha256, datatype=XSD.hexBinary)))
    g.add((SPDX.checksumAlgorithm_sha256, RDF.type, SPDX.ChecksumAlgorithm))
    g.add((x, DCTERMS.license, DATA_LICENCE))
    g.add((x, DCTERMS.issued, date))
    g.add((x, DCTERMS.modified, date))


def rdfxml(g: Graph) -> bytes:
    """Deterministic RDF/XML: the triples sorted (as :mod:`fhkg.io.serialize` does), written by pyoxigraph."""
    if any(isinstance(t, BNode) for triple in g for t in triple):
        raise ValueError("the catalogue must not contain blank nodes")
    # by subject, rdf:type first (pyoxigraph then writes a typed element: <dcat:Dataset rdf:about=…>)
    key = lambda t: (t.subject.value, t.predicate.value != str(RDF.type), str(t))  # noqa: E731
    triples = sorted((ox.Triple(to_oxigraph(s), to_oxigraph(p), to_oxigraph(o)) for s, p, o in g), key=key)
    out = ox.serialize(triples, format=ox.RdfFormat.RDF_XML, prefixes=CATALOG_PREFIXES)
    assert out is not None  # without an output file, serialize returns the bytes
    return out


# ================================================================== void.ttl
def _curie(iri: str, ns: list[tuple[str, str]]) -> str | None:
    for prefix, namespace in ns:
        if iri.startswith(namespace) and len(iri) > len(namespace):
            return f"{prefix}:{iri[len(namespace):]}"
    return None


def partition_keys(iris: list[str], base: str) -> dict[str, str]:
    """A key for each class or property IRI (``fh:Municipality`` -> ``fh-municipality``), unique."""
    ns = sorted(prefixes(base).items(), key=lambda kv: -len(kv[1]))
    keys = {}
    for iri in iris:
        curie = _curie(iri, ns)
        keys[iri] = slug(curie) if curie else "iri-" + uuid.uuid5(uuid.NAMESPACE_URL, iri).hex[:12]
    clashes = defaultdict(list)
    for iri, key in keys.items():
        clashes[key].append(iri)
    for key, same in clashes.items():
        if len(same) > 1:
            for iri in same:
                keys[iri] = f"{key}-{uuid.uuid5(uuid.NAMESPACE_URL, iri).hex[:8]}"
    return keys


def vocabulary_of(iri: str) -> str | None:
    """The vocabulary a term belongs to (``http://www.w3.org/ns/org#Post`` -> ``http://www.w3.org/ns/org``)."""
    known = sorted(VOCABULARIES.values(), key=len, reverse=True)
    ns = next((n for n in known if iri.startswith(n)), None)
    if ns is None:
        cut = max(iri.rfind("#"), iri.rfind("/"))
        if cut < 0:
            return None
        ns = iri[: cut + 1]
    return ns[:-1] if ns.endswith("#") else ns


def _count(kg: KnowledgeGraph, query: str) -> int:
    return int(next(iter(kg.query(query)))["n"].value)


def void_graph(site: Site, conforms: bool) -> Graph:
    """The VoID description of the dataset."""
    from ..stats import stats

    kg = site.kg
    iris = CatalogIris(kg.base)
    st = stats(kg)
    d = iris.dataset
    g = Graph()
    g.add((d, RDF.type, VOID.Dataset))
    for lit in _sv_en(TEXT["dataset_title"]):
        g.add((d, DCTERMS.title, lit))
    for lit in _sv_en(TEXT["dataset_description"]):
        g.add((d, DCTERMS.description, lit))
    g.add((d, DCTERMS.publisher, iris.publisher))
    g.add((d, DCTERMS.license, DATA_LICENCE))
    g.add((d, DCTERMS.modified, Literal(site.date, datatype=XSD.date)))
    g.add((d, FOAF.homepage, iris.home))
    g.add((d, FOAF.page, iris.url(CATALOG_PATH)))
    g.add((d, VOID.uriSpace, Literal(f"{kg.base}id/")))
    g.add((d, VOID.sparqlEndpoint, iris.endpoint))

    # counts: the numbers `fhkg stats` prints, and a few more
    id_space = f"{kg.base}id/"
    g.add((d, VOID.triples, Literal(st.triples)))
    g.add((d, VOID.classes, Literal(len(st.classes))))
    g.add((d, VOID.properties, Literal(st.predicates)))
    g.add((d, VOID.distinctSubjects, Literal(st.subjects)))
    g.add((d, VOID.distinctObjects, Literal(_count(kg, "SELECT (COUNT(DISTINCT ?o) AS ?n) WHERE { ?s ?p ?o }"))))
    g.add((d, VOID.entities, Literal(_count(kg, f'SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE {{ ?s ?p ?o FILTER (isIRI(?s) && STRSTARTS(STR(?s), "{id_space}")) }}'))))

    # dumps and formats
    for dist in site.notes.distributions:
        g.add((d, VOID.dataDump, iris.url(dist.path)))
        g.add((d, VOID.feature, FORMATS_NS[FEATURES[dist.ext]]))

    # example resources: Klippan, NSVA and the cooperation itself (the flagship query's first row)
    base_iris = Iris(kg.base)
    for example in (base_iris.municipality("1276"), base_iris.of("organisation", "nsva"), base_iris.of("organisation", "familjen-helsingborg")):
        if _count(kg, f"SELECT (COUNT(*) AS ?n) WHERE {{ <{example}> ?p ?o }}"):
            g.add((d, VOID.exampleResource, example))

    # vocabularies: every namespace of a predicate or a class used
    terms = {r["t"].value for r in kg.query("SELECT DISTINCT ?t WHERE { { ?s ?t ?o } UNION { ?s a ?t } }") if isinstance(r["t"], ox.NamedNode)}
    for vocab in sorted({v for t in terms if not t.startswith(kg.base + "id/") and (v := vocabulary_of(t))}):
        g.add((d, VOID.vocabulary, URIRef(vocab)))

    # class partitions
    class_keys = partition_keys(list(st.classes), kg.base)
    for cls, n in st.classes.items():
        part = iris.class_partition(class_keys[cls])
        g.add((d, VOID.classPartition, part))
        g.add((part, RDF.type, VOID.Dataset))
        g.add((part, VOID["class"], URIRef(cls)))
        g.add((part, VOID.entities, Literal(n)))

    # property partitions
    per_property = {r["p"].value: int(r["n"].value) for r in kg.query("SELECT ?p (COUNT(*) AS ?n) WHERE { ?s ?p ?o } GROUP BY ?p")}
    property_keys = partition_keys(list(per_property), kg.base)
    for prop, n in per_property.items():
        part = iris.property_partition(property_keys[prop])
        g.add((d, VOID.propertyPartition, part))
        g.add((part, RDF.type, VOID.Dataset))
        g.add((part, VOID.property, URIRef(prop)))
        g.add((part, VOID.triples, Literal(n)))

    # linksets: one per external host, from the same links definition as the dumps
    for host_name, links in linksets(kg).items():
        ls, target = iris.linkset(host_name), iris.external(host_name)
        g.add((d, VOID.subset, ls))
        g.add((ls, RDF.type, VOID.Linkset))
        g.add((ls, VOID.target, d))
        g.add((ls, VOID.target, target))
        g.add((ls, VOID.subjectsTarget, d))
        g.add((ls, VOID.objectsTarget, target))
        g.add((ls, VOID.triples, Literal(len(links))))
        for pred in sorted({p for _, p, _ in links}):
            g.add((ls, VOID.linkPredicate, pred))
        g.add((target, RDF.type, VOID.Dataset))
        g.add((target, DCTERMS.title, Literal(host_name)))
        roots = sorted({f"{str(o).split('://', 1)[0]}://{host_name}/" for _, _, o in links})
        for root in roots:
            g.add((target, FOAF.homepage, URIRef(root)))
        if len(roots) == 1:
            g.add((target, VOID.uriSpace, Literal(roots[0])))

    g += quality_graph(iris, conforms, site.date)
    return g


def linksets(kg: KnowledgeGraph) -> dict[str, list[tuple]]:
    """The dataset's links (:func:`~fhkg.links.link_triples` over every graph), by host."""
    by_host: dict[str, list[tuple]] = defaultdict(list)
    for t in link_triples(kg):
        by_host[host(str(t[2]))].append(t)
    return dict(sorted(by_host.items()))


def void_turtle(g: Graph, base: str) -> bytes:
    header = (
        f"# VoID description of fhkg {__version__}, the open knowledge graph of Familjen Helsingborg: counts, partitions,\n"
        "# dumps, the SPARQL endpoint and the links out of the dataset (one void:Linkset per external host)."
    )
    ns = {**prefixes(base), **CATALOG_PREFIXES, "formats": str(FORMATS_NS)}
    return format_graph(g, header, ns).encode("utf-8")


# ================================================================== validation-report.ttl
def report_graph(site: Site) -> tuple[Graph, bool]:
    """The release's SHACL report with its own IRI, canonical blank nodes and DQV metadata."""
    report: Report | None = site.notes.validation  # the build's (fhkg.gate.report) or an earlier call's
    if report is None:
        from ..validation import validate

        report = validate(site.kg)
        site.notes.validation = report
    iris = CatalogIris(site.kg.base)
    src = report.graph
    node = src.value(predicate=RDF.type, object=SH.ValidationReport)
    g = Graph()
    for s, p, o in src:
        g.add((iris.report if s == node else s, p, iris.report if o == node else o))
    g = _canonical(g)
    g += quality_graph(iris, bool(report.conforms), site.date)
    return g, bool(report.conforms)


def report_turtle(g: Graph, base: str) -> bytes:
    header = (
        f"# The SHACL validation report of fhkg {__version__} (W3C sh:ValidationReport), also a dqv:QualityMeasurement of\n"
        "# the dataset: does it conform to the fhkg shapes? Written by fhkg build from the release's validation."
    )
    ns = {**prefixes(base), **CATALOG_PREFIXES}
    return format_graph(g, header, ns).encode("utf-8")


# ================================================================== kontakt.html
def contact_page(renderer: Renderer, lang: str, iris: CatalogIris) -> str:
    """The contact page (sv or en, ``templates/contact.html``): who maintains the dataset and how errors can be reported."""
    at, other = (CONTACT_PAGE, CONTACT_PAGE_EN) if lang == "sv" else (CONTACT_PAGE_EN, CONTACT_PAGE)
    return renderer.page(
        "contact.html",
        at,
        lang,
        other,
        title=translations(lang).gettext("Kontakt och felrapporter"),
        description_meta="",
        canonical=str(iris.url(at)),
        dataset_title=TEXT["dataset_title"][0 if lang == "sv" else 1],
        email=CONTACT_EMAIL,
        catalog=renderer.href(at, CATALOG_PATH),
        void=renderer.href(at, VOID_PATHS[0]),
        report=renderer.href(at, REPORT_PATH),
    )


# ================================================================== contribute
def contribute(site: Site) -> None:
    """Add ``catalog.rdf``, ``void.ttl`` (and ``.well-known/void``), ``validation-report.ttl`` and the contact pages."""
    base = site.kg.base
    report, conforms = report_graph(site)
    site.add(REPORT_PATH, report_turtle(report, base))
    site.add(CATALOG_PATH, rdfxml(catalog_graph(site, conforms)))
    void = void_turtle(void_graph(site, conforms), base)
    for path in VOID_PATHS:
        site.add(path, void)
    iris = CatalogIris(base)
    renderer = Renderer(site)
    site.add(CONTACT_PAGE, contact_page(renderer, "sv", iris))
    site.add(CONTACT_PAGE_EN, contact_page(renderer, "en", iris))
    site.notes.catalog = {
        "catalog": CATALOG_PATH,
        "void": VOID_PATHS[0],
        "validation_report": REPORT_PATH,
        "contact": {"sv": CONTACT_PAGE, "en": CONTACT_PAGE_EN},
        "report_iri": str(iris.report),
        "dataset_iri": str(iris.dataset),
    }

