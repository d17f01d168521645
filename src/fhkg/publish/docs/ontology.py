"""The ontology as the documentation page shows it: the header, every ``fh:`` term by section
(classes, object, datatype and annotation properties) with its rows (type, super- and sub-terms,
domain and range …), the standard terms the ontology declares, the disjoint classes, and the
concept schemes of the data with their concepts."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

import pyoxigraph as ox
from rdflib import Graph, URIRef
from rdflib.namespace import DCTERMS, OWL, QB, RDF, RDFS, SH, SKOS, VANN
from rdflib.term import Node

from ...graph import KnowledgeGraph
from ...terms.namespaces import ONTOLOGY
from ...text import sv_key
from ..urls import LANGS
from .links import FH_NS, anchor, curie
from .rdf import literal, literal_in, path_iris, rdf_list, sorted_iris

SCHEMA_POSITION = "https://schema.org/position"
_PROPERTY_KINDS = (OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty)
_TERM_KINDS = (OWL.Class, *_PROPERTY_KINDS)
#: the sections of the page, in order: the kind of term each holds
SECTIONS = ("classes", "object_properties", "datatype_properties", "annotation_properties")


@dataclass
class Term:
    """One ``fh:`` term: its labels, definitions and notes by language, and the rows of its entry
    (key, terms), the keys named by :func:`fhkg.publish.docs.pages.headings`."""

    iri: URIRef
    kinds: list[URIRef]
    section: str
    labels: dict[str, str]
    definitions: dict[str, str]
    comments: dict[str, str]
    rows: list[tuple[str, list[URIRef]]] = field(default_factory=list)

    @property
    def anchor(self) -> str:
        return anchor(str(self.iri))


@dataclass
class OntologyModel:
    """What ``ontology.html`` shows, read from the ontology graph ``g``, the shapes and the data."""

    kg: KnowledgeGraph
    g: Graph
    header: dict[str, Any]
    sections: dict[str, list[Term]]
    external: list[dict[str, Any]]
    disjoint: list[list[URIRef]]
    schemes: list[dict[str, Any]]
    declared: frozenset[str]
    labels: dict[str, dict[str, str]]
    shapes_for: dict[str, list[Node]]
    instances: set[str]

    @classmethod
    def of(cls, kg: KnowledgeGraph, g: Graph, shapes: Graph) -> OntologyModel:
        o = URIRef(ONTOLOGY)
        header = {
            "title": {lang: literal(g, o, DCTERMS.title, lang) for lang in LANGS},
            "description": {lang: literal(g, o, DCTERMS.description, lang) for lang in LANGS},
            "comment": {lang: literal(g, o, RDFS.comment, lang) for lang in LANGS},
            "version": literal(g, o, OWL.versionInfo, None),
            "version_iri": g.value(o, OWL.versionIRI),
            "licence": g.value(o, DCTERMS.license),
            "prefix": literal(g, o, VANN.preferredNamespacePrefix, None),
            "namespace": literal(g, o, VANN.preferredNamespaceUri, None),
            "created": literal(g, o, DCTERMS.created, None),
            "creator": g.value(o, DCTERMS.creator),
            "publisher": g.value(o, DCTERMS.publisher),
        }
        declared = frozenset(str(s) for k in _TERM_KINDS for s in g.subjects(RDF.type, k) if isinstance(s, URIRef))
        labels: dict[str, dict[str, str]] = {}
        for iri in declared:
            labels[iri] = {lang: v for lang in LANGS if (v := literal(g, URIRef(iri), RDFS.label, lang))}
        # what the shapes target or constrain, per term
        shapes_for: dict[str, set[Node]] = defaultdict(set)
        for shape, cls_ in shapes.subject_objects(SH.targetClass):
            shapes_for[str(cls_)].add(shape)
        for shape, prop in shapes.subject_objects(SH.targetSubjectsOf):
            shapes_for[str(prop)].add(shape)
        for ps, path in shapes.subject_objects(SH.path):
            for p in path_iris(shapes, path):
                shapes_for[str(p)].add(ps)
        instances = {r["c"].value for r in kg.query("SELECT DISTINCT ?c WHERE { ?s a ?c }", graphs=kg.graphs_of("data", "links", "user"))}
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
        own = sorted({s for k in _TERM_KINDS for s in g.subjects(RDF.type, k) if isinstance(s, URIRef) and s.startswith(FH_NS)}, key=str)
        sections: dict[str, list[Term]] = {k: [] for k in SECTIONS}
        sub_of, subprop_of = _by_object(g, RDFS.subClassOf), _by_object(g, RDFS.subPropertyOf)
        domain_of, range_of = _by_object(g, RDFS.domain), _by_object(g, RDFS.range)
        for t in own:
            kinds = sorted_iris(g.objects(t, RDF.type))
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
                labels={lang: v for lang in LANGS if (v := literal_in(g, t, RDFS.label, lang))},
                definitions={lang: v for lang in LANGS if (v := literal_in(g, t, SKOS.definition, lang))},
                comments={lang: v for lang in LANGS if (v := literal_in(g, t, RDFS.comment, lang))},
            )
            rows: list[tuple[str, list[URIRef]]] = [("type", kinds)]
            if section == "classes":
                rows += [
                    ("subclass_of", sorted_iris(g.objects(t, RDFS.subClassOf))),
                    ("subclasses", sorted_iris(sub_of[t])),
                    ("domain_of", sorted_iris(domain_of[t])),
                    ("range_of", sorted_iris(range_of[t])),
                ]
            else:
                rows += [
                    ("subproperty_of", sorted_iris(g.objects(t, RDFS.subPropertyOf))),
                    ("subproperties", sorted_iris(subprop_of[t])),
                    ("domain", sorted_iris(g.objects(t, RDFS.domain))),
                    ("range", sorted_iris(g.objects(t, RDFS.range))),
                    ("code_list", sorted_iris(g.objects(t, QB.codeList))),
                ]
            rows.append(("see_also", sorted_iris(g.objects(t, RDFS.seeAlso))))
            term.rows = [(k, v) for k, v in rows if v]
            sections[section].append(term)
        for terms in sections.values():
            terms.sort(key=lambda t: (str(t.iri)[len(FH_NS) :].casefold(), str(t.iri)))
        self.sections = sections
        # standard terms the ontology declares, with the fh terms that specialise them
        external: list[dict[str, Any]] = []
        for iri in sorted(self.declared):
            if iri.startswith(FH_NS):
                continue
            node = URIRef(iri)
            kinds = sorted_iris(g.objects(node, RDF.type))
            specialised = sorted_iris(s for s in [*g.subjects(RDFS.subClassOf, node), *g.subjects(RDFS.subPropertyOf, node)] if str(s).startswith(FH_NS))
            external.append(
                {
                    "iri": node,
                    "anchor": anchor(iri, self.kg.base),
                    "curie": curie(iri, self.kg.base),
                    "kinds": kinds,
                    "super": sorted_iris(g.objects(node, RDFS.subClassOf)),
                    "specialised": specialised,
                }
            )
        external.sort(key=lambda e: (e["curie"].casefold(), str(e["iri"])))
        self.external = external

    def _disjoint(self) -> None:
        groups: list[list[URIRef]] = []
        for axiom in self.g.subjects(RDF.type, OWL.AllDisjointClasses):
            members = [m for m in rdf_list(self.g, self.g.value(axiom, OWL.members)) if isinstance(m, URIRef)]
            if members:
                groups.append(members)
        for a, b in self.g.subject_objects(OWL.disjointWith):
            if isinstance(a, URIRef) and isinstance(b, URIRef):
                groups.append([a, b])
        groups.sort(key=lambda ms: [str(m) for m in ms])
        self.disjoint = groups

    def shapes_of(self, iri: Node | str) -> list[Node]:
        """The shapes that target or constrain the term."""
        return self.shapes_for.get(str(iri), [])

    def has_instances(self, iri: Node | str) -> bool:
        """Whether the data has instances of the class."""
        return str(iri) in self.instances

    def disjoint_with(self, iri: URIRef) -> list[URIRef]:
        """The classes disjoint with the class."""
        out: set[URIRef] = set()
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
        schemes: dict[str, dict[str, Any]] = {}
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
        by_concept: dict[tuple[str, str], dict[str, Any]] = {}
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
            s["concepts"].sort(key=lambda c: (c["position"] is None, c["position"] or 0, sv_key(c["pref"].get("sv") or c["iri"]), c["iri"]))
            s["anchor"] = "schema-" + s["iri"].rstrip("/").rsplit("/", 1)[-1]
        self.schemes = sorted(schemes.values(), key=lambda s: (sv_key(s["label"].get("sv") or s["pref"].get("sv") or s["iri"]), s["iri"]))


def _by_object(g: Graph, p: URIRef) -> dict[Node, set[Node]]:
    """The subjects of ``p`` by object: ``o -> {s | s p o}`` (a class's subclasses …)."""
    out: dict[Node, set[Node]] = defaultdict(set)
    for s, o in g.subject_objects(p):
        out[o].add(s)
    return out
