#!/usr/bin/env python3
"""Benchmarks: how long fhkg's main operations take, and how Oxigraph and rdflib compare as the
graph grows. Prints a table; asserts nothing (timed unit tests would flap).

    .venv/bin/python benchmarks/bench.py [--scale 10000,100000] [--pyshacl]

The scaled graphs add synthetic municipalities and memberships in the shipped model (the same
shape of data the flagship query reads), so the query does realistic work.
"""

from __future__ import annotations

import argparse
import resource
import sys
import time
from contextlib import contextmanager

import pyoxigraph as ox

import fhkg
from fhkg.graph import GRAPHS
from fhkg.queries import catalogue, run
from fhkg.serialization import serialize
from fhkg.validation import validate

ROWS: list[tuple[str, str, float]] = []


@contextmanager
def timed(what: str, size: str):
    start = time.perf_counter()
    yield
    ROWS.append((what, size, time.perf_counter() - start))


def scaled(kg: fhkg.KnowledgeGraph, triples: int) -> fhkg.KnowledgeGraph:
    """The shipped graph plus synthetic municipalities in synthetic joint organisations."""
    store = ox.Store()
    store.extend(kg.store)
    g = ox.NamedNode(GRAPHS["data"])
    rdf_type = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
    label = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label")
    org = "http://www.w3.org/ns/org#"
    muni = ox.NamedNode("https://w3id.org/familjen-helsingborg/ontology#Municipality")
    joint = ox.NamedNode("https://w3id.org/familjen-helsingborg/ontology#JointOrganisation")
    n = 0
    while len(store) < triples:
        m = ox.NamedNode(f"https://example.org/kommun/{n}")
        o = ox.NamedNode(f"https://example.org/org/{n // 7}")
        ms = ox.NamedNode(f"https://example.org/medlemskap/{n}")
        store.extend(
            [
                ox.Quad(m, rdf_type, muni, g),
                ox.Quad(m, label, ox.Literal(f"Kommun {n}", language="sv"), g),
                ox.Quad(o, rdf_type, joint, g),
                ox.Quad(o, label, ox.Literal(f"Organisation {n // 7}", language="sv"), g),
                ox.Quad(o, ox.NamedNode(org + "hasMember"), m, g),
                ox.Quad(m, ox.NamedNode(org + "memberOf"), o, g),
                ox.Quad(ms, rdf_type, ox.NamedNode(org + "Membership"), g),
                ox.Quad(ms, ox.NamedNode(org + "member"), m, g),
                ox.Quad(ms, ox.NamedNode(org + "organization"), o, g),
            ]
        )
        n += 1
    return fhkg.KnowledgeGraph(store, base=kg.base, sources=list(kg.sources))


def rdflib_query(kg: fhkg.KnowledgeGraph, name: str, limit_s: float) -> float | None:
    """rdflib's own SPARQL engine on the same query, or None if it exceeds ``limit_s``."""
    import multiprocessing as mp

    text = catalogue()[name].text
    g = kg.to_rdflib()

    def work(q):
        q.put(len(list(g.query(text))))

    ctx = mp.get_context("fork")
    q = ctx.Queue()
    p = ctx.Process(target=work, args=(q,))
    start = time.perf_counter()
    p.start()
    p.join(limit_s)
    if p.is_alive():
        p.terminate()
        return None
    return time.perf_counter() - start


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--scale", default="10000,100000", help="graph sizes (triples) for the scaling rows")
    ap.add_argument("--pyshacl", action="store_true", help="also time validation entirely in pySHACL (slow)")
    ap.add_argument("--rdflib-limit", type=float, default=60.0, help="seconds before an rdflib query is given up")
    args = ap.parse_args()

    with timed("load (parse ontology + data)", "shipped"):
        kg = fhkg.load()
    size = f"{len(kg)} triples"
    with timed("validate, fast engine", size):
        validate(kg)
    if args.pyshacl:
        with timed("validate, pySHACL only", size):
            validate(kg, engine="pyshacl")
    with timed("all named queries (Oxigraph)", size):
        for name in catalogue():
            run(kg, name)
    for fmt in ("turtle", "nt", "jsonld"):
        with timed(f"serialize {fmt}", size):
            serialize(kg, fmt)
    for target in (int(x) for x in args.scale.split(",") if x):
        big = scaled(kg, target)
        label = f"{len(big)} triples"
        with timed("flagship query, Oxigraph", label):
            run(big, "municipalities-by-organisation")
        t = rdflib_query(big, "municipalities-by-organisation", args.rdflib_limit)
        ROWS.append(("flagship query, rdflib engine", label, t if t is not None else float("inf")))

    width = max(len(r[0]) for r in ROWS)
    print(f"{'operation':<{width}}  {'graph':>16}  {'seconds':>9}")
    for what, where, secs in ROWS:
        shown = f"> {args.rdflib_limit:.0f}" if secs == float("inf") else f"{secs:9.3f}"
        print(f"{what:<{width}}  {where:>16}  {shown:>9}")
    print(f"\npeak memory (max RSS): {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MiB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
