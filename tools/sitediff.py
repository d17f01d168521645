"""Compare two built sites: did a change alter only what it meant to?

    python tools/sitediff.py BEFORE AFTER [--html-whitespace] [--ignore GLOB ...]

Both folders are outputs of ``fhkg build``. The check reports

* pages and files that only one side has;
* RDF files (by extension: Turtle, N-Triples, N-Quads, TriG, JSON-LD, RDF/XML, also gzipped)
  whose graphs are not isomorphic — the triples are compared after blank nodes are given
  labels from their surroundings (``fhkg.io.bnodes``), so another order or other blank-node
  ids is no difference, a changed literal is;
* every other file whose bytes differ (HTML, SVG, JSON, CSS …); with ``--html-whitespace``,
  HTML that differs only in whitespace between tags counts as the same.

An RDF file whose bytes differ but whose graph is the same is listed as *reordered* (a
deterministic build should not do that, so it is shown, but it is not a difference).

Exit status: 0 the sites agree, 1 they differ (each difference printed), 2 usage error.
It is a development tool (not shipped in the wheel); the refactors of issue 7 are checked
with it against a site built before them.
"""

from __future__ import annotations

import argparse
import fnmatch
import gzip
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from fhkg.io.bnodes import canonical_labels
from fhkg.terms.formats import by_path

#: Extensions read as RDF; ``.json`` is a SPARQL result or the search index, not JSON-LD.
RDF_SUFFIXES = {".ttl", ".nt", ".nq", ".trig", ".jsonld", ".rdf"}
_BETWEEN_TAGS = re.compile(rb">\s+<")
_RUNS = re.compile(rb"\s+")


@dataclass
class Report:
    only_before: list[str] = field(default_factory=list)
    only_after: list[str] = field(default_factory=list)
    not_isomorphic: list[str] = field(default_factory=list)
    bytes_differ: list[str] = field(default_factory=list)
    reordered: list[str] = field(default_factory=list)
    compared: int = 0

    @property
    def same(self) -> bool:
        return not (self.only_before or self.only_after or self.not_isomorphic or self.bytes_differ)

    def lines(self) -> list[str]:
        out = [f"only in before: {p}" for p in self.only_before]
        out += [f"only in after: {p}" for p in self.only_after]
        out += [f"graph differs: {p}" for p in self.not_isomorphic]
        out += [f"bytes differ: {p}" for p in self.bytes_differ]
        out += [f"reordered (same graph): {p}" for p in self.reordered]
        verdict = "the sites agree" if self.same else "the sites differ"
        out.append(f"{self.compared} files compared: {verdict}")
        return out


def files(root: Path, ignore: list[str]) -> set[str]:
    found = set()
    for p in root.rglob("*"):
        if p.is_file():
            rel = p.relative_to(root).as_posix()
            if not any(fnmatch.fnmatch(rel, g) for g in ignore):
                found.add(rel)
    return found


def rdf_name(rel: str) -> str | None:
    """The name whose extension says the RDF format (``x.nt.gz`` -> ``x.nt``), or None."""
    name = rel[:-3] if rel.endswith(".gz") else rel
    return name if Path(name).suffix in RDF_SUFFIXES else None


def graph_key(data: bytes, name: str) -> frozenset[tuple[str, ...]]:
    """The quads of ``data`` as text, blank nodes relabelled from their surroundings."""
    fmt = by_path(name)
    assert fmt is not None
    quads = list(ox.parse(data, format=fmt.oxigraph, base_iri="x-sitediff:/"))
    labels = canonical_labels(quads)

    def text(t: object) -> str:
        return "_:" + labels[t] if isinstance(t, ox.BlankNode) else str(t)

    return frozenset(tuple(text(t) for t in (q.subject, q.predicate, q.object, getattr(q, "graph_name", None))) for q in quads)


def html_equal(a: bytes, b: bytes) -> bool:
    def norm(x: bytes) -> bytes:
        return _RUNS.sub(b" ", _BETWEEN_TAGS.sub(b"><", x)).strip()

    return norm(a) == norm(b)


def compare(before: Path, after: Path, *, html_whitespace: bool = False, ignore: list[str] | None = None) -> Report:
    ignore = ignore or []
    a, b = files(before, ignore), files(after, ignore)
    report = Report(only_before=sorted(a - b), only_after=sorted(b - a))
    for rel in sorted(a & b):
        report.compared += 1
        x, y = (before / rel).read_bytes(), (after / rel).read_bytes()
        if x == y:
            continue
        name = rdf_name(rel)
        if name is not None:
            if rel.endswith(".gz"):
                x, y = gzip.decompress(x), gzip.decompress(y)
            if graph_key(x, name) == graph_key(y, name):
                report.reordered.append(rel)
            else:
                report.not_isomorphic.append(rel)
        elif html_whitespace and rel.endswith(".html") and html_equal(x, y):
            continue
        else:
            report.bytes_differ.append(rel)
    return report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("before", type=Path)
    parser.add_argument("after", type=Path)
    parser.add_argument("--html-whitespace", action="store_true", help="HTML differing only in whitespace between tags is the same")
    parser.add_argument("--ignore", action="append", default=[], metavar="GLOB", help="leave out files matching GLOB (repeatable)")
    args = parser.parse_args(argv)
    for d in (args.before, args.after):
        if not d.is_dir():
            print(f"sitediff: {d} is not a folder (build a site with `fhkg build -o {d}`)", file=sys.stderr)
            return 2
    report = compare(args.before, args.after, html_whitespace=args.html_whitespace, ignore=args.ignore)
    print("\n".join(report.lines()))
    return 0 if report.same else 1


if __name__ == "__main__":
    sys.exit(main())
