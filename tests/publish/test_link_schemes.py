"""Only http, https and mailto IRIs become links: a user's data naming ``javascript:``, ``data:``
or ``vbscript:`` IRIs is published with those IRIs shown as text, on every page and picture."""

from __future__ import annotations

import re

import pyoxigraph as ox
import pytest

import fhkg
from fhkg.publish import docs, pages, pictures
from fhkg.publish.render import cell_html
from fhkg.publish.site import Site
from fhkg.publish.urls import Urls
from fhkg.server.live import cell
from fhkg.terms.labels import Labels
from fhkg.text import linkable

BASE = "https://w3id.org/familjen-helsingborg/"
KLIPPAN = BASE + "id/kommun/1276"
HOSTILE = ["javascript:alert(1)", "JavaScript:alert(2)", "data:text/html,%3Cb%3Ex", "vbscript:msgbox(3)"]
FRIENDLY = ["https://klippan.se/", "mailto:info@klippan.se"]
UNSAFE_HREF = re.compile(r"""href\s*=\s*["']\s*(?:javascript|data|vbscript):""", re.I)


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    data = tmp_path_factory.mktemp("links") / "links.ttl"
    lines = [f"<{KLIPPAN}> <http://www.w3.org/2000/01/rdf-schema#seeAlso> <{iri}> ." for iri in HOSTILE + FRIENDLY]
    data.write_text("\n".join(lines) + "\n", encoding="utf-8")
    kg = fhkg.load([data])
    s = Site(kg=kg, urls=Urls(kg.base))
    for module in (pages, docs, pictures):
        module.contribute(s)
    return s


def test_no_page_or_picture_links_a_script_iri(site):
    checked = 0
    for path, body in site.files.items():
        if path.endswith((".html", ".svg")):
            checked += 1
            assert not UNSAFE_HREF.search(body.decode("utf-8")), path
    assert checked > 100


def test_the_iris_are_still_shown_and_the_safe_ones_linked(site):
    page = site.files[site.urls.page(KLIPPAN, "sv")].decode("utf-8")
    for iri in FRIENDLY:
        assert f'href="{iri}"' in page, iri
    for iri in ("javascript:alert(1)", "vbscript:msgbox(3)"):
        assert iri in page, iri  # shown as text


@pytest.mark.parametrize("href", HOSTILE + [" javascript:x", "java\tscript:x", "\x01javascript:x", "java\nscript:x"])
def test_script_hrefs_are_not_linkable_however_spelt(href):
    assert not linkable(href)


@pytest.mark.parametrize("href", FRIENDLY + ["../id/kommun/1276.html", "#main", "queries/presidium.html", "//example.org/x"])
def test_page_and_web_hrefs_are_linkable(href):
    assert linkable(href)


def test_named_query_tables_show_script_iris_as_text():
    kg = fhkg.load(shipped=False, base=BASE)
    none = Labels([])
    assert cell_html(cell(kg, ox.NamedNode("javascript:alert(1)"), none, "sv")) == "javascript:alert(1)"  # text, no link
    assert cell_html(cell(kg, ox.NamedNode("https://klippan.se/"), none, "sv")).startswith('<a href="https://klippan.se/"')
