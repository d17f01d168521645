"""A person's walk through the served site in a real browser (Playwright driving Debian's
Chromium): home page → Klippan → one of its joint organisations and its members → English →
the flagship query in the query UI → its result table; and every dump downloads.

Screenshots are kept as test artefacts in ``test-artifacts/walkthrough/`` (or $FHKG_ARTIFACTS).
"""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest

from fhkg.server.ui import yasgui_dir

from .conftest import start

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = Path(os.environ.get("FHKG_ARTIFACTS", ROOT / "test-artifacts")) / "walkthrough"
CHROMIUM = os.environ.get("FHKG_CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"]

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    assert CHROMIUM, "Chromium is needed for the browser tests: apt-get install chromium (CI does), or set FHKG_CHROMIUM"
    assert yasgui_dir() is not None, "the query UI is not installed: npm ci --prefix src/fhkg/server/ui (dev.py does this)"
    srv = start(tmp_path_factory.mktemp("walk"), "--timeout", "20", wait=600)
    yield srv
    srv.stop()


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield b
        b.close()


@pytest.fixture
def page(browser):
    ctx = browser.new_context(locale="sv-SE", extra_http_headers={"Accept-Language": "sv"}, viewport={"width": 1280, "height": 900})
    pg = ctx.new_page()
    refused: list[str] = []  # what the Content-Security-Policy stopped: the pages must need none of it
    pg.on("console", lambda m: refused.append(m.text) if "Content Security Policy" in m.text else None)
    yield pg
    ctx.close()
    assert not refused, refused


def shot(page, name: str) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def test_walk_from_home_to_klippan_to_an_organisation_and_its_members(served, page):
    page.goto(served.url)
    assert page.locator("html").get_attribute("lang") == "sv"
    assert "kunskapsgraf" in page.locator("h1").inner_text()
    shot(page, "01-home")

    page.get_by_role("link", name="Klippans kommun").first.click()
    page.wait_for_url(re.compile(r"/id/kommun/1276\.html$"))
    assert page.locator("h1").inner_text() == "Klippans kommun"
    shot(page, "02-klippan")

    page.locator("main").get_by_role("link", name="Hjälpmedel Medelpunkten").first.click()
    page.wait_for_url(re.compile(r"/id/organisation/medelpunkten\.html$"))
    assert page.locator("h1").inner_text() == "Hjälpmedel Medelpunkten"
    members = page.locator("section:has(h2#medlemmar-h)").inner_text()
    for name in ("Bjuvs kommun", "Klippans kommun", "Helsingborgs stad", "Örkelljunga kommun"):
        assert name in members, name
    shot(page, "03-medelpunkten")

    page.get_by_role("link", name="In English").first.click()
    page.wait_for_url(re.compile(r"/id/organisation/medelpunkten\.en\.html$"))
    assert page.locator("html").get_attribute("lang") == "en"
    assert "Members" in page.locator("main").inner_text()
    shot(page, "04-medelpunkten-en")


def test_run_the_flagship_query_in_the_query_ui(served, page):
    page.goto(served.url + "sparql/ui")
    page.wait_for_selector(".yasqe .CodeMirror", timeout=60_000)
    tab = page.locator(".tabPanel, .tab, [role=tab]").filter(has_text="Kommuner per samarbetsorganisation")
    if tab.count():
        tab.first.click()
    editor_text = page.evaluate("() => document.querySelector('.CodeMirror').CodeMirror.getValue()")
    assert "org:hasMember" in editor_text, "the flagship query is not in the editor"
    page.locator(".yasqe_queryButton").first.click()
    table = page.locator(".yasr table").first
    table.wait_for(timeout=60_000)
    page.wait_for_function("() => document.querySelector('.yasr table') && document.querySelector('.yasr table').innerText.includes('NSVA')", timeout=60_000)
    text = table.inner_text()
    assert "Hjälpmedel Medelpunkten" in text and "NSVA" in text
    shot(page, "05-query-ui")


def test_every_dump_downloads(served, page):
    page.goto(served.url + "index.html")
    links = page.locator("a[href*='dump/fhkg.']")
    hrefs = sorted({links.nth(i).get_attribute("href") for i in range(links.count())})
    assert len(hrefs) == 12, hrefs
    for href in hrefs:
        r = page.request.get(served.url + re.sub(r"^(\./)?", "", href))
        assert r.status == 200 and len(r.body()) > 10_000, href


NARROW_PAGES = [
    "index.html",
    "index.en.html",
    "id/kommun/1276.html",
    "id/organisation/nsva.html",
    "id/organisation/medelpunkten.en.html",
    "queries/index.html",
    "queries/municipalities-by-organisation.html",
    "ontology.html",
    "shapes.en.html",
    "kontakt.html",
    "no/such/page",
]


def test_pages_fit_a_360_px_wide_screen(served, browser):
    """On a 360 px phone nothing is wider than the screen: wide tables scroll inside their box."""
    ctx = browser.new_context(viewport={"width": 360, "height": 740}, device_scale_factor=2, is_mobile=True)
    page = ctx.new_page()
    too_wide = {}
    try:
        for path in NARROW_PAGES:
            page.goto(served.url + path)
            width = page.evaluate("() => document.documentElement.scrollWidth")
            if width > 360:
                culprits = page.evaluate(
                    """() => [...document.querySelectorAll('body *')]
                        .filter(e => e.getBoundingClientRect().right > 361 && !e.closest('.scroll'))
                        .slice(0, 5).map(e => e.tagName + (e.className ? '.' + e.className : ''))"""
                )
                too_wide[path] = (width, culprits)
            if path == "id/kommun/1276.html":
                shot(page, "06-narrow-klippan")
    finally:
        ctx.close()
    assert not too_wide, too_wide
