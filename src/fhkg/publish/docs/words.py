"""The shapes in words, in the page's language: what a shape applies to (:func:`targets`), what
it demands of its values (:func:`demands`, :func:`cardinality`, :func:`path_words`) and how
severe a breach is (:func:`severity`). The sentences are gettext strings (Swedish, the English
in the catalogue, :mod:`fhkg.terms.messages`) with named places for the links.
"""

from __future__ import annotations

from markupsafe import Markup, escape
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, SH
from rdflib.term import Node

from ...terms.messages import translations
from ..render import fill, number
from .links import Linker
from .rdf import rdf_list, sorted_iris

#: constraint parameters described in words; any other sh: parameter is listed as it is
_DESCRIBED = {
    SH.path, SH.minCount, SH.maxCount, SH.datatype, SH["class"], SH.nodeKind, SH.pattern, SH.flags,
    SH.languageIn, SH.uniqueLang, SH.hasValue, SH["in"], SH.qualifiedValueShape, SH.qualifiedMinCount,
    SH.qualifiedMaxCount, SH.qualifiedValueShapesDisjoint, SH.node, SH.closed, SH.ignoredProperties,
    SH.minLength, SH.maxLength, SH.minInclusive, SH.maxInclusive, SH.minExclusive, SH.maxExclusive,
    SH.equals, SH.disjoint, SH.lessThan, SH.lessThanOrEquals,
}  # fmt: skip
_META = {
    SH.name, SH.description, SH.message, SH.severity, SH.deactivated, SH.property, SH.sparql, SH.targetClass,
    SH.targetNode, SH.targetSubjectsOf, SH.targetObjectsOf, SH.order, SH.group, SH.defaultValue, SH.prefixes,
    SH.select, SH.ask, RDF.type, RDFS.isDefinedBy, RDFS.label, RDFS.comment,
}  # fmt: skip


def _code(text: object) -> Markup:
    return Markup("<code>{}</code>").format(text)


def _join(items: list[Markup], word: str) -> Markup:
    """``a, b och c``: the items joined with commas and ``word`` before the last."""
    if len(items) <= 1:
        return Markup("").join(items)
    return Markup(", ").join(items[:-1]) + Markup(" {} ").format(word) + items[-1]


def _count(n: int, lang: str) -> str:
    """A count for a sentence: one to three in words, more in digits."""
    _ = translations(lang).gettext
    return {1: _("ett"), 2: _("två"), 3: _("tre")}.get(n) or number(str(n), lang)


def cardinality(min_count: int | None, max_count: int | None, lang: str) -> str | None:
    """The count demand in words.

    >>> cardinality(1, 1, "sv"), cardinality(1, None, "en"), cardinality(None, 1, "en"), cardinality(2, 5, "sv")
    ('exakt ett värde', 'at least one value', 'at most one value', 'mellan 2 och 5 värden')
    """
    _ = translations(lang).gettext

    def values(n: int) -> str:
        return (_("{n} värde") if n == 1 else _("{n} värden")).format(n=_count(n, lang))

    if min_count is None and max_count is None:
        return None
    if min_count == max_count:
        assert min_count is not None
        return _("exakt {values}").format(values=values(min_count))
    if max_count is None:
        assert min_count is not None
        return _("minst {values}").format(values=values(min_count))
    if not min_count:
        if max_count == 0:
            return _("inga värden")
        return _("högst {values}").format(values=values(max_count))
    return _("mellan {min} och {max} värden").format(min=number(str(min_count), lang), max=number(str(max_count), lang))


def _node_kind(name: str, single: bool, lang: str) -> str:
    """The words for an ``sh:nodeKind`` (``IRI``, ``Literal`` …): one value or many."""
    _ = translations(lang).gettext
    if single:
        words = {
            "IRI": _("en IRI"),
            "Literal": _("en litteral"),
            "BlankNode": _("en tom nod"),
            "BlankNodeOrIRI": _("en IRI eller en tom nod"),
            "BlankNodeOrLiteral": _("en tom nod eller en litteral"),
            "IRIOrLiteral": _("en IRI eller en litteral"),
        }
    else:
        words = {
            "IRI": _("IRI:er"),
            "Literal": _("litteraler"),
            "BlankNode": _("tomma noder"),
            "BlankNodeOrIRI": _("IRI:er eller tomma noder"),
            "BlankNodeOrLiteral": _("tomma noder eller litteraler"),
            "IRIOrLiteral": _("IRI:er eller litteraler"),
        }
    return words.get(name, name)


def path_words(g: Graph, path: Node, link: Linker) -> Markup:
    """A SHACL path in words: a property, ``a eller b``, ``a / b``, ``omvänd a`` …"""
    _ = translations(link.lang).gettext
    if isinstance(path, URIRef):
        return link.term(path)
    if isinstance(path, BNode):
        if (path, RDF.first, None) in g:
            return Markup(" / ").join(path_words(g, p, link) for p in rdf_list(g, path))
        alt = g.value(path, SH.alternativePath)
        if alt is not None:
            return _join([path_words(g, p, link) for p in rdf_list(g, alt)], _("eller"))
        inv = g.value(path, SH.inversePath)
        if inv is not None:
            return fill(_("omvänd {path}"), path=path_words(g, inv, link))
        for key, sign in ((SH.zeroOrMorePath, "*"), (SH.oneOrMorePath, "+"), (SH.zeroOrOnePath, "?")):
            v = g.value(path, key)
            if v is not None:
                return Markup("({}){}").format(path_words(g, v, link), sign)
    return _code("?")


def _value_parts(g: Graph, shape: Node, link: Linker, single: bool) -> list[Markup]:
    """What the values must be (instances of, of datatype, one of …), one phrase each."""
    _ = translations(link.lang).gettext
    parts: list[Markup] = []
    for cls_ in sorted_iris(g.objects(shape, SH["class"])):
        parts.append(fill(_("en instans av {cls}") if single else _("instanser av {cls}"), cls=link.term(cls_)))
    for dt in sorted_iris(g.objects(shape, SH.datatype)):
        parts.append(fill(_("av datatypen {datatype}"), datatype=link.term(dt)))
    for nk in sorted_iris(g.objects(shape, SH.nodeKind)):
        parts.append(escape(_node_kind(str(nk).rsplit("#", 1)[-1], single, link.lang)))
    langs = [str(x) for lst in g.objects(shape, SH.languageIn) for x in rdf_list(g, lst)]
    if langs:
        parts.append(fill(_("text märkt med språket {languages}"), languages=_join([_code(x) for x in langs], _("eller"))))
    for pattern in sorted(str(p) for p in g.objects(shape, SH.pattern)):
        flags = g.value(shape, SH.flags)
        written = _("skrivet enligt det reguljära uttrycket {pattern}") if single else _("skrivna enligt det reguljära uttrycket {pattern}")
        part = fill(written, pattern=_code(pattern))
        if flags:
            part += Markup(" ({})").format(fill(_("flaggor {flags}"), flags=_code(flags)))
        parts.append(part)
    for lst in g.objects(shape, SH["in"]):
        parts.append(fill(_("något av {values}"), values=_join([link.term(x) for x in rdf_list(g, lst)], _("eller"))))
    for p, words in (
        (SH.minLength, _("minst {value} tecken långa")),
        (SH.maxLength, _("högst {value} tecken långa")),
        (SH.minInclusive, _("minst {value}")),
        (SH.maxInclusive, _("högst {value}")),
        (SH.minExclusive, _("större än {value}")),
        (SH.maxExclusive, _("mindre än {value}")),
    ):
        for v in g.objects(shape, p):
            parts.append(fill(words, value=str(v)))
    for node in sorted_iris(g.objects(shape, SH.node)):
        parts.append(fill(_("resurser som uppfyller formen {shape}"), shape=link.term(node)))
    return parts


def demands(g: Graph, shape: Node, link: Linker, *, subject: str = "values") -> list[Markup]:
    """What a shape demands of its values (``subject="node"``: of the focus node), as sentences
    in the linker's language."""
    lang = link.lang
    _ = translations(lang).gettext
    out: list[Markup] = []

    def ints(p: URIRef) -> int | None:
        v = g.value(shape, p)
        return int(str(v)) if v is not None else None

    card = cardinality(ints(SH.minCount), ints(SH.maxCount), lang)
    # one value (sh:maxCount 1, or the focus node itself): the words are singular
    single = ints(SH.maxCount) == 1 or subject != "values"
    parts = _value_parts(g, shape, link, single)
    values = _join(parts, _("och"))
    if subject == "values":
        if card and parts:
            sentence = _("Egenskapen ska ha {count}; värdet ska vara {values}.") if single else _("Egenskapen ska ha {count}; värdena ska vara {values}.")
            out.append(fill(sentence, count=card, values=values))
        elif card:
            out.append(fill(_("Egenskapen ska ha {count}."), count=card))
        elif parts:
            out.append(fill(_("Värdena ska vara {values}."), values=values))
    elif parts:
        out.append(fill(_("Värdet ska vara {values}."), values=values))
    if (shape, SH.uniqueLang, Literal(True)) in g:
        out.append(escape(_("Högst ett värde per språk.")))
    for v in sorted(g.objects(shape, SH.hasValue), key=str):
        out.append(fill(_("Värdet {value} ska finnas bland värdena."), value=link.term(v)))
    qshape = g.value(shape, SH.qualifiedValueShape)
    if qshape is not None:
        qmin, qmax = ints(SH.qualifiedMinCount), ints(SH.qualifiedMaxCount)
        if qmin is not None:
            out.append(fill(_("Minst {n} av värdena ska uppfylla formen {shape}."), n=_count(qmin, lang), shape=link.term(qshape)))
        if qmax is not None:
            out.append(fill(_("Högst {n} av värdena får uppfylla formen {shape}."), n=_count(qmax, lang), shape=link.term(qshape)))
    for p, sentence in (
        (SH.equals, _("Värdena ska vara desamma som för {property}.")),
        (SH.disjoint, _("Inget värde får vara ett värde för {property}.")),
        (SH.lessThan, _("Värdena ska vara mindre än värdena för {property}.")),
        (SH.lessThanOrEquals, _("Värdena ska vara högst lika med värdena för {property}.")),
    ):
        for v in sorted_iris(g.objects(shape, p)):
            out.append(fill(sentence, property=link.term(v)))
    if (shape, SH.closed, Literal(True)) in g:
        ignored = [x for lst in g.objects(shape, SH.ignoredProperties) for x in rdf_list(g, lst)]
        if ignored:
            out.append(fill(_("Formen är sluten: resursen får bara ha egenskaperna i formens egenskapsformer och {properties}."), properties=link.terms(ignored)))
        else:
            out.append(escape(_("Formen är sluten: resursen får bara ha egenskaperna i formens egenskapsformer.")))
    # anything not described above is shown as it is, so no demand goes unmentioned
    for param in sorted(set(g.predicates(shape, None)) - _DESCRIBED - _META, key=str):
        if str(param).startswith(str(SH)):
            for value in sorted(g.objects(shape, param), key=str):
                out.append(Markup("{}: {}").format(link.term(param), link.term(value)))
    return out


def targets(g: Graph, shape: Node, link: Linker) -> list[Markup]:
    """What a shape applies to, as sentences in the linker's language (none: other shapes use it)."""
    _ = translations(link.lang).gettext
    out = []
    classes = sorted_iris(g.objects(shape, SH.targetClass))
    if classes:
        out.append(fill(_("Varje instans av {classes}."), classes=_join([link.term(c) for c in classes], _("och"))))
    nodes = sorted(g.objects(shape, SH.targetNode), key=str)
    if nodes:
        out.append(fill(_("Resursen {nodes}.") if len(nodes) == 1 else _("Resurserna {nodes}."), nodes=link.terms(nodes)))
    for p, sentence in (
        (SH.targetSubjectsOf, _("Varje resurs som har egenskapen {properties}.")),
        (SH.targetObjectsOf, _("Varje värde av egenskapen {properties}.")),
    ):
        props = sorted_iris(g.objects(shape, p))
        if props:
            out.append(fill(sentence, properties=_join([link.term(x) for x in props], _("eller"))))
    return out


def severity(g: Graph, shape: Node, lang: str) -> Markup:
    """The shape's severity, named in ``lang`` and as its ``sh:`` term."""
    _ = translations(lang).gettext
    names = {"Violation": _("överträdelse"), "Warning": _("varning"), "Info": _("information")}
    sev = g.value(shape, SH.severity)
    if sev is None:
        return Markup("{} (<code>sh:Violation</code>) {}").format(names["Violation"], _("(standard)"))
    name = str(sev).rsplit("#", 1)[-1]
    return Markup("{} (<code>sh:{}</code>)").format(names.get(name, name), name)
