"""What helps people and crawlers find pages: ``404.html``, ``robots.txt``, ``search.json``, ``sitemap.xml``."""

from __future__ import annotations

import html
import json
import re
from urllib.parse import quote, urlparse
from xml.sax.saxutils import escape as xml_escape

import pyoxigraph as ox

from ... import __version__
from ...terms.messages import translations
from ..urls import NOT_FOUND, SEARCH
from .core import (
    ALT,
    ROBOTS,
    SITEMAP,
    Pages,
)


def not_found(pages: Pages) -> None:
    """``404.html``: both languages on one page (the server cannot know which was wanted)."""
    root = urlparse(pages.base).path or "/"
    pages.render("404.html", NOT_FOUND, "sv", pages.urls.index("en"), root=root if root.endswith("/") else root + "/", title=translations("sv").gettext("Sidan finns inte"), description_meta="", en=translations("en").gettext)


def robots(pages: Pages) -> None:
    """``robots.txt``: everything may be crawled (the query endpoint excepted); the sitemap."""
    root = urlparse(pages.base).path or "/"
    lines = [
        f"# {translations('en').gettext('Familjen Helsingborgs kunskapsgraf')} (fhkg {__version__}). Crawlers read robots.txt at a host's root only:",
        "# where the site is not the whole host, put these lines into the host's own robots.txt.",
        "User-agent: *",
        f"Disallow: {root.rstrip('/')}/sparql",
        "Allow: /",
        f"Sitemap: {pages.base}{SITEMAP}",
    ]
    pages.site.add(ROBOTS, "\n".join(lines) + "\n")


def search_index(pages: Pages) -> None:
    """``search.json``: every page this module writes, with labels, alt labels and class."""
    classes = {
        pages.class_curie(c): {
            "sv": pages.label(c, "sv")[0],
            "en": pages.label(c, "en")[0],
            "page": pages.urls.class_index(pages.class_curie(c), "sv"),
            "page_en": pages.urls.class_index(pages.class_curie(c), "en"),
        }
        for c in pages.classes
    }
    items = []
    for s in pages.things:
        alt = sorted({o.value for p, o in pages.out[s] if p in ALT and isinstance(o, ox.Literal)} | {v for vs in pages.labels.all(s).values() for v in vs[1:]})
        items.append(
            {
                "kind": "resource",
                "iri": s,
                "sv": pages.label(s, "sv")[0],
                "en": pages.label(s, "en")[0],
                "alt": alt,
                "class": [pages.class_curie(c) for c in pages.types[s]],
                "page": pages.urls.page(s, "sv"),
                "page_en": pages.urls.page(s, "en"),
            }
        )
    for c, info in classes.items():
        items.append({"kind": "class", "sv": info["sv"], "en": info["en"], "alt": [c], "class": [], "page": info["page"], "page_en": info["page_en"]})
    for name, q in pages.queries.items():
        items.append({"kind": "query", "sv": q.title("sv"), "en": q.title("en"), "alt": [name], "class": [], "page": pages.urls.query_page(name, "sv"), "page_en": pages.urls.query_page(name, "en")})
    items.append({"kind": "query", "sv": translations("sv").gettext("Namngivna frågor"), "en": translations("en").gettext("Namngivna frågor"), "alt": [], "class": [], "page": pages.urls.query_page("index", "sv"), "page_en": pages.urls.query_page("index", "en")})
    items.append({"kind": "home", "sv": translations("sv").gettext("Familjen Helsingborgs kunskapsgraf"), "en": translations("en").gettext("Familjen Helsingborgs kunskapsgraf"), "alt": ["fhkg"], "class": [], "page": pages.urls.index("sv"), "page_en": pages.urls.index("en")})
    items += other_documents(pages)
    items.sort(key=lambda i: (i["kind"] != "resource", i["page"]))
    data = {"base": pages.base, "classes": classes, "items": items}
    pages.site.add(SEARCH, json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":")) + "\n")


def other_documents(pages: Pages) -> list[dict]:
    """Search entries for the HTML pages other modules wrote (ontology, shapes, contact …), by title."""
    mine = set(pages.written)
    entries = []
    for path in sorted(p for p in pages.site.files if p.endswith(".html") and p not in mine and not p.endswith(".en.html")):
        english = path[: -len(".html")] + ".en.html"
        english = english if english in pages.site.files else path
        titles = {}
        for lang, doc in (("sv", path), ("en", english)):
            m = re.search(rb"<title>(.*?)</title>", pages.site.files[doc], re.DOTALL)
            title = html.unescape(m.group(1).decode("utf-8")).strip() if m else doc
            titles[lang] = title.split(" – ")[0].strip() or title
        entries.append({"kind": "document", "sv": titles["sv"], "en": titles["en"], "alt": [path], "class": [], "page": path, "page_en": english})
    return entries


def sitemap(pages: Pages) -> None:
    """``sitemap.xml``: every HTML page of the site (the other modules' too), absolute under the base."""
    documents = sorted(p for p in pages.site.files if p.endswith(".html") and p != NOT_FOUND)
    lines = ['<?xml version="1.0" encoding="UTF-8"?>', '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">']
    lines += [f"  <url><loc>{xml_escape(pages.base + quote(p, safe='/-._~'))}</loc></url>" for p in documents]
    lines.append("</urlset>")
    pages.site.add(SITEMAP, "\n".join(lines) + "\n")
