"""The W3C RDF Data Cube integrity constraints (IC-1 … IC-21) on the finance cube, with Oxigraph.

The constraint queries, the normalisation updates and the upstream test cases are the Data Cube
editors' own (``shared/vocab/data-cube-ic``, see its NOTES.md): the queries carry no PREFIX
lines, so the upstream harness's prefixes are prepended here; the data is normalised first with
``closure.ru`` then ``flatten.ru`` (W3C Data Cube §10.2); an ASK answer of true means the
constraint is VIOLATED.

Our graph is checked as ontology plus data triples loaded into the default graph of a fresh
Oxigraph store (the updates and queries then see one graph, as the upstream harness does). Three
groups of tests:

* every IC is false on the shipped cube;
* the harness bites on our cube: a small, named defect makes exactly the expected ICs fire;
* the upstream cases of ``expected.tsv`` give the upstream answer, except one that is listed in
  ``ENGINE_DEPENDENT`` with the reason and with Oxigraph's observed answer asserted instead.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pyoxigraph as ox
import pytest
from conftest import shared_dir  # the same lookup as the shared_vocab fixture, needed at collection

from fhkg.terms.namespaces import prefixes

#: The prefixes the upstream harness prepends to every query and update (NOTES.md).
IC_PREFIXES = {
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "qb": "http://purl.org/linked-data/cube#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "eg": "http://example.com/abbrv-cube/",
}
IC_PROLOGUE = "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in IC_PREFIXES.items())
#: Our own prefixes, for the defects written against the shipped cube.
FH_PROLOGUE = "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in prefixes().items())

#: The constraints of the W3C Recommendation, one query file each (IC-19 is split in two).
ICS = [str(n) for n in range(1, 19)] + ["19a", "19b", "20", "21"]

#: Upstream cases where Oxigraph's answer differs from expected.tsv, with Oxigraph's observed
#: answer (True = violated) and the reason. Asserted, not skipped: if Oxigraph changes its
#: answer, the test fails and this entry must be revisited.
ENGINE_DEPENDENT = {
    ("integrity-17.sparql", "mt-cube-with-missing-points.ttl"): (
        False,
        "The upstream IC-17 query filters its groups with HAVING (?count != ?numMeasures), where "
        "?count is the alias of SELECT (COUNT(?obs2) AS ?count). In the SPARQL 1.1 algebra "
        "(§18.2.4) HAVING is evaluated before the SELECT expressions extend the solutions, so "
        "?count is unbound there, the filter is an error and no group survives: Oxigraph (and "
        "rdflib) answer false. Jena resolves the alias and answers true, as upstream expects. "
        "test_ic17_with_aggregate_in_having shows that the same query with the aggregate "
        "written out in HAVING gives the upstream answers on Oxigraph.",
    ),
}

UNIT_SEK = "<http://qudt.org/vocab/unit/CCY_SEK>"


def ic_dir(vocab: Path) -> Path:
    return vocab / "data-cube-ic"


def ic_query(vocab: Path, ic: str) -> str:
    return (ic_dir(vocab) / f"integrity-{ic}.sparql").read_text(encoding="utf-8")


def normalise(store: ox.Store, vocab: Path) -> None:
    """The Data Cube normalisation algorithm (§10.2): closure.ru, then flatten.ru."""
    for name in ("closure.ru", "flatten.ru"):
        store.update(IC_PROLOGUE + (ic_dir(vocab) / name).read_text(encoding="utf-8"))


def violated(store: ox.Store, query: str) -> bool:
    """Run one IC's ASK query; True means the constraint is violated."""
    answer = store.query(IC_PROLOGUE + query)
    assert isinstance(answer, ox.QueryBoolean), "an integrity constraint must be an ASK query"
    return bool(answer)


def fired(store: ox.Store, vocab: Path) -> set[str]:
    return {ic for ic in ICS if violated(store, ic_query(vocab, ic))}


def shipped_store(kg) -> ox.Store:
    """A fresh store holding the ontology and data triples of ``kg`` in its default graph."""
    store = ox.Store()
    store.extend(
        ox.Quad(q.subject, q.predicate, q.object, ox.DefaultGraph()) for q in kg.quads(kg.graphs_of("ontology", "data"))
    )
    return store


@pytest.fixture(scope="session")
def normalised_cube(kg, shared_vocab) -> ox.Store:
    store = shipped_store(kg)
    normalise(store, shared_vocab)
    return store


# ---------------------------------------------------------------- the shipped cube


def test_shipped_cube_is_there(normalised_cube):
    """Guards the IC tests below against passing on an empty cube."""
    counts = {
        str(r["dataSet"].value).rsplit("/", 1)[1]: int(r["n"].value)
        for r in normalised_cube.query(
            IC_PROLOGUE + "SELECT ?dataSet (COUNT(?obs) AS ?n) WHERE { ?obs qb:dataSet ?dataSet } GROUP BY ?dataSet"
        )
    }
    assert counts == {"resultatrapport": 14 * 3, "disposition-2024": 4, "test-och-utvecklingsprojekt-2024": 3}, (
        f"unexpected observations per data set: {counts}"
    )


@pytest.mark.parametrize("ic", ICS, ids=[f"IC-{ic}" for ic in ICS])
def test_shipped_cube_satisfies(ic, normalised_cube, shared_vocab):
    assert not violated(normalised_cube, ic_query(shared_vocab, ic)), (
        f"the shipped data cube violates IC-{ic} ({ic_query(shared_vocab, ic).splitlines()[0].lstrip('# ')})"
    )


# ---------------------------------------------------------------- the harness bites on our cube

OBS = "observation:resultatrapport-2024-summa-intakter"

#: (name, SPARQL update on the shipped cube, the ICs that must then fire and no others).
DEFECTS = [
    ("observation-without-data-set", f"DELETE DATA {{ {OBS} qb:dataSet dataset:resultatrapport }}", {"1"}),
    ("observation-in-two-data-sets", f"INSERT DATA {{ {OBS} qb:dataSet dataset:disposition-2024 }}", {"1"}),
    (
        "data-set-without-structure",
        "DELETE DATA { dataset:test-och-utvecklingsprojekt-2024 qb:structure dataset:ekonomi-struktur }",
        {"2"},
    ),
    (
        "structure-without-measure",
        "DELETE DATA { dataset:ekonomi-struktur qb:component dataset:ekonomi-struktur-belopp }",
        {"3"},
    ),
    ("dimension-without-range", "DELETE WHERE { fh:year rdfs:range ?range }", {"4"}),
    ("concept-dimension-without-code-list", "INSERT DATA { fh:year rdfs:range skos:Concept }", {"5"}),
    (
        "optional-dimension",
        'INSERT DATA { dataset:ekonomi-struktur-ar qb:componentRequired "false"^^xsd:boolean }',
        {"6"},
    ),
    # IC-12 compares the dimension values two observations both have: without its year, the
    # observation has the same line item as Summa intäkter 2023 and 2022, so it fires as well.
    ("observation-without-year", f"DELETE DATA {{ {OBS} fh:year period:2024 }}", {"11", "12"}),
    (
        "duplicate-observation",
        "INSERT DATA { observation:resultatrapport-2024-summa-intakter-dubblett a qb:Observation ; "
        "qb:dataSet dataset:resultatrapport ; fh:year period:2024 ; fh:lineItem rad:summa-intakter ; "
        f"fh:amount 8884807 ; sdmxa:unitMeasure {UNIT_SEK} }}",
        {"12"},
    ),
    (
        "missing-required-attribute",
        'INSERT DATA { dataset:ekonomi-struktur-enhet qb:componentRequired "true"^^xsd:boolean } ; '
        f"DELETE DATA {{ {OBS} sdmxa:unitMeasure {UNIT_SEK} }}",
        {"13"},
    ),
    ("observation-without-measure", f"DELETE DATA {{ {OBS} fh:amount 8884807 }}", {"14"}),
    (
        "slice-with-observation-of-another-data-set",
        "INSERT DATA { dataset:resultatrapport qb:slice dataset:resultatrapport-skiva . "
        "dataset:resultatrapport-skiva qb:observation observation:disposition-2024-totalt }",
        {"9", "18"},  # the slice also has no qb:sliceStructure
    ),
    (
        "line-item-outside-the-code-list",
        "DELETE DATA { rad:totalt skos:inScheme <https://w3id.org/familjen-helsingborg/id/begrepp/resultatpost> }",
        {"19a"},
    ),
]


@pytest.mark.parametrize(("update", "expected"), [d[1:] for d in DEFECTS], ids=[d[0] for d in DEFECTS])
def test_defect_in_our_cube_fires(update, expected, kg, shared_vocab):
    store = shipped_store(kg)
    store.update(FH_PROLOGUE + update)
    normalise(store, shared_vocab)
    got = fired(store, shared_vocab)
    assert got == expected, (
        f"after the defect, expected exactly IC-{', IC-'.join(sorted(expected))} to fire; "
        f"fired: {', '.join('IC-' + ic for ic in sorted(got)) or 'none'}"
    )


# ---------------------------------------------------------------- the upstream cases


def upstream_cases() -> list[tuple[int, str, tuple[str, ...], bool]]:
    """Rows of expected.tsv: (line, query file, data files, True if the data should violate)."""
    path = ic_dir(shared_dir() / "vocab") / "expected.tsv"
    with path.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh, delimiter="\t"))
    assert rows and all(r["expected"] in ("pass", "fail") for r in rows), f"unexpected format of {path}"
    return [
        (line, r["query"], tuple(r["data_files"].split(",")), r["expected"] == "fail")
        for line, r in enumerate(rows, start=2)
    ]


UPSTREAM = upstream_cases()


def load_upstream(vocab: Path, files: tuple[str, ...]) -> ox.Store:
    store = ox.Store()
    for name in files:
        store.load(path=str(ic_dir(vocab) / name), format=ox.RdfFormat.TURTLE)
    normalise(store, vocab)
    return store


@pytest.mark.parametrize(
    ("query", "files", "upstream_violated"),
    [c[1:] for c in UPSTREAM],
    ids=[f"L{c[0]}-{c[1].removesuffix('.sparql')}-{'+'.join(c[2])}" for c in UPSTREAM],
)
def test_upstream_case(query, files, upstream_violated, shared_vocab):
    store = load_upstream(shared_vocab, files)
    answer = violated(store, (ic_dir(shared_vocab) / query).read_text(encoding="utf-8"))
    known = ENGINE_DEPENDENT.get((query, ",".join(files)))
    if known is not None:
        observed, reason = known
        assert answer is observed, f"{query} on {files}: Oxigraph's answer changed; revisit ENGINE_DEPENDENT ({reason})"
        return
    assert answer is upstream_violated, (
        f"{query} on {', '.join(files)}: expected {'violated' if upstream_violated else 'satisfied'} "
        f"as upstream, Oxigraph says {'violated' if answer else 'satisfied'}"
    )


def test_engine_dependent_cases_are_upstream_cases():
    keys = {(q, ",".join(f)) for _, q, f, _ in UPSTREAM}
    assert set(ENGINE_DEPENDENT) <= keys, "ENGINE_DEPENDENT names a case that is not in expected.tsv"


IC17_CASES = [c for c in UPSTREAM if c[1] == "integrity-17.sparql"]


@pytest.mark.parametrize(
    ("files", "upstream_violated"), [c[2:] for c in IC17_CASES], ids=["+".join(c[2]) for c in IC17_CASES]
)
def test_ic17_with_aggregate_in_having(files, upstream_violated, shared_vocab):
    """IC-17 with HAVING (COUNT(?obs2) != ?numMeasures): portable SPARQL 1.1, upstream answers."""
    query = ic_query(shared_vocab, "17")
    portable = query.replace("HAVING (?count != ?numMeasures)", "HAVING (COUNT(?obs2) != ?numMeasures)")
    assert portable != query, "the IC-17 query no longer has the HAVING clause this test rewrites"
    store = load_upstream(shared_vocab, files)
    assert violated(store, portable) is upstream_violated, f"portable IC-17 on {files} disagrees with upstream"


def test_ic17_with_aggregate_in_having_on_our_cube(normalised_cube, shared_vocab):
    portable = ic_query(shared_vocab, "17").replace(
        "HAVING (?count != ?numMeasures)", "HAVING (COUNT(?obs2) != ?numMeasures)"
    )
    assert not violated(normalised_cube, portable), "the shipped cube violates the portable form of IC-17"
