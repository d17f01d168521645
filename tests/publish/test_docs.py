"""The ontology and shapes documentation: an anchor for every term and shape, both languages'
labels, the demands of every shape in words, links that land where the URL builder says, machine
twins that are the ontology and the shapes, and the same bytes on every build."""

from __future__ import annotations

import html
import posixpath
from html.parser import HTMLParser

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import OWL, RDF, RDFS, SH, SKOS

from fhkg.graph import load_shapes
from fhkg.publish import docs
from fhkg.publish.site import Site
from fhkg.publish.urls import SHAPES, TWINS, Urls
from fhkg.terms.namespaces import FH, ONTOLOGY

from .conftest import make_site, shell, site_shell

PAGES = ("ontology.html", "ontology.en.html", "shapes.html", "shapes.en.html")
RDFLIB_FORMATS = {"ttl": "turtle", "jsonld": "json-ld", "rdf": "xml", "nt": "nt"}
KINDS = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty)


class Page(HTMLParser):
    """Ids, links and stylesheet/alternate links of one HTML page."""

    def __init__(self, text: str):
        super().__init__(convert_charrefs=True)
        self.ids: list[str] = []
        self.hrefs: list[str] = []
        self.links: list[dict] = []
        self.lang = None
        self.text: list[str] = []
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if "id" in a:
            self.ids.append(a["id"])
        if tag == "a" and a.get("href"):
            self.hrefs.append(a["href"])
        if tag == "link":
            self.links.append(a)
        if tag == "html":
            self.lang = a.get("lang")

    def handle_data(self, data):
        self.text.append(data)


def build(kg) -> Site:
    return make_site(kg, docs)


@pytest.fixture(scope="module")
def site(kg) -> Site:
    return build(kg)


@pytest.fixture(scope="module")
def pages(site) -> dict[str, Page]:
    return {p: Page(site.files[p].decode("utf-8")) for p in PAGES}


@pytest.fixture(scope="module")
def onto(kg) -> Graph:
    return kg.to_rdflib(("ontology",))


@pytest.fixture(scope="module")
def shapes() -> Graph:
    return load_shapes()


def own_terms(onto: Graph) -> list[URIRef]:
    return sorted({s for k in KINDS for s in onto.subjects(RDF.type, k) if str(s).startswith(str(FH))})


def resolve(from_path: str, href: str) -> str:
    target, _, fragment = href.partition("#")
    path = posixpath.normpath(posixpath.join(posixpath.dirname(from_path), target)) if target else from_path
    return path + (f"#{fragment}" if fragment else "")


def thing_of(urls: Urls, page: str) -> str:
    """The IRI a page describes (longest suffix first: ``.en.html`` before ``.html``)."""
    for suffix in (".en.html", ".html"):
        if page.endswith(suffix):
            return urls.base + page[: -len(suffix)]
    return urls.base + page


# ---------------------------------------------------------------------------- every page


@pytest.mark.parametrize("path", PAGES)
def test_page_shell(pages, path):
    page = pages[path]
    lang = "en" if ".en." in path else "sv"
    assert page.lang == lang
    assert len(page.ids) == len(set(page.ids)), "ids are unique"
    assert any(link.get("rel") == "stylesheet" and link.get("href") == "static/style.css" for link in page.links)
    other = path.replace(".en.html", ".html") if lang == "en" else path.replace(".html", ".en.html")
    assert other in page.hrefs, "a link to the other language"
    assert any(link.get("rel") == "alternate" and link.get("hreflang") == ("sv" if lang == "en" else "en") for link in page.links)
    stem = path.split(".")[0]
    for ext in TWINS:
        assert f"{stem}.{ext}" in page.hrefs


@pytest.mark.parametrize("path", PAGES)
def test_links_land_where_the_url_builder_says(pages, site, kg, path):
    """Fragments on the doc pages exist; links to things go to Urls.page of a described IRI."""
    urls = site.urls
    for href in pages[path].hrefs:
        if href.startswith(("http://", "https://")):
            continue
        target = resolve(path, href)
        page, _, fragment = target.partition("#")
        if page in PAGES:
            if fragment:
                assert fragment in pages[page].ids, f"{path}: {href} has no anchor"
        elif page.startswith("id/"):
            iri = thing_of(urls, page)
            assert urls.page(iri, "en" if ".en." in path else "sv") == page
            assert bool(kg.query(f"ASK {{ <{iri}> ?p ?o }}")), f"{path}: {href} points to {iri}, which the graph does not describe"
        elif page.startswith("klass/"):
            assert page.endswith(".en.html") == (".en." in path)
        elif page.startswith("queries/"):  # the site navigation (base.html)
            assert page == urls.query_page("index", "en" if ".en." in path else "sv"), href
        else:
            assert page in {"index.html", "index.en.html", "static/style.css"} or page.split(".")[0] in ("ontology", "shapes"), href


@pytest.mark.parametrize("path", PAGES)
def test_pages_carry_the_site_header_and_footer(site, kg, path):
    """The pages extend base.html: the home page's header (brand, navigation, search box) and
    footer, the language switch pointing to the same page in the other language."""
    lang, other = ("en", "sv") if ".en." in path else ("sv", "en")
    switch = path.replace(".en.html", ".html") if lang == "en" else path.replace(".html", ".en.html")
    text = site.files[path].decode("utf-8")
    header, footer = shell(text)
    home_header, home_footer = site_shell(kg, lang)
    assert f'<li><a href="{switch}" hreflang="{other}" lang="{other}" rel="alternate">' in header
    assert header == home_header.replace(f'<a href="{site.urls.index(other)}" hreflang=', f'<a href="{switch}" hreflang=')
    assert footer == home_footer
    assert '<main id="main">' in text


def test_two_builds_give_the_same_bytes(site, kg):
    again = build(kg)
    assert set(again.files) == set(site.files)
    for path, payload in site.files.items():
        assert again.files[path] == payload, path


# ---------------------------------------------------------------------------- ontology


@pytest.mark.parametrize("path", ["ontology.html", "ontology.en.html"])
def test_every_term_has_an_anchor_and_both_labels(pages, site, onto, path):
    page = pages[path]
    text = html.unescape(site.files[path].decode("utf-8"))
    terms = own_terms(onto)
    assert len(terms) > 70
    for t in terms:
        fragment = site.urls.page(str(t)).partition("#")[2]
        assert fragment in page.ids, t
        for lang in ("sv", "en"):
            for label in onto.objects(t, RDFS.label):
                if isinstance(label, Literal) and label.language == lang:
                    assert str(label) in text, (t, lang)
            for definition in onto.objects(t, SKOS.definition):
                assert str(definition) in text, (t, "definition")


def test_ontology_header(site, onto):
    text = html.unescape(site.files["ontology.html"].decode("utf-8"))
    o = URIRef(ONTOLOGY)
    for p in (OWL.versionInfo, OWL.versionIRI):
        assert str(onto.value(o, p)) in text
    assert "http://creativecommons.org/licenses/by/4.0/" in text
    assert "<code>fh:</code>" in text
    assert str(onto.value(o, URIRef("http://purl.org/dc/terms/title")) or "") in text
    en = html.unescape(site.files["ontology.en.html"].decode("utf-8"))
    assert "The Familjen Helsingborg ontology" in en


def test_alignments_link_to_the_standard_terms(site, pages):
    text = site.files["ontology.html"].decode("utf-8")
    i = text.index('id="Municipality"')
    entry = text[i : text.index("</article>", i)]
    assert 'href="http://www.w3.org/ns/org#FormalOrganization"' in entry
    assert 'href="http://data.europa.eu/m8g/PublicOrganisation"' in entry
    i = text.index('id="represents"')
    entry = text[i : text.index("</article>", i)]
    assert 'href="http://www.w3.org/ns/org#Post"' in entry  # domain
    assert 'href="ontology.html#Municipality"' in entry  # range
    assert 'href="http://purl.org/dc/terms/relation"' in entry  # subPropertyOf


def test_standard_terms_have_anchors(pages, onto):
    declared = sorted({str(s) for k in KINDS for s in onto.subjects(RDF.type, k) if isinstance(s, URIRef) and not str(s).startswith(str(FH))})
    for iri in declared:
        assert docs.anchor(iri) in pages["ontology.html"].ids, iri
    assert "org-Membership" in pages["ontology.html"].ids


def test_concept_schemes_list_their_concepts(site, kg):
    text = site.files["ontology.html"].decode("utf-8")
    rows = kg.query("SELECT ?c WHERE { ?c skos:inScheme ?s . ?s a skos:ConceptScheme }", graphs=kg.graphs_of("data"))
    concepts = {r["c"].value for r in rows}
    assert len(concepts) > 40
    for c in concepts:
        assert f'href="{site.urls.page(c)}"' in text, c


def test_ontology_twins_are_the_ontology(site, onto):
    for ext, fmt in RDFLIB_FORMATS.items():
        payload = site.files[site.urls.twin(ONTOLOGY, ext)]
        g = Graph().parse(data=payload.decode("utf-8"), format=fmt)
        assert isomorphic(g, onto), ext
    assert site.files["ontology.ttl"].startswith(b"# fhkg ")
    assert b"ontology" in site.files["ontology.ttl"].split(b"\n", 1)[0]


# ---------------------------------------------------------------------------- shapes


def all_shapes(shapes: Graph) -> list[URIRef]:
    found = set()
    for kind in (SH.NodeShape, SH.PropertyShape, SH.SPARQLConstraint):
        found |= {s for s in shapes.subjects(RDF.type, kind) if isinstance(s, URIRef)}
    return sorted(found)


@pytest.mark.parametrize("path", ["shapes.html", "shapes.en.html"])
def test_every_shape_has_an_anchor(pages, site, shapes, path):
    ids = pages[path].ids
    found = all_shapes(shapes)
    assert len(found) > 150
    for s in found:
        fragment = site.urls.page(str(s)).partition("#")[2]
        assert fragment in ids, s


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_shapes_are_described_in_the_page_language(site, shapes, lang):
    path = "shapes.html" if lang == "sv" else "shapes.en.html"
    text = html.unescape(site.files[path].decode("utf-8"))
    for s in all_shapes(shapes):
        for p in (SH.name, SH.message):
            values = [o for o in shapes.objects(s, p) if isinstance(o, Literal) and o.language == lang]
            for v in values:
                assert str(v) in text, (s, p)
    # SPARQL checks show their query
    for c in shapes.subjects(RDF.type, SH.SPARQLConstraint):
        select = str(shapes.value(c, SH.select))
        first = next(line.strip() for line in select.splitlines() if line.strip())
        assert first in text, c


def test_demands_in_words(site):
    sv = html.unescape(site.files["shapes.html"].decode("utf-8"))
    en = html.unescape(site.files["shapes.en.html"].decode("utf-8"))

    def entry(text: str, anchor: str) -> str:
        i = text.index(f'id="{anchor}"')
        return text[i : text.index("</section>", i)]

    currency_sv, currency_en = entry(sv, "BudgetShape-currency"), entry(en, "BudgetShape-currency")
    assert "exakt ett värde" in currency_sv and "^[A-Z]{3}$" in currency_sv
    assert "exactly one value" in currency_en and "regular expression" in currency_en
    sign = entry(sv, "LineItemShape-sign")
    assert "xsd:integer" in sign and "något av" in sign
    cohort = entry(en, "CohortShape-recruitedPosition")
    assert "text tagged with the language" in cohort and "<code>sv</code>" in cohort
    provenance = entry(sv, "ProvenanceShape-source")
    assert "dcterms:source" in provenance and "prov:wasDerivedFrom" in provenance and "eller" in provenance
    assert "överträdelse" in currency_sv and "violation" in currency_en
    person = html.unescape(site.files["shapes.html"].decode("utf-8"))
    i = person.index('id="PersonShape"')
    assert "sluten" in person[i : person.index("<h4>", i)]


def test_shape_targets_link_to_the_ontology(site):
    text = site.files["shapes.html"].decode("utf-8")
    i = text.index('id="MunicipalityShape"')
    entry = text[i : text.index("</article>", i)]
    assert 'href="ontology.html#Municipality"' in entry


def test_shapes_twins_are_the_shapes(site, shapes):
    for ext, fmt in RDFLIB_FORMATS.items():
        payload = site.files[site.urls.twin(SHAPES, ext)]
        g = Graph().parse(data=payload.decode("utf-8"), format=fmt)
        assert isomorphic(g, shapes), ext


def test_notes_name_the_pages(site):
    assert site.notes.docs["ontology"] == {"sv": "ontology.html", "en": "ontology.en.html"}
    assert site.notes.docs["shapes"] == {"sv": "shapes.html", "en": "shapes.en.html"}


def test_ontology_page_shows_the_model_diagram_when_it_is_drawn(kg):
    from fhkg.publish import pictures

    site = Site(kg=kg, urls=Urls(kg.base))
    pictures.contribute(site)
    docs.contribute(site)
    for path in ("ontology.html", "ontology.en.html"):
        page = Page(site.files[path].decode("utf-8"))
        assert "model" in page.ids
        assert pictures.MODEL in page.hrefs


def test_the_same_bytes_in_another_process(site):
    """Nothing depends on hash order: a build under another PYTHONHASHSEED is identical."""
    import hashlib
    import json
    import os
    import subprocess
    import sys

    code = (
        "import hashlib, json, fhkg\n"
        "from fhkg.publish.site import Site\n"
        "from fhkg.publish.urls import Urls\n"
        "from fhkg.publish import docs\n"
        "kg = fhkg.load()\n"
        "site = Site(kg=kg, urls=Urls(kg.base))\n"
        "docs.contribute(site)\n"
        "print(json.dumps({p: hashlib.sha256(b).hexdigest() for p, b in site.files.items()}))\n"
    )
    env = {**os.environ, "PYTHONHASHSEED": "4242"}
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True, timeout=300)
    assert json.loads(out.stdout) == {p: hashlib.sha256(b).hexdigest() for p, b in site.files.items()}
