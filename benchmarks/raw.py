#!/usr/bin/env python3
"""The raw floor: what bare pyoxigraph takes for each job fhkg does, with nothing of fhkg imported.

    python benchmarks/raw.py load FILE
    python benchmarks/raw.py query FILE|- QUERY.rq
    python benchmarks/raw.py nt|jsonld FILE OUT
    python benchmarks/raw.py queries FILE QUERIES.json   (run a list of SPARQL queries: the validation floor)
    python benchmarks/raw.py files SITE OUT   (write a built site's files again, bare; prints the seconds)
    python benchmarks/raw.py pyshacl FILE|-   (pySHACL as it comes, the peer: rdflib graphs, shapes/*.ttl)

It bulk-loads the shipped ontology and data (one named graph each, as fhkg does) plus FILE, then
does the job. FHKG_ROOT is the checkout (default: the folder above this one).
"""

import glob
import json
import os
import sys
import time

import pyoxigraph as ox

ROOT = os.environ.get("FHKG_ROOT", os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
G = "https://w3id.org/familjen-helsingborg/graph/"


def load(extra: str) -> tuple[ox.Store, list[ox.NamedNode]]:
    store = ox.Store()
    graphs = []
    plan = [(p, "ontology") for p in sorted(glob.glob(ROOT + "/ontology/*.ttl"))] + [(p, "data") for p in sorted(glob.glob(ROOT + "/data/*.ttl"))]
    if extra != "-":
        plan.append((extra, "user/1"))
    for path, graph in plan:
        g = ox.NamedNode(G + graph)
        fmt = ox.RdfFormat.N_TRIPLES if path.endswith(".nt") else ox.RdfFormat.TURTLE
        store.bulk_load(path=path, format=fmt, to_graph=g)
        if g not in graphs:
            graphs.append(g)
    return store, graphs


def files(site: str, out: str) -> None:
    """Every file of the folder ``site``, read into memory, then written into the new folder ``out``
    with bare ``os`` calls as fhkg's build writes them; prints the seconds of the writing, the
    number of files and their bytes. The floor of any build that writes these files."""
    payloads = []
    for root, _, names in os.walk(site):
        for name in names:
            path = os.path.join(root, name)
            with open(path, "rb") as fh:
                payloads.append((os.path.relpath(path, site), fh.read()))
    payloads.sort()
    start = time.perf_counter()
    made = set()
    for rel, payload in payloads:
        target = os.path.join(out, rel)
        folder = os.path.dirname(target)
        if folder not in made:
            os.makedirs(folder, exist_ok=True)
            made.add(folder)
        fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
        view = memoryview(payload)
        while view:
            view = view[os.write(fd, view) :]
        os.close(fd)
    print(time.perf_counter() - start, len(payloads), sum(len(p) for _, p in payloads))


def stock_pyshacl(extra: str) -> None:
    """pySHACL as a user of it runs it, with nothing of fhkg: the shipped ontology and data plus
    FILE read by rdflib into one graph, the shipped shapes into another, and the options fhkg's
    reference engine gives (no inference, SHACL Core and SHACL-SPARQL); prints whether it conforms."""
    import pyshacl
    import rdflib

    data, shapes = rdflib.Graph(), rdflib.Graph()
    for path in sorted(glob.glob(ROOT + "/ontology/*.ttl")) + sorted(glob.glob(ROOT + "/data/*.ttl")) + ([extra] if extra != "-" else []):
        data.parse(path, format="nt" if path.endswith(".nt") else "turtle")
    for path in sorted(glob.glob(ROOT + "/shapes/*.ttl")):
        shapes.parse(path, format="turtle")
    conforms, _, _ = pyshacl.validate(data, shacl_graph=shapes, inference="none", abort_on_first=False, allow_warnings=True, advanced=False)
    print(conforms)


def main() -> None:
    job, path = sys.argv[1], sys.argv[2]
    if job == "files":
        files(path, sys.argv[3])
        return
    if job == "pyshacl":
        stock_pyshacl(path)
        return
    store, graphs = load(path)
    if job == "query":
        with open(sys.argv[3], encoding="utf-8") as fh:
            text = fh.read()
        sys.stdout.buffer.write(store.query(text, default_graph=graphs).serialize(format=ox.QueryResultsFormat.CSV))
    elif job in ("nt", "jsonld"):
        fmt = ox.RdfFormat.N_TRIPLES if job == "nt" else ox.RdfFormat.JSON_LD
        with open(sys.argv[3], "wb") as out:
            for g in graphs:
                store.dump(out, format=fmt, from_graph=g)
    elif job == "queries":
        with open(sys.argv[3], encoding="utf-8") as fh:
            queries = json.load(fh)
        for text in queries:
            for _ in store.query(text, default_graph=graphs):
                pass


if __name__ == "__main__":
    main()
