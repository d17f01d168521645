"""The ontology: a complete header, every term labelled, defined and aligned in sv and en, and
every term the data uses declared (so ontology + data is an OWL 2 DL ontology)."""

from __future__ import annotations

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, SKOS, VANN

import fhkg
from fhkg import resources
from fhkg.codegen import render_fh_namespace
from fhkg.terms.namespaces import FH, ONTOLOGY

FH_NS = str(FH)
KINDS = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty)


@pytest.fixture(scope="module")
def onto() -> Graph:
    g = Graph()
    for path in resources.files("ontology"):
        g.parse(path)
    return g


def own_terms(g: Graph) -> list[URIRef]:
    return sorted({s for k in KINDS for s in g.subjects(RDF.type, k) if str(s).startswith(FH_NS)})


def langs(g: Graph, s, p) -> set[str]:
    return {o.language for o in g.objects(s, p) if isinstance(o, Literal)}


def test_header(onto):
    o = URIRef(ONTOLOGY)
    assert (o, RDF.type, OWL.Ontology) in onto
    assert str(onto.value(o, OWL.versionInfo)) == fhkg.__version__
    assert str(onto.value(o, OWL.versionIRI)) == f"{ONTOLOGY}/{fhkg.__version__}"
    assert onto.value(o, DCTERMS.license) == URIRef("http://creativecommons.org/licenses/by/4.0/")
    for p in (DCTERMS.title, DCTERMS.description):
        assert {"sv", "en"} <= langs(onto, o, p), p
    assert onto.value(o, DCTERMS.creator) is not None and onto.value(o, DCTERMS.publisher) is not None
    assert str(onto.value(o, VANN.preferredNamespacePrefix)) == "fh"
    assert str(onto.value(o, VANN.preferredNamespaceUri)) == FH_NS


def test_every_term_is_labelled_and_defined_in_sv_and_en(onto):
    problems = []
    for t in own_terms(onto):
        for p in (RDFS.label, SKOS.definition):
            if not {"sv", "en"} <= langs(onto, t, p):
                problems.append(f"{t} lacks {p} in sv and en")
    assert not problems, "\n".join(problems)


def test_every_term_is_aligned_to_a_standard(onto):
    """Each class reaches a non-fh class by rdfs:subClassOf, each property a non-fh property by
    rdfs:subPropertyOf; where no standard property fits, rdfs:seeAlso names the nearest term."""
    problems = []
    for t in own_terms(onto):
        up = RDFS.subClassOf if (t, RDF.type, OWL.Class) in onto else RDFS.subPropertyOf
        reached = {x for x in onto.transitive_objects(t, up) if x != t}
        standard = [x for x in reached if not str(x).startswith(FH_NS)]
        see_also = [x for x in onto.objects(t, RDFS.seeAlso) if not str(x).startswith(FH_NS)]
        if not standard and not (up == RDFS.subPropertyOf and see_also):
            problems.append(str(t))
    assert not problems, "not aligned to any standard term:\n" + "\n".join(problems)


def test_every_term_the_data_uses_is_declared(onto, kg):
    """OWL 2 DL wants every class and property declared; the ontology declares the external ones."""
    declared = {s for k in (*KINDS, RDFS.Class) for s in onto.subjects(RDF.type, k)}
    used_props = {str(s["p"].value) for s in kg.query("SELECT DISTINCT ?p WHERE { GRAPH <https://w3id.org/familjen-helsingborg/graph/data> { ?s ?p ?o } }")}
    used_classes = {str(s["c"].value) for s in kg.query("SELECT DISTINCT ?c WHERE { GRAPH <https://w3id.org/familjen-helsingborg/graph/data> { ?s a ?c } }")}
    builtin = {str(RDF.type), str(RDFS.label), str(RDFS.comment), str(RDFS.seeAlso)}
    missing = sorted((used_props | used_classes) - builtin - {str(d) for d in declared})
    assert not missing, "used in data/ but not declared in ontology/:\n" + "\n".join(missing)


def test_the_data_uses_only_terms_the_ontology_defines(onto, kg):
    defined = {str(t) for t in own_terms(onto)}
    used = {s["t"].value for s in kg.query("SELECT DISTINCT ?t WHERE { { ?s ?t ?o } UNION { ?s a ?t } FILTER (STRSTARTS(STR(?t), STR(fh:))) }")}
    assert used <= defined, f"fh: terms used but not defined: {sorted(used - defined)}"


def test_generated_namespace_module_is_up_to_date():
    from pathlib import Path

    root = Path(__file__).resolve().parents[1]
    expected = render_fh_namespace(root / "ontology" / "fh.ttl")
    assert (root / "src" / "fhkg" / "terms" / "fh.py").read_text(encoding="utf-8") == expected, "run: python -m fhkg.codegen"
