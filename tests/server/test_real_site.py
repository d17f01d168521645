"""Integration: ``fhkg serve`` without --site builds the real site (fhkg.publish.build) for its
base and serves it. This depends on the site modules (pages, dumps, catalog, pictures, docs)."""

from __future__ import annotations

import gzip
import re
from pathlib import Path

import pytest

import fhkg
from fhkg.queries import catalogue, render_delimited, run

from .conftest import start

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def real(tmp_path_factory):
    srv = start(tmp_path_factory.mktemp("real"), "--timeout", "20", wait=600)
    yield srv
    srv.stop()


@pytest.fixture(scope="module")
def real_kg(real):
    return fhkg.load(base=real.base)


@pytest.fixture(scope="module")
def things(real_kg):
    import pyoxigraph as ox

    prefix = real_kg.base + "id/"
    found = set()
    for q in real_kg.store.quads_for_pattern(None, None, None):
        for t in (q.subject, q.object):
            if isinstance(t, ox.NamedNode) and t.value.startswith(prefix):
                found.add(t.value)
    return sorted(found)


def test_every_iri_under_the_base_dereferences(real, things):
    assert len(things) > 300
    failures = []
    for iri in things:
        path = iri[len(real.base) - 1 :]
        for accept, lang in (("text/html", "sv"), ("text/html", "en"), ("text/turtle", None)):
            r = real.request("GET", path, {"Accept": accept, **({"Accept-Language": lang} if lang else {})})
            if r.status != 303:
                failures.append(f"{path} [{accept}]: {r.status}")
                continue
            doc = real.get(r.header("location"))
            if doc.status != 200:
                failures.append(f"{r.header('location')}: {doc.status}")
    assert not failures, f"{len(failures)} failures, e.g. {failures[:10]}"


def test_every_thing_has_static_documents(real, things):
    """The site carries every description (no on-the-fly fallback needed)."""
    missing = []
    for iri in things:
        path = iri[len(real.base) - 1 :]
        for ext in (".html", ".en.html", ".ttl", ".jsonld", ".rdf", ".nt"):
            r = real.request("HEAD", path + ext)
            if r.status != 200 or r.header("cache-control") != "public, max-age=300":
                missing.append(path + ext)
    assert not missing, f"{len(missing)} documents are not in the site, e.g. {missing[:10]}"


def test_site_documents_mentioning_the_base_resolve(real):
    """Every URL under the base named in void.ttl and catalog.rdf answers."""
    urls = set()
    for doc in ("/void.ttl", "/catalog.rdf"):
        r = real.get(doc)
        assert r.status == 200, doc
        urls |= {u for u in re.findall(re.escape(real.base) + r"[^\s>\"'<]*", r.text) if not u.endswith("/") or u == real.base}
    bad = []
    for url in sorted(urls):
        path = url[len(real.base) - 1 :]
        r = real.get(path, Accept="text/html,*/*;q=0.5")
        if r.status == 303:
            r = real.get(r.header("location"))
        if r.status != 200:
            bad.append(f"{path}: {r.status}")
    assert not bad, bad


def test_ontology_and_home_from_the_real_site(real):
    r = real.get("/ontology", Accept="text/turtle")
    assert r.status == 303 and r.header("location") == "/ontology.ttl"
    doc = real.get("/ontology.ttl")
    assert doc.status == 200 and b"owl:Ontology" in doc.body
    assert real.get("/").status == 200
    assert real.get("/", Accept_Language="en").header("content-location") == "/index.en.html"


def test_dumps_are_served(real):
    r = real.get("/dump/fhkg.nt.gz")
    assert r.status == 200 and r.header("content-type") == "application/gzip" and r.header("etag")
    assert gzip.decompress(r.body).count(b"\n") > 1000


def test_large_files_are_streamed_whole_with_their_validators(real):
    """The dumps are larger than what the server reads in one go: sent in chunks, byte for byte
    the file, with the ETag of its bytes (computed at start) and 304 on revalidation."""
    import hashlib

    from fhkg.server.static import SMALL

    site = next(p for p in real.log_text().split() if "site-" in p).strip(";()")
    path = Path(site) / "dump" / "fhkg.nt"
    assert path.stat().st_size > SMALL
    r = real.get("/dump/fhkg.nt")
    assert r.status == 200 and r.body == path.read_bytes() and int(r.header("content-length")) == len(r.body)
    assert r.header("etag") == f'"{hashlib.sha256(r.body).hexdigest()[:40]}"'
    assert real.get("/dump/fhkg.nt", If_None_Match=r.header("etag")).status == 304
    head = real.request("HEAD", "/dump/fhkg.nt")
    assert head.status == 200 and head.body == b"" and head.header("content-length") == r.header("content-length")


def test_static_query_results_equal_the_live_ones(real, real_kg):
    for name, q in sorted(catalogue().items()):
        static = real.get(f"/queries/{name}.csv")
        assert static.status == 200, name
        if q.parameters:
            continue
        expected = run(real_kg, q)
        assert static.text == render_delimited(expected.variables, expected.rows, "csv"), name


def test_well_known_void_is_served_as_turtle(real):
    from rdflib import Graph
    from rdflib.namespace import RDF, VOID

    r = real.get("/.well-known/void")
    assert r.status == 200, r.status
    assert r.header("content-type").startswith("text/turtle")
    g = Graph().parse(data=r.body.decode("utf-8"), format="turtle")
    assert any(g.subjects(RDF.type, VOID.Dataset))


def test_a_page_asked_for_as_a_folder_is_not_found(real):
    assert real.get("/id/kommun/1276.html").status == 200
    assert real.get("/id/kommun/1276.html/").status == 404


def test_a_browser_gets_the_sites_404_page_and_a_client_plain_text(real):
    browser = real.get("/id/kommun/no/such/page.html", Accept="text/html,application/xhtml+xml,*/*;q=0.8")
    assert browser.status == 404 and browser.header("content-type").startswith("text/html")
    assert "Sidan finns inte" in browser.text and "Page not found" in browser.text
    for href in re.findall(r'(?:href|src)="([^"#]+)"', browser.text):  # links work at any depth
        if href.startswith("/"):
            assert real.get(href.split("?")[0]).status == 200, href
    assert "frame-ancestors 'none'" in browser.header("content-security-policy")
    client = real.get("/no/such/thing", Accept="*/*")
    assert client.status == 404 and client.header("content-type").startswith("text/plain")
    sparql = real.get("/sparql?query=SELECT", Accept="text/html")
    assert sparql.status == 400 and "text/plain" in sparql.header("content-type")


def test_robots_txt_and_the_favicon_are_served(real):
    robots = real.get("/robots.txt")
    assert robots.status == 200 and f"Sitemap: {real.base}sitemap.xml" in robots.text and "Disallow: /sparql" in robots.text
    assert real.get("/sitemap.xml").status == 200
    icon = real.get("/static/favicon.svg")
    assert icon.status == 200 and icon.header("content-type").startswith("image/svg+xml") and b"<svg" in icon.body
    assert '<link rel="icon" href="static/favicon.svg"' in real.get("/index.html").text
