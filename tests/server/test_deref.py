"""Dereferencing over real HTTP: 303 See Other to the negotiated description, 406, Vary,
Accept-Language, ETag / Last-Modified with 304, HEAD, CORS, the ontology IRI, the home page."""

from __future__ import annotations

import pytest

KLIPPAN = "/id/kommun/1276"
VARY = "Accept, Accept-Language"


@pytest.mark.parametrize(
    "accept, target",
    [
        (None, ".html"),
        ("*/*", ".html"),
        ("text/html", ".html"),
        ("text/turtle", ".ttl"),
        ("application/ld+json", ".jsonld"),
        ("application/json", ".jsonld"),
        ("application/rdf+xml", ".rdf"),
        ("application/n-triples", ".nt"),
        ("text/html;q=0.5, text/turtle", ".ttl"),
        ("text/turtle;q=0.4, application/ld+json;q=0.6, */*;q=0.1", ".jsonld"),
        ("text/html;q=0, */*", ".ttl"),
        ("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8", ".html"),
    ],
)
def test_thing_answers_303_to_the_negotiated_document(server, accept, target):
    r = server.get(KLIPPAN, **({"Accept": accept} if accept else {}))
    assert r.status == 303
    assert r.header("location") == KLIPPAN + target
    assert r.header("vary") == VARY
    doc = server.get(r.header("location"))
    assert doc.status == 200


@pytest.mark.parametrize(
    "ext, media_type",
    [
        (".html", "text/html; charset=utf-8"),
        (".en.html", "text/html; charset=utf-8"),
        (".ttl", "text/turtle; charset=utf-8"),
        (".jsonld", "application/ld+json"),
        (".rdf", "application/rdf+xml"),
        (".nt", "application/n-triples"),
    ],
)
def test_documents_have_their_content_type_and_validators(server, ext, media_type):
    r = server.get(KLIPPAN + ext)
    assert r.status == 200
    assert r.header("content-type") == media_type
    assert r.header("etag").startswith('"') and not r.header("etag").startswith("W/")
    assert r.header("last-modified").endswith("GMT")


@pytest.mark.parametrize(
    "language, target",
    [("sv", ".html"), ("en", ".en.html"), ("en-GB,en;q=0.9", ".en.html"), ("sv-SE, en;q=0.5", ".html"), ("de", ".html"), ("sv;q=0.1, en;q=0.9", ".en.html")],
)
def test_accept_language_chooses_the_html_variant(server, language, target):
    r = server.get(KLIPPAN, Accept="text/html", Accept_Language=language)
    assert r.status == 303
    assert r.header("location") == KLIPPAN + target


def test_406_lists_what_is_available(server):
    r = server.get(KLIPPAN, Accept="image/png")
    assert r.status == 406
    assert r.header("vary") == VARY
    for media_type in ("text/html", "text/turtle", "application/ld+json", "application/rdf+xml", "application/n-triples"):
        assert media_type in r.text
    assert "Traceback" not in r.text


def test_q_zero_everywhere_is_406(server):
    assert server.get(KLIPPAN, Accept="*/*;q=0").status == 406


def test_etag_gives_304(server):
    first = server.get(KLIPPAN + ".ttl")
    again = server.get(KLIPPAN + ".ttl", If_None_Match=first.header("etag"))
    assert again.status == 304
    assert again.body == b""
    assert again.header("etag") == first.header("etag")
    assert server.get(KLIPPAN + ".ttl", If_None_Match='"something-else"').status == 200
    assert server.get(KLIPPAN + ".ttl", If_None_Match=f'"x", {first.header("etag")}').status == 304
    assert server.get(KLIPPAN + ".ttl", If_None_Match="*").status == 304


def test_last_modified_gives_304(server):
    first = server.get(KLIPPAN + ".html")
    assert server.get(KLIPPAN + ".html", If_Modified_Since=first.header("last-modified")).status == 304
    assert server.get(KLIPPAN + ".html", If_Modified_Since="Mon, 01 Jan 2001 00:00:00 GMT").status == 200
    # If-None-Match takes precedence over If-Modified-Since (RFC 9110 §13.2.2)
    assert server.get(KLIPPAN + ".html", If_None_Match='"other"', If_Modified_Since=first.header("last-modified")).status == 200
    assert server.get(KLIPPAN + ".html", If_Modified_Since="not a date").status == 200


def test_head_has_the_headers_and_no_body(server):
    get = server.get(KLIPPAN + ".ttl")
    head = server.request("HEAD", KLIPPAN + ".ttl")
    assert head.status == 200 and head.body == b""
    assert head.header("content-length") == str(len(get.body))
    assert head.header("etag") == get.header("etag")
    assert head.header("content-type") == get.header("content-type")
    see = server.request("HEAD", KLIPPAN, {"Accept": "text/turtle"})
    assert see.status == 303 and see.header("location") == KLIPPAN + ".ttl" and see.body == b""


def test_cors_on_answers_and_preflight(server):
    r = server.get(KLIPPAN + ".ttl", Origin="https://example.org")
    assert r.header("access-control-allow-origin") == "*"
    assert "ETag" in r.header("access-control-expose-headers")
    pre = server.request(
        "OPTIONS", "/sparql", {"Origin": "https://example.org", "Access-Control-Request-Method": "POST", "Access-Control-Request-Headers": "content-type"}
    )
    assert pre.status == 204
    assert pre.header("access-control-allow-origin") == "*"
    assert "POST" in pre.header("access-control-allow-methods")
    assert "content-type" in pre.header("access-control-allow-headers").lower()
    assert int(pre.header("access-control-max-age")) > 0


@pytest.mark.parametrize("accept, target", [("text/html", "/ontology.html"), ("text/turtle", "/ontology.ttl"), ("application/n-triples", "/ontology.nt"), ("application/rdf+xml", "/ontology.rdf")])
def test_the_ontology_iri_negotiates_too(server, accept, target):
    r = server.get("/ontology", Accept=accept)
    assert r.status == 303
    assert r.header("location") == target
    doc = server.get(target)
    assert doc.status == 200
    if target != "/ontology.html":
        assert b"https://w3id.org/familjen-helsingborg/ontology" in doc.body  # it does not move with the base
    assert server.get("/ontology", Accept="text/html", Accept_Language="en").header("location") == "/ontology.en.html"


def test_home_page_by_language(server):
    sv = server.get("/")
    assert sv.status == 200 and sv.header("content-location") == "/index.html" and sv.header("vary") == VARY
    en = server.get("/", Accept_Language="en")
    assert en.header("content-location") == "/index.en.html" and b"Home" in en.body
    assert server.get("/", If_None_Match=en.header("etag"), Accept_Language="en").status == 304


def test_a_thing_without_a_page_in_the_site_is_described_from_the_graph(server):
    """Every IRI under the base dereferences, even one the site has no files for."""
    r = server.get("/id/kommun/1214", Accept="text/turtle")
    assert r.status == 303 and r.header("location") == "/id/kommun/1214.ttl"
    doc = server.get("/id/kommun/1214.ttl")
    assert doc.status == 200 and doc.header("content-type") == "text/turtle; charset=utf-8"
    assert f"<{server.base}id/kommun/1214>".encode() in doc.body or b"kommun:1214" in doc.body
    assert doc.header("etag") and doc.header("last-modified")
    assert server.get("/id/kommun/1214.ttl", If_None_Match=doc.header("etag")).status == 304
    for ext in (".html", ".en.html", ".jsonld", ".rdf", ".nt"):
        assert server.get("/id/kommun/1214" + ext).status == 200, ext


@pytest.mark.parametrize("path", ["/id/kommun/0000", "/id/kommun/0000.ttl", "/nothing", "/../etc/passwd", "/id/../../etc/passwd", "/.fhkg-serve.json"])
def test_unknown_paths_are_404_with_a_short_message(server, path):
    r = server.get(path)
    assert r.status == 404
    assert r.header("content-type") == "text/plain; charset=utf-8"
    assert "Traceback" not in r.text and len(r.text) < 300


def test_other_methods_are_405(server):
    r = server.request("DELETE", KLIPPAN)
    assert r.status == 405 and "GET" in r.header("allow")


def test_static_files_keep_their_type(server):
    r = server.get("/style.css")
    assert r.status == 200 and r.header("content-type") == "text/css; charset=utf-8" and r.header("etag")


@pytest.mark.parametrize("path", ["/" + "a" * 5000, "/id/" + "b" * 3000 + ".ttl", "/id/a%0Ab", "/%00", "/id/%ZZ", "/sparql/ui/../../etc/passwd"])
def test_odd_paths_get_a_short_answer_not_a_failure(server, path):
    r = server.get(path)
    assert r.status in (400, 404)
    assert "\n" not in r.text.rstrip("\n") and len(r.text) < 400


def test_the_described_page_is_a_page_of_the_site(server):
    sv = server.get("/id/kommun/1214.html")
    page = sv.text
    assert sv.header("content-language") == "sv" and '<html lang="sv">' in page
    assert '<header class="site">' in page and '<footer class="site">' in page
    assert "<h1>Svalövs kommun</h1>" in page
    assert f"<code>{server.base}id/kommun/1214</code>" in page
    assert '<a href="/id/kommun/1214.ttl" type="text/turtle">Turtle</a>' in page
    assert '<link rel="alternate" type="application/ld+json" href="/id/kommun/1214.jsonld">' in page
    assert 'title="rdfs:label"' in page and ">etikett</a>" in page  # the property by its label, its CURIE as the title
    assert 'href="/id/kommun/1214.en.html"' in page  # the language switch
    en = server.get("/id/kommun/1214.en.html").text
    assert "<h1>Svalöv Municipality</h1>" in en and ">label</a>" in en
