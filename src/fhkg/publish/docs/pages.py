"""The two documentation pages, rendered through the site's renderer (:mod:`fhkg.publish.render`)
from ``templates/ontology.html`` and ``templates/shapes.html``: the ontology (:class:`OntologyModel`)
and the shapes (:class:`ShapesModel`, in words by :mod:`.words`), in the page's language."""

from __future__ import annotations

import textwrap
from typing import Any

from markupsafe import Markup
from rdflib import Literal, URIRef
from rdflib.namespace import SH
from rdflib.term import Node

from ...terms.messages import translations
from ...terms.namespaces import ONTOLOGY
from ..render import Renderer, other
from ..site import Site
from ..urls import LANGS, SHAPES
from .links import Linker, anchor, curie, page_of
from .ontology import OntologyModel
from .rdf import literal, literal_in
from .shapes import ShapesModel
from .words import demands, path_words, severity, targets


def headings(lang: str) -> dict[str, str]:
    """The words for the keys of :class:`OntologyModel`: its sections and the rows of a term."""
    _ = translations(lang).gettext
    return {
        "classes": _("Klasser"),
        "object_properties": _("Objektegenskaper"),
        "datatype_properties": _("Dataegenskaper"),
        "annotation_properties": _("Annoteringsegenskaper"),
        "type": _("Typ"),
        "subclass_of": _("Underklass till"),
        "subclasses": _("Underklasser"),
        "subproperty_of": _("Underegenskap till"),
        "subproperties": _("Underegenskaper"),
        "domain": _("Domän"),
        "range": _("Värdemängd"),
        "domain_of": _("Domän för"),
        "range_of": _("Värdemängd för"),
        "code_list": _("Kodlista"),
        "see_also": _("Se även"),
    }


def _context(renderer: Renderer, at: str, doc: str, lang: str) -> dict[str, Any]:
    """What both pages show: the languages (the page's first), the machine twins, prefixed names."""
    return {
        "langs": [lang, other(lang)],
        "twins": renderer.twins(at, doc),
        "curie": lambda iri: curie(str(iri), renderer.urls.base),
    }


def render_ontology(site: Site, renderer: Renderer, m: OntologyModel, lang: str) -> str:
    """``ontology.html`` (or ``.en.html``)."""
    from ..pictures import MODEL  # the model diagram, drawn before the docs when the site is built

    _ = translations(lang).gettext
    urls = site.urls
    at = page_of(urls, ONTOLOGY, lang)
    picture = site.notes.pictures.get(MODEL) if MODEL in site.files else None
    return renderer.page(
        "ontology.html",
        at,
        lang,
        page_of(urls, ONTOLOGY, other(lang)),
        title=m.header["title"][lang] or _("Ontologi"),
        description_meta=m.header["description"][lang] or "",
        **_context(renderer, at, ONTOLOGY, lang),
        m=m,
        link=Linker(urls, at, lang, m.declared, m.labels),
        headings=headings(lang),
        ontology_iri=ONTOLOGY,
        sections=[(k, v) for k, v in m.sections.items() if v],
        model_picture=renderer.href(at, MODEL) if picture else None,
        model_size=(picture.width, picture.height) if picture else (0, 0),
        class_index=lambda iri: renderer.href(at, urls.class_index(curie(str(iri), site.kg.base), lang)),
    )


def render_shapes(site: Site, renderer: Renderer, sm: ShapesModel, m: OntologyModel, lang: str) -> str:
    """``shapes.html`` (or ``.en.html``): the shapes in groups, node shapes, SPARQL checks, helpers."""
    _ = translations(lang).gettext
    urls = site.urls
    at = page_of(urls, SHAPES, lang)
    link = Linker(urls, at, lang, m.declared, {**m.labels, **sm.labels})
    views = _ShapeViews(sm, link)
    g = sm.g
    with_sparql = [s for s in sm.node_shapes if (s, SH.sparql, None) in g]
    helpers = [s for s in sm.node_shapes if s not in with_sparql and not targets(g, s, link)]
    plain = [s for s in sm.node_shapes if s not in with_sparql and s not in helpers]
    groups = [
        {"id": "node-shapes", "title": _("Nodformer"), "shapes": [views.shape(s) for s in plain]},
        {"id": "sparql-checks", "title": _("SPARQL-kontroller"), "shapes": [views.shape(s) for s in with_sparql]},
        {"id": "helper-shapes", "title": _("Hjälpformer"), "shapes": [views.shape(s) for s in helpers]},
    ]
    # property shapes no node shape refers to still get their own entry
    orphans = [p for p in sm.property_shapes if p not in views.shown]
    if orphans:
        shapes = [{**views.shape(p), "demands": demands(g, p, link), "targets": targets(g, p, link)} for p in orphans]
        groups.append({"id": "property-shapes", "title": _("Egenskapsformer"), "shapes": shapes})
    lead = _(
        "Varje form nedan säger vad data måste uppfylla: vad formen gäller, vad varje egenskapsform kräver och vilka SPARQL-kontroller som körs. Valideringen (fhkg validate) använder exakt dessa former."
    )
    return renderer.page(
        "shapes.html",
        at,
        lang,
        page_of(urls, SHAPES, other(lang)),
        title=_("Formerna (SHACL)"),
        description_meta=lead,
        **_context(renderer, at, SHAPES, lang),
        link=link,
        lead=lead,
        shapes_iri=SHAPES,
        groups=[grp for grp in groups if grp["shapes"]],
        counts=_("{n} nodformer, {p} egenskapsformer, {s} SPARQL-kontroller.").format(n=len(sm.node_shapes), p=len(sm.property_shapes), s=len(sm.sparql)),
    )


class _ShapeViews:
    """A shape as the shapes page shows it; each property shape is shown once, under the first
    node shape (in code-point order) that has it, and remembered in :attr:`shown`."""

    def __init__(self, sm: ShapesModel, link: Linker):
        self.sm, self.g, self.link, self.lang = sm, sm.g, link, link.lang
        self.shown: set[URIRef] = set()

    def text(self, node: Node, p: URIRef) -> str | None:
        return literal(self.g, node, p, self.lang)

    def shape(self, s: URIRef) -> dict[str, Any]:
        g, link = self.g, self.link
        return {
            "anchor": anchor(str(s)),
            "name": self.text(s, SH.name) or anchor(str(s)),
            "names": {lang: v for lang in LANGS if (v := literal_in(g, s, SH.name, lang))},
            "description": self.text(s, SH.description),
            "message": self.text(s, SH.message),
            "severity": severity(g, s, self.lang),
            "deactivated": (s, SH.deactivated, Literal(True)) in g,
            "targets": targets(g, s, link),
            "used_by": self.sm.used_by.get(s, []),
            "demands": demands(g, s, link, subject="node"),
            "properties": self.properties(s),
            "sparql": self.checks(s),
        }

    def properties(self, s: URIRef) -> list[dict[str, Any]]:
        g, link = self.g, self.link
        out = []
        for ps in sorted(g.objects(s, SH.property), key=str):
            if not isinstance(ps, URIRef) or ps in self.shown:
                continue
            self.shown.add(ps)
            path = g.value(ps, SH.path)
            out.append(
                {
                    "anchor": anchor(str(ps)),
                    "name": self.text(ps, SH.name) or anchor(str(ps)),
                    "path": path_words(g, path, link) if path is not None else Markup(""),
                    "demands": demands(g, ps, link),
                    "description": self.text(ps, SH.description),
                    "message": self.text(ps, SH.message),
                    "severity": severity(g, ps, self.lang),
                }
            )
        return out

    def checks(self, s: URIRef) -> list[dict[str, Any]]:
        g = self.g
        out = []
        for c in sorted(g.objects(s, SH.sparql), key=str):
            query = g.value(c, SH.select) or g.value(c, SH.ask)
            out.append({"anchor": anchor(str(c)), "message": self.text(c, SH.message), "severity": severity(g, c, self.lang), "query": _dedent(str(query or ""))})
        return out


def _dedent(text: str) -> str:
    """A query's text without the indentation it has inside the Turtle file."""
    return textwrap.dedent(text.strip("\n")).rstrip() + "\n"
