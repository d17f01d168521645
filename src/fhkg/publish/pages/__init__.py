"""The human side of the site: one page per resource (Swedish and English) with machine twins,
class indexes, the home page, search, named query results, the sitemap and rewrite rules.

``contribute(site)`` adds, for every thing ``urls.is_thing(iri)`` that is the subject of a
triple:

* ``id/…/key.html`` (Swedish) and ``id/…/key.en.html`` (English): the resource's label, its
  classes, views that understand the model (a municipality's memberships and committee posts, a
  joint organisation's members, a person's posts, a data set's observations …), a table of every
  property, its provenance, and the links that point at it;
* ``id/…/key.ttl``, ``.jsonld``, ``.rdf``, ``.nt``: the resource's description (its triples, the
  labels of what it links to and of what links to it, and the incoming triples).

and the site-wide documents: ``index.html`` / ``index.en.html``, ``klass/{curie}.html`` per
class, ``search.json`` with ``static/search.js``, ``queries/{name}.{csv,json,html}``,
``sitemap.xml`` and ``deploy/nginx.conf`` / ``deploy/apache.htaccess``.

Where things are: :mod:`.core` (the graph's indexes, labels, cells), :mod:`.views` (a page's
sections that understand the model: one module and one ``.rq`` per view), :mod:`.resource`
(resource pages and twins; :mod:`.parallel` renders them in several processes for a large graph), :mod:`.classes`, :mod:`.home`, :mod:`.named_queries`,
:mod:`.discovery` (404, robots.txt, search index, sitemap) and :mod:`.deploy`. Every page is
built from the Jinja templates in ``fhkg/publish/templates/`` (extending ``base.html``); every
link is made relative by :meth:`Urls.href`; everything is sorted, so the same graph gives the
same bytes.
"""

from __future__ import annotations

from ...queries import run as run_query
from ..render import Cell, Section
from ..site import Site, jsonld_context
from ..urls import LANGS, SCRIPT, SEARCH
from . import classes, deploy, discovery, home, named_queries, parallel
from .core import DEPLOY, DOCS, DUMPS, HERE, METADATA, PICTURES, ROBOTS, SITEMAP, SPARQL, STYLE, Pages

__all__ = ["DEPLOY", "DOCS", "DUMPS", "METADATA", "PICTURES", "ROBOTS", "SCRIPT", "SEARCH", "SITEMAP", "SPARQL", "STYLE", "Cell", "Pages", "Section", "contribute", "jsonld_context"]


def contribute(site: Site) -> None:
    """Add every page, twin, index, query result, search index, sitemap and rewrite rule."""
    build(Pages(site))


def build(pages: Pages) -> None:
    for name in ("style.css", "search.js", "favicon.svg"):
        pages.site.add(f"static/{name}", (HERE / "static" / name).read_bytes())
    parallel.render_things(pages, pages.site.jobs)
    for cls in pages.classes:
        for lang in LANGS:
            classes.class_page(pages, cls, lang)
    results = {name: run_query(pages.kg, q) for name, q in pages.queries.items()}
    for name, q in pages.queries.items():
        named_queries.query_files(pages, q, results[name])
    for lang in LANGS:
        named_queries.queries_index(pages, results, lang)
        home.home(pages, lang)
    discovery.not_found(pages)
    discovery.robots(pages)
    discovery.search_index(pages)
    discovery.sitemap(pages)
    deploy.deploy(pages)
