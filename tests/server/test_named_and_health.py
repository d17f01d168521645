"""Named queries as URLs, /health and the query UI."""

from __future__ import annotations

import csv
import io
import json

import pytest

import fhkg
from fhkg import __version__
from fhkg.queries import catalogue, render_delimited, run


@pytest.fixture(scope="module")
def local_kg(server):
    return fhkg.load(base=server.base)


@pytest.mark.parametrize(
    "accept, media_type",
    [
        ("text/csv", "text/csv; charset=utf-8"),
        ("application/sparql-results+json", "application/sparql-results+json"),
        ("application/json", "application/sparql-results+json"),
        ("text/html", "text/html; charset=utf-8"),
        (None, "text/html; charset=utf-8"),
        ("text/tab-separated-values", "text/tab-separated-values; charset=utf-8"),
    ],
)
def test_named_query_by_accept(server, accept, media_type):
    r = server.request("GET", "/queries/municipalities-by-organisation", {"Accept": accept} if accept else {})
    assert r.status == 200, r.text
    assert r.header("content-type") == media_type
    assert r.header("vary") == "Accept, Accept-Language"
    assert r.header("content-location").startswith("/queries/municipalities-by-organisation.")


@pytest.mark.parametrize("ext, media_type", [("csv", "text/csv; charset=utf-8"), ("json", "application/sparql-results+json"), ("html", "text/html; charset=utf-8")])
def test_named_query_by_extension(server, ext, media_type):
    r = server.get(f"/queries/municipalities-by-organisation.{ext}", Accept="image/png")  # the extension decides
    assert r.status == 200 and r.header("content-type") == media_type
    assert r.header("etag") and r.header("last-modified")
    assert server.get(f"/queries/municipalities-by-organisation.{ext}", If_None_Match=r.header("etag")).status == 304


def test_named_query_csv_equals_the_library(server, local_kg):
    r = server.get("/queries/municipalities-by-organisation.csv")
    expected = run(local_kg, "municipalities-by-organisation")
    assert r.text == render_delimited(expected.variables, expected.rows, "csv")
    assert len(list(csv.reader(io.StringIO(r.text)))) == 16


def test_named_query_parameters_are_bound_like_the_cli(server, local_kg):
    r = server.get("/queries/organisations-of-municipality.json?kommun=Klippan")
    assert r.status == 200
    expected = run(local_kg, "organisations-of-municipality", {"kommun": "Klippan"})
    assert len(r.json()["results"]["bindings"]) == len(expected.rows) > 0
    other = server.get("/queries/organisations-of-municipality.json?kommun=1276")
    assert other.json() == r.json()
    dated = server.get("/queries/memberships-in-force.csv?datum=2024-06-30")
    assert dated.status == 200


@pytest.mark.parametrize(
    "path, words",
    [
        ("/queries/organisations-of-municipality.csv?kommun=Atlantis", "no municipality called 'Atlantis'"),
        ("/queries/memberships-in-force.csv?datum=yesterday", "is not a date"),
        ("/queries/presidium.csv?nonsense=1", "has no parameter nonsense"),
        ("/queries/presidium.csv?a=1&a=2", "more than once"),
    ],
)
def test_bad_parameters_are_400_with_the_message(server, path, words):
    r = server.get(path)
    assert r.status == 400
    assert words in r.text
    assert "Traceback" not in r.text


def test_named_query_html_has_title_and_rows(server):
    sv = server.get("/queries/presidium.html")
    en = server.get("/queries/presidium.html", Accept_Language="en")
    q = catalogue()["presidium"]
    assert q.title("sv") in sv.text and q.title("en") in en.text
    assert "Christian Orsing" in sv.text
    assert server.get("/queries/presidium", Accept="image/png").status == 406
    assert server.get("/queries/no-such-query.csv").status == 404


def test_health(server):
    r = server.get("/health")
    assert r.status == 200 and r.header("content-type") == "application/json"
    h = r.json()
    assert h["status"] == "ok" and h["version"] == __version__
    assert h["triples"] == len(fhkg.load())
    assert "https://w3id.org/familjen-helsingborg/graph/data" in h["graphs"]
    assert h["base"] == server.base


def test_query_ui_preloads_every_named_query(server):
    r = server.get("/sparql/ui")
    assert r.status == 200 and r.header("content-type") == "text/html; charset=utf-8"
    page = r.text
    assert '<script src="/sparql/ui/yasgui.min.js"></script>' in page
    assert '"/sparql"' in page
    start = page.index('type="application/json">') + len('type="application/json">')
    tabs = json.loads(page[start : page.index("</script>", start)].replace("<\\/", "</"))
    named = catalogue()
    order = ["municipalities-by-organisation"] + sorted(n for n in named if n != "municipalities-by-organisation")
    assert [t["id"] for t in tabs] == order  # the flagship first (it opens), then by name
    assert [t["name"] for t in tabs] == [named[n].title("sv") for n in order]
    assert all("SELECT" in t["query"] or "ASK" in t["query"] for t in tabs)
    en = server.get("/sparql/ui", Accept_Language="en")
    assert named["presidium"].title("en") in en.text
    for asset, media_type in (("yasgui.min.js", "text/javascript; charset=utf-8"), ("yasgui.min.css", "text/css; charset=utf-8")):
        a = server.get(f"/sparql/ui/{asset}")
        assert a.status == 200 and a.header("content-type") == media_type and a.header("etag")
        assert len(a.body) > 10_000


def test_ui_tab_texts_run_on_the_endpoint(server):
    """Every preloaded tab is a query the endpoint answers (defaults bound)."""
    from urllib.parse import urlencode

    from fhkg.server.ui import tabs

    kg = fhkg.load(base=server.base)
    for tab in tabs(kg, "sv"):
        r = server.request("POST", "/sparql", {"Content-Type": "application/x-www-form-urlencoded"}, urlencode({"query": tab["query"]}))
        assert r.status == 200, (tab["id"], r.text)


def test_named_query_with_parameters_is_a_page_of_the_site(server):
    # a named query run with the request's parameters: the site's layout, a form with the
    # values, downloads that keep the parameters, and links to the things on this server
    r = server.get("/queries/organisations-of-municipality?kommun=Klippan", Accept="text/html")
    assert r.status == 200 and r.header("content-type") == "text/html; charset=utf-8"
    page = r.text
    assert '<header class="site">' in page and '<footer class="site">' in page
    assert 'href="/static/style.css"' in page
    assert 'name="kommun" value="Klippan"' in page and '<form method="get" action="/queries/organisations-of-municipality"' in page
    assert 'href="/queries/organisations-of-municipality.csv?kommun=Klippan"' in page
    assert "fhkg query organisations-of-municipality --param kommun=Klippan" in page
    assert 'href="/id/organisation/soderasens-miljoforbund" title="Söderåsens miljöförbund"' in page
    assert "Söderåsens miljöförbund" in page and "Atlantis" not in page
    en = server.get("/queries/organisations-of-municipality?kommun=Klippan", Accept="text/html", Accept_Language="en")
    assert '<html lang="en">' in en.text and ">Run</button>" in en.text
    assert en.header("content-language") == "en"
    # the same parameters give the same rows as the CSV
    csv_rows = server.get("/queries/organisations-of-municipality.csv?kommun=Klippan").text.strip().splitlines()[1:]
    assert page.count("<tr><td>") == len(csv_rows) > 3


def test_query_ui_is_a_page_of_the_site_in_either_language(server):
    sv = server.get("/sparql/ui")
    assert '<header class="site">' in sv.text and "<h1>Fråga grafen med SPARQL</h1>" in sv.text
    assert 'href="/sparql/ui?lang=en"' in sv.text  # the language switch
    en = server.get("/sparql/ui?lang=en")  # ?lang= wins over Accept-Language
    assert en.header("content-language") == "en" and "<h1>Query the graph with SPARQL</h1>" in en.text
    assert 'href="/sparql/ui?lang=sv"' in en.text
    assert server.get("/sparql/ui?lang=de").header("content-language") == "sv"  # unknown: negotiated


def test_the_ui_page_carries_any_query_text_as_data():
    from fhkg.server.ui import page

    hostile = [{"name": "x", "id": "x", "query": "SELECT * { FILTER(?a < 2 && ?b > 1) } # </script><!--<script>"}]
    html = page(hostile, "sv", "http://127.0.0.1:8080/")
    start = html.index('<script id="fhkg-named-queries" type="application/json">') + len('<script id="fhkg-named-queries" type="application/json">')
    data = html[start : html.index("</script>", start)]
    assert "<" not in data and ">" not in data and "&" not in data.replace("\\u0026", "")
    assert json.loads(data) == hostile
