"""The pages module: resource pages (sv, en) with machine twins, class indexes, home page, search,
named query results, sitemap and rewrite rules. Built once per module, in memory, for the shipped
graph; the other publishing modules are not run, so links to their files are checked by name."""

from __future__ import annotations

import csv
import hashlib
import html.parser
import io
import json
import os
import posixpath
import re
import subprocess
import sys
import textwrap
from collections import Counter

import pyoxigraph as ox
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markupsafe import escape
from rdflib import Graph, Literal, URIRef

import fhkg
from fhkg.publish import pages
from fhkg.publish.pages.deploy import deploy
from fhkg.publish.site import Site, jsonld_context
from fhkg.publish.urls import CLASSES_ANCHOR, NOT_FOUND, SCRIPT, SEARCH, TWINS, Urls
from fhkg.queries import catalogue
from fhkg.text import sort_key

BASE = "https://w3id.org/familjen-helsingborg/"
KLIPPAN = BASE + "id/kommun/1276"
NSVA = BASE + "id/organisation/nsva"
SOCIALJOUR = BASE + "id/organisation/socialjour"
RDFLIB_FORMATS = {"ttl": "turtle", "nt": "nt", "jsonld": "json-ld", "rdf": "xml"}


@pytest.fixture(scope="module")
def built():
    kg = fhkg.load()
    site = Site(kg=kg, urls=Urls(kg.base))
    pages.contribute(site)
    return site


@pytest.fixture(scope="module")
def urls(built) -> Urls:
    return built.urls


@pytest.fixture(scope="module")
def html_pages(built) -> dict[str, str]:
    """The content pages (the 404 page, served at any address, has its own tests)."""
    return {p: b.decode("utf-8") for p, b in sorted(built.files.items()) if p.endswith(".html") and p != NOT_FOUND}


def test_the_404_page_is_bilingual_and_its_links_work_at_any_depth(built):
    page = built.files[NOT_FOUND].decode("utf-8")
    assert '<html lang="sv">' in page and "Sidan finns inte" in page and '<section lang="en"' in page and "Page not found" in page
    links = re.findall(r'(?:href|src|data-index)="([^"]+)"', page)
    local = [h for h in links if not h.startswith(("http", "#"))]
    assert local and all(h.startswith("/familjen-helsingborg/") for h in local), local
    for h in local:
        assert h.split("#")[0].removeprefix("/familjen-helsingborg/") in built.files, h
    assert NOT_FOUND not in built.files["sitemap.xml"].decode()


def test_robots_txt_names_the_sitemap(built):
    robots = built.files["robots.txt"].decode()
    assert "User-agent: *" in robots and f"Sitemap: {BASE}sitemap.xml" in robots and "Disallow: /familjen-helsingborg/sparql" in robots


@pytest.fixture(scope="module")
def parsed(html_pages) -> dict[str, Page]:
    out = {}
    for path, text in html_pages.items():
        page = Page()
        page.feed(text)
        page.close()
        out[path] = page
    return out


@pytest.fixture(scope="module")
def things(built, urls) -> list[str]:
    subjects = {q.subject.value for q in built.kg.quads() if hasattr(q.subject, "value")}
    return sorted(s for s in subjects if urls.is_thing(s))


class Page(html.parser.HTMLParser):
    """What the checks need from a page: links, ids, headings, images, tables, the html element."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.links: list[tuple[str, str]] = []
        self.ids: list[str] = []
        self.tags = Counter()
        self.html_lang = None
        self.imgs_without_alt = 0
        self.charset = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        self.tags[tag] += 1
        if tag == "html":
            self.html_lang = a.get("lang")
        if tag == "meta" and "charset" in a:
            self.charset = a["charset"]
        if "id" in a:
            self.ids.append(a["id"])
        for attr in ("href", "src"):
            if attr in a and tag in ("a", "link", "img", "script"):
                self.links.append((tag, a[attr]))
        if tag == "img" and not a.get("alt"):
            self.imgs_without_alt += 1


def section(text: str, ident: str) -> str:
    m = re.search(rf'<section id="{re.escape(ident)}".*?</section>', text, re.DOTALL)
    assert m, f"no section {ident}"
    return m.group(0)


def body_rows(fragment: str) -> list[str]:
    body = re.search(r"<tbody>(.*?)</tbody>", fragment, re.DOTALL)
    return re.findall(r"<tr>.*?</tr>", body.group(1), re.DOTALL) if body else []


def page(built, urls, iri: str, lang: str = "sv") -> str:
    return built.files[urls.page(iri, lang)].decode("utf-8")


# ------------------------------------------------------------------ the model-aware views
def test_klippan_lists_its_joint_organisations(built, urls):
    text = page(built, urls, KLIPPAN)
    memberships = section(text, "medlemskap")
    expected = [r[1].value for r in fhkg.query(built.kg, "organisations-of-municipality", {"kommun": "Klippan"}).rows]
    assert len(expected) == 8
    for name in expected:
        assert f">{name}</a>" in memberships
    assert len(body_rows(memberships)) == 8
    assert ">NSVA</a>" not in memberships  # Klippan is not a sourced member of NSVA
    flygplats = next(r for r in body_rows(memberships) if "Ängelholm-Helsingborg flygplats" in r)
    assert "2020-09-01" in flygplats and "delägare" in flygplats


def test_klippan_lists_its_committee_members_and_official(built, urls):
    posts = section(page(built, urls, KLIPPAN), "poster")
    for name in ("Anna Andresen", "Johan Petersson", "Tomas Rikse"):
        assert f">{name}</a>" in posts
    rows = body_rows(posts)
    assert sum(">ledamot</a>" in r for r in rows) == 2
    assert sum(">tjänsteperson</a>" in r for r in rows) == 1
    assert sum(">kommundirektör</a>" in r for r in rows) == 1
    assert "17\u00a0865 invånare" in section(page(built, urls, KLIPPAN), "tal")


def test_nsva_lists_eight_members_with_dates_and_sources(built, urls):
    members = section(page(built, urls, NSVA), "medlemmar")
    rows = body_rows(members)
    assert len(rows) == 8
    orkelljunga = next(r for r in rows if "Örkelljunga kommun" in r)
    assert "2021-01-01" in orkelljunga
    assert 'href="https://www.nsva.se/vatten-och-avlopp/dricksvatten/dricksvattnet-inom-nsva/"' in orkelljunga
    assert all('href="http' in r for r in rows), "every membership cites a source"
    about = section(page(built, urls, NSVA), "organisation")
    assert ">aktiebolag</a>" in about and ">Miljö</a>" in about


def test_socialjour_says_no_source_names_members(built, urls):
    assert "Ingen källa namnger organisationens medlemmar" in section(page(built, urls, SOCIALJOUR), "medlemmar")
    assert "No source names the members" in section(page(built, urls, SOCIALJOUR, "en"), "medlemmar")
    assert "anges inte" in section(page(built, urls, SOCIALJOUR), "organisation")  # no legal form


def test_person_page_lists_posts(built, urls):
    posts = section(page(built, urls, BASE + "id/person/christian-orsing"), "poster")
    rows = body_rows(posts)
    assert len(rows) == 2
    assert any(">ordförande</a>" in r for r in rows)
    assert any(">ledamot</a>" in r and ">Helsingborgs stad</a>" in r for r in rows)
    acting = body_rows(section(page(built, urls, BASE + "id/person/per-borg"), "poster"))
    assert any(">kommunchef</a>" in r and "<td>tf</td>" in r for r in acting)
    assert "<td>acting</td>" in section(page(built, urls, BASE + "id/person/per-borg", "en"), "poster")


def test_network_area_cooperation_dataset_and_quantity_views(built, urls):
    network = page(built, urls, BASE + "id/natverk/naringsliv-och-destination")
    assert ">Företagsamhet</a>" in section(network, "omraden") and ">Livskvalitet</a>" in section(network, "omraden")
    assert len(body_rows(section(network, "aktiviteter"))) == 2
    area = page(built, urls, BASE + "id/begrepp/utvecklingsomrade/livskvalitet")
    assert ">Förskolenätverket</a>" in section(area, "networks")
    assert ">Destination Rönne å och Ringsjön</a>" in section(area, "projects")
    cooperation = page(built, urls, BASE + "id/organisation/familjen-helsingborg")
    assert len(body_rows(section(cooperation, "medlemmar"))) == 11
    assert ">Samarbetskommittén Familjen Helsingborg</a>" in section(cooperation, "organ")
    assert "ett 40-tal kunskapsnätverk och arbetsgrupper" in section(cooperation, "tal")
    assert ">nätverk</a></th><td>13</td>" in section(cooperation, "antal")
    dataset = section(page(built, urls, BASE + "id/dataset/resultatrapport"), "observationer")
    assert len(body_rows(dataset)) == 14
    assert re.search(r"<th scope=\"col\">2024</th><th scope=\"col\">2023</th><th scope=\"col\">2022</th>", dataset)
    assert ">7\u00a0530\u00a0250</a>" in dataset  # utgående medel 2024
    quantity = section(page(built, urls, BASE + "id/kvantitet/natverk-och-arbetsgrupper"), "tal")
    assert ">ungefär</a>" in quantity and "ett 40-tal kunskapsnätverk och arbetsgrupper" in quantity


def test_resource_page_shows_properties_provenance_incoming_twins_and_iri(built, urls):
    text = page(built, urls, KLIPPAN)
    props = section(text, "egenskaper")
    assert ">kommunkod</a>" in props and ">1276</span>" in props
    assert '<span class="literal" lang="en">Klippan Municipality</span> <small class="tag">en</small>' in props
    provenance = section(text, "harkomst")
    assert 'href="../kalla/ar2024-inledning.html"' in provenance and ">Årsredovisning 2024 – inledningen (Samarbetskommittén Familjen Helsingborg)</a>" in provenance
    assert 'href="../kalla/referens-kommuner.html"' in provenance
    incoming = section(text, "lankar-hit")
    assert 'href="../post/samarbetskommitten-1276-ledamot-1.html"' in incoming
    for ext in TWINS:
        assert f'href="1276.{ext}"' in text
    assert f'href="{KLIPPAN}"' in text
    english = page(built, urls, KLIPPAN, "en")
    assert "<h1>Klippan Municipality</h1>" in english
    assert ">municipality code</a>" in section(english, "egenskaper")
    # a label that exists only in Swedish is shown, marked as Swedish, on the English page
    assert '<h1 lang="sv">NSVA</h1>' in page(built, urls, NSVA, "en")


# ------------------------------------------------------------------ every page
def test_every_thing_has_pages_in_both_languages_that_link_to_each_other(built, urls, things):
    assert len(things) > 400
    for iri in things:
        sv, en = urls.page(iri, "sv"), urls.page(iri, "en")
        sv_text, en_text = built.files[sv].decode(), built.files[en].decode()
        assert sv_text.startswith('<!DOCTYPE html>\n<html lang="sv">')
        assert en_text.startswith('<!DOCTYPE html>\n<html lang="en">')
        assert f'href="{urls.href(sv, en)}" hreflang="en"' in sv_text
        assert f'href="{urls.href(en, sv)}" hreflang="sv"' in en_text
        for ext in TWINS:
            assert urls.twin(iri, ext) in built.files


def test_every_page_has_a_language_switch_and_the_shared_stylesheet(built, urls, html_pages):
    for path, text in html_pages.items():
        assert re.search(r'<a href="[^"]+" hreflang="(sv|en)" lang="(sv|en)" rel="alternate">', text), path
        assert f'<link rel="stylesheet" href="{urls.href(path, pages.STYLE)}">' in text, path
        assert f'<script src="{urls.href(path, SCRIPT)}" defer></script>' in text, path


def test_relative_links_resolve(built, urls, parsed):
    other_modules = {urls.dump(ext) for ext, _ in pages.DUMPS} | {urls.dump(ext + ".gz") for ext, _ in pages.DUMPS}
    other_modules |= set(pages.METADATA) | set(pages.DOCS) | set(pages.PICTURES) | {pages.SPARQL}
    broken = []
    for path, page_ in parsed.items():
        for _tag, link in page_.links:
            if re.match(r"^[a-z][a-z0-9+.-]*:", link):
                continue  # external
            target, _, fragment = link.partition("#")
            resolved = posixpath.normpath(posixpath.join(posixpath.dirname(path), target)) if target else path
            if (resolved not in built.files and resolved not in other_modules) or (fragment and resolved in parsed and fragment not in parsed[resolved].ids):
                broken.append((path, link))
    assert not broken, broken[:20]


def test_html_is_well_formed_and_accessible(parsed, html_pages):
    import html5rdf  # comes with rdflib
    strict = html5rdf.HTMLParser(strict=True)
    for path, page_ in parsed.items():
        assert page_.html_lang in ("sv", "en"), path
        assert page_.charset == "utf-8", path
        assert page_.tags["h1"] == 1, path
        assert page_.tags["main"] == 1, path
        assert page_.imgs_without_alt == 0, path
        assert len(page_.ids) == len(set(page_.ids)), (path, [i for i, n in Counter(page_.ids).items() if n > 1])
        assert page_.tags["table"] <= page_.tags["thead"], path
        strict.parse(html_pages[path])  # raises on any HTML5 parse error


def test_pages_are_readable_without_javascript(html_pages, urls):
    for path, text in html_pages.items():
        box = re.search(r'<div class="search" id="search"[^>]*>\s*<a href="([^"]+)">', text)
        assert box, path
        assert box.group(1) == urls.href(path, urls.index("en" if ".en." in path else "sv") + "#" + CLASSES_ANCHOR)


# ------------------------------------------------------------------ twins
def test_twins_parse_and_hold_the_description(built, urls, things):
    kg = built.kg
    sample = things if len(things) < 60 else things[::7] + [KLIPPAN, NSVA, SOCIALJOUR]
    for iri in sample:
        me = URIRef(iri)
        own = {(me, URIRef(q.predicate.value), fhkg.graph.to_rdflib(q.object)) for q in kg.store.quads_for_pattern(ox.NamedNode(iri), None, None)}
        incoming = {(URIRef(q.subject.value), URIRef(q.predicate.value), me) for q in kg.store.quads_for_pattern(None, None, ox.NamedNode(iri)) if hasattr(q.subject, "value")}
        for ext, fmt in RDFLIB_FORMATS.items():
            g = Graph().parse(data=built.files[urls.twin(iri, ext)], format=fmt, publicID=iri)
            triples = set(g)
            assert own <= triples, (iri, ext, own - triples)
            assert incoming <= triples, (iri, ext, incoming - triples)


def test_twins_carry_the_labels_of_what_they_link_to(built, urls):
    g = Graph().parse(data=built.files[urls.twin(KLIPPAN, "ttl")], format="turtle")
    nsva_member = URIRef(BASE + "id/organisation/soderasens-miljoforbund")
    assert Literal("Söderåsens miljöförbund", lang="sv") in set(g.objects(nsva_member, URIRef("http://www.w3.org/2000/01/rdf-schema#label")))
    poster = URIRef(BASE + "id/post/samarbetskommitten-1276-ledamot-1")
    assert (poster, URIRef("https://w3id.org/familjen-helsingborg/ontology#represents"), URIRef(KLIPPAN)) in g


def test_twin_formats_are_canonical(built, urls):
    nt = built.files[urls.twin(KLIPPAN, "nt")].decode()
    lines = nt.splitlines()
    assert lines == sorted(set(lines))
    data = json.loads(built.files[urls.twin(KLIPPAN, "jsonld")])
    assert data["@context"] == jsonld_context(BASE)
    graph = data["@graph"]
    assert [node["@id"] for node in graph] == sorted(node["@id"] for node in graph)
    # (that the JSON-LD bytes do not depend on the triples' order: tests/serialization/test_jsonld_compact.py)
    assert built.files[urls.twin(KLIPPAN, "ttl")].decode().startswith(f"# {KLIPPAN}\n")


def test_the_four_twins_of_a_resource_are_the_same_graph(built, urls, things):
    from rdflib.compare import isomorphic

    for iri in [KLIPPAN, NSVA, SOCIALJOUR, *things[::23]]:
        graphs = {ext: Graph().parse(data=built.files[urls.twin(iri, ext)], format=fmt, publicID=iri) for ext, fmt in RDFLIB_FORMATS.items()}
        assert len(graphs["nt"]) > 0, iri
        for ext, g in graphs.items():
            assert isomorphic(g, graphs["nt"]), (iri, ext)


# ------------------------------------------------------------------ indexes, search, queries
def test_home_pages_link_everything(built, urls, things):
    for lang in ("sv", "en"):
        at = urls.index(lang)
        text = built.files[at].decode()
        for ext, _ in pages.DUMPS:
            assert f'href="{urls.dump(ext)}"' in text and f'href="{urls.dump(ext)}.gz"' in text
        for doc in (*pages.METADATA, *pages.DOCS, SEARCH, pages.SITEMAP, pages.SPARQL):
            assert f'href="{doc}"' in text, doc
        for picture in pages.PICTURES:
            assert re.search(rf'<img src="{re.escape(picture)}" alt="[^"]+">', text), picture
        for name in catalogue():
            assert f'href="{urls.href(at, urls.query_page(name, lang))}"' in text
        assert f'href="{urls.href(at, urls.query_result("index", "html" if lang == "sv" else "en.html"))}"' in text
        assert f'<li><strong>{len(things)}</strong>' in text
        assert f'id="{CLASSES_ANCHOR}"' in text


def test_one_class_index_per_class_sorted_by_label(built, urls):
    kg = built.kg
    classes = {r["c"].value for r in kg.query(f'SELECT DISTINCT ?c WHERE {{ ?s a ?c FILTER (STRSTARTS(STR(?s), "{BASE}id/")) }}')}
    home = built.files[urls.index("sv")].decode()
    for cls in classes:
        curie = next(f"{p}:{cls[len(ns):]}" for p, ns in sorted(fhkg.terms.namespaces.prefixes(BASE).items(), key=lambda kv: -len(kv[1])) if cls.startswith(ns))
        for lang in ("sv", "en"):
            assert urls.class_index(curie, lang) in built.files
        assert f'href="{urls.class_index(curie)}"' in home
    municipalities = built.files[urls.class_index("fh:Municipality")].decode()
    names = re.findall(r'<th scope="row"><a href="[^"]+" title="[^"]+">([^<]+)</a>', municipalities)
    assert names[0] == "Bjuvs kommun" and names[-3:] == ["Åstorps kommun", "Ängelholms kommun", "Örkelljunga kommun"]
    assert names == sorted(names, key=sort_key)
    assert len(names) == 11


def test_search_json_covers_every_page(built, html_pages, things, urls):
    data = json.loads(built.files[SEARCH])
    covered = {i["page"] for i in data["items"]} | {i["page_en"] for i in data["items"]}
    assert covered == set(html_pages)
    klippan = next(i for i in data["items"] if i.get("iri") == KLIPPAN)
    assert klippan["sv"] == "Klippans kommun" and klippan["en"] == "Klippan Municipality"
    assert "Klippan" in klippan["alt"] and "1276" in klippan["alt"]
    assert klippan["class"] == ["fh:Municipality"] and data["classes"]["fh:Municipality"]["en"] == "municipality"
    assert {i["iri"] for i in data["items"] if i["kind"] == "resource"} == set(things)


def test_search_and_home_page_cover_the_other_modules_pages():
    kg = fhkg.load()
    site = Site(kg=kg, urls=Urls(kg.base))
    site.add("kontakt.html", '<!DOCTYPE html><html lang="sv"><head><title>Kontakt – fhkg</title></head></html>')
    site.add("kontakt.en.html", '<!DOCTYPE html><html lang="en"><head><title>Contact &amp; reports – fhkg</title></head></html>')
    site.add("ontology.html", "<title>Ontologin</title>")
    pages.contribute(site)
    items = json.loads(site.files[SEARCH])["items"]
    documents = {i["page"]: i for i in items if i["kind"] == "document"}
    assert documents["kontakt.html"]["sv"] == "Kontakt" and documents["kontakt.html"]["en"] == "Contact & reports"
    assert documents["kontakt.html"]["page_en"] == "kontakt.en.html"
    assert documents["ontology.html"]["page_en"] == "ontology.html"  # no English version: the Swedish one
    assert '<a href="kontakt.en.html">Contact &amp; reports</a>' in site.files["index.en.html"].decode()
    assert "<loc>https://w3id.org/familjen-helsingborg/kontakt.en.html</loc>" in site.files[pages.SITEMAP].decode()
    # English pages link the English ontology documentation only when it exists
    assert 'href="../../ontology.html#kommunkod"' in site.files["id/kommun/1276.en.html"].decode()


def test_search_script_is_our_own_and_degrades(built):
    script = built.files[SCRIPT].decode()
    assert "search.json" in script or "data-index" in script
    assert "import " not in script and "require(" not in script
    assert "fallback" in script  # puts the class-index link back when the index cannot be read


def test_named_query_results(built, urls):
    for name, q in catalogue().items():
        result = fhkg.query(built.kg, name)
        rows = list(csv.reader(io.StringIO(built.files[urls.query_result(name, "csv")].decode())))
        assert rows[0] == result.variables and len(rows) - 1 == len(result.rows)
        data = json.loads(built.files[urls.query_result(name, "json")])
        assert data["head"]["vars"] == result.variables and len(data["results"]["bindings"]) == len(result.rows)
        for lang, suffix in (("sv", "html"), ("en", "en.html")):
            text = built.files[urls.query_result(name, suffix)].decode()
            assert f"<h1>{escape(q.title(lang))}</h1>" in text
            assert str(escape(q.question(lang))) in text
            assert len(body_rows(section(text, "resultat"))) == len(result.rows)
            assert "PREFIX" in section(text, "sparql")
            for p in q.parameters:
                assert f"<code>{p.name}</code>" in text and f"<code>{p.default}</code>" in text
    flagship = built.files[urls.query_result("municipalities-by-organisation", "html")].decode()
    assert 'href="../id/organisation/nsva.html"' in flagship
    for suffix in ("html", "en.html"):
        assert urls.query_result("index", suffix) in built.files


def test_sitemap_lists_every_page(built, html_pages):
    sitemap = built.files[pages.SITEMAP].decode()
    assert sitemap.startswith('<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">')
    locs = re.findall(r"<loc>([^<]+)</loc>", sitemap)
    assert locs == sorted(locs)
    assert set(locs) == {BASE + p for p in html_pages}


def test_rewrite_rules(built):
    for path in pages.DEPLOY:
        text = built.files[path].decode()
        assert text.startswith("# "), path
        assert "303" in text and "Accept, Accept-Language" in text
        assert "/familjen-helsingborg/" in text
        for ext, media in TWINS.items():
            assert re.search(rf"{re.escape(media)}\s+\.?{ext};?\n", text), (path, media)
    assert "RewriteBase /familjen-helsingborg/" in built.files["deploy/apache.htaccess"].decode()
    assert 'location ~ "^/familjen\\-helsingborg/id/[^.]+$"' in built.files["deploy/nginx.conf"].decode()


def test_rewrite_rules_follow_the_base():
    kg = fhkg.load(base="https://data.example.org/fh/")
    site = Site(kg=kg, urls=Urls(kg.base))
    deploy(pages.Pages(site))
    assert "RewriteBase /fh/" in site.files["deploy/apache.htaccess"].decode()
    assert "location /fh/ {" in site.files["deploy/nginx.conf"].decode()


# ------------------------------------------------------------------ determinism
def digest(files: dict[str, bytes]) -> str:
    h = hashlib.sha256()
    for path in sorted(files):
        h.update(path.encode() + b"\0" + hashlib.sha256(files[path]).digest())
    return h.hexdigest()


def test_two_runs_give_identical_bytes(built):
    """A second run in a fresh process, with another hash seed, writes the same bytes."""
    code = textwrap.dedent(
        """
        import hashlib, fhkg
        from fhkg.publish import pages
        from fhkg.publish.site import Site
        from fhkg.publish.urls import Urls
        kg = fhkg.load()
        site = Site(kg=kg, urls=Urls(kg.base))
        pages.contribute(site)
        h = hashlib.sha256()
        for path in sorted(site.files):
            h.update(path.encode() + b"\\0" + hashlib.sha256(site.files[path]).digest())
        print(h.hexdigest())
        """
    )
    env = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}
    env.update(PYTHONHASHSEED="4242", **({"SOURCE_DATE_EPOCH": os.environ["SOURCE_DATE_EPOCH"]} if "SOURCE_DATE_EPOCH" in os.environ else {}))
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True)
    assert out.stdout.strip() == digest(built.files)


def test_the_build_date_is_the_only_date_stamped(built, html_pages):
    for path, text in html_pages.items():
        assert f"<p>Byggd {built.date} med fhkg " in text or f"<p>Built {built.date} with fhkg " in text, path


# ------------------------------------------------------------------ relative links
_SEGMENT = st.sampled_from(["id", "kommun", "1276.html", "klass", "x.en.html", "a", "b", "index.html", "queries"])


@settings(max_examples=300, deadline=None)
@given(st.lists(_SEGMENT, min_size=1, max_size=4), st.lists(_SEGMENT, min_size=1, max_size=4), st.booleans())
def test_links_are_what_posixpath_relpath_makes(to, at, slash):
    """Urls.href's own relative-path computation (it avoids relpath's os.getcwd calls) agrees
    with posixpath.relpath for every pair of site paths."""
    to_path = "/".join(to) + ("/" if slash else "")
    at_path = "/".join(at)
    assert Urls.href(at_path, to_path + "#f") == posixpath.relpath(to_path, posixpath.dirname(at_path) or ".") + "#f"


@settings(max_examples=300, deadline=None)
@given(st.text(), st.one_of(st.none(), st.text(min_size=1)), st.one_of(st.none(), st.text(min_size=1)))
def test_cells_are_escaped_as_markupsafe_escapes(text, lang, tag):
    """cell() writes its texts with its own escaping (it runs for every value of every page):
    the same HTML as markupsafe's."""
    from fhkg.publish.render import Cell, cell_html

    got = str(cell_html(Cell(text, href="x/" + text, lang=lang, tag=tag, title=text)))
    want = f'<a href="{escape("x/" + text)}"' + (f' lang="{escape(lang)}"' if lang else "") + (f' title="{escape(text)}"' if text else "") + f">{escape(text)}</a>"
    want += f' <small class="tag">{escape(tag)}</small>' if tag else ""
    assert got == want


def test_templates_load_with_their_literal_texts_translated():
    """The per-language loader puts each literal ``{{ _("…") }}`` into the template as its escaped
    translation; texts it cannot handle stay calls, and the page reads the same either way."""
    from fhkg.publish.render import _Translated, environment
    from fhkg.terms.messages import translations

    plain = environment().loader.get_source(environment(), "base.html")[0]
    english = _Translated("en").get_source(environment("en"), "base.html")[0]
    assert '{{ _("Hoppa till innehållet") }}' in plain
    assert "_(" not in english and "Hoppa till" not in english
    assert str(escape(translations("en").gettext("Hoppa till innehållet"))) in english
    swedish = _Translated("sv").get_source(environment("sv"), "resource.html")[0]
    assert '{{ pairs(_("Resurs"), _("Egenskap"), incoming) }}' in swedish  # not a literal call: left as it is
