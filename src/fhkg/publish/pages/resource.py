"""A resource's page (``id/…/key.html``, ``.en.html``) and its machine twins (``.ttl``, ``.jsonld``, ``.rdf``, ``.nt``)."""

from __future__ import annotations

import json
from collections import defaultdict

import pyoxigraph as ox
from rdflib import Graph

from ... import __version__
from ...graph import to_rdflib
from ...io.jsonld import compact
from ...serialization import _sorted_json
from ...terms.labels import LABEL_PROPERTIES
from ...terms.messages import translations
from ...text import sort_key
from ...turtle import format_graph
from ..render import Cell
from . import views
from .core import DESCRIPTION, FIRST, PROVENANCE, Pages


def resource_page(pages: Pages, iri: str, lang: str) -> None:
    at = pages.urls.thing_page(iri, lang)
    _ = translations(lang).gettext
    title, title_lang = pages.label(iri, lang)
    description = [pages.cell(o, lang, at) for o in pages.text(iri, DESCRIPTION, lang)]
    classes = [
        Cell(pages.label(c, lang)[0], href=pages.href(at, pages.urls.class_index(pages.class_curie(c), lang)), title=c)
        for c in sorted(pages.types[iri], key=lambda c: sort_key(pages.label(c, lang)[0], lang))
    ]
    twins = pages.renderer.twins(at, iri)
    by_p: dict[str, list] = defaultdict(list)
    for p, o in pages.out[iri]:
        by_p[p].append(o)
    props = sorted(by_p, key=lambda p: (FIRST.index(p) if p in FIRST else len(FIRST), sort_key(pages.label(p, lang)[0], lang), p))
    properties = [(pages.property_cell(p, lang, at), [pages.cell(o, lang, at, detail=True) for o in sorted(by_p[p], key=pages.term_key(lang))]) for p in props]
    provenance = [row for row in properties if row[0].title in PROVENANCE]
    incoming = sorted(
        ((pages.link(s, lang, at), pages.property_cell(p, lang, at)) for s, p in pages.inc.get(iri, ())),
        key=lambda r: (sort_key(r[1].text, lang), sort_key(r[0].text, lang), r[0].title, r[1].title),
    )
    description_meta = description[0].text if description else ""
    pages.render(
        "resource.html",
        at,
        lang,
        pages.urls.thing_page(iri, pages.other(lang)),
        title=title,
        title_lang=title_lang if title_lang and title_lang != lang else None,
        description_meta=description_meta[:300],
        iri=iri,
        curie=pages.curie(iri),
        classes=classes,
        description=description,
        twins=twins,
        sections=views.sections(pages, iri, lang, at),
        properties=properties,
        provenance=provenance,
        incoming=incoming,
    )


def twin_triples(pages: Pages, iri: str) -> list[ox.Triple]:
    """The resource's triples, the incoming triples, and the labels of every IRI they name."""
    me = ox.NamedNode(iri)
    triples: set[ox.Triple] = set()
    named: set[str] = set()
    for p, o in pages.out[iri]:
        triples.add(ox.Triple(me, ox.NamedNode(p), o))
        if isinstance(o, ox.NamedNode):
            named.add(o.value)
    for s, p in pages.inc.get(iri, ()):
        triples.add(ox.Triple(ox.NamedNode(s), ox.NamedNode(p), me))
        named.add(s)
    named.discard(iri)
    for other in named:
        for p, o in pages.out.get(other, ()):
            if p in LABEL_PROPERTIES:
                triples.add(ox.Triple(ox.NamedNode(other), ox.NamedNode(p), o))
    return sorted(triples, key=str)


def write_twins(pages: Pages, iri: str) -> None:
    triples = twin_triples(pages, iri)
    g = Graph(bind_namespaces="none")  # format_graph and the JSON-LD context name the prefixes
    for tr in triples:
        g.add((to_rdflib(tr.subject), to_rdflib(tr.predicate), to_rdflib(tr.object)))
    header = f"# {iri}\n# Its description in the Familjen Helsingborg knowledge graph (fhkg {__version__}): its own triples,\n# the triples that point at it, and the labels of the resources they name."
    pages.site.add(pages.urls.twin(iri, "ttl"), format_graph(g, header, pages.ns))
    pages.site.add(pages.urls.twin(iri, "nt"), "".join(sorted({f"{t.subject} {t.predicate} {t.object} .\n" for t in triples})))
    predicates = {t.predicate.value for t in triples}
    used = {p: ns for p, ns in pages.ns.items() if any(pr.startswith(ns) for pr in predicates)}
    pages.site.add(pages.urls.twin(iri, "rdf"), ox.serialize(triples, format=ox.RdfFormat.RDF_XML, prefixes=used) or b"")
    data = _sorted_json(compact(triples, pages.context, pages.compactor))
    pages.site.add(pages.urls.twin(iri, "jsonld"), json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n")
