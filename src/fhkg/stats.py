"""Counts that describe the graph: triples per named graph, classes and their instances, and
links that leave the graph (to other datasets and web pages), grouped by host.

>>> import fhkg
>>> s = stats(fhkg.load())
>>> s.triples == sum(s.graphs.values())
True
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

import pyoxigraph as ox

from .graph import KnowledgeGraph
from .links import host, link_triples
from .terms import curie


@dataclass
class Stats:
    triples: int
    graphs: dict[str, int]
    subjects: int
    predicates: int
    classes: dict[str, int] = field(default_factory=dict)
    outgoing: dict[str, int] = field(default_factory=dict)

    def text(self, base: str) -> str:
        short = _shortener(base)
        lines = [f"triples     {self.triples}", f"subjects    {self.subjects}", f"predicates  {self.predicates}", f"classes     {len(self.classes)}", ""]
        lines.append(f"{'named graph':<61}{'triples':>9}")
        lines += [f"  {g:<59}{n:>9}" for g, n in self.graphs.items()]
        lines += ["", f"{'class':<52}{'instances':>9}"]
        lines += [f"  {short(c):<50}{n:>9}" for c, n in self.classes.items()]
        lines += ["", f"{'outgoing links, by host':<52}{'links':>9}" if self.outgoing else "outgoing links: none"]
        lines += [f"  {host:<50}{n:>9}" for host, n in self.outgoing.items()]
        return "\n".join(lines) + "\n"

    def to_json(self) -> str:
        return json.dumps(self.__dict__, ensure_ascii=False, indent=2) + "\n"


def stats(kg: KnowledgeGraph) -> Stats:
    graphs = {g: _count(kg, f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH {ox.NamedNode(g)} {{ ?s ?p ?o }} }}") for g in kg.graph_names()}
    classes = {
        s["c"].value: int(s["n"].value)
        for s in kg.query("SELECT ?c (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s a ?c } GROUP BY ?c ORDER BY DESC(?n) ?c")
    }
    outgoing: dict[str, int] = {}
    for _, _, target in link_triples(kg):
        outgoing[host(str(target))] = outgoing.get(host(str(target)), 0) + 1
    return Stats(
        triples=len(kg),
        graphs=graphs,
        subjects=_count(kg, "SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s ?p ?o }"),
        predicates=_count(kg, "SELECT (COUNT(DISTINCT ?p) AS ?n) WHERE { ?s ?p ?o }"),
        classes=classes,
        outgoing=dict(sorted(outgoing.items(), key=lambda kv: (-kv[1], kv[0]))),
    )


def _count(kg: KnowledgeGraph, query: str) -> int:
    return int(next(iter(kg.query(query)))["n"].value)


def _shortener(base: str):
    def short(iri: str) -> str:
        return curie(iri, base)

    return short
