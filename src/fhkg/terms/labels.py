"""The one label service: which label or text a person sees for an IRI, in which language.

**The fallback order** (everywhere: pages, pictures, documentation, the validation report, the
command line): the language asked for, then Swedish (the sources' language), then English, then
a text without a language tag, then the other languages in the order of their tags. Within
one language, ``rdfs:label`` comes before ``skos:prefLabel``, and among several texts the first
in code-point order wins, so the choice never depends on the order a file or a store gave.

Without a label a term is shown by a fixed name if it is one of the few reserved RDF, RDFS
and OWL terms the data uses without labelling them, else by its CURIE
(:func:`fhkg.terms.curie`), else by its IRI.

>>> order("en")
('en', 'sv', '')
>>> pick({"en": "Members", "sv": "Medlemmar"}, "de")
'Medlemmar'
>>> import pyoxigraph as ox
>>> [t.value for t in choose([ox.Literal("b", language="en"), ox.Literal("a", language="fr")], "sv")]
['b']
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from typing import TypeVar

import pyoxigraph as ox

from . import DEFAULT_BASE, RDFS, SKOS, curie

#: The properties that name a thing, in order of preference.
LABEL_PROPERTIES = (RDFS + "label", SKOS + "prefLabel")
#: The language of the sources; the first fallback.
SOURCE = "sv"
#: Names of the reserved RDF, RDFS and OWL terms, (Swedish, English); every other standard
#: term's Swedish and English label is data, in ontology/labels.ttl.
RESERVED: dict[str, tuple[str, str]] = {
    "rdf:type": ("typ", "type"),
    "rdfs:label": ("etikett", "label"),
    "rdfs:comment": ("kommentar", "comment"),
    "owl:Ontology": ("ontologi", "ontology"),
}

T = TypeVar("T")


def order(lang: str) -> tuple[str, ...]:
    """The language tags tried for ``lang``, in order (``""`` is a text without a tag)."""
    return tuple(dict.fromkeys((lang, SOURCE, "en", "")))


def tag_for(tags: Iterable[str], lang: str) -> str | None:
    """Of the language tags ``tags``, the one the fallback order gives for ``lang``."""
    present = set(tags)
    for tag in order(lang):
        if tag in present:
            return tag
    return min(present) if present else None


def pick(texts: Mapping[str, T], lang: str) -> T | None:
    """The entry of ``texts`` (by language tag) that the fallback order gives for ``lang``."""
    tag = tag_for(texts, lang)
    return texts[tag] if tag is not None else None


def by_language(literals: Iterable[object]) -> dict[str, list[str]]:
    """The texts of ``literals`` by language tag (``""`` for none), each list in code-point order; other terms are left out."""
    out: dict[str, list[str]] = defaultdict(list)
    for lit in literals:
        if isinstance(lit, ox.Literal):
            out[lit.language or ""].append(lit.value)
    return {tag: sorted(values) for tag, values in sorted(out.items())}


def choose(literals: Iterable[object], lang: str) -> list[ox.Literal]:
    """The literals in the language the fallback order gives for ``lang``, in code-point order."""
    by_tag: dict[str, list[ox.Literal]] = defaultdict(list)
    for lit in literals:
        if isinstance(lit, ox.Literal):
            by_tag[lit.language or ""].append(lit)
    chosen = pick(by_tag, lang) or []
    return sorted(chosen, key=lambda lit: (lit.value, lit.datatype.value))


def text(literals: Iterable[object], lang: str) -> str | None:
    """The one text that the fallback order gives for ``lang``."""
    chosen = choose(literals, lang)
    return chosen[0].value if chosen else None


class Labels:
    """The labels of a graph's IRIs, read once; :meth:`label` answers in any language.

    >>> import pyoxigraph as ox
    >>> s, label = ox.NamedNode("http://ex/s"), ox.NamedNode(LABEL_PROPERTIES[0])
    >>> labels = Labels([ox.Quad(s, label, ox.Literal("Klippans kommun", language="sv"))])
    >>> labels.label("http://ex/s", "en"), labels.label("http://ex/other", "en")
    (('Klippans kommun', 'sv'), None)
    >>> labels.name("http://www.w3.org/2004/02/skos/core#Concept", "en"), labels.name("http://ex/other", "sv")
    ('skos:Concept', 'http://ex/other')
    """

    def __init__(self, quads: Iterable[ox.Quad | ox.Triple], base: str = DEFAULT_BASE):
        found: dict[str, dict[str, list[tuple[int, str]]]] = defaultdict(lambda: defaultdict(list))
        for q in quads:
            p = q.predicate.value
            if p in LABEL_PROPERTIES and isinstance(q.subject, ox.NamedNode) and isinstance(q.object, ox.Literal):
                found[q.subject.value][q.object.language or ""].append((LABEL_PROPERTIES.index(p), q.object.value))
        #: iri -> language tag -> texts, the preferred property first, then in code-point order
        self.texts: dict[str, dict[str, list[str]]] = {s: {tag: [v for _, v in sorted(vs)] for tag, vs in sorted(by_tag.items())} for s, by_tag in found.items()}
        self.base = base

    @classmethod
    def of_store(cls, store: ox.Store, graphs: Iterable[str] | None = None, base: str = DEFAULT_BASE) -> Labels:
        """The labels in ``store`` (in ``graphs``, or in all of them): only the label quads are read."""
        names = [ox.NamedNode(g) for g in graphs] if graphs is not None else [None]
        quads = (q for p in LABEL_PROPERTIES for g in names for q in store.quads_for_pattern(None, ox.NamedNode(p), None, g))
        return cls(quads, base)

    def has(self, iri: str) -> bool:
        return iri in self.texts

    def all(self, iri: str) -> dict[str, list[str]]:
        """Every label of ``iri`` by language tag."""
        return self.texts.get(iri, {})

    def label(self, iri: str, lang: str) -> tuple[str, str | None] | None:
        """The label of ``iri`` for a reader of ``lang`` with its language tag (None when untagged),
        or the reserved term's name; None when the graph has no label for it."""
        by_tag = self.texts.get(iri)
        if by_tag:
            tag = tag_for(by_tag, lang) or ""
            return by_tag[tag][0], tag or None
        short = curie(iri, self.base)
        if short in RESERVED:
            return RESERVED[short][0 if lang == SOURCE else 1], lang
        return None

    def name(self, iri: str, lang: str) -> str:
        """What a reader of ``lang`` sees for ``iri``: its label, else its CURIE, else the IRI."""
        found = self.label(iri, lang)
        if found:
            return found[0]
        short = curie(iri, self.base)
        return iri if short.startswith("<") else short
