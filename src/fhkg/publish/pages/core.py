"""What every page of the package shares: the graph read once into indexes (outgoing and
incoming triples, labels, classes, instances), naming (labels, CURIEs, page paths), the cells
a page shows, and rendering through :class:`fhkg.publish.render.Renderer`.
"""

from __future__ import annotations

import re
from collections import defaultdict
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from ...io.jsonld import Compactor
from ...queries import catalogue
from ...terms import curie
from ...terms.labels import Labels, choose
from ...terms.messages import translations
from ...terms.namespaces import DCTERMS, FH, FOAF, PROV, RDF, RDFS, SKOS, XSD
from ...terms.namespaces import prefixes as all_prefixes
from ...text import sort_key
from .. import render
from ..dumps import DUMPS as dump_formats
from ..pictures import INCOME, MEMBERSHIP, MODEL
from ..render import Cell, Renderer, number
from ..site import Site, jsonld_context
from ..urls import STYLESHEET

HERE = Path(__file__).resolve().parent.parent  # fhkg/publish: templates/ and static/

# ---------------------------------------------------------------- documents of the site
# Paths that Urls has no builder for; the ones marked "other" are written by other modules.
STYLE = STYLESHEET
SITEMAP = "sitemap.xml"
ROBOTS = "robots.txt"
DEPLOY = ("deploy/nginx.conf", "deploy/apache.htaccess")
SPARQL = "sparql"  # the endpoint of `fhkg`'s server, relative to the site root (live only when served)
DUMPS = tuple((d.ext, d.name) for d in dump_formats)  # other
PICTURES = (MEMBERSHIP, INCOME, MODEL)  # other
METADATA = ("catalog.rdf", "void.ttl", "context.jsonld", "validation-report.ttl")  # other
DOCS = ("ontology.html", "shapes.html")  # other

RDF_TYPE = str(RDF.type)
FIRST = (RDF_TYPE, str(RDFS.label), str(SKOS.prefLabel), str(SKOS.altLabel))
PROVENANCE = (str(DCTERMS.source), str(PROV.wasDerivedFrom))
DESCRIPTION = str(DCTERMS.description)
ALT = (str(SKOS.altLabel), str(SKOS.hiddenLabel), str(FOAF.name), str(DCTERMS.title), str(FH.kommunkod))
XSD_STRING = str(XSD.string)
NUMERIC = {str(XSD.integer), str(XSD.decimal), str(XSD.int), str(XSD.long), str(XSD.double), str(XSD.nonNegativeInteger)}

NETWORKS = {str(FH.Network), str(FH.WorkingGroup)}
PROJECTS = {str(FH.Project), str(FH.Study), str(FH.Programme)}
QUANTITIES = {str(FH.StatedQuantity), str(FH.Budget), str(FH.Fee)}



class Pages:
    """Everything :func:`contribute` writes, built from one pass over the graph."""

    def __init__(self, site: Site):
        self.site, self.kg, self.urls = site, site.kg, site.urls
        self.base = self.kg.base
        self.ns = all_prefixes(self.base)
        self.context = jsonld_context(self.base)  # the twins' JSON-LD context
        self.compactor = Compactor(self.context)
        out: dict[str, set[tuple[str, Any]]] = defaultdict(set)
        inc: dict[str, set[tuple[str, str]]] = defaultdict(set)
        near_blank: set[str] = set()  # named nodes with a blank node next to them (no index holds those triples)
        for q in self.kg.quads():
            s, o = q.subject, q.object
            if not isinstance(s, ox.NamedNode) or isinstance(o, ox.BlankNode | ox.Triple):
                # only the ontology's OWL axioms have blank nodes in the shipped graph; no page shows them
                if isinstance(s, ox.NamedNode):
                    near_blank.add(s.value)
                elif isinstance(o, ox.NamedNode):
                    near_blank.add(o.value)
                continue
            out[s.value].add((q.predicate.value, o))
            if isinstance(o, ox.NamedNode):
                inc[o.value].add((s.value, q.predicate.value))
        self.out, self.inc, self.near_blank = out, inc, near_blank
        self.things = sorted(s for s in out if self.urls.is_thing(s))
        self.thing_set = set(self.things)
        self.labels = Labels.of_store(self.kg.store, self.kg.graph_names(), self.base)
        self.types = {s: sorted(o.value for p, o in out[s] if p == RDF_TYPE and isinstance(o, ox.NamedNode)) for s in self.things}
        self.classes = sorted({c for s in self.things for c in self.types[s]})
        self.instances = {c: [s for s in self.things if c in self.types[s]] for c in self.classes}
        self.queries = dict(sorted(catalogue().items()))
        self.written: list[str] = []  # every HTML page this package writes
        self.selected: dict[tuple[str, str], list[dict[str, Any]]] = {}  # the views' rows (views.query.select)
        self.renderer = Renderer(site)
        self.href = self.renderer.href

    def curie(self, iri: str) -> str:
        """The CURIE of ``iri`` (:func:`fhkg.terms.curie`), else the IRI itself."""
        return curie(iri, self.base, bare=True)

    def class_curie(self, cls: str) -> str:
        curie = self.curie(cls)
        return curie if curie != cls else re.sub(r"[^A-Za-z0-9]+", "-", cls).strip("-")

    def label(self, iri: str, lang: str) -> tuple[str, str | None]:
        """The label for ``lang`` (:mod:`fhkg.terms.labels`: its fallback order) and its language;
        without one, the CURIE of a vocabulary term and the IRI of a thing."""
        found = self.labels.label(iri, lang)
        if found:
            return found
        curie = self.curie(iri)
        return (curie if curie != iri and not self.urls.is_thing(iri) else iri), None

    def page_of(self, iri: str, lang: str) -> str | None:
        """The site document for ``iri`` in ``lang``, if the site has one."""
        if iri in self.thing_set:
            return self.urls.page(iri, lang)
        if self.urls.is_thing(iri):
            return None
        path = self.urls.page(iri, lang)  # the ontology and shapes documentation
        if path and lang != "sv" and path.partition("#")[0] not in self.site.files:
            path = self.urls.page(iri, "sv")
        return path

    def other(self, lang: str) -> str:
        return render.other(lang)

    def cell(self, term, lang: str, at: str, *, detail: bool = False) -> Cell:
        """A term as shown on the page at ``at``: IRIs by label with a link, literals with their language."""
        if isinstance(term, ox.NamedNode):
            return self.link(term.value, lang, at)
        if term.language:
            return Cell(term.value, lang=term.language, tag=term.language, literal=True)
        dt = term.datatype.value
        if dt == XSD_STRING:
            return Cell(term.value, literal=True)
        if detail:
            return Cell(term.value, tag=self.curie(dt), literal=True)
        if dt in NUMERIC:
            return Cell(number(term.value, lang), literal=True)
        if dt == str(XSD.boolean):
            _ = translations(lang).gettext
            return Cell({"true": _("sant"), "false": _("falskt")}.get(term.value, term.value), literal=True)
        return Cell(term.value, literal=True)

    def link(self, iri: str, lang: str, at: str, text: str | None = None) -> Cell:
        label, label_lang = self.label(iri, lang)
        target = self.page_of(iri, lang)
        href = self.href(at, target) if target else iri
        return Cell(
            text if text is not None else label,
            href=href,
            lang=label_lang if (text is None and label_lang and label_lang != lang) else None,
            title=iri,
            external=target is None,
        )

    def text(self, iri: str, prop: str, lang: str) -> list[ox.Literal]:
        """The literals of ``prop`` in the language the fallback order gives for ``lang``."""
        return choose((o for p, o in self.out.get(iri, ()) if p == prop), lang)

    def term_key(self, lang: str):
        order = {lang: 0, self.other(lang): 1}

        def key(term):
            if isinstance(term, ox.NamedNode):
                return (0, sort_key(self.label(term.value, lang)[0], lang), term.value)
            return (1, (order.get(term.language or "", 2), term.language or "", term.datatype.value if not term.language else ""), term.value)

        return key

    def property_cell(self, p: str, lang: str, at: str) -> Cell:
        c = self.link(p, lang, at)
        return Cell(c.text, href=c.href, lang=c.lang, tag=self.curie(p), title=p, external=c.external)

    def cells(self, terms, lang: str, at: str) -> list[Cell]:
        unique = {t for t in terms if t is not None}
        return [self.cell(t, lang, at) for t in sorted(unique, key=self.term_key(lang))]

    @staticmethod
    def true(term) -> bool:
        return term is not None and term.value in ("true", "1")

    def render(self, template: str, at: str, lang: str, other_page: str, root: str | None = None, **ctx) -> None:
        """Render ``template`` to ``at`` (:meth:`Renderer.page`) and remember it as one of this module's pages."""
        self.site.add(at, self.renderer.page(template, at, lang, other_page, root=root, **ctx))
        self.written.append(at)
