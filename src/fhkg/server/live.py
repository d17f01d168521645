"""The HTML pages the server makes on request, from the site's own templates (``base.html``):
a named query run with the parameters of the request (``/queries/{name}?kommun=…``), and the
description of a thing the built site has no page for.

Links are absolute under the base's path, as on the 404 page: the same page answers at any
address. Labels come from the one label service (:mod:`fhkg.terms.labels`), words from the
message catalogue.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any
from urllib.parse import urlencode, urlparse

import pyoxigraph as ox

from ..graph import KnowledgeGraph
from ..publish.render import Cell, Renderer, other
from ..publish.site import build_date
from ..publish.urls import Urls
from ..queries import NamedQuery, QueryResult
from ..terms import curie, formats
from ..terms.labels import LABEL_PROPERTIES, Labels


def _root(base: str) -> str:
    path = urlparse(base).path or "/"
    return path if path.endswith("/") else path + "/"


def _renderer(kg: KnowledgeGraph) -> Renderer:
    return Renderer(urls=Urls(kg.base), date=build_date())


def _labels(kg: KnowledgeGraph, terms: Iterable[object]) -> Labels:
    """The labels of the IRIs among ``terms`` (only their label triples are read)."""
    iris = {t.value for t in terms if isinstance(t, ox.NamedNode)}
    return Labels((q for i in sorted(iris) for p in LABEL_PROPERTIES for q in kg.store.quads_for_pattern(ox.NamedNode(i), ox.NamedNode(p), None)), kg.base)


def cell(kg: KnowledgeGraph, term: Any, names: Labels, lang: str, *, label: bool = False) -> Cell | None:
    """A term as a page shows it: an IRI by its CURIE (``label``: by its label) with a link —
    to its address on this server when it is under the base — and literals with their language."""
    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        short = curie(term.value, kg.base, bare=True)
        local = term.value.startswith(kg.base)
        href = _root(kg.base) + term.value[len(kg.base) :] if local else term.value
        text = names.name(term.value, lang) if label else short
        return Cell(text, href=href, title=short if label else names.name(term.value, lang), external=not local)
    if isinstance(term, ox.Literal):
        return Cell(term.value, lang=term.language, literal=True)
    return Cell(str(term))


def named_query_page(kg: KnowledgeGraph, q: NamedQuery, result: QueryResult, lang: str, params: dict[str, str], self_path: str) -> str:
    """The page of a named query run with ``params`` (the static page's layout, with a form)."""
    urls, root = Urls(kg.base), _root(kg.base)
    given = {k: v for k, v in params.items() if v}
    query = ("?" + urlencode(sorted(given.items()))) if given else ""
    names = _labels(kg, (v for row in result.rows for v in row))
    at = urls.query_page(q.name, lang)
    return _renderer(kg).page(
        "query.html",
        at,
        lang,
        urls.query_page(q.name, other(lang)),  # the other language's page, with the default parameters
        root=root,
        title=q.title(lang),
        description_meta=q.question(lang),
        query=q,
        question=q.question(lang),
        params=[(p.name, p.type, p.default or "", p.description_in(lang)) for p in q.parameters],
        form={"action": self_path, "fields": [(p.name, params.get(p.name, p.default or ""), p.description_in(lang)) for p in q.parameters]},
        sparql=q.text,
        kind=result.kind,
        boolean=result.boolean,
        variables=result.variables,
        rows=[[cell(kg, v, names, lang) for v in row] for row in result.rows],
        downloads=[(ext, f"{self_path}.{ext}{query}") for ext in ("csv", "json")],
        command=q.command(given),
        index=root + urls.query_page("index", lang),
    )


def describe_page(kg: KnowledgeGraph, iri: str, triples: list[ox.Triple], lang: str) -> str:
    """The description of a thing from the graph, for a thing the site has no page for."""
    urls, root = Urls(kg.base), _root(kg.base)
    names = _labels(kg, [ox.NamedNode(iri), *(t.predicate for t in triples), *(t.object for t in triples)])
    found = names.label(iri, lang)
    title, title_lang = found if found else (iri, None)
    thing = urls.is_thing(iri)
    twins = [(ext, f.media_type, f.title, f"{root}{urls.path_of(iri)}.{ext}") for ext, f in formats.twins().items()] if thing else []
    rows = [(cell(kg, t.predicate, names, lang, label=True), cell(kg, t.object, names, lang)) for t in triples]
    return _renderer(kg).page(
        "describe.html",
        urls.thing_page(iri, lang) if thing else urls.index(lang),
        lang,
        urls.thing_page(iri, other(lang)) if thing else urls.index(other(lang)),
        root=root,
        title=title,
        title_lang=title_lang if title_lang and title_lang != lang else None,
        description_meta="",
        iri=iri,
        twins=twins,
        rows=rows,
    )
