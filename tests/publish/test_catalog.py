"""The catalogue, VoID description and published validation report (fhkg.publish.catalog).

catalog.rdf must be harvestable by Sveriges dataportal: it conforms to the SEMIC DCAT-AP 3.0.1
shapes and to DIGG's DCAT-AP-SE additions, meets the DCAT-AP-SE mandatory rules (written as SHACL
in dcat-ap-se-mandatory.ttl next to this file), mints IRIs (no blank nodes) and describes every
dump with the size and SHA-256 of the bytes actually published. void.ttl repeats the numbers
``fhkg stats`` prints. Everything is byte-identical between builds and Python hash seeds."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import uuid
from pathlib import Path

import pyoxigraph as ox
import pyshacl
import pytest
from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib import namespace as rdflib_namespace
from rdflib.namespace import DCTERMS, FOAF, RDF, RDFS, SH, VOID

import fhkg
from fhkg import links as fhkg_links
from fhkg.publish import catalog, dumps
from fhkg.publish.site import Site, sha256
from fhkg.publish.urls import Urls
from fhkg.stats import stats
from fhkg.terms.namespaces import DQV, KINDS, SPDX, VCARD

from .conftest import make_site, shell, site_shell

# plain Namespaces: rdflib's closed DCAT and XSD warn when pytest probes the module's attributes
DCAT = Namespace(str(rdflib_namespace.DCAT))
XSD = Namespace(str(rdflib_namespace.XSD))
HERE = Path(__file__).resolve().parent
MANDATORY = HERE / "dcat-ap-se-mandatory.ttl"
DSE = "https://w3id.org/familjen-helsingborg/test/dcat-ap-se#"
CC_BY = URIRef("http://creativecommons.org/licenses/by/4.0/")
CC0 = URIRef("http://creativecommons.org/publicdomain/zero/1.0/")
SHAPES_DOC = URIRef("https://w3id.org/familjen-helsingborg/shapes")
OTHER_BASE = "https://data.example.org/fh/"
MEDIA_TYPES = {d.ext: d.media_type for d in dumps.DUMPS}

# DCAT-AP 3.0.1 as published (SEMICeu/DCAT-AP releases/3.0.1/shacl) refers to property shapes that
# no file defines, and pySHACL refuses such a shapes graph ("exists but is not a well-formed SHACL
# PropertyShape"). The test finds them programmatically; these are the ones known today:
#  * dcat-ap-SHACL.ttl alone lacks the two DataService shapes for dcat:endpointDescription and
#    dcat:endpointURL; ranges.ttl defines both (sh:class rdfs:Resource), so loading both files fixes them;
#  * ranges.ttl in turn lists five shapes defined nowhere (no path, no constraint is known for them),
#    so the test drops those five sh:property references, and nothing else.
DCAT_AP = "https://semiceu.github.io/DCAT-AP/releases/3.0.1#"
UNDEFINED_IN_MAIN = {
    URIRef(DCAT_AP + "dcat:DataServiceShape/dc08f4dca4377fade57f89454e3fa06a8389d314"),  # dcat:endpointDescription
    URIRef(DCAT_AP + "dcat:DataServiceShape/eb3ac4e4fdde2e2588a9502c5956060a18c5c99f"),  # dcat:endpointURL
}
UNDEFINED_ANYWHERE = {
    URIRef(DCAT_AP + "dcat:DatasetShape/4918ff7a6c1c4b0eea6403dca4b992b87ee1f4ab"),
    URIRef(DCAT_AP + "dcat:DatasetShape/95c69c99a1e3ade043911b51b942f206dea0e68d"),
    URIRef(DCAT_AP + "dcat:DistributionShape/653804840386e33525b3d39d205c174780be414b"),
    URIRef(DCAT_AP + "dcat:DistributionShape/a07d6e7a0a1790b89a1ce7ff602cbbd9ea835282"),
    URIRef(DCAT_AP + "dcat:RelationshipShape/b7aa98e1befa5130659568aa62e7f38575dc17c1"),
}


def build(kg) -> Site:
    return make_site(kg, dumps, catalog)


@pytest.fixture(scope="module")
def site(kg) -> Site:
    return build(kg)


@pytest.fixture(scope="module")
def cat(site) -> Graph:
    return Graph().parse(data=site.files["catalog.rdf"], format="xml")


@pytest.fixture(scope="module")
def void(site) -> Graph:
    return Graph().parse(data=site.files["void.ttl"], format="turtle")


@pytest.fixture(scope="module")
def iris(kg) -> catalog.CatalogIris:
    return catalog.CatalogIris(kg.base)


def shacl(data: Graph, shapes: Graph):
    conforms, results, text = pyshacl.validate(data, shacl_graph=shapes, inference="none", allow_warnings=False)
    return conforms, results, text


def undefined_property_shapes(shapes: Graph) -> set:
    return {ps for ps in shapes.objects(None, SH.property) if (ps, SH.path, None) not in shapes}


@pytest.fixture(scope="module")
def dcat_ap(shared_vocab) -> Graph:
    folder = shared_vocab / "dcat-ap-3.0.1"
    main = Graph().parse(folder / "dcat-ap-SHACL.ttl")
    assert undefined_property_shapes(main) == UNDEFINED_IN_MAIN
    shapes = main + Graph().parse(folder / "ranges.ttl")
    dangling = undefined_property_shapes(shapes)
    assert dangling == UNDEFINED_ANYWHERE, "the DCAT-AP 3.0.1 files changed: review the dangling shapes"
    for ps in dangling:
        shapes.remove((None, SH.property, ps))
    return shapes


def with_rdfs_resource(g: Graph) -> Graph:
    """``g`` plus the RDFS entailment ``x rdf:type rdfs:Resource`` for its IRIs (rule rdfs4).

    DCAT-AP 3.0.1's ranges.ttl gives dcat:endpointURL and dcat:endpointDescription the range
    ``sh:class rdfs:Resource``; SHACL checks sh:class without entailment, so any untyped IRI fails it."""
    out = Graph() + g
    for triple in g:
        for term in triple:
            if isinstance(term, URIRef):
                out.add((term, RDF.type, RDFS.Resource))
    return out


# ================================================================ catalog.rdf: shape


def test_catalog_is_rdf_xml_both_parsers_read(site, cat):
    assert site.files["catalog.rdf"].startswith(b"<?xml")
    assert len(list(ox.parse(site.files["catalog.rdf"], format=ox.RdfFormat.RDF_XML))) == len(cat)


def test_catalog_has_no_blank_nodes(cat):
    for cls in (DCAT.Catalog, DCAT.Dataset, DCAT.Distribution, DCAT.DataService, FOAF.Agent, VCARD.Kind):
        assert all(isinstance(s, URIRef) for s in cat.subjects(RDF.type, cls)), cls
    for prop in (DCTERMS.publisher, DCAT.contactPoint, DCAT.distribution, DCAT.dataset, DCAT.service):
        assert all(isinstance(o, URIRef) for o in cat.objects(None, prop)), prop
    assert not [t for t in cat if any(isinstance(x, BNode) for x in t)]


def test_catalog_iris_are_absolute_under_the_base_in_documented_kinds(cat, kg, site):
    base = kg.base
    thing = re.compile(re.escape(base) + r"id/(" + "|".join(KINDS) + r")/[a-z0-9][a-z0-9.-]*$")
    ours = {str(t) for triple in cat for t in triple if isinstance(t, URIRef) and str(t).startswith(base)}
    files = {base + p for p in site.files} | {base, base + "sparql", str(SHAPES_DOC)}
    bad = sorted(i for i in ours if not thing.match(i) and i not in files)
    assert not bad
    expected = {
        DCAT.Catalog: {base + "id/dataset/katalog"},
        DCAT.Dataset: {base + "id/dataset/fhkg"},
        DCAT.DataService: {base + "id/dataset/fhkg-sparql"},
    }
    for cls, subjects in expected.items():
        assert {str(s) for s in cat.subjects(RDF.type, cls)} == subjects
    assert {str(o) for o in cat.objects(None, DCTERMS.publisher)} == {base + "id/organisation/fhkg"}
    assert (URIRef(base + "id/dataset/fhkg-ttl"), RDF.type, DCAT.Distribution) in cat


def test_identifiers_are_uuid5_of_the_iri(cat):
    for cls in (DCAT.Catalog, DCAT.Dataset, DCAT.Distribution, DCAT.DataService):
        for s in cat.subjects(RDF.type, cls):
            assert list(cat.objects(s, DCTERMS.identifier)) == [Literal(str(uuid.uuid5(uuid.NAMESPACE_URL, str(s))))]


def test_titles_and_descriptions_in_swedish_and_english(cat):
    for cls in (DCAT.Catalog, DCAT.Dataset, DCAT.Distribution, DCAT.DataService):
        for s in cat.subjects(RDF.type, cls):
            for prop in (DCTERMS.title, DCTERMS.description):
                assert {o.language for o in cat.objects(s, prop)} == {"sv", "en"}, (s, prop)


def test_licences_themes_and_dates(cat, site, iris):
    assert list(cat.objects(iris.catalog, DCTERMS.license)) == [CC0], "DCAT-AP-SE wants CC0 1.0 on the catalogue"
    for dist in cat.subjects(RDF.type, DCAT.Distribution):
        assert list(cat.objects(dist, DCTERMS.license)) == [CC_BY]
    assert list(cat.objects(iris.service, DCTERMS.license)) == [CC_BY]
    themes = set(cat.objects(iris.dataset, DCAT.theme))
    assert URIRef("http://publications.europa.eu/resource/authority/data-theme/GOVE") in themes
    assert all(str(t).startswith("http://publications.europa.eu/resource/authority/data-theme/") for t in themes)
    date = Literal(site.date, datatype=XSD.date)
    for s in [iris.catalog, iris.dataset, *cat.subjects(RDF.type, DCAT.Distribution)]:
        assert list(cat.objects(s, DCTERMS.issued)) == [date] and list(cat.objects(s, DCTERMS.modified)) == [date]


def test_sparql_service(cat, iris, kg):
    assert list(cat.objects(iris.service, DCAT.endpointURL)) == [URIRef(kg.base + "sparql")]
    assert list(cat.objects(iris.service, DCAT.servesDataset)) == [iris.dataset]
    assert list(cat.objects(iris.catalog, DCAT.service)) == [iris.service]


# ================================================================ catalog.rdf: distributions = files


def test_one_distribution_per_dump_with_the_published_size_and_checksum(cat, site, kg):
    dists = set(cat.subjects(RDF.type, DCAT.Distribution))
    assert len(dists) == len(site.notes.distributions) == 12
    seen = set()
    for d in dists:
        (url,) = cat.objects(d, DCAT.downloadURL)
        assert list(cat.objects(d, DCAT.accessURL)) == [url]
        path = str(url)[len(kg.base):]
        assert str(url).startswith(kg.base) and path in site.files
        seen.add(path)
        payload = site.files[path]
        assert cat.value(d, DCAT.byteSize) == Literal(str(len(payload)), datatype=XSD.nonNegativeInteger)
        checksum = cat.value(d, SPDX.checksum)
        assert isinstance(checksum, URIRef)
        assert cat.value(checksum, SPDX.algorithm) == SPDX.checksumAlgorithm_sha256
        assert cat.value(checksum, SPDX.checksumValue) == Literal(sha256(payload), datatype=XSD.hexBinary)
        ext = path.removeprefix("dump/fhkg.").removesuffix(".gz")
        assert cat.value(d, DCAT.mediaType) == URIRef("http://www.iana.org/assignments/media-types/" + MEDIA_TYPES[ext])
        assert str(cat.value(d, DCTERMS.format)).startswith("http://publications.europa.eu/resource/authority/file-type/")
        gz = path.endswith(".gz")
        assert (cat.value(d, DCAT.compressFormat) == URIRef("http://www.iana.org/assignments/media-types/application/gzip")) == gz
    assert seen == {p for p in site.files if p.startswith("dump/")}


# ================================================================ catalog.rdf: profiles


def test_catalog_conforms_to_dcat_ap_3_0_1(cat, dcat_ap):
    conforms, _, text = shacl(with_rdfs_resource(cat), dcat_ap)
    assert conforms, text


def test_without_rdfs_entailment_only_the_endpoint_url_range_fails(cat, dcat_ap):
    """The one DCAT-AP 3.0.1 constraint the catalogue meets only under RDFS: sh:class rdfs:Resource."""
    _, results, _ = shacl(cat, dcat_ap)
    failing = {(results.value(r, SH.resultPath), results.value(r, SH.sourceConstraintComponent)) for r in results.subjects(RDF.type, SH.ValidationResult)}
    assert failing == {(DCAT.endpointURL, SH.ClassConstraintComponent)}


def test_dcat_ap_shapes_as_repaired_are_valid_shacl(dcat_ap, shared_vocab):
    shacl_shacl = Graph().parse(shared_vocab / "shacl-shacl" / "shacl-shacl.ttl")
    conforms, _, text = shacl(dcat_ap, shacl_shacl)
    assert conforms, text


def test_catalog_conforms_to_the_dcat_ap_se_additions(cat, shared_vocab):
    additions = Graph().parse(shared_vocab / "dcat-ap-se" / "dcat-ap-se-additions.ttl")
    conforms, _, text = shacl(cat, additions)
    assert conforms, text


def test_catalog_meets_the_dcat_ap_se_mandatory_rules(cat):
    conforms, _, text = shacl(cat, Graph().parse(MANDATORY))
    assert conforms, text


def test_mandatory_rules_are_valid_shacl(shared_vocab):
    shacl_shacl = Graph().parse(shared_vocab / "shacl-shacl" / "shacl-shacl.ttl")
    conforms, _, text = shacl(Graph().parse(MANDATORY), shacl_shacl)
    assert conforms, text


def test_mandatory_rules_accept_digg_examples_except_the_3_0_1_rules(shared_vocab):
    """DIGG's own examples are DCAT-AP-SE 2: they meet every rule but those 3.0.1 added."""
    rules = Graph().parse(MANDATORY)
    since = {s for s in rules.subjects(URIRef(DSE + "since"), Literal("3.0.1"))}
    assert since == {URIRef(DSE + "AgentType"), URIRef(DSE + "DistributionFormat")}
    _, results, _ = shacl(Graph().parse(shared_vocab / "dcat-ap-se" / "obligatoriskt.ttl"), rules)
    assert set(results.objects(None, SH.sourceShape)) == since
    conforms, _, text = shacl(Graph().parse(shared_vocab / "dcat-ap-se" / "rekommenderat.ttl"), rules)
    assert conforms, text


def test_a_contact_point_with_only_a_web_address_breaks_dcat_ap_se(cat, iris):
    """Why the catalogue has no dcat:contactPoint: without an e-mail address DCAT-AP-SE rejects it."""
    assert not list(cat.objects(None, DCAT.contactPoint))
    assert cat.value(iris.dataset, FOAF.page) == iris.contact_page
    g = Graph() + cat
    g.add((iris.dataset, DCAT.contactPoint, iris.contact))
    g.add((iris.contact, RDF.type, VCARD.Organization))
    g.add((iris.contact, VCARD.fn, Literal("fhkg")))
    g.add((iris.contact, VCARD.hasURL, iris.contact_page))
    conforms, results, _ = shacl(g, Graph().parse(MANDATORY))
    assert not conforms and set(results.objects(None, SH.sourceShape)) == {URIRef(DSE + "ContactEmail")}


def test_a_configured_contact_address_gives_a_conforming_contact_point(site, monkeypatch, dcat_ap):
    monkeypatch.setattr(catalog, "CONTACT_EMAIL", "fhkg@example.org")
    g = catalog.catalog_graph(site, True)
    cps = set(g.objects(None, DCAT.contactPoint))
    assert len(cps) == 1 and all(isinstance(c, URIRef) for c in cps)
    assert shacl(g, Graph().parse(MANDATORY))[0]
    assert shacl(with_rdfs_resource(g), dcat_ap)[0]


# ================================================================ the validation report


def test_validation_report_parses_and_conforms(site, iris, kg):
    report = Graph().parse(data=site.files["validation-report.ttl"], format="turtle")
    assert (iris.report, RDF.type, SH.ValidationReport) in report
    assert report.value(iris.report, SH.conforms) == Literal(True)
    assert report.value(iris.report, DQV.value) == Literal(True)
    assert report.value(iris.report, DQV.computedOn) == iris.dataset
    assert not list(report.subjects(RDF.type, SH.ValidationResult))
    assert fhkg.validate(kg).conforms
    assert str(iris.report) == kg.base + "id/dataset/fhkg-validering"


@pytest.mark.parametrize("name", ["cat", "void"])
def test_dataset_description_links_the_report_and_the_shapes(request, name, iris):
    g = request.getfixturevalue(name)
    assert (iris.dataset, DQV.hasQualityMeasurement, iris.report) in g
    assert (iris.dataset, DCTERMS.conformsTo, SHAPES_DOC) in g
    assert (iris.report, RDF.type, DQV.QualityMeasurement) in g
    assert g.value(iris.report, SH.conforms) == Literal(True)
    assert (g.value(iris.report, DQV.isMeasurementOf), RDF.type, DQV.Metric) in g


def test_the_report_in_site_notes_is_the_one_published(kg, site):
    """build() validates first and leaves its report in site.notes; the catalogue publishes that one."""
    other = Site(kg=kg, urls=Urls(kg.base))
    other.notes.validation = fhkg.validate(kg)
    catalog.contribute(other)
    assert other.files["validation-report.ttl"] == site.files["validation-report.ttl"]


# ================================================================ VoID


def _int(g: Graph, s, p) -> int:
    return int(g.value(s, p))


def test_void_counts_equal_fhkg_stats(void, kg, iris):
    st = stats(kg)
    d = iris.dataset
    assert _int(void, d, VOID.triples) == st.triples
    assert _int(void, d, VOID.classes) == len(st.classes)
    assert _int(void, d, VOID.properties) == st.predicates
    assert _int(void, d, VOID.distinctSubjects) == st.subjects
    classes = {str(void.value(p, VOID["class"])): _int(void, p, VOID.entities) for p in void.objects(d, VOID.classPartition)}
    assert classes == st.classes
    properties = {str(void.value(p, VOID.property)): _int(void, p, VOID.triples) for p in void.objects(d, VOID.propertyPartition)}
    assert len(properties) == st.predicates and sum(properties.values()) == st.triples
    linksets = {str(void.value(void.value(ls, VOID.objectsTarget), DCTERMS.title)): _int(void, ls, VOID.triples) for ls in void.subjects(RDF.type, VOID.Linkset)}
    assert linksets == st.outgoing


def test_void_counts_entities_and_objects_independently(void, kg, iris):
    g = kg.to_rdflib()
    space = str(void.value(iris.dataset, VOID.uriSpace))
    assert space == kg.base + "id/"
    assert _int(void, iris.dataset, VOID.entities) == len({s for s in g.subjects() if isinstance(s, URIRef) and str(s).startswith(space)})
    assert _int(void, iris.dataset, VOID.distinctObjects) == len(set(g.objects()))


def test_void_linksets_are_the_dump_links(void, kg, iris):
    for ls in void.subjects(RDF.type, VOID.Linkset):
        target = void.value(ls, VOID.objectsTarget)
        host = str(void.value(target, DCTERMS.title))
        links = [t for t in fhkg_links.link_triples(kg) if fhkg_links.host(str(t[2])) == host]
        assert {p for _, p, _ in links} == set(void.objects(ls, VOID.linkPredicate))
        assert set(void.objects(ls, VOID.target)) == {iris.dataset, target}
        assert void.value(ls, VOID.subjectsTarget) == iris.dataset
        assert (iris.dataset, VOID.subset, ls) in void


def test_void_describes_dumps_endpoint_examples_and_vocabularies(void, site, kg, iris):
    d = iris.dataset
    assert {str(o) for o in void.objects(d, VOID.dataDump)} == {kg.base + p for p in site.files if p.startswith("dump/")}
    assert void.value(d, VOID.sparqlEndpoint) == URIRef(kg.base + "sparql")
    examples = {str(o) for o in void.objects(d, VOID.exampleResource)}
    assert {kg.base + "id/kommun/1276", kg.base + "id/organisation/nsva", kg.base + "id/organisation/familjen-helsingborg"} == examples
    vocabularies = {str(o) for o in void.objects(d, VOID.vocabulary)}
    assert {"http://www.w3.org/ns/org", "https://w3id.org/familjen-helsingborg/ontology", "http://purl.org/dc/terms/", "http://purl.org/linked-data/cube"} <= vocabularies
    assert not [v for v in vocabularies if v.startswith(kg.base + "id/")]
    for part in [*void.objects(d, VOID.classPartition), *void.objects(d, VOID.propertyPartition), *void.objects(d, VOID.subset)]:
        assert isinstance(part, URIRef) and str(part).startswith(kg.base + "id/dataset/fhkg-")
    assert not [t for t in void if any(isinstance(x, BNode) for x in t)]


def test_well_known_void_is_void_ttl(site):
    assert site.files[".well-known/void"] == site.files["void.ttl"]


# ================================================================ the contact page


@pytest.mark.parametrize("path,lang", [("kontakt.html", "sv"), ("kontakt.en.html", "en")])
def test_contact_page_names_the_maintainer_and_invents_no_address(site, path, lang):
    text = site.files[path].decode("utf-8")
    assert f'<html lang="{lang}">' in text
    assert "fhkg" in text and ("fhkg-projektet" in text if lang == "sv" else "fhkg project" in text)
    assert "mailto:" not in text and not re.search(r"[\w.+-]+@[\w-]+\.[\w.]+", text)
    main = text[text.index("<main") : text.index("</main>")]  # (the site header's links go to the pages module's pages)
    home = "index.html" if lang == "sv" else "index.en.html"  # the dataset: the home page in the page's language
    assert f'<a href="{home}">' in main
    for link in re.findall(r'href="([^"]+)"', main):
        assert link == home or link.removeprefix(site.kg.base) in site.files, link


@pytest.mark.parametrize("path,lang", [("kontakt.html", "sv"), ("kontakt.en.html", "en")])
def test_contact_page_carries_the_site_header_and_footer(site, kg, path, lang):
    """The contact page extends base.html like every page: the home page's header and footer,
    the language switch pointing to the contact page in the other language."""
    other, switch = ("en", "kontakt.en.html") if lang == "sv" else ("sv", "kontakt.html")
    header, footer = shell(site.files[path].decode("utf-8"))
    home_header, home_footer = site_shell(kg, lang)
    assert f'<li><a href="{switch}" hreflang="{other}" lang="{other}" rel="alternate">' in header
    assert header == home_header.replace(f'<a href="{site.urls.index(other)}" hreflang=', f'<a href="{switch}" hreflang=')
    assert footer == home_footer


# ================================================================ determinism and other bases


SCRIPT = """
import hashlib, json, fhkg
from fhkg.publish import catalog, dumps
from fhkg.publish.site import Site
from fhkg.publish.urls import Urls
kg = fhkg.load()
site = Site(kg=kg, urls=Urls(kg.base))
dumps.contribute(site)
catalog.contribute(site)
print(json.dumps({p: hashlib.sha256(b).hexdigest() for p, b in sorted(site.files.items())}))
"""


def test_two_builds_give_identical_bytes_whatever_the_python_hash_seed(site):
    """A second build, in a fresh interpreter with another hash seed each time, gives the same bytes."""
    ours = {p: sha256(b) for p, b in site.files.items()}
    runs = {
        seed: subprocess.Popen([sys.executable, "-c", SCRIPT], env={**os.environ, "PYTHONHASHSEED": seed}, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for seed in ("0", "4242")
    }
    for seed, run in runs.items():
        out, err = run.communicate(timeout=600)
        assert run.returncode == 0, err
        theirs = json.loads(out)
        assert theirs == ours, f"PYTHONHASHSEED={seed}: {sorted(p for p in ours if theirs.get(p) != ours[p])}"


def test_a_non_default_base_moves_every_catalogue_iri():
    other = fhkg.load(base=OTHER_BASE)
    site = Site(kg=other, urls=Urls(other.base))
    catalog.contribute(site)  # (no dumps needed: the catalogue then lists no distributions)
    cat = Graph().parse(data=site.files["catalog.rdf"], format="xml")
    assert (URIRef(OTHER_BASE + "id/dataset/fhkg"), RDF.type, DCAT.Dataset) in cat
    assert cat.value(URIRef(OTHER_BASE + "id/dataset/fhkg-sparql"), DCAT.endpointURL) == URIRef(OTHER_BASE + "sparql")
    ours = {str(t) for triple in cat for t in triple if isinstance(t, URIRef) and "familjen-helsingborg" in str(t)}
    assert ours == {"https://w3id.org/familjen-helsingborg/shapes"}, "only the shapes document keeps its IRI"
    names = {str(o) for o in cat.objects(URIRef(OTHER_BASE + "id/organisation/fhkg"), FOAF.name)}
    assert names and all("fhkg" in n for n in names)
    void = Graph().parse(data=site.files["void.ttl"], format="turtle")
    assert str(void.value(URIRef(OTHER_BASE + "id/dataset/fhkg"), VOID.uriSpace)) == OTHER_BASE + "id/"
