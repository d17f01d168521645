"""Links from the documentation pages: the prefixed name of an IRI (:func:`curie`), the anchor
that documents a term or shape (:func:`anchor`, :func:`term_page`), and the :class:`Linker`
that turns a term, shape, thing or outside IRI into a link from one page."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache

from markupsafe import Markup
from rdflib import BNode, Literal
from rdflib.term import Node

from ... import terms
from ...terms.namespaces import FH, ONTOLOGY, prefixes
from ...text import linkable
from ..urls import SHAPES, Urls

FH_NS = str(FH)
SHP_NS = SHAPES + "#"
# plain strings, not rdflib's closed namespaces (which pytest's doctest collection pokes at)
_XSD = "http://www.w3.org/2001/XMLSchema#"


def curie(iri: str, base: str | None = None) -> str:
    """The prefixed name of an IRI (``fh:Municipality``), or ``<iri>`` if no prefix fits (:func:`fhkg.terms.curie`)."""
    return terms.curie(iri, base)


def anchor(iri: str, base: str | None = None) -> str:
    """The fragment that documents a term on ``ontology.html`` (or a shape on ``shapes.html``):
    the local name for ``fh:`` terms and shapes, ``prefix-Local`` for standard terms.

    >>> anchor("https://w3id.org/familjen-helsingborg/ontology#Municipality")
    'Municipality'
    >>> anchor("http://www.w3.org/ns/org#Membership")
    'org-Membership'
    """
    if iri.startswith(FH_NS):
        return iri[len(FH_NS) :]
    if iri.startswith(SHP_NS):
        return iri[len(SHP_NS) :]
    c = curie(iri, base)
    if c.startswith("<"):
        return re.sub(r"[^A-Za-z0-9_.\-]+", "-", iri).strip("-")
    return c.replace(":", "-")


def term_page(urls: Urls, iri: str, lang: str = "sv") -> str:
    """The ontology page path (with fragment) that documents ``iri``, fh: or standard term."""
    if iri.startswith(FH_NS):
        return page_of(urls, iri, lang)
    return f"{page_of(urls, ONTOLOGY, lang)}#{anchor(iri, urls.base)}"


def page_of(urls: Urls, iri: str, lang: str) -> str:
    """:meth:`Urls.page` of an IRI the site documents (the ontology, its terms, the shapes, things)."""
    page = urls.page(iri, lang)
    if page is None:
        raise ValueError(f"the site has no page for {iri}")
    return page


@cache
def _namespaces(base: str | None) -> list[tuple[str, str]]:
    """The prefixes, longest namespace first."""
    ns = prefixes(base) if base else prefixes()
    return sorted(ns.items(), key=lambda kv: (-len(kv[1]), kv[0]))


@dataclass
class Linker:
    """Builds links from one page of the site: terms, shapes, things and outside IRIs."""

    urls: Urls
    page: str
    lang: str
    declared: frozenset[str] = frozenset()
    labels: dict[str, dict[str, str]] = field(default_factory=dict)

    def href(self, iri: str) -> str:
        """Our own terms, shapes and things link to their documentation in the site; standard
        terms and everything else link to their IRI."""
        if iri.startswith(FH_NS):
            return self.urls.href(self.page, term_page(self.urls, iri, self.lang))
        if iri.startswith(SHP_NS) or iri == SHAPES or self.urls.is_thing(iri):
            return self.urls.href(self.page, page_of(self.urls, iri, self.lang))
        return iri

    def term(self, node: Node | str, text: str | None = None) -> Markup:
        """A link to a term, shown as its prefixed name (``<code>``), titled with its label."""
        if isinstance(node, BNode):
            return Markup("<code>[ ]</code>")
        if isinstance(node, Literal):
            return Markup("<code>{}</code>").format(_literal_text(node))
        iri = str(node)
        label = self.labels.get(iri, {}).get(self.lang)
        shown = text if text is not None else curie(iri, self.urls.base)
        title = f"{label} – {iri}" if label else iri
        href = self.href(iri)
        if not linkable(href):  # javascript:, data:, …: shown, never linked
            return Markup('<code title="{}">{}</code>').format(title, shown)
        if href.startswith(("http://", "https://")):
            return Markup('<a class="external" href="{}" title="{}"><code>{}</code></a>').format(href, title, shown)
        return Markup('<a href="{}" title="{}"><code>{}</code></a>').format(href, title, shown)

    def terms(self, nodes: Iterable[Node | str], sep: str = ", ") -> Markup:
        return Markup(sep).join(self.term(n) for n in nodes)


def _literal_text(lit: Literal) -> str:
    """A literal as Turtle writes it: ``"text"@sv``, ``42``, ``"2024-01-01"^^xsd:date``."""
    if lit.language:
        return f'"{lit}"@{lit.language}'
    if lit.datatype and str(lit.datatype) != _XSD + "string":
        if str(lit.datatype) in (_XSD + "integer", _XSD + "decimal", _XSD + "boolean"):
            return str(lit)
        return f'"{lit}"^^{curie(str(lit.datatype))}'
    return f'"{lit}"'
