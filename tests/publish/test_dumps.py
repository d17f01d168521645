"""The whole-graph dumps (fhkg.publish.dumps): every format parses back to the graph, the quad
dumps' four named graphs partition the triples, the gzips are deterministic, the catalogue notes
match the bytes, and two builds give the same bytes."""

from __future__ import annotations

import gzip
import json
import re

import pytest
from rdflib import BNode, Dataset, Graph, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import RDF

import fhkg
from fhkg import links as fhkg_links
from fhkg.graph import GRAPHS, load_shapes, rebase_graph
from fhkg.publish import dumps
from fhkg.publish.site import Site, gzip_bytes, jsonld_context, sha256
from fhkg.stats import stats
from fhkg.terms.namespaces import DEFAULT_BASE

from .conftest import make_site

OTHER_BASE = "https://data.example.org/fh/"
TRIPLE_FORMATS = {"ttl": "turtle", "nt": "nt", "jsonld": "json-ld", "rdf": "xml"}
QUAD_FORMATS = {"nq": "nquads", "trig": "trig"}
MEDIA_TYPES = {
    "ttl": "text/turtle",
    "nt": "application/n-triples",
    "nq": "application/n-quads",
    "trig": "application/trig",
    "jsonld": "application/ld+json",
    "rdf": "application/rdf+xml",
}


def build(kg) -> Site:
    return make_site(kg, dumps)


@pytest.fixture(scope="module")
def site(kg) -> Site:
    return build(kg)


@pytest.fixture(scope="module")
def quads(site) -> Dataset:
    ds = Dataset()
    ds.parse(data=site.files["dump/fhkg.nq"], format="nquads")
    return ds


def graph_of(ds: Dataset, kind: str) -> Graph:
    return Graph() + ds.graph(URIRef(GRAPHS[kind]))


def ground(g: Graph) -> set:
    return {t for t in g if not any(isinstance(x, BNode) for x in t)}


# ---------------------------------------------------------------- files


def test_every_format_is_written_plain_and_gzipped_with_the_context(site):
    expected = {f"dump/fhkg.{ext}{gz}" for ext in MEDIA_TYPES for gz in ("", ".gz")} | {"context.jsonld"}
    assert set(site.files) == expected


@pytest.mark.parametrize("ext", sorted(TRIPLE_FORMATS))
def test_triple_dumps_parse_back_to_ontology_and_data(site, kg, ext):
    parsed = Graph().parse(data=site.files[f"dump/fhkg.{ext}"], format=TRIPLE_FORMATS[ext])
    assert len(parsed) == len(kg)
    assert isomorphic(parsed, kg.to_rdflib()), f"dump/fhkg.{ext} is not the graph it was written from"


@pytest.mark.parametrize("ext", sorted(QUAD_FORMATS))
def test_quad_dumps_parse_back_to_the_four_named_graphs(site, kg, ext):
    ds = Dataset()
    ds.parse(data=site.files[f"dump/fhkg.{ext}"], format=QUAD_FORMATS[ext])
    names = {str(c.identifier) for c in ds.graphs() if len(c)}
    assert names == {GRAPHS[k] for k in ("ontology", "data", "shapes", "links")}
    expected = dumps.named_graphs(kg)
    for name, lines in expected.items():
        g = Graph().parse(data=b"\n".join(lines).decode("utf-8"), format="nt")
        assert isomorphic(Graph() + ds.graph(URIRef(name)), g), f"{ext}: graph {name} differs"
    assert isomorphic(graph_of(ds, "ontology"), kg.to_rdflib(("ontology",)))
    assert isomorphic(graph_of(ds, "shapes"), load_shapes())


def test_the_four_named_graphs_partition_the_triples(quads, kg):
    parts = {k: graph_of(quads, k) for k in ("ontology", "data", "shapes", "links")}
    shipped_data = kg.to_rdflib(("data", "user"))
    # data and links together are exactly the data, and share nothing
    assert ground(parts["data"]) | ground(parts["links"]) == set(shipped_data)
    assert not ground(parts["data"]) & ground(parts["links"])
    # no ground triple is in two graphs
    kinds = list(parts)
    for i, a in enumerate(kinds):
        for b in kinds[i + 1:]:
            assert not ground(parts[a]) & ground(parts[b]), f"{a} and {b} share triples"
    # nothing lost, nothing counted twice
    assert sum(len(g) for g in parts.values()) == len(kg) + len(load_shapes())


def test_blank_node_labels_never_span_two_graphs(site):
    graphs_of_label: dict[str, set[str]] = {}
    for line in site.files["dump/fhkg.nq"].decode("utf-8").splitlines():
        graph = line.rsplit(" ", 2)[-2]
        for label in re.findall(r"_:([A-Za-z0-9]+)", line):
            graphs_of_label.setdefault(label, set()).add(graph)
    assert graphs_of_label, "the ontology and the shapes have blank nodes"
    assert all(len(g) == 1 for g in graphs_of_label.values())


def test_links_are_the_data_triples_pointing_outside_dataset_and_vocabularies(quads, kg):
    links = graph_of(quads, "links")
    assert len(links) > 100
    for s, p, o in links:
        assert p != RDF.type and isinstance(o, URIRef) and fhkg_links.is_external(str(o), kg.base), (s, p, o)
    # and the data graph keeps none of them
    leaked = [(s, p, o) for s, p, o in graph_of(quads, "data") if p != RDF.type and isinstance(o, URIRef) and fhkg_links.is_external(str(o), kg.base)]
    assert not leaked
    predicates = {str(p) for p in links.predicates()}
    assert {"http://xmlns.com/foaf/0.1/homepage", "http://purl.org/dc/terms/source", "http://purl.org/linked-data/sdmx/2009/attribute#unitMeasure"} <= predicates


def test_links_are_what_fhkg_stats_counts_as_outgoing(kg):
    by_host: dict[str, int] = {}
    for _, _, o in fhkg_links.link_triples(kg):
        by_host[fhkg_links.host(str(o))] = by_host.get(fhkg_links.host(str(o)), 0) + 1
    assert by_host == stats(kg).outgoing


def test_trig_header_says_the_graphs_partition_the_triples(site):
    head = [line for line in site.files["dump/fhkg.trig"].decode("utf-8").splitlines() if line.startswith("#")]
    text = "\n".join(head)
    assert "partition" in text and "exactly one" in text
    for kind in ("ontology", "data", "shapes", "links"):
        assert GRAPHS[kind] in text


# ---------------------------------------------------------------- JSON-LD context


def test_context_document_is_the_pages_context_and_the_dump_needs_none(site, kg):
    context = json.loads(site.files["context.jsonld"])["@context"]
    assert context == jsonld_context(kg.base)
    nodes = json.loads(site.files["dump/fhkg.jsonld"])  # expanded JSON-LD: nothing to fetch
    assert isinstance(nodes, list) and nodes
    keys = {k for node in nodes for k in node}
    assert all(k.startswith(("@", "http://", "https://")) for k in keys), sorted(k for k in keys if not k.startswith(("@", "http")))


# ---------------------------------------------------------------- gzip and the catalogue's notes


@pytest.mark.parametrize("ext", sorted(MEDIA_TYPES))
def test_gzip_round_trips_and_is_deterministic(site, ext):
    plain, packed = site.files[f"dump/fhkg.{ext}"], site.files[f"dump/fhkg.{ext}.gz"]
    assert gzip.decompress(packed) == plain
    assert packed[:2] == b"\x1f\x8b"
    assert packed[4:8] == b"\x00\x00\x00\x00", "mtime must be 0"
    assert not packed[3] & 0x08, "no file name in the header"
    assert gzip_bytes(plain) == packed


def test_distribution_notes_match_the_files(site):
    notes = site.notes.distributions
    assert sorted(n.path for n in notes) == sorted(p for p in site.files if p.startswith("dump/"))
    for n in notes:
        payload = site.files[n.path]
        assert n.byte_size == len(payload)
        assert n.sha256 == sha256(payload) and re.fullmatch(r"[0-9a-f]{64}", n.sha256)
        assert n.media_type == MEDIA_TYPES[n.ext]
        assert n.compression == ("gzip" if n.path.endswith(".gz") else None)
        assert n.graphs == (("ontology", "data", "shapes", "links") if n.ext in QUAD_FORMATS else ("ontology", "data"))


# ---------------------------------------------------------------- determinism and other bases


def test_two_builds_give_identical_bytes(site, kg):
    again = build(fhkg.load())
    assert again.files.keys() == site.files.keys()
    different = [p for p in site.files if site.files[p] != again.files[p]]
    assert not different


def test_a_non_default_base_moves_data_and_shapes_but_keeps_the_partition():
    other = fhkg.load(base=OTHER_BASE)
    site = build(other)
    ds = Dataset()
    ds.parse(data=site.files["dump/fhkg.nq"], format="nquads")
    iris = {str(t) for q in ds.quads() for t in q[:3] if isinstance(t, URIRef)}
    assert not {i for i in iris if i.startswith(f"{DEFAULT_BASE}id/")}, "every instance IRI (shapes included) must move to the base"
    assert f"{OTHER_BASE}id/kommun/1276" in iris
    assert isomorphic(graph_of(ds, "shapes"), rebase_graph(load_shapes(), OTHER_BASE))
    links = graph_of(ds, "links")
    assert links and not any(str(o).startswith(OTHER_BASE) for o in links.objects())
    assert ground(graph_of(ds, "data")) | ground(links) == set(other.to_rdflib(("data",)))
