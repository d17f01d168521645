"""Ontology and shapes documentation: ``ontology.html`` and ``shapes.html`` (sv, and ``.en.html``)
with their machine twins (``ontology.ttl|.jsonld|.rdf|.nt``, ``shapes.ttl|…``).

``ontology.html`` documents the ontology header, every ``fh:`` class and property (labels and
definitions in sv and en, alignments to the standard terms, domain and range, sub-terms,
disjointness, the shapes that check it) under the anchor :meth:`Urls.page` gives
(``ontology.html#Municipality``), the standard terms the ontology declares (anchored by
:func:`anchor`: ``ontology.html#org-Membership``) and the concept schemes of the data with their
concepts. ``shapes.html`` says in words what every SHACL shape demands, in the page's language,
with the SPARQL of each SHACL-SPARQL check; anchors are the shapes' local names
(``shapes.html#MunicipalityShape``).

Pages link ``static/style.css`` and their other-language version; every link inside the site is
relative (:meth:`Urls.href`). The output depends only on the graph and the shapes, so two builds
give the same bytes.
"""

from __future__ import annotations

import re
import textwrap
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox
from jinja2 import DictLoader, Environment, StrictUndefined
from markupsafe import Markup, escape
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import DCTERMS, OWL, QB, RDF, RDFS, SH, SKOS, VANN

from ... import __version__
from ...graph import GRAPHS, KnowledgeGraph, Source, load_shapes, rebase_graph, to_oxigraph
from ...namespaces import FH, ONTOLOGY, prefixes
from ...serialization import serialize
from ...text import linkable, sv_key
from ..site import Site
from ..urls import FAVICON, LANGS, SHAPES, STYLESHEET, TWINS, Urls

FH_NS = str(FH)
SHP_NS = SHAPES + "#"
#: twin extension -> fhkg.serialization format name
TWIN_FORMATS = {"ttl": "turtle", "jsonld": "jsonld", "rdf": "xml", "nt": "nt"}
TWIN_NAMES = {"ttl": "Turtle", "jsonld": "JSON-LD", "rdf": "RDF/XML", "nt": "N-Triples"}

# plain strings, not rdflib's closed namespaces (which pytest's doctest collection pokes at)
_XSD = "http://www.w3.org/2001/XMLSchema#"
SCHEMA_POSITION = "https://schema.org/position"
_PROPERTY_KINDS = (OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty)
_TERM_KINDS = (OWL.Class, *_PROPERTY_KINDS)


def contribute(site: Site) -> None:
    """Add the ontology and shapes documentation and their machine twins to ``site``."""
    onto = site.kg.to_rdflib(("ontology",))
    shapes = rebase_graph(load_shapes(), site.kg.base)
    model = OntologyModel.of(site.kg, onto, shapes)
    shape_model = ShapesModel.of(shapes)
    for lang in LANGS:
        site.add(site.urls.page(ONTOLOGY, lang), render_ontology(site, model, lang))
        site.add(site.urls.page(SHAPES, lang), render_shapes(site, shape_model, model, lang))
    skg = shapes_graph(shapes, site.kg.base)
    for ext in TWINS:
        site.add(site.urls.twin(ONTOLOGY, ext), ontology_twin(site.kg, ext))
        site.add(site.urls.twin(SHAPES, ext), _retitle(serialize(skg, TWIN_FORMATS[ext], kinds=("shapes",)), SHAPES_HEADER))
    site.notes["docs"] = {
        "ontology": {lang: site.urls.page(ONTOLOGY, lang) for lang in LANGS},
        "shapes": {lang: site.urls.page(SHAPES, lang) for lang in LANGS},
    }


# ---------------------------------------------------------------------------- machine twins

ONTOLOGY_HEADER = f"# fhkg {__version__}: the Familjen Helsingborg ontology, {ONTOLOGY}"
SHAPES_HEADER = f"# fhkg {__version__}: the SHACL shapes of the Familjen Helsingborg knowledge graph, {SHAPES}"


def ontology_twin(kg: KnowledgeGraph, ext: str) -> bytes:
    """The ontology (only) in the twin format ``ext`` (``ttl``, ``jsonld``, ``rdf``, ``nt``)."""
    return _retitle(serialize(kg, TWIN_FORMATS[ext], kinds=("ontology",)), ONTOLOGY_HEADER)


def shapes_graph(shapes: Graph, base: str) -> KnowledgeGraph:
    """The shapes as a :class:`KnowledgeGraph` of their own (named graph ``graph/shapes``), so
    :func:`fhkg.serialization.serialize` writes them like every other dump."""
    store = ox.Store()
    name = ox.NamedNode(GRAPHS["shapes"])
    # in a fixed order: a store writes its quads in the order they went in
    store.extend(sorted((ox.Quad(to_oxigraph(s), to_oxigraph(p), to_oxigraph(o), name) for s, p, o in shapes), key=str))
    return KnowledgeGraph(store, base=base, sources=[Source(Path("shapes"), "shapes", GRAPHS["shapes"])])


def _retitle(payload: bytes, header: str) -> bytes:
    """Replace the generic first comment line of a Turtle dump by one that says what it holds."""
    if payload.startswith(b"# fhkg "):
        _, _, rest = payload.partition(b"\n")
        return header.encode("utf-8") + b"\n" + rest
    return payload


# ---------------------------------------------------------------------------- shared helpers


def curie(iri: str, base: str | None = None) -> str:
    """The prefixed name of an IRI (``fh:Municipality``), or ``<iri>`` if no prefix fits."""
    for prefix, ns in _namespaces(base):
        if iri.startswith(ns) and len(iri) > len(ns):
            local = iri[len(ns):]
            if re.fullmatch(r"[A-Za-z0-9_][A-Za-z0-9_.\-]*", local):
                return f"{prefix}:{local}"
    return f"<{iri}>"


def anchor(iri: str, base: str | None = None) -> str:
    """The fragment that documents a term on ``ontology.html`` (or a shape on ``shapes.html``):
    the local name for ``fh:`` terms and shapes, ``prefix-Local`` for standard terms.

    >>> anchor("https://w3id.org/familjen-helsingborg/ontology#Municipality")
    'Municipality'
    >>> anchor("http://www.w3.org/ns/org#Membership")
    'org-Membership'
    """
    if iri.startswith(FH_NS):
        return iri[len(FH_NS):]
    if iri.startswith(SHP_NS):
        return iri[len(SHP_NS):]
    c = curie(iri, base)
    if c.startswith("<"):
        return re.sub(r"[^A-Za-z0-9_.\-]+", "-", iri).strip("-")
    return c.replace(":", "-")


def term_page(urls: Urls, iri: str, lang: str = "sv") -> str:
    """The ontology page path (with fragment) that documents ``iri``, fh: or standard term."""
    if iri.startswith(FH_NS):
        return urls.page(iri, lang)
    return f"{urls.page(ONTOLOGY, lang)}#{anchor(iri, urls.base)}"


_NS_CACHE: dict[str | None, list[tuple[str, str]]] = {}


def _namespaces(base: str | None) -> list[tuple[str, str]]:
    if base not in _NS_CACHE:
        ns = prefixes(base) if base else prefixes()
        _NS_CACHE[base] = sorted(ns.items(), key=lambda kv: (-len(kv[1]), kv[0]))
    return _NS_CACHE[base]


def _lit(g: Graph, s, p, lang: str | None) -> str | None:
    """One literal of ``s p``: in ``lang`` if given (falling back to sv, then any)."""
    values = [o for o in g.objects(s, p) if isinstance(o, Literal)]
    if not values:
        return None
    for want in (lang, "sv", "en", None):
        for v in sorted(values, key=str):
            if (v.language or None) == want:
                return str(v)
    return str(sorted(values, key=str)[0])


def _sorted_iris(nodes: Iterable) -> list[URIRef]:
    return sorted({n for n in nodes if isinstance(n, URIRef)}, key=str)


def _list(g: Graph, node) -> list:
    if node is None:
        return []
    try:
        return list(Collection(g, node))
    except Exception:  # not a well-formed RDF list
        return [node]


# ---------------------------------------------------------------------------- texts

TEXT = {
    "sv": {
        "other_lang": "English",
        "skip": "Hoppa till innehållet",
        "nav": "Webbplatsen",
        "footer_licence": "Ontologi, former och data:",
        "footer_built": "Byggd",
        "with": "med",
        "other_lang_code": "en",
        "site": "Familjen Helsingborgs kunskapsgraf",
        "home": "Start",
        "ontology": "Ontologi",
        "shapes": "Former (SHACL)",
        "contents": "Innehåll",
        "machine": "Maskinläsbart",
        "iri": "IRI",
        "version": "Version",
        "version_iri": "Versions-IRI",
        "licence": "Licens",
        "prefix": "Prefix",
        "namespace": "Namnrymd",
        "created": "Skapad",
        "creator": "Upphov",
        "publisher": "Utgivare",
        "note": "Anmärkning",
        "classes": "Klasser",
        "object_properties": "Objektegenskaper",
        "datatype_properties": "Dataegenskaper",
        "annotation_properties": "Annoteringsegenskaper",
        "external": "Standardtermer som ontologin deklarerar",
        "external_intro": "Ontologin deklarerar de standardtermer som data använder, så att ontologi plus data är en OWL 2 DL-ontologi. De definieras av sina egna vokabulär; länken går till deras IRI.",
        "disjoint": "Disjunkta klasser",
        "disjoint_intro": "Inga resurser kan vara instanser av två klasser i samma grupp.",
        "schemes": "Begreppsscheman",
        "schemes_intro": "Begreppsschemana i data, med sina begrepp (kodlistor för roller, former, områden och resultatposter).",
        "label": "Etikett",
        "definition": "Definition",
        "type": "Typ",
        "subclass_of": "Underklass till",
        "subclasses": "Underklasser",
        "subproperty_of": "Underegenskap till",
        "subproperties": "Underegenskaper",
        "see_also": "Se även",
        "domain": "Domän",
        "range": "Värdemängd",
        "domain_of": "Domän för",
        "range_of": "Värdemängd för",
        "disjoint_with": "Disjunkt med",
        "code_list": "Kodlista",
        "checked_by": "Kontrolleras av",
        "instances": "Instanser",
        "instances_link": "alla instanser",
        "term": "Term",
        "kind": "Slag",
        "declared_sub": "Specialiseras av",
        "concept": "Begrepp",
        "concepts": "begrepp",
        "broader": "Överordnat",
        "top": "toppbegrepp",
        "position": "Nr",
        "shapes_title": "Formerna (SHACL)",
        "shapes_lead": "Varje form nedan säger vad data måste uppfylla: vad formen gäller, vad varje egenskapsform kräver och vilka SPARQL-kontroller som körs. Valideringen (fhkg validate) använder exakt dessa former.",
        "node_shapes": "Nodformer",
        "sparql_checks": "SPARQL-kontroller",
        "helper_shapes": "Hjälpformer",
        "targets": "Gäller",
        "demands": "Krav",
        "description": "Beskrivning",
        "message": "Meddelande",
        "severity": "Allvarlighetsgrad",
        "property_shapes": "Egenskapsformer",
        "query": "Fråga",
        "name": "Namn",
        "path": "Egenskap",
        "used_by": "Används av",
        "no_targets": "Formen har inga egna mål; andra former använder den.",
        "Violation": "överträdelse",
        "Warning": "varning",
        "Info": "information",
        "default_severity": "(standard)",
        "deactivated": "Formen är avstängd (sh:deactivated).",
        "count_shapes": "{n} nodformer, {p} egenskapsformer, {s} SPARQL-kontroller.",
        "model": "Modellen",
        "model_alt": "Diagram över modellen: klasserna som rutor och egenskaperna mellan dem som pilar.",
        "model_caption": "Klasserna och egenskaperna mellan dem, ur ontologin och data. Öppna bilden för att klicka dig vidare till varje term.",
    },
    "en": {
        "other_lang": "Svenska",
        "skip": "Skip to content",
        "nav": "Site",
        "footer_licence": "Ontology, shapes and data:",
        "footer_built": "Built",
        "with": "with",
        "other_lang_code": "sv",
        "site": "The Familjen Helsingborg knowledge graph",
        "home": "Home",
        "ontology": "Ontology",
        "shapes": "Shapes (SHACL)",
        "contents": "Contents",
        "machine": "Machine-readable",
        "iri": "IRI",
        "version": "Version",
        "version_iri": "Version IRI",
        "licence": "Licence",
        "prefix": "Prefix",
        "namespace": "Namespace",
        "created": "Created",
        "creator": "Creator",
        "publisher": "Publisher",
        "note": "Note",
        "classes": "Classes",
        "object_properties": "Object properties",
        "datatype_properties": "Datatype properties",
        "annotation_properties": "Annotation properties",
        "external": "Standard terms the ontology declares",
        "external_intro": "The ontology declares the standard terms the data uses, so that ontology plus data is an OWL 2 DL ontology. They are defined by their own vocabularies; the link goes to their IRI.",
        "disjoint": "Disjoint classes",
        "disjoint_intro": "No resource can be an instance of two classes of the same group.",
        "schemes": "Concept schemes",
        "schemes_intro": "The concept schemes of the data, with their concepts (the code lists of roles, legal forms, areas and financial line items).",
        "label": "Label",
        "definition": "Definition",
        "type": "Type",
        "subclass_of": "Subclass of",
        "subclasses": "Subclasses",
        "subproperty_of": "Subproperty of",
        "subproperties": "Subproperties",
        "see_also": "See also",
        "domain": "Domain",
        "range": "Range",
        "domain_of": "Domain of",
        "range_of": "Range of",
        "disjoint_with": "Disjoint with",
        "code_list": "Code list",
        "checked_by": "Checked by",
        "instances": "Instances",
        "instances_link": "all instances",
        "term": "Term",
        "kind": "Kind",
        "declared_sub": "Specialised by",
        "concept": "Concept",
        "concepts": "concepts",
        "broader": "Broader",
        "top": "top concept",
        "position": "No.",
        "shapes_title": "The shapes (SHACL)",
        "shapes_lead": "Each shape below says what the data must satisfy: what the shape applies to, what each property shape demands and which SPARQL checks run. Validation (fhkg validate) uses exactly these shapes.",
        "node_shapes": "Node shapes",
        "sparql_checks": "SPARQL checks",
        "helper_shapes": "Helper shapes",
        "targets": "Applies to",
        "demands": "Demands",
        "description": "Description",
        "message": "Message",
        "severity": "Severity",
        "property_shapes": "Property shapes",
        "query": "Query",
        "name": "Name",
        "path": "Property",
        "used_by": "Used by",
        "no_targets": "The shape has no targets of its own; other shapes use it.",
        "Violation": "violation",
        "Warning": "warning",
        "Info": "info",
        "default_severity": "(default)",
        "deactivated": "The shape is deactivated (sh:deactivated).",
        "count_shapes": "{n} node shapes, {p} property shapes, {s} SPARQL checks.",
        "model": "The model",
        "model_alt": "Diagram of the model: the classes as boxes and the properties between them as arrows.",
        "model_caption": "The classes and the properties between them, from the ontology and the data (labels in Swedish). Open the picture to follow a link to every term.",
    },
}

KIND_NAMES = {
    "sv": {OWL.Class: "klass", OWL.ObjectProperty: "objektegenskap", OWL.DatatypeProperty: "dataegenskap", OWL.AnnotationProperty: "annoteringsegenskap"},
    "en": {OWL.Class: "class", OWL.ObjectProperty: "object property", OWL.DatatypeProperty: "datatype property", OWL.AnnotationProperty: "annotation property"},
}


# ---------------------------------------------------------------------------- links


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
        if iri.startswith(SHP_NS) or iri == SHAPES:
            return self.urls.href(self.page, self.urls.page(iri, self.lang))
        if self.urls.is_thing(iri):
            return self.urls.href(self.page, self.urls.page(iri, self.lang))
        return iri

    def term(self, node, text: str | None = None) -> Markup:
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

    def terms(self, nodes: Iterable, sep: str = ", ") -> Markup:
        return Markup(sep).join(self.term(n) for n in nodes)


def _literal_text(lit: Literal) -> str:
    if lit.language:
        return f'"{lit}"@{lit.language}'
    if lit.datatype and str(lit.datatype) != _XSD + "string":
        if str(lit.datatype) in (_XSD + "integer", _XSD + "decimal", _XSD + "boolean"):
            return str(lit)
        return f'"{lit}"^^{curie(str(lit.datatype))}'
    return f'"{lit}"'


# ---------------------------------------------------------------------------- ontology model


@dataclass
class Term:
    iri: URIRef
    kinds: list[URIRef]
    section: str
    labels: dict[str, str]
    definitions: dict[str, str]
    comments: dict[str, str]
    rows: dict[str, list[tuple[str, list]]] = field(default_factory=dict)

    @property
    def anchor(self) -> str:
        return anchor(str(self.iri))


@dataclass
class OntologyModel:
    kg: KnowledgeGraph
    g: Graph
    header: dict
    sections: dict[str, list[Term]]
    external: list[dict]
    disjoint: list[list[URIRef]]
    schemes: list[dict]
    declared: frozenset[str]
    labels: dict[str, dict[str, str]]
    shapes_for: dict[str, list[URIRef]]
    instances: set[str]

    @classmethod
    def of(cls, kg: KnowledgeGraph, g: Graph, shapes: Graph) -> OntologyModel:
        o = URIRef(ONTOLOGY)
        header = {
            "title": {lang: _lit(g, o, DCTERMS.title, lang) for lang in LANGS},
            "description": {lang: _lit(g, o, DCTERMS.description, lang) for lang in LANGS},
            "comment": {lang: _lit(g, o, RDFS.comment, lang) for lang in LANGS},
            "version": _lit(g, o, OWL.versionInfo, None),
            "version_iri": g.value(o, OWL.versionIRI),
            "licence": g.value(o, DCTERMS.license),
            "prefix": _lit(g, o, VANN.preferredNamespacePrefix, None),
            "namespace": _lit(g, o, VANN.preferredNamespaceUri, None),
            "created": _lit(g, o, DCTERMS.created, None),
            "creator": g.value(o, DCTERMS.creator),
            "publisher": g.value(o, DCTERMS.publisher),
        }
        declared = frozenset(str(s) for k in _TERM_KINDS for s in g.subjects(RDF.type, k) if isinstance(s, URIRef))
        labels: dict[str, dict[str, str]] = {}
        for iri in declared:
            labels[iri] = {lang: v for lang in LANGS if (v := _lit(g, URIRef(iri), RDFS.label, lang))}
        # what the shapes target or constrain, per term
        shapes_for: dict[str, set[URIRef]] = defaultdict(set)
        for shape, cls_ in shapes.subject_objects(SH.targetClass):
            shapes_for[str(cls_)].add(shape)
        for shape, prop in shapes.subject_objects(SH.targetSubjectsOf):
            shapes_for[str(prop)].add(shape)
        for ps, path in shapes.subject_objects(SH.path):
            for p in _path_iris(shapes, path):
                shapes_for[str(p)].add(ps)
        instances = {
            r["c"].value
            for r in kg.query("SELECT DISTINCT ?c WHERE { ?s a ?c }", graphs=kg.graphs_of("data", "links", "user"))
        }
        model = cls(
            kg=kg,
            g=g,
            header=header,
            sections={},
            external=[],
            disjoint=[],
            schemes=[],
            declared=declared,
            labels=labels,
            shapes_for={k: sorted(v, key=str) for k, v in shapes_for.items()},
            instances=instances,
        )
        model._terms()
        model._disjoint()
        model._schemes()
        return model

    # -- fh terms
    def _terms(self) -> None:
        g = self.g
        own = sorted({s for k in _TERM_KINDS for s in g.subjects(RDF.type, k) if str(s).startswith(FH_NS)}, key=str)
        sections: dict[str, list[Term]] = {k: [] for k in ("classes", "object_properties", "datatype_properties", "annotation_properties")}
        sub_of: dict[URIRef, set] = defaultdict(set)
        for s, o in g.subject_objects(RDFS.subClassOf):
            sub_of[o].add(s)
        subprop_of: dict[URIRef, set] = defaultdict(set)
        for s, o in g.subject_objects(RDFS.subPropertyOf):
            subprop_of[o].add(s)
        domain_of: dict[URIRef, set] = defaultdict(set)
        for s, o in g.subject_objects(RDFS.domain):
            domain_of[o].add(s)
        range_of: dict[URIRef, set] = defaultdict(set)
        for s, o in g.subject_objects(RDFS.range):
            range_of[o].add(s)
        for t in own:
            kinds = _sorted_iris(g.objects(t, RDF.type))
            if OWL.Class in kinds:
                section = "classes"
            elif OWL.ObjectProperty in kinds:
                section = "object_properties"
            elif OWL.DatatypeProperty in kinds:
                section = "datatype_properties"
            else:
                section = "annotation_properties"
            term = Term(
                iri=t,
                kinds=kinds,
                section=section,
                labels={lang: v for lang in LANGS if (v := _lit_exact(g, t, RDFS.label, lang))},
                definitions={lang: v for lang in LANGS if (v := _lit_exact(g, t, SKOS.definition, lang))},
                comments={lang: v for lang in LANGS if (v := _lit_exact(g, t, RDFS.comment, lang))},
            )
            rows: list[tuple[str, list]] = [("type", kinds)]
            if section == "classes":
                rows += [
                    ("subclass_of", _sorted_iris(g.objects(t, RDFS.subClassOf))),
                    ("subclasses", _sorted_iris(sub_of[t])),
                    ("domain_of", _sorted_iris(domain_of[t])),
                    ("range_of", _sorted_iris(range_of[t])),
                ]
            else:
                rows += [
                    ("subproperty_of", _sorted_iris(g.objects(t, RDFS.subPropertyOf))),
                    ("subproperties", _sorted_iris(subprop_of[t])),
                    ("domain", _sorted_iris(g.objects(t, RDFS.domain))),
                    ("range", _sorted_iris(g.objects(t, RDFS.range))),
                    ("code_list", _sorted_iris(g.objects(t, QB.codeList))),
                ]
            rows.append(("see_also", _sorted_iris(g.objects(t, RDFS.seeAlso))))
            term.rows = {"all": [(k, v) for k, v in rows if v]}
            sections[section].append(term)
        for terms in sections.values():
            terms.sort(key=lambda t: (str(t.iri)[len(FH_NS):].casefold(), str(t.iri)))
        self.sections = sections
        # standard terms the ontology declares, with the fh terms that specialise them
        external = []
        for iri in sorted(self.declared):
            if iri.startswith(FH_NS):
                continue
            node = URIRef(iri)
            kinds = _sorted_iris(g.objects(node, RDF.type))
            specialised = _sorted_iris(
                s for s in [*g.subjects(RDFS.subClassOf, node), *g.subjects(RDFS.subPropertyOf, node)] if str(s).startswith(FH_NS)
            )
            external.append(
                {
                    "iri": node,
                    "anchor": anchor(iri, self.kg.base),
                    "curie": curie(iri, self.kg.base),
                    "kinds": kinds,
                    "super": _sorted_iris(g.objects(node, RDFS.subClassOf)),
                    "specialised": specialised,
                }
            )
        external.sort(key=lambda e: (e["curie"].casefold(), str(e["iri"])))
        self.external = external

    def _disjoint(self) -> None:
        groups = []
        for axiom in self.g.subjects(RDF.type, OWL.AllDisjointClasses):
            members = [m for m in _list(self.g, self.g.value(axiom, OWL.members)) if isinstance(m, URIRef)]
            if members:
                groups.append(members)
        for a, b in self.g.subject_objects(OWL.disjointWith):
            groups.append([a, b])
        groups.sort(key=lambda ms: [str(m) for m in ms])
        self.disjoint = groups

    def shapes_of(self, iri) -> list[URIRef]:
        return self.shapes_for.get(str(iri), [])

    def has_instances(self, iri) -> bool:
        return str(iri) in self.instances

    def disjoint_with(self, iri: URIRef) -> list[URIRef]:
        out = set()
        for group in self.disjoint:
            if iri in group:
                out.update(m for m in group if m != iri)
        return sorted(out, key=str)

    def _schemes(self) -> None:
        kg = self.kg
        graphs = kg.graphs_of("data", "links", "user")
        rows = kg.query(
            """SELECT ?scheme ?p ?o WHERE { ?scheme a skos:ConceptScheme ; ?p ?o .
                 FILTER (?p IN (rdfs:label, skos:prefLabel, skos:definition)) }""",
            graphs=graphs,
        )
        schemes: dict[str, dict] = {}
        for r in rows:
            s = schemes.setdefault(r["scheme"].value, {"iri": r["scheme"].value, "label": {}, "pref": {}, "definition": {}, "concepts": []})
            key = {"http://www.w3.org/2000/01/rdf-schema#label": "label", str(SKOS.prefLabel): "pref", str(SKOS.definition): "definition"}[r["p"].value]
            lit = r["o"]
            if isinstance(lit, ox.Literal) and lit.language in LANGS:
                s[key].setdefault(lit.language, lit.value)
        concepts = kg.query(
            """SELECT ?scheme ?c ?p ?o WHERE { ?scheme a skos:ConceptScheme . ?c skos:inScheme ?scheme ; ?p ?o .
                 FILTER (?p IN (skos:prefLabel, skos:definition, skos:broader, schema:position, skos:topConceptOf, rdf:type)) }""",
            graphs=graphs,
        )
        by_concept: dict[tuple[str, str], dict] = {}
        for r in concepts:
            c = by_concept.setdefault(
                (r["scheme"].value, r["c"].value),
                {"iri": r["c"].value, "pref": {}, "definition": {}, "broader": [], "position": None, "top": False, "types": []},
            )
            p, o = r["p"].value, r["o"]
            if p == str(SKOS.prefLabel) and o.language in LANGS:
                c["pref"].setdefault(o.language, o.value)
            elif p == str(SKOS.definition) and o.language in LANGS:
                c["definition"].setdefault(o.language, o.value)
            elif p == str(SKOS.broader):
                c["broader"].append(o.value)
            elif p == SCHEMA_POSITION:
                try:
                    c["position"] = int(o.value)
                except ValueError:
                    pass
            elif p == str(SKOS.topConceptOf):
                c["top"] = True
            elif p == str(RDF.type):
                c["types"].append(o.value)
        for (scheme, _), c in by_concept.items():
            if scheme in schemes:
                c["broader"].sort()
                c["types"].sort()
                schemes[scheme]["concepts"].append(c)
        for s in schemes.values():
            s["concepts"].sort(
                key=lambda c: (c["position"] is None, c["position"] or 0, sv_key(c["pref"].get("sv") or c["iri"]), c["iri"])
            )
            s["anchor"] = "schema-" + s["iri"].rstrip("/").rsplit("/", 1)[-1]
        self.schemes = sorted(schemes.values(), key=lambda s: (sv_key(s["label"].get("sv") or s["pref"].get("sv") or s["iri"]), s["iri"]))


def _lit_exact(g: Graph, s, p, lang: str) -> str | None:
    values = sorted(str(o) for o in g.objects(s, p) if isinstance(o, Literal) and o.language == lang)
    return values[0] if values else None


def _path_iris(g: Graph, path) -> list[URIRef]:
    """Every property IRI that a SHACL path mentions."""
    if isinstance(path, URIRef):
        return [path]
    out = []
    if isinstance(path, BNode):
        if (path, RDF.first, None) in g:
            for p in _list(g, path):
                out += _path_iris(g, p)
        for key in (SH.alternativePath, SH.inversePath, SH.zeroOrMorePath, SH.oneOrMorePath, SH.zeroOrOnePath):
            v = g.value(path, key)
            if v is not None:
                out += _path_iris(g, v)
    return out


# ---------------------------------------------------------------------------- shapes model


@dataclass
class ShapesModel:
    g: Graph
    header: dict
    node_shapes: list[URIRef]
    property_shapes: list[URIRef]
    sparql: list[URIRef]
    used_by: dict[URIRef, list[URIRef]]
    labels: dict[str, dict[str, str]]

    @classmethod
    def of(cls, g: Graph) -> ShapesModel:
        doc = URIRef(SHAPES)
        header = {"label": {lang: _lit(g, doc, RDFS.label, lang) for lang in LANGS}}
        node_shapes = _sorted_iris(g.subjects(RDF.type, SH.NodeShape))
        property_shapes = _sorted_iris(g.subjects(RDF.type, SH.PropertyShape))
        # property shapes referenced by a node shape but not typed
        property_shapes = sorted(set(property_shapes) | set(_sorted_iris(g.objects(None, SH.property))), key=str)
        sparql = _sorted_iris(g.objects(None, SH.sparql))
        used_by: dict[URIRef, set] = defaultdict(set)
        for p in (SH.node, SH.qualifiedValueShape, SH["not"]):
            for s, o in g.subject_objects(p):
                if isinstance(o, URIRef):
                    used_by[o].add(_owner(g, s))
        for p in (SH["and"], SH["or"], SH.xone):
            for s, lst in g.subject_objects(p):
                for o in _list(g, lst):
                    if isinstance(o, URIRef):
                        used_by[o].add(_owner(g, s))
        labels = {}
        for s in [*node_shapes, *property_shapes, *sparql]:
            labels[str(s)] = {lang: v for lang in LANGS if (v := _lit_exact(g, s, SH.name, lang))}
        return cls(
            g=g,
            header=header,
            node_shapes=node_shapes,
            property_shapes=property_shapes,
            sparql=sparql,
            used_by={k: sorted(v, key=str) for k, v in used_by.items()},
            labels=labels,
        )


def _owner(g: Graph, shape) -> URIRef:
    """The node shape that a (property) shape belongs to, for "used by" lists."""
    if isinstance(shape, URIRef) and (shape, RDF.type, SH.NodeShape) in g:
        return shape
    owners = sorted(g.subjects(SH.property, shape), key=str)
    return owners[0] if owners else shape


# ---------------------------------------------------------------------------- shapes in words


def _n(n: int, lang: str, one: str, many: str) -> str:
    if lang == "sv":
        words = {1: "ett", 2: "två", 3: "tre"}
    else:
        words = {1: "one", 2: "two", 3: "three"}
    number = words.get(n, str(n))
    return f"{number} {one if n == 1 else many}"


def cardinality(min_count: int | None, max_count: int | None, lang: str) -> str | None:
    """The count demand in words.

    >>> cardinality(1, 1, "sv"), cardinality(1, None, "en"), cardinality(None, 1, "en"), cardinality(2, 5, "sv")
    ('exakt ett värde', 'at least one value', 'at most one value', 'mellan 2 och 5 värden')
    """
    one, many = ("värde", "värden") if lang == "sv" else ("value", "values")
    if min_count is None and max_count is None:
        return None
    if min_count == max_count:
        return ("exakt " if lang == "sv" else "exactly ") + _n(min_count, lang, one, many)
    if max_count is None:
        return ("minst " if lang == "sv" else "at least ") + _n(min_count, lang, one, many)
    if not min_count:
        if max_count == 0:
            return "inga värden" if lang == "sv" else "no values"
        return ("högst " if lang == "sv" else "at most ") + _n(max_count, lang, one, many)
    return f"mellan {min_count} och {max_count} {many}" if lang == "sv" else f"between {min_count} and {max_count} {many}"


def _join(items: list, lang: str, word: str | None = None) -> Markup:
    word = word or ("och" if lang == "sv" else "and")
    items = [Markup(escape(i)) for i in items]
    if len(items) <= 1:
        return Markup("").join(items)
    return Markup(", ").join(items[:-1]) + Markup(f" {word} ") + items[-1]


NODE_KINDS = {
    "sv": {"IRI": "IRI:er", "Literal": "litteraler", "BlankNode": "tomma noder", "BlankNodeOrIRI": "IRI:er eller tomma noder", "BlankNodeOrLiteral": "tomma noder eller litteraler", "IRIOrLiteral": "IRI:er eller litteraler"},
    "en": {"IRI": "IRIs", "Literal": "literals", "BlankNode": "blank nodes", "BlankNodeOrIRI": "IRIs or blank nodes", "BlankNodeOrLiteral": "blank nodes or literals", "IRIOrLiteral": "IRIs or literals"},
}

NODE_KIND = {
    "sv": {"IRI": "en IRI", "Literal": "en litteral", "BlankNode": "en tom nod", "BlankNodeOrIRI": "en IRI eller en tom nod", "BlankNodeOrLiteral": "en tom nod eller en litteral", "IRIOrLiteral": "en IRI eller en litteral"},
    "en": {"IRI": "an IRI", "Literal": "a literal", "BlankNode": "a blank node", "BlankNodeOrIRI": "an IRI or a blank node", "BlankNodeOrLiteral": "a blank node or a literal", "IRIOrLiteral": "an IRI or a literal"},
}

#: constraint parameters described in words; any other sh: parameter is listed as it is
_DESCRIBED = {
    SH.path, SH.minCount, SH.maxCount, SH.datatype, SH["class"], SH.nodeKind, SH.pattern, SH.flags,
    SH.languageIn, SH.uniqueLang, SH.hasValue, SH["in"], SH.qualifiedValueShape, SH.qualifiedMinCount,
    SH.qualifiedMaxCount, SH.qualifiedValueShapesDisjoint, SH.node, SH.closed, SH.ignoredProperties,
    SH.minLength, SH.maxLength, SH.minInclusive, SH.maxInclusive, SH.minExclusive, SH.maxExclusive,
    SH.equals, SH.disjoint, SH.lessThan, SH.lessThanOrEquals,
}
_META = {SH.name, SH.description, SH.message, SH.severity, SH.deactivated, SH.property, SH.sparql, SH.targetClass,
         SH.targetNode, SH.targetSubjectsOf, SH.targetObjectsOf, SH.order, SH.group, SH.defaultValue, SH.prefixes,
         SH.select, SH.ask, RDF.type, RDFS.isDefinedBy, RDFS.label, RDFS.comment}


def path_words(g: Graph, path, link: Linker) -> Markup:
    """A SHACL path in words: a property, ``a eller b``, ``a / b``, ``^a`` …"""
    lang = link.lang
    if isinstance(path, URIRef):
        return link.term(path)
    if isinstance(path, BNode):
        if (path, RDF.first, None) in g:
            return Markup(" / ").join(path_words(g, p, link) for p in _list(g, path))
        alt = g.value(path, SH.alternativePath)
        if alt is not None:
            return _join([path_words(g, p, link) for p in _list(g, alt)], lang, "eller" if lang == "sv" else "or")
        inv = g.value(path, SH.inversePath)
        if inv is not None:
            return Markup("{} {}").format("omvänd" if lang == "sv" else "inverse", path_words(g, inv, link))
        for key, sign in ((SH.zeroOrMorePath, "*"), (SH.oneOrMorePath, "+"), (SH.zeroOrOnePath, "?")):
            v = g.value(path, key)
            if v is not None:
                return Markup("({}){}").format(path_words(g, v, link), sign)
    return Markup("<code>?</code>")


def demands(g: Graph, shape, link: Linker, *, subject: str = "values") -> list[Markup]:
    """What a shape demands of its values, as sentences in the linker's language."""
    lang = link.lang
    sv = lang == "sv"
    out: list[Markup] = []

    def ints(p):
        v = g.value(shape, p)
        return int(v) if v is not None else None

    card = cardinality(ints(SH.minCount), ints(SH.maxCount), lang)
    # one value (sh:maxCount 1, or the focus node itself): the words are singular
    single = ints(SH.maxCount) == 1 or subject != "values"
    value_parts: list[Markup] = []
    for cls_ in _sorted_iris(g.objects(shape, SH["class"])):
        if single:
            words = "en instans av" if sv else "an instance of"
        else:
            words = "instanser av" if sv else "instances of"
        value_parts.append(Markup("{} {}").format(words, link.term(cls_)))
    for dt in _sorted_iris(g.objects(shape, SH.datatype)):
        value_parts.append(Markup("{} {}").format("av datatypen" if sv else "of datatype", link.term(dt)))
    for nk in _sorted_iris(g.objects(shape, SH.nodeKind)):
        name = str(nk).rsplit("#", 1)[-1]
        value_parts.append(Markup(escape((NODE_KIND if single else NODE_KINDS)[lang].get(name, name))))
    langs = [str(x) for lst in g.objects(shape, SH.languageIn) for x in _list(g, lst)]
    if langs:
        codes = _join([Markup("<code>{}</code>").format(x) for x in langs], lang, "eller" if sv else "or")
        value_parts.append(Markup("{} {}").format("text märkt med språket" if sv else "text tagged with the language", codes))
    for pattern in sorted(str(p) for p in g.objects(shape, SH.pattern)):
        flags = g.value(shape, SH.flags)
        extra = Markup(" ({} <code>{}</code>)").format("flaggor" if sv else "flags", flags) if flags else Markup("")
        value_parts.append(
            Markup("{} <code>{}</code>{}").format(
                ("skrivet" if single else "skrivna") + " enligt det reguljära uttrycket" if sv else "written to match the regular expression",
                pattern,
                extra,
            )
        )
    for lst in g.objects(shape, SH["in"]):
        members = _join([link.term(x) for x in _list(g, lst)], lang, "eller" if sv else "or")
        value_parts.append(Markup("{} {}").format("något av" if sv else "one of", members))
    for p, sv_word, en_word in (
        (SH.minLength, "minst {} tecken långa", "at least {} characters long"),
        (SH.maxLength, "högst {} tecken långa", "at most {} characters long"),
        (SH.minInclusive, "minst {}", "at least {}"),
        (SH.maxInclusive, "högst {}", "at most {}"),
        (SH.minExclusive, "större än {}", "greater than {}"),
        (SH.maxExclusive, "mindre än {}", "less than {}"),
    ):
        for v in g.objects(shape, p):
            value_parts.append(Markup(escape((sv_word if sv else en_word).format(v))))
    for node in _sorted_iris(g.objects(shape, SH.node)):
        value_parts.append(Markup("{} {}").format("resurser som uppfyller formen" if sv else "resources that conform to the shape", link.term(node)))

    if subject == "values":
        if card and value_parts:
            out.append(
                Markup("{} {}; {} {}.").format(
                    "Egenskapen ska ha" if sv else "The property must have",
                    card,
                    ("värdet ska vara" if single else "värdena ska vara") if sv else ("the value must be" if single else "the values must be"),
                    _join(value_parts, lang),
                )
            )
        elif card:
            out.append(Markup("{} {}.").format("Egenskapen ska ha" if sv else "The property must have", card))
        elif value_parts:
            out.append(Markup("{} {}.").format("Värdena ska vara" if sv else "The values must be", _join(value_parts, lang)))
    elif value_parts:
        out.append(Markup("{} {}.").format("Värdet ska vara" if sv else "The value must be", _join(value_parts, lang)))
    if (shape, SH.uniqueLang, Literal(True)) in g:
        out.append(Markup(escape("Högst ett värde per språk." if sv else "At most one value per language.")))
    for v in sorted(g.objects(shape, SH.hasValue), key=str):
        out.append(Markup("{} {} {}.").format("Värdet" if sv else "The value", link.term(v), "ska finnas bland värdena" if sv else "must be among the values"))
    qshape = g.value(shape, SH.qualifiedValueShape)
    if qshape is not None:
        qmin, qmax = ints(SH.qualifiedMinCount), ints(SH.qualifiedMaxCount)
        if qmin is not None:
            out.append(
                Markup("{} {} {} {}.").format(
                    "Minst" if sv else "At least",
                    _n(qmin, lang, "", "").strip(),
                    "av värdena ska uppfylla formen" if sv else "of the values must conform to the shape",
                    link.term(qshape),
                )
            )
        if qmax is not None:
            out.append(
                Markup("{} {} {} {}.").format(
                    "Högst" if sv else "At most",
                    _n(qmax, lang, "", "").strip(),
                    "av värdena får uppfylla formen" if sv else "of the values may conform to the shape",
                    link.term(qshape),
                )
            )
    for p, sv_word, en_word in (
        (SH.equals, "Värdena ska vara desamma som för", "The values must equal those of"),
        (SH.disjoint, "Inget värde får vara ett värde för", "No value may also be a value of"),
        (SH.lessThan, "Värdena ska vara mindre än värdena för", "The values must be less than those of"),
        (SH.lessThanOrEquals, "Värdena ska vara högst lika med värdena för", "The values must be at most those of"),
    ):
        for v in _sorted_iris(g.objects(shape, p)):
            out.append(Markup("{} {}.").format(sv_word if sv else en_word, link.term(v)))
    if (shape, SH.closed, Literal(True)) in g:
        ignored = [x for lst in g.objects(shape, SH.ignoredProperties) for x in _list(g, lst)]
        text = (
            "Formen är sluten: resursen får bara ha egenskaperna i formens egenskapsformer"
            if sv
            else "The shape is closed: the resource may have only the properties of the shape's property shapes"
        )
        if ignored:
            out.append(Markup("{} {} {}.").format(text, "och" if sv else "and", link.terms(ignored)))
        else:
            out.append(Markup("{}.").format(text))
    # anything not described above is shown as it is, so no demand goes unmentioned
    for p in sorted(set(g.predicates(shape, None)) - _DESCRIBED - _META, key=str):
        if str(p).startswith(str(SH)):
            for v in sorted(g.objects(shape, p), key=str):
                out.append(Markup("{}: {}").format(link.term(p), link.term(v)))
    return out


def targets(g: Graph, shape, link: Linker) -> list[Markup]:
    sv = link.lang == "sv"
    out = []
    classes = _sorted_iris(g.objects(shape, SH.targetClass))
    if classes:
        out.append(Markup("{} {}.").format("Varje instans av" if sv else "Every instance of", _join([link.term(c) for c in classes], link.lang, "och" if sv else "and")))
    nodes = sorted(g.objects(shape, SH.targetNode), key=str)
    if nodes:
        out.append(Markup("{} {}.").format("Resursen" if sv else "The resource" if len(nodes) == 1 else "The resources", link.terms(nodes)))
    for p, sv_word, en_word in (
        (SH.targetSubjectsOf, "Varje resurs som har egenskapen", "Every resource that has the property"),
        (SH.targetObjectsOf, "Varje värde av egenskapen", "Every value of the property"),
    ):
        props = _sorted_iris(g.objects(shape, p))
        if props:
            out.append(Markup("{} {}.").format(sv_word if sv else en_word, _join([link.term(x) for x in props], link.lang, "eller" if sv else "or")))
    return out


def severity(g: Graph, shape, lang: str) -> Markup:
    t = TEXT[lang]
    sev = g.value(shape, SH.severity)
    if sev is None:
        return Markup("{} (<code>sh:Violation</code>) {}").format(t["Violation"], t["default_severity"])
    name = str(sev).rsplit("#", 1)[-1]
    return Markup("{} (<code>sh:{}</code>)").format(t.get(name, name), name)


# ---------------------------------------------------------------------------- rendering

_BASE = """<!DOCTYPE html>
<html lang="{{ lang }}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ title }} – {{ t.site }}</title>
<meta name="generator" content="fhkg {{ version }}">
<link rel="stylesheet" href="{{ css }}">
<link rel="icon" href="{{ favicon }}" type="image/svg+xml">
<link rel="alternate" hreflang="{{ t.other_lang_code }}" href="{{ other }}">
{% for tw in twins %}<link rel="alternate" type="{{ tw.type }}" href="{{ tw.href }}">
{% endfor %}</head>
<body class="doc {{ body_class }}">
<a class="skip" href="#main">{{ t.skip }}</a>
<header class="site">
<p class="brand"><a href="{{ home }}">{{ t.site }}</a></p>
<nav aria-label="{{ t.nav }}">
<ul>
<li><a href="{{ home }}">{{ t.home }}</a></li>
<li><a href="{{ ontology_href }}"{% if body_class == 'doc-ontology' %} aria-current="page"{% endif %}>{{ t.ontology }}</a></li>
<li><a href="{{ shapes_href }}"{% if body_class == 'doc-shapes' %} aria-current="page"{% endif %}>{{ t.shapes }}</a></li>
<li><a href="{{ other }}" hreflang="{{ t.other_lang_code }}" lang="{{ t.other_lang_code }}" rel="alternate">{{ t.other_lang }}</a></li>
</ul>
</nav>
</header>
<main id="main">
{% block main %}{% endblock %}
</main>
<footer class="site">
<p>{{ t.machine }}: {% for tw in twins %}<a href="{{ tw.href }}" type="{{ tw.type }}">{{ tw.name }}</a>{% if not loop.last %} · {% endif %}{% endfor %}</p>
<p>{{ t.footer_licence }} <a href="http://creativecommons.org/licenses/by/4.0/" rel="license">CC BY 4.0</a>. {{ t.footer_built }} {{ date }} {{ t.with }} fhkg {{ version }}.</p>
</footer>
</body>
</html>
"""

_ONTOLOGY = """{% extends "base" %}
{% block main %}
<h1>{{ m.header.title[lang] }}</h1>
<p class="description">{{ m.header.description[lang] }}</p>
<dl class="facts">
<dt>{{ t.iri }}</dt><dd><code class="iri">{{ ontology_iri }}</code></dd>
<dt>{{ t.version }}</dt><dd>{{ m.header.version }}</dd>
{% if m.header.version_iri %}<dt>{{ t.version_iri }}</dt><dd><a href="{{ m.header.version_iri }}"><code>{{ m.header.version_iri }}</code></a></dd>{% endif %}
{% if m.header.licence %}<dt>{{ t.licence }}</dt><dd><a href="{{ m.header.licence }}" rel="license">{{ m.header.licence }}</a></dd>{% endif %}
<dt>{{ t.prefix }}</dt><dd><code>{{ m.header.prefix }}:</code></dd>
<dt>{{ t.namespace }}</dt><dd><code class="iri">{{ m.header.namespace }}</code></dd>
{% if m.header.created %}<dt>{{ t.created }}</dt><dd><time datetime="{{ m.header.created }}">{{ m.header.created }}</time></dd>{% endif %}
{% if m.header.creator %}<dt>{{ t.creator }}</dt><dd>{{ link.term(m.header.creator) }}</dd>{% endif %}
{% if m.header.publisher %}<dt>{{ t.publisher }}</dt><dd>{{ link.term(m.header.publisher) }}</dd>{% endif %}
{% if m.header.comment.get(lang) %}<dt>{{ t.note }}</dt><dd>{{ m.header.comment.get(lang) }}</dd>{% endif %}
<dt>{{ t.machine }}</dt><dd>{% for tw in twins %}<a href="{{ tw.href }}" type="{{ tw.type }}">{{ tw.name }}</a>{% if not loop.last %} · {% endif %}{% endfor %}</dd>
</dl>

<nav class="toc" aria-labelledby="toc-title">
<h2 id="toc-title">{{ t.contents }}</h2>
<ol>
{% if model_picture %}<li><a href="#model">{{ t.model }}</a></li>
{% endif %}{% for key, terms in sections %}<li><a href="#{{ key }}">{{ t[key] }}</a> ({{ terms|length }})
<p class="toc-terms">{% for term in terms %}<a href="#{{ term.anchor }}">{{ term.anchor }}</a>{% if not loop.last %} · {% endif %}{% endfor %}</p></li>
{% endfor %}<li><a href="#external">{{ t.external }}</a> ({{ m.external|length }})</li>
<li><a href="#disjoint">{{ t.disjoint }}</a> ({{ m.disjoint|length }})</li>
<li><a href="#schemes">{{ t.schemes }}</a> ({{ m.schemes|length }})
<p class="toc-terms">{% for s in m.schemes %}<a href="#{{ s.anchor }}">{{ s.label.get(lang) or s.pref.get(lang) }}</a>{% if not loop.last %} · {% endif %}{% endfor %}</p></li>
</ol>
</nav>

{% if model_picture %}<section id="model">
<h2>{{ t.model }}</h2>
<figure class="picture">
<a href="{{ model_picture }}"><img src="{{ model_picture }}" alt="{{ t.model_alt }}" width="{{ model_size[0] }}" height="{{ model_size[1] }}" loading="lazy"></a>
<figcaption>{{ t.model_caption }}</figcaption>
</figure>
</section>
{% endif %}
{% for key, terms in sections %}
<section id="{{ key }}">
<h2>{{ t[key] }}</h2>
{% for term in terms %}
<article class="term" id="{{ term.anchor }}">
<h3>{{ term.labels.get(lang) or term.anchor }} <code class="tag">fh:{{ term.anchor }}</code> <a class="permalink" href="#{{ term.anchor }}" aria-label="{{ term.anchor }}">#</a></h3>
<dl class="facts">
<dt>{{ t.iri }}</dt><dd><code class="iri">{{ term.iri }}</code></dd>
<dt>{{ t.label }}</dt>{% for l in langs %}{% if term.labels.get(l) %}<dd lang="{{ l }}">{{ term.labels.get(l) }} <span class="tag">({{ l }})</span></dd>{% endif %}{% endfor %}
<dt>{{ t.definition }}</dt>{% for l in langs %}{% if term.definitions.get(l) %}<dd lang="{{ l }}">{{ term.definitions.get(l) }} <span class="tag">({{ l }})</span></dd>{% endif %}{% endfor %}
{% for l in langs %}{% if term.comments.get(l) %}<dt>{{ t.note }}</dt><dd lang="{{ l }}">{{ term.comments.get(l) }}</dd>{% endif %}{% endfor %}
{% for key, values in term.rows.all %}<dt>{{ t[key] }}</dt><dd>{{ link.terms(values) }}</dd>
{% endfor %}{% set dis = m.disjoint_with(term.iri) %}{% if dis %}<dt>{{ t.disjoint_with }}</dt><dd>{{ link.terms(dis) }}</dd>
{% endif %}{% set shapes = m.shapes_of(term.iri) %}{% if shapes %}<dt>{{ t.checked_by }}</dt><dd>{{ link.terms(shapes) }}</dd>
{% endif %}{% if term.section == 'classes' and m.has_instances(term.iri) %}<dt>{{ t.instances }}</dt><dd><a href="{{ class_index(term.iri) }}">{{ t.instances_link }}</a></dd>
{% endif %}</dl>
</article>
{% endfor %}
</section>
{% endfor %}

<section id="external">
<h2>{{ t.external }}</h2>
<p>{{ t.external_intro }}</p>
<div class="scroll">
<table class="terms">
<thead><tr><th scope="col">{{ t.term }}</th><th scope="col">{{ t.kind }}</th><th scope="col">{{ t.subclass_of }}</th><th scope="col">{{ t.declared_sub }}</th></tr></thead>
<tbody>
{% for e in m.external %}<tr id="{{ e.anchor }}"><th scope="row"><a class="external" href="{{ e.iri }}"><code>{{ e.curie }}</code></a></th><td>{{ link.terms(e.kinds) }}</td><td>{{ link.terms(e.super) }}</td><td>{{ link.terms(e.specialised) }}</td></tr>
{% endfor %}</tbody>
</table>
</div>
</section>

<section id="disjoint">
<h2>{{ t.disjoint }}</h2>
<p>{{ t.disjoint_intro }}</p>
<ul>
{% for group in m.disjoint %}<li>{{ link.terms(group) }}</li>
{% endfor %}</ul>
</section>

<section id="schemes">
<h2>{{ t.schemes }}</h2>
<p>{{ t.schemes_intro }}</p>
{% for s in m.schemes %}
<section class="scheme" id="{{ s.anchor }}">
<h3><a href="{{ link.href(s.iri) }}">{{ s.label.get(lang) or s.pref.get(lang) or s.iri }}</a> <code class="tag">{{ curie(s.iri) }}</code></h3>
{% if s.definition.get(lang) %}<p>{{ s.definition.get(lang) }}</p>{% endif %}
<div class="scroll">
<table class="concepts">
<thead><tr><th scope="col">{{ t.concept }}</th><th scope="col" lang="sv">sv</th><th scope="col" lang="en">en</th><th scope="col">{{ t.definition }}</th><th scope="col">{{ t.type }}</th><th scope="col">{{ t.broader }}</th></tr></thead>
<tbody>
{% for c in s.concepts %}<tr><th scope="row"><a href="{{ link.href(c.iri) }}"><code>{{ curie(c.iri) }}</code></a></th><td lang="sv">{{ c.pref.get('sv', '') }}</td><td lang="en">{{ c.pref.get('en', '') }}</td><td lang="{{ lang if c.definition.get(lang) else 'sv' }}">{{ c.definition.get(lang) or c.definition.get('sv', '') }}</td><td>{{ link.terms(c.types) }}</td><td>{% if c.top %}{{ t.top }}{% endif %}{{ link.terms(c.broader) }}</td></tr>
{% endfor %}</tbody>
</table>
</div>
</section>
{% endfor %}
</section>
{% endblock %}
"""

_SHAPES = """{% extends "base" %}
{% block main %}
<h1>{{ title }}</h1>
<p class="description">{{ t.shapes_lead }}</p>
<dl class="facts">
<dt>{{ t.iri }}</dt><dd><code class="iri">{{ shapes_iri }}</code></dd>
<dt>{{ t.machine }}</dt><dd>{% for tw in twins %}<a href="{{ tw.href }}" type="{{ tw.type }}">{{ tw.name }}</a>{% if not loop.last %} · {% endif %}{% endfor %}</dd>
</dl>
<p>{{ counts }}</p>

<nav class="toc" aria-labelledby="toc-title">
<h2 id="toc-title">{{ t.contents }}</h2>
<ol>
{% for group in groups %}<li><a href="#{{ group.id }}">{{ group.title }}</a> ({{ group.shapes|length }})
<p class="toc-terms">{% for s in group.shapes %}<a href="#{{ s.anchor }}">{{ s.anchor }}</a>{% if not loop.last %} · {% endif %}{% endfor %}</p></li>
{% endfor %}</ol>
</nav>

{% for group in groups %}
<section id="{{ group.id }}">
<h2>{{ group.title }}</h2>
{% for s in group.shapes %}
<article class="shape" id="{{ s.anchor }}">
<h3>{{ s.name }} <code class="tag">shp:{{ s.anchor }}</code> <a class="permalink" href="#{{ s.anchor }}" aria-label="{{ s.anchor }}">#</a></h3>
{% if s.description %}<p class="description">{{ s.description }}</p>{% endif %}
<dl class="facts">
<dt>{{ t.name }}</dt>{% for l in langs %}{% if s.names.get(l) %}<dd lang="{{ l }}">{{ s.names.get(l) }} <span class="tag">({{ l }})</span></dd>{% endif %}{% endfor %}
<dt>{{ t.targets }}</dt>{% if s.targets %}{% for x in s.targets %}<dd>{{ x }}</dd>{% endfor %}{% else %}<dd>{{ t.no_targets }}</dd>{% endif %}
{% if s.used_by %}<dt>{{ t.used_by }}</dt><dd>{{ link.terms(s.used_by) }}</dd>{% endif %}
{% if s.demands %}<dt>{{ t.demands }}</dt>{% for x in s.demands %}<dd>{{ x }}</dd>{% endfor %}{% endif %}
{% if s.message %}<dt>{{ t.message }}</dt><dd class="message">{{ s.message }}</dd>{% endif %}
<dt>{{ t.severity }}</dt><dd>{{ s.severity }}</dd>
{% if s.deactivated %}<dd>{{ t.deactivated }}</dd>{% endif %}
</dl>
{% if s.properties %}
<h4>{{ t.property_shapes }}</h4>
{% for p in s.properties %}
<section class="property-shape" id="{{ p.anchor }}">
<h5>{{ p.name }} <code class="tag">shp:{{ p.anchor }}</code> <a class="permalink" href="#{{ p.anchor }}" aria-label="{{ p.anchor }}">#</a></h5>
<dl class="facts">
<dt>{{ t.path }}</dt><dd>{{ p.path }}</dd>
{% if p.demands %}<dt>{{ t.demands }}</dt>{% for x in p.demands %}<dd>{{ x }}</dd>{% endfor %}{% endif %}
{% if p.description %}<dt>{{ t.description }}</dt><dd>{{ p.description }}</dd>{% endif %}
{% if p.message %}<dt>{{ t.message }}</dt><dd class="message">{{ p.message }}</dd>{% endif %}
<dt>{{ t.severity }}</dt><dd>{{ p.severity }}</dd>
</dl>
</section>
{% endfor %}
{% endif %}
{% for q in s.sparql %}
<section class="sparql-check" id="{{ q.anchor }}">
<h4>{{ t.query }} <code class="tag">shp:{{ q.anchor }}</code> <a class="permalink" href="#{{ q.anchor }}" aria-label="{{ q.anchor }}">#</a></h4>
<dl class="facts">
{% if q.message %}<dt>{{ t.message }}</dt><dd class="message">{{ q.message }}</dd>{% endif %}
<dt>{{ t.severity }}</dt><dd>{{ q.severity }}</dd>
</dl>
<pre class="sparql"><code>{{ q.query }}</code></pre>
</section>
{% endfor %}
</article>
{% endfor %}
</section>
{% endfor %}
{% endblock %}
"""

_ENV = Environment(
    loader=DictLoader({"base": _BASE, "ontology": _ONTOLOGY, "shapes": _SHAPES}),
    autoescape=True,
    undefined=StrictUndefined,
    keep_trailing_newline=True,
    trim_blocks=False,
)


def _common(site: Site, page: str, doc: str, lang: str) -> dict:
    urls = site.urls
    other_lang = TEXT[lang]["other_lang_code"]
    return {
        "lang": lang,
        "langs": [lang, *[x for x in LANGS if x != lang]],
        "t": TEXT[lang],
        "css": urls.href(page, STYLESHEET),
        "favicon": urls.href(page, FAVICON),
        "home": urls.href(page, urls.index(lang)),
        "other": urls.href(page, urls.page(doc, other_lang)),
        "ontology_href": urls.href(page, urls.page(ONTOLOGY, lang)),
        "shapes_href": urls.href(page, urls.page(SHAPES, lang)),
        "twins": [
            {"href": urls.href(page, urls.twin(doc, ext)), "type": media, "name": TWIN_NAMES[ext]}
            for ext, media in TWINS.items()
        ],
        "curie": lambda iri: curie(str(iri), urls.base),
        "date": site.date,
        "version": __version__,
    }


def render_ontology(site: Site, m: OntologyModel, lang: str) -> str:
    page = site.urls.page(ONTOLOGY, lang)
    link = Linker(site.urls, page, lang, m.declared, m.labels)
    ctx = _common(site, page, ONTOLOGY, lang)
    from ..pictures import MODEL  # the model diagram, drawn before the docs when the site is built

    picture = site.notes.get("pictures", {}).get(MODEL) if MODEL in site.files else None
    ctx.update(
        model_picture=site.urls.href(page, MODEL) if picture else None,
        model_size=(picture["width"], picture["height"]) if picture else (0, 0),
        m=m,
        link=link,
        title=m.header["title"][lang] or TEXT[lang]["ontology"],
        body_class="doc-ontology",
        ontology_iri=ONTOLOGY,
        sections=[(k, v) for k, v in m.sections.items() if v],
        class_index=lambda iri: site.urls.href(page, site.urls.class_index(curie(str(iri), site.kg.base), lang)),
    )
    return _ENV.get_template("ontology").render(**ctx)


def render_shapes(site: Site, sm: ShapesModel, m: OntologyModel, lang: str) -> str:
    page = site.urls.page(SHAPES, lang)
    labels = {**m.labels, **sm.labels}
    link = Linker(site.urls, page, lang, m.declared, labels)
    g = sm.g
    t = TEXT[lang]

    def text(node, p) -> str | None:
        return _lit(g, node, p, lang)

    rendered_props: set[URIRef] = set()

    def shape_view(s: URIRef) -> dict:
        props = []
        for ps in sorted(g.objects(s, SH.property), key=str):
            if not isinstance(ps, URIRef) or ps in rendered_props:
                continue
            rendered_props.add(ps)
            path = g.value(ps, SH.path)
            props.append(
                {
                    "anchor": anchor(str(ps)),
                    "name": text(ps, SH.name) or anchor(str(ps)),
                    "path": path_words(g, path, link) if path is not None else Markup(""),
                    "demands": demands(g, ps, link),
                    "description": text(ps, SH.description),
                    "message": text(ps, SH.message),
                    "severity": severity(g, ps, lang),
                }
            )
        checks = []
        for c in sorted(g.objects(s, SH.sparql), key=str):
            query = g.value(c, SH.select) or g.value(c, SH.ask)
            checks.append(
                {
                    "anchor": anchor(str(c)),
                    "message": text(c, SH.message),
                    "severity": severity(g, c, lang),
                    "query": _dedent(str(query or "")),
                }
            )
        return {
            "anchor": anchor(str(s)),
            "name": text(s, SH.name) or anchor(str(s)),
            "names": {lang_: v for lang_ in LANGS if (v := _lit_exact(g, s, SH.name, lang_))},
            "description": text(s, SH.description),
            "message": text(s, SH.message),
            "severity": severity(g, s, lang),
            "deactivated": (s, SH.deactivated, Literal(True)) in g,
            "targets": targets(g, s, link),
            "used_by": sm.used_by.get(s, []),
            "demands": demands(g, s, link, subject="node"),
            "properties": props,
            "sparql": checks,
        }

    with_sparql = [s for s in sm.node_shapes if (s, SH.sparql, None) in g]
    helpers = [s for s in sm.node_shapes if s not in with_sparql and not targets(g, s, link)]
    plain = [s for s in sm.node_shapes if s not in with_sparql and s not in helpers]
    groups = [
        {"id": "node-shapes", "title": t["node_shapes"], "shapes": [shape_view(s) for s in plain]},
        {"id": "sparql-checks", "title": t["sparql_checks"], "shapes": [shape_view(s) for s in with_sparql]},
        {"id": "helper-shapes", "title": t["helper_shapes"], "shapes": [shape_view(s) for s in helpers]},
    ]
    # property shapes no node shape refers to still get their own entry
    orphans = [p for p in sm.property_shapes if p not in rendered_props]
    if orphans:
        groups.append(
            {
                "id": "property-shapes",
                "title": t["property_shapes"],
                "shapes": [
                    {**shape_view(p), "demands": demands(g, p, link), "targets": targets(g, p, link)} for p in orphans
                ],
            }
        )
    groups = [grp for grp in groups if grp["shapes"]]
    ctx = _common(site, page, SHAPES, lang)
    ctx.update(
        link=link,
        title=t["shapes_title"],
        body_class="doc-shapes",
        shapes_iri=SHAPES,
        groups=groups,
        counts=t["count_shapes"].format(n=len(sm.node_shapes), p=len(sm.property_shapes), s=len(sm.sparql)),
    )
    return _ENV.get_template("shapes").render(**ctx)


def _dedent(text: str) -> str:
    """A query's text without the indentation it has inside the Turtle file."""
    return textwrap.dedent(text.strip("\n")).rstrip() + "\n"
