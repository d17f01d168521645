"""The SVG pictures: well-formed, accessible, drawn from the graph (never hard-coded), linked to
the pages the URL builder gives, and the same bytes on every build."""

from __future__ import annotations

import posixpath
import xml.etree.ElementTree as ET

import pytest
from rdflib import URIRef
from rdflib.namespace import RDFS

import fhkg
from fhkg.publish import docs, pictures
from fhkg.publish.site import Site
from fhkg.publish.urls import Urls
from fhkg.terms.iris import Iris

from .conftest import make_site

SVG = "{http://www.w3.org/2000/svg}"
PATHS = (pictures.MEMBERSHIP, pictures.INCOME, pictures.MODEL)


def build(kg) -> Site:
    return make_site(kg, pictures)


@pytest.fixture(scope="module")
def site(kg) -> Site:
    return build(kg)


@pytest.fixture(scope="module")
def svgs(site) -> dict[str, ET.Element]:
    return {path: ET.fromstring(site.files[path]) for path in PATHS}


def texts(root: ET.Element) -> list[str]:
    return ["".join(t.itertext()) for t in root.iter(f"{SVG}text")]


def resolve(from_path: str, href: str) -> str:
    """Where a relative link lands, as a site path (fragment kept)."""
    target, _, fragment = href.partition("#")
    path = posixpath.normpath(posixpath.join(posixpath.dirname(from_path), target))
    return path + (f"#{fragment}" if fragment else "")


def links(root: ET.Element) -> list[ET.Element]:
    return list(root.iter(f"{SVG}a"))


# ---------------------------------------------------------------------------- every picture


@pytest.mark.parametrize("path", PATHS)
def test_svg_is_accessible(svgs, site, path):
    root = svgs[path]
    assert root.tag == f"{SVG}svg"
    title = root.find(f"{SVG}title")
    desc = root.find(f"{SVG}desc")
    assert title is not None and title.text and title.text.strip()
    assert desc is not None and len(desc.text or "") > 80, "the description should say what the picture shows"
    assert root.get("role") == "img" and root.get("aria-labelledby") == "title desc"
    assert root.get("viewBox") == f"0 0 {root.get('width')} {root.get('height')}"
    assert site.files[path].startswith(b'<?xml version="1.0" encoding="UTF-8"?>\n')
    assert b"<script" not in site.files[path]
    for a in links(root):
        href = a.get("href")
        assert href, "every link has a target"
        assert href.startswith("http") or not href.startswith("/"), "links inside the site are relative"


@pytest.mark.parametrize("path", PATHS)
def test_links_inside_the_site_go_to_pages(svgs, site, path, kg):
    """Every relative link lands on a page that Urls gives for a thing, or on the ontology."""
    urls = site.urls
    for a in links(svgs[path]):
        href = a.get("href")
        if href.startswith(("http://", "https://")):
            continue
        target = resolve(path, href)
        page = target.partition("#")[0]
        if page.startswith("id/"):
            iri = urls.thing(page)
            assert urls.page(iri) == page
            assert bool(kg.query(f"ASK {{ <{iri}> ?p ?o }}")), f"{href} in {path} points to {iri}, which the graph does not describe"
        else:
            assert page == "ontology.html", f"unexpected link target {target} in {path}"


def test_two_builds_give_the_same_bytes(site, kg):
    again = build(kg)
    for path in PATHS:
        assert again.files[path] == site.files[path], path


def test_pictures_are_noted_for_the_pages(site):
    notes = site.notes.pictures
    assert set(notes) == set(PATHS)
    for note in notes.values():
        assert note.title and note.desc and note.width > 0 and note.height > 0


def test_another_base_keeps_links_relative():
    kg = fhkg.load(base="https://data.example.org/fh/")
    site = build(kg)
    root = ET.fromstring(site.files[pictures.MEMBERSHIP])
    hrefs = [a.get("href") for a in links(root)]
    assert hrefs and not any("example.org" in h or "w3id.org" in h for h in hrefs)
    municipality = "https://data.example.org/fh/id/kommun/1276"
    assert any(a.get("data-municipality") == municipality for a in links(root))


# ---------------------------------------------------------------------------- membership matrix


def municipality_names(kg) -> dict[str, str]:
    rows = kg.query('SELECT ?k ?l WHERE { ?k a fh:Municipality ; rdfs:label ?l . FILTER (lang(?l) = "sv") }')
    return {r["k"].value: r["l"].value for r in rows}


def test_matrix_names_every_municipality_and_organisation(svgs, kg):
    words = texts(svgs[pictures.MEMBERSHIP])
    names = municipality_names(kg)
    assert len(names) == 11
    for name in names.values():
        assert name in words, name
    assert "NSVA" in words
    assert "Familjen Helsingborg" in words


def test_matrix_marks_exactly_the_memberships_of_the_graph(svgs, kg):
    root = svgs[pictures.MEMBERSHIP]
    cells = [r for r in root.iter(f"{SVG}rect") if r.get("class") == "cell"]
    expected = {
        r["m"].value
        for r in kg.query("SELECT DISTINCT ?m WHERE { ?m a org:Membership ; org:member ?k ; org:organization ?o . ?k a fh:Municipality }")
    }
    count = int(next(iter(kg.query(
        "SELECT (COUNT(DISTINCT ?m) AS ?n) WHERE { ?m a org:Membership ; org:member ?k ; org:organization ?o . ?k a fh:Municipality }"
    )))["n"].value)
    assert len(cells) == count == len(expected) == 83
    drawn = {a.get("data-membership") for a in links(root) if a.get("data-membership")}
    assert drawn == expected
    # each cell sits on the row of its municipality and the column of its organisation
    pairs = {
        (r["k"].value, r["o"].value)
        for r in kg.query("SELECT ?k ?o WHERE { ?m a org:Membership ; org:member ?k ; org:organization ?o . ?k a fh:Municipality }")
    }
    assert {(a.get("data-municipality"), a.get("data-organisation")) for a in links(root) if a.get("data-membership")} == pairs


def test_matrix_links_go_to_the_pages_of_municipalities_and_organisations(svgs, site, kg):
    urls = site.urls
    root = svgs[pictures.MEMBERSHIP]
    heads = [a for a in links(root) if not a.get("data-membership") and (a.get("data-municipality") or a.get("data-organisation"))]
    municipalities = {a.get("data-municipality") for a in heads if a.get("data-municipality")}
    assert municipalities == set(municipality_names(kg))
    for a in heads:
        iri = a.get("data-municipality") or a.get("data-organisation")
        assert a.get("href") == Urls.href(pictures.MEMBERSHIP, urls.page(iri))
        assert resolve(pictures.MEMBERSHIP, a.get("href")) == urls.page(iri)
    klippan = Iris(kg.base).municipality("1276")
    assert any(a.get("href") == "../id/kommun/1276.html" and a.get("data-municipality") == str(klippan) for a in heads)
    for a in links(root):
        if a.get("data-membership"):
            assert resolve(pictures.MEMBERSHIP, a.get("href")) == urls.page(a.get("data-membership"))


def test_matrix_columns_are_ordered_by_member_count_then_name(svgs, kg):
    root = svgs[pictures.MEMBERSHIP]
    organisations = []
    for a in links(root):
        o = a.get("data-organisation")
        if o and not a.get("data-membership") and o not in organisations:
            organisations.append(o)
    counts = {
        r["o"].value: int(r["n"].value)
        for r in kg.query(
            "SELECT ?o (COUNT(DISTINCT ?m) AS ?n) WHERE { ?m a org:Membership ; org:member ?k ; org:organization ?o . ?k a fh:Municipality } GROUP BY ?o"
        )
    }
    assert set(organisations) == set(counts)
    assert [counts[o] for o in organisations] == sorted(counts.values(), reverse=True)


def test_matrix_says_which_organisations_are_left_out(svgs, kg):
    desc = svgs[pictures.MEMBERSHIP].find(f"{SVG}desc").text
    hidden = int(next(iter(kg.query(
        """SELECT (COUNT(DISTINCT ?o) AS ?n) WHERE { ?o a fh:JointOrganisation .
             FILTER NOT EXISTS { ?m a org:Membership ; org:organization ?o ; org:member ?k . ?k a fh:Municipality } }"""
    )))["n"].value)
    assert hidden > 0
    assert f"{hidden} joint organisations without sourced members are not shown" in desc
    assert any("visas inte" in t for t in texts(svgs[pictures.MEMBERSHIP]))


# ---------------------------------------------------------------------------- income statement


def income_statement(kg) -> dict[tuple[str, str], int]:
    """(line key, year) -> amount, straight from the cube (written independently of the module)."""
    rows = kg.query(
        """SELECT ?line ?year ?amount WHERE {
             ?obs qb:dataSet dataset:resultatrapport ; fh:lineItem ?line ; fh:year/rdfs:label ?year ; fh:amount ?amount .
             VALUES ?line { rad:summa-intakter rad:summa-kostnader rad:arets-resultat rad:utgaende-medel-att-forfoga-over }
           }"""
    )
    return {(r["line"].value.rsplit("/", 1)[-1], r["year"].value): int(r["amount"].value) for r in rows}


def test_chart_prints_the_amounts_of_the_graph(svgs, kg):
    root = svgs[pictures.INCOME]
    expected = income_statement(kg)
    assert len(expected) == 12 and {y for _, y in expected} == {"2022", "2023", "2024"}
    drawn = {}
    for a in links(root):
        if a.get("data-observation"):
            key = (a.get("data-line-item").rsplit("/", 1)[-1], a.get("data-year"))
            drawn[key] = int(a.get("data-amount"))
    assert drawn == expected
    printed = texts(root)
    values = next(g for g in root.iter(f"{SVG}g") if g.get("class") == "values")
    shown = sorted(pictures.parse_kronor("".join(t.itertext())) for t in values.iter(f"{SVG}text"))
    # costs are drawn as their size, everything else as printed
    want = sorted(abs(v) if line == "summa-kostnader" else v for (line, _), v in expected.items())
    assert shown == want
    assert "8 884 807" in printed
    assert pictures.kronor(expected[("summa-kostnader", "2024")]) in root.find(f"{SVG}desc").text


def test_chart_axis_is_in_kronor_with_swedish_separators(svgs):
    words = texts(svgs[pictures.INCOME])
    assert "kronor" in words
    assert any(w == "2 000 000" for w in words)
    for y in ("2022", "2023", "2024"):
        assert y in words


def test_chart_labels_come_from_the_graph(svgs, kg):
    words = " ".join(texts(svgs[pictures.INCOME]))
    labels = kg.query(
        """SELECT ?l WHERE { VALUES ?line { rad:summa-intakter rad:summa-kostnader rad:arets-resultat rad:utgaende-medel-att-forfoga-over }
             ?line skos:prefLabel ?l . FILTER (lang(?l) = "sv") }"""
    )
    for r in labels:
        assert r["l"].value in words


def test_chart_bars_link_to_their_observations(svgs, site):
    for a in links(svgs[pictures.INCOME]):
        if a.get("data-observation"):
            assert resolve(pictures.INCOME, a.get("href")) == site.urls.page(a.get("data-observation"))


def test_kronor_format():
    assert pictures.kronor(8884807) == "8 884 807"
    assert pictures.kronor(-1981450) == "−1 981 450"
    assert pictures.parse_kronor(pictures.kronor(-1981450)) == -1981450


# ---------------------------------------------------------------------------- model diagram


def test_model_shows_the_main_classes_and_links(svgs):
    root = svgs[pictures.MODEL]
    words = texts(root)
    for name in ("fh:Municipality", "org:Membership", "org:Post", "foaf:Person", "qb:Observation", "fh:JointOrganisation"):
        assert name in words, name
    for prop in ("org:member", "org:organization", "fh:represents", "fh:lineItem"):
        assert prop in words, prop
    assert "kommun" in words and "medlemskap" in words  # Swedish labels


def test_model_boxes_link_to_the_ontology_documentation(svgs, site, kg):
    root = svgs[pictures.MODEL]
    docs_site = Site(kg=kg, urls=site.urls)
    docs.contribute(docs_site)
    ontology_html = docs_site.files["ontology.html"].decode("utf-8")
    boxes = [a for a in links(root) if a.get("data-class")]
    assert len(boxes) >= 15
    for a in boxes:
        iri = a.get("data-class")
        target = resolve(pictures.MODEL, a.get("href"))
        if iri.startswith(docs.FH_NS):
            assert target == site.urls.page(iri)  # ontology.html#Municipality
        page, _, fragment = target.partition("#")
        assert page == "ontology.html"
        assert f'id="{fragment}"' in ontology_html, f"{iri}: no anchor #{fragment} on ontology.html"
    municipality = next(a for a in boxes if a.get("data-class").endswith("#Municipality"))
    assert municipality.get("href") == "../ontology.html#Municipality"


def test_model_edges_are_declared_or_in_the_data(svgs, kg):
    onto = kg.to_rdflib(("ontology",))
    edges = [a for a in links(svgs[pictures.MODEL]) if a.get("data-property")]
    assert len(edges) >= 15
    for a in edges:
        s, p, o = a.get("data-subject-class"), a.get("data-property"), a.get("data-object-class")
        declared = (URIRef(p), RDFS.domain, None) in onto and (URIRef(p), RDFS.range, None) in onto
        seen = bool(kg.query(f"ASK {{ ?x a <{s}> ; <{p}> ?y . ?y a <{o}> }}", graphs=kg.graphs_of("data")))
        assert declared or seen, (s, p, o)


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
        "from fhkg.publish import pictures\n"
        "kg = fhkg.load()\n"
        "site = Site(kg=kg, urls=Urls(kg.base))\n"
        "pictures.contribute(site)\n"
        "print(json.dumps({p: hashlib.sha256(b).hexdigest() for p, b in site.files.items()}))\n"
    )
    env = {**os.environ, "PYTHONHASHSEED": "4242"}
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True, timeout=300)
    assert json.loads(out.stdout) == {p: hashlib.sha256(b).hexdigest() for p, b in site.files.items()}
