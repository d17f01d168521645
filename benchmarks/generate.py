#!/usr/bin/env python3
"""Synthetic data in fhkg's own model, at any size: municipalities with their codes and labels,
joint organisations, and memberships (org:Membership) with their periods (time:ProperInterval,
time:Instant) and sources — the data the flagship query and the shapes read.

    python benchmarks/generate.py TRIPLES OUT.nt [--defects]

Deterministic (the same arguments give the same bytes) and linear: it streams N-Triples written
by pyoxigraph. With ``--defects`` about one entity in forty breaks a shape (a missing or
malformed code, a second Swedish label, an ill-typed date, an untyped organisation, a literal
where an IRI belongs, a county code that does not fit, a period that ends before it begins …),
so validators have real work to agree on.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox

BASE = "https://w3id.org/familjen-helsingborg/"
FH, ID = BASE + "ontology#", BASE + "id/"
RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
LABEL = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label")
ORG = "http://www.w3.org/ns/org#"
TIME = "http://www.w3.org/2006/time#"
XSD = "http://www.w3.org/2001/XMLSchema#"
SOURCE = ox.NamedNode("http://purl.org/dc/terms/source")
DERIVED = ox.NamedNode("http://www.w3.org/ns/prov#wasDerivedFrom")
HOMEPAGE = ox.NamedNode("http://xmlns.com/foaf/0.1/homepage")
SHIPPED_CODES = {1214, 1257, 1260, 1275, 1276, 1277, 1278, 1282, 1283, 1284, 1292}


def n(iri: str) -> ox.NamedNode:
    return ox.NamedNode(iri)


def triples(target: int, defects: bool = False) -> Iterator[ox.Triple]:
    """About ``target`` triples (never fewer), in a fixed order."""
    codes = [c for c in range(1000, 10000) if c not in SHIPPED_CODES]
    municipalities = min(len(codes), max(20, target // 110))
    organisations = max(8, municipalities // 3)
    source, reference = n(ID + "kalla/ar2024-inledning"), n(ID + "kalla/referens-samarbetsorganisationer")
    count = 0

    def broken(i: int, kind: int) -> bool:
        return defects and i % 41 == kind

    for k in range(organisations):
        o = n(ID + f"organisation/synt-{k}")
        out = [] if broken(k, 3) else [ox.Triple(o, RDF_TYPE, n(FH + "JointOrganisation"))]
        if not broken(k, 4):
            out.append(ox.Triple(o, LABEL, ox.Literal(f"Samverkan {k} Ö", language="sv")))
        out += [
            ox.Triple(o, LABEL, ox.Literal(f"Cooperation {k}", language="en")),
            ox.Triple(o, SOURCE, ox.Literal("årsredovisningen") if broken(k, 5) else source),
            ox.Triple(o, n(FH + "collaborationDomain"), n(ID + "begrepp/samarbetsomrade/ovrigt")),
        ]
        if k % 2 == 0:
            out.append(ox.Triple(o, n(FH + "legalForm"), n(ID + "begrepp/organisationsform/aktiebolag")))
        count += len(out)
        yield from out
    for i in range(municipalities):
        c = codes[i]
        m = n(ID + f"kommun/{c}")
        out = [
            ox.Triple(m, RDF_TYPE, n(FH + "Municipality")),
            ox.Triple(m, LABEL, ox.Literal(f"Kommun {c} Åby", language="sv")),
            ox.Triple(m, LABEL, ox.Literal(f"Municipality {c}", language="en")),
            ox.Triple(m, SOURCE, source),
            ox.Triple(m, DERIVED, reference),
            ox.Triple(m, n(FH + "countyCode"), ox.Literal("99" if broken(i, 9) else str(c)[:2])),
            ox.Triple(m, HOMEPAGE, n(f"https://kommun{c}.example.se")),
        ]
        if broken(i, 0):
            out.append(ox.Triple(m, LABEL, ox.Literal(f"Kommunen {c}", language="sv")))
        if not broken(i, 1):
            out.append(ox.Triple(m, n(FH + "kommunkod"), ox.Literal(f"{c}0" if broken(i, 2) else str(c))))
        count += len(out)
        yield from out
    j = 0
    while count < target:
        i = j % municipalities
        c = codes[i]
        m = n(ID + f"kommun/{c}")
        k = (i * 7 + (j // municipalities) * 13 + (j // municipalities) ** 2) % organisations
        o = n(ID + f"organisation/synt-{k}")
        ms = n(ID + f"medlemskap/synt-{k}-{c}-{j // municipalities}")
        period, begin = n(ID + f"period/synt-{j}"), n(ID + f"tid/synt-{j}-b")
        year = 1990 + j % 30
        date = f"{year}-{1 + j % 12:02d}-{1 + j % 28:02d}" if not broken(j, 6) else f"{year}-13-{1 + j % 28:02d}"
        out = [
            ox.Triple(o, n(ORG + "hasMember"), m),
            ox.Triple(m, n(ORG + "memberOf"), o),
            ox.Triple(ms, RDF_TYPE, n(ORG + "Membership")),
            ox.Triple(ms, LABEL, ox.Literal(f"Kommun {c} i Samverkan {k}", language="sv")),
            ox.Triple(ms, n(ORG + "organization"), o),
            ox.Triple(ms, n(ORG + "role"), n(ID + "begrepp/roll/medlem")),
            ox.Triple(ms, SOURCE, source),
            ox.Triple(ms, n(ORG + "memberDuring"), period),
            ox.Triple(period, RDF_TYPE, n(TIME + "ProperInterval")),
            ox.Triple(period, n(TIME + "hasBeginning"), begin),
            ox.Triple(begin, RDF_TYPE, n(TIME + "Instant")),
            ox.Triple(begin, n(TIME + "inXSDDate"), ox.Literal(date, datatype=n(XSD + "date"))),
        ]
        if not broken(j, 7):
            out.append(ox.Triple(ms, n(ORG + "member"), m))
        if j % 5 >= 2:
            end = n(ID + f"tid/synt-{j}-e")
            out += [
                ox.Triple(period, n(TIME + "hasEnd"), end),
                ox.Triple(end, RDF_TYPE, n(TIME + "Instant")),
                ox.Triple(end, n(TIME + "inXSDgYear"), ox.Literal(str(year - 1 if broken(j, 8) else year + 1 + j % 9), datatype=n(XSD + "gYear"))),
            ]
        count += len(out)
        yield from out
        j += 1


def write(target: int, out: Path, defects: bool = False, chunk: int = 50_000) -> int:
    """Write the graph as N-Triples to ``out``; returns the number of triples."""
    written = 0
    batch: list[ox.Triple] = []
    with open(out, "wb") as fh:
        for t in triples(target, defects):
            batch.append(t)
            if len(batch) >= chunk:
                ox.serialize(batch, fh, format=ox.RdfFormat.N_TRIPLES)
                written += len(batch)
                batch = []
        if batch:
            ox.serialize(batch, fh, format=ox.RdfFormat.N_TRIPLES)
            written += len(batch)
    return written


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("triples", type=int)
    ap.add_argument("out", type=Path)
    ap.add_argument("--defects", action="store_true", help="break a shape in about one entity in forty")
    args = ap.parse_args(argv)
    count = write(args.triples, args.out, args.defects)
    print(f"{args.out}: {count} triples", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
