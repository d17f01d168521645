"""A resource's page (``id/…/key.html``, ``.en.html``) and its machine twins (``.ttl``, ``.jsonld``, ``.rdf``, ``.nt``)."""

from __future__ import annotations

import json
from collections import defaultdict

import pyoxigraph as ox

from ... import __version__
from ...io.jsonld import compact
from ...io.serialize import format_for, prefixes_of, write_terms
from ...terms.labels import LABEL_PROPERTIES
from ...terms.messages import translations
from ...text import sort_key
from ..render import Cell
from . import views
from .core import DESCRIPTION, FIRST, PROVENANCE, Pages

TURTLE, N_TRIPLES, RDF_XML = (format_for(name) for name in ("turtle", "nt", "xml"))


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
    """The twins from Oxigraph's writers (:func:`fhkg.io.serialize.write_terms`, as the dumps),
    JSON-LD compacted with the site's context."""
    triples = twin_triples(pages, iri)  # sorted: the N-Triples lines' order
    header = f"# {iri}\n# Its description in the Familjen Helsingborg knowledge graph (fhkg {__version__}): its own triples,\n# the triples that point at it, and the labels of the resources they name."
    declared = prefixes_of(triples, pages.base)
    pages.site.add(pages.urls.twin(iri, "ttl"), write_terms(triples, TURTLE, pages.base, header, declared))
    pages.site.add(pages.urls.twin(iri, "nt"), write_terms(triples, N_TRIPLES, pages.base))
    pages.site.add(pages.urls.twin(iri, "rdf"), write_terms(triples, RDF_XML, pages.base, declared=declared))
    # compact() sorts nodes and values; one line, as the JSON-LD dump (json's C encoder: indenting
    # took five times as long)
    data = compact(triples, pages.context, pages.compactor)
    pages.site.add(pages.urls.twin(iri, "jsonld"), json.dumps(data, ensure_ascii=False, sort_keys=True) + "\n")
