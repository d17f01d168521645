"""SHACL validation with pySHACL (the reference validator), and a report people can read.

>>> import fhkg
>>> report = validate(fhkg.load())
>>> report.conforms, len(report.results)
(True, 0)
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

import pyshacl
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, SH, SKOS
from rdflib.term import Node

from .graph import KnowledgeGraph, bind_prefixes, load_shapes, rebase_graph
from .namespaces import DEFAULT_BASE
from .turtle import format_graph

SEVERITY = {SH.Violation: "Violation", SH.Warning: "Warning", SH.Info: "Info"}
_SEVERITY_WORDS = {
    "sv": {"Violation": ("överträdelse", "överträdelser"), "Warning": ("varning", "varningar"), "Info": ("upplysning", "upplysningar")},
    "en": {"Violation": ("violation", "violations"), "Warning": ("warning", "warnings"), "Info": ("note", "notes")},
}


@dataclass(frozen=True)
class Result:
    """One validation result, with the shape's own words in Swedish and English."""

    focus: Node
    shape: Node
    severity: str
    messages: dict[str, str]
    shape_names: dict[str, str]
    path: Node | None = None
    value: Node | None = None
    constraint: Node | None = None

    def message(self, lang: str = "sv") -> str:
        return self.messages.get(lang) or self.messages.get("en") or next(iter(self.messages.values()), "")

    def shape_name(self, lang: str = "sv") -> str:
        return self.shape_names.get(lang) or self.shape_names.get("en") or ""


@dataclass
class Report:
    conforms: bool
    results: list[Result]
    graph: Graph
    labels: dict[Node, str] = field(default_factory=dict)

    @property
    def violations(self) -> list[Result]:
        return [r for r in self.results if r.severity == "Violation"]

    def by_focus(self) -> dict[Node, list[Result]]:
        grouped: dict[Node, list[Result]] = defaultdict(list)
        for r in self.results:
            grouped[r.focus].append(r)
        return dict(sorted(grouped.items(), key=lambda kv: str(kv[0])))

    # ---------------------------------------------------------------- renderings
    def text(self, lang: str = "sv") -> str:
        nm = self.graph.namespace_manager
        if not self.results:
            return "Grafen följer formerna: inga fel.\n" if lang == "sv" else "The graph conforms to the shapes: no results.\n"
        counts = defaultdict(int)
        for r in self.results:
            counts[r.severity] += 1
        words = _SEVERITY_WORDS[lang if lang in _SEVERITY_WORDS else "en"]
        summary = ", ".join(f"{n} {words[sev][0 if n == 1 else 1]}" for sev, n in sorted(counts.items()))
        n_res = len(self.by_focus())
        if lang == "sv":
            head = f"Grafen följer inte formerna: {len(self.results)} resultat ({summary}) på {n_res} {'resurs' if n_res == 1 else 'resurser'}."
        else:
            head = f"The graph does not conform: {len(self.results)} result{'s' if len(self.results) != 1 else ''} ({summary}) on {n_res} resource{'s' if n_res != 1 else ''}."
        lines = [head, ""]
        for focus, results in self.by_focus().items():
            label = self.labels.get(focus)
            lines.append(_n3(focus, nm) + (f" — {label}" if label else ""))
            for r in sorted(results, key=lambda r: (str(r.shape), str(r.path), str(r.value))):
                lines.append(f"  [{r.severity}] {_n3(r.shape, nm)} ({r.shape_name(lang)}): {r.message(lang)}")
                detail = []
                if r.path is not None:
                    detail.append(("stig" if lang == "sv" else "path") + f": {path_text(self.graph, r.path, nm)}")
                if r.value is not None:
                    detail.append(("värde" if lang == "sv" else "value") + f": {_n3(r.value, nm)}")
                if detail:
                    lines.append("      " + "  ".join(detail))
            lines.append("")
        return "\n".join(lines)

    def to_json(self) -> str:
        nm = self.graph.namespace_manager
        payload = {
            "conforms": self.conforms,
            "results": [
                {
                    "focusNode": str(r.focus),
                    "focusLabel": self.labels.get(r.focus),
                    "sourceShape": _n3(r.shape, nm),
                    "shapeName": r.shape_names,
                    "severity": r.severity,
                    "resultPath": path_text(self.graph, r.path, nm) if r.path is not None else None,
                    "value": str(r.value) if r.value is not None else None,
                    "message": r.messages,
                }
                for focus_results in self.by_focus().values()
                for r in sorted(focus_results, key=lambda r: (str(r.shape), str(r.path), str(r.value)))
            ],
        }
        return json.dumps(payload, ensure_ascii=False, indent=2) + "\n"

    def to_turtle(self) -> str:
        return format_graph(self.graph, "# SHACL validation report (W3C sh:ValidationReport) written by fhkg validate.")


ENGINES = ("fast", "pyshacl")


def validate(
    kg: KnowledgeGraph,
    *,
    shapes: Graph | None = None,
    extra_shapes: Iterable[str | Path] = (),
    engine: str = "fast",
    focus_nodes: Iterable[Node] | None = None,
) -> Report:
    """Validate ``kg`` (ontology, data and user data) against the shipped shapes.

    ``engine="pyshacl"`` runs every constraint in pySHACL, the reference validator.
    ``engine="fast"`` (the default) runs the core constraints in pySHACL and the SHACL-SPARQL
    constraints on Oxigraph (pySHACL evaluates those with rdflib's SPARQL engine, once per focus
    node, which takes tens of seconds here); the test suite checks that both give the same results.
    """
    if engine not in ENGINES:
        raise ValueError(f"unknown engine {engine!r}; expected one of {ENGINES}")
    data = kg.to_rdflib()
    shapes_graph = rebase_graph(shapes if shapes is not None else load_shapes(extra_shapes), kg.base)
    check_shape_queries(shapes_graph, kg.base)
    if engine == "pyshacl":
        return validate_graph(data, shapes_graph, focus_nodes=focus_nodes, base=kg.base)
    core = Graph()
    for t in shapes_graph:
        if t[1] != SH.sparql:
            core.add(t)
    report = validate_graph(data, core, focus_nodes=focus_nodes, shapes_for_names=shapes_graph, base=kg.base)
    from .sparql_constraints import run_sparql_constraints

    extra = run_sparql_constraints(kg, shapes_graph, report.graph, focus_nodes=focus_nodes)
    report.results.extend(_results_of(report.graph, shapes_graph, extra))
    report.labels.update({r.focus: lbl for r in report.results if (lbl := _label(data, r.focus))})
    report.conforms = not any(r.severity == "Violation" for r in report.results)
    report.graph.set((report.graph.value(predicate=RDF.type, object=SH.ValidationReport), SH.conforms, Literal(report.conforms)))
    return report


def check_shape_queries(shapes: Graph, base: str = DEFAULT_BASE) -> None:
    """Every SPARQL text in the shapes (``sh:select``, ``sh:ask``, ``sh:construct``) passes the
    gate that requests from outside pass (:mod:`fhkg.sparql.guard`): no update, no ``SERVICE``.
    A user's shapes file is as much outside input as a query; both engines would run it."""
    from .errors import UsageError
    from .namespaces import prefixes
    from .sparql.guard import Guard, Refused

    declared = {str(p): str(ns) for d in shapes.objects(None, SH.declare) for p in shapes.objects(d, SH.prefix) for ns in shapes.objects(d, SH.namespace)}
    guard = Guard({**prefixes(base), **declared})
    for prop in (SH.select, SH.ask, SH.construct):
        for holder, text in sorted(shapes.subject_objects(prop), key=lambda t: (str(t[0]), str(t[1]))):
            try:
                guard.check(str(text))
            except Refused as e:
                owner = holder if isinstance(holder, URIRef) else shapes.value(predicate=SH.sparql, object=holder)
                shown = f"shape {owner.n3(shapes.namespace_manager)}" if isinstance(owner, URIRef) else "a shape"
                raise UsageError(f"the SPARQL of {shown} ({prop.n3(shapes.namespace_manager)}) is refused: {e}") from None


def validate_graph(
    data: Graph,
    shapes: Graph,
    *,
    focus_nodes: Iterable[Node] | None = None,
    shapes_for_names: Graph | None = None,
    use_shapes: Iterable[Node] | None = None,
    base: str = DEFAULT_BASE,
) -> Report:
    """Validate an rdflib graph with pySHACL; the data graph must include the ontology (for sh:class)."""
    conforms, results_graph, _ = pyshacl.validate(
        data,
        shacl_graph=shapes,
        inference="none",
        abort_on_first=False,
        allow_warnings=True,
        advanced=True,
        focus_nodes=list(focus_nodes) if focus_nodes is not None else None,
        use_shapes=list(use_shapes) if use_shapes is not None else None,
    )
    if not isinstance(results_graph, Graph):  # pySHACL returns its error object when the shapes are broken
        raise ValueError(f"the shapes graph is not valid SHACL: {results_graph}")
    bind_prefixes(results_graph, base)
    names = shapes_for_names if shapes_for_names is not None else shapes
    results = _results_of(results_graph, names, results_graph.subjects(RDF.type, SH.ValidationResult))
    labels = {r.focus: _label(data, r.focus) for r in results}
    conforms = not any(r.severity == "Violation" for r in results)
    return Report(conforms=conforms, results=results, graph=results_graph, labels={k: v for k, v in labels.items() if v})


def _results_of(results_graph: Graph, shapes: Graph, nodes: Iterable[Node]) -> list[Result]:
    results = []
    for node in nodes:
        shape = results_graph.value(node, SH.sourceShape)
        results.append(
            Result(
                focus=results_graph.value(node, SH.focusNode),
                shape=shape,
                severity=SEVERITY.get(results_graph.value(node, SH.resultSeverity), "Violation"),
                messages=_by_lang(results_graph.objects(node, SH.resultMessage)),
                shape_names=_by_lang(shapes.objects(shape, SH.name)),
                path=results_graph.value(node, SH.resultPath),
                value=results_graph.value(node, SH.value),
                constraint=results_graph.value(node, SH.sourceConstraint),
            )
        )
    return results


def _by_lang(literals: Iterable[Node]) -> dict[str, str]:
    out: dict[str, str] = {}
    for lit in literals:
        if isinstance(lit, Literal):
            out.setdefault(lit.language or "", str(lit))
    return dict(sorted(out.items()))


def _label(g: Graph, node: Node) -> str | None:
    for prop in (RDFS.label, SKOS.prefLabel):
        for lang in ("sv", "en", None):
            for o in g.objects(node, prop):
                if isinstance(o, Literal) and (lang is None or o.language == lang):
                    return str(o)
    return None


def path_text(g: Graph, path: Node, nm) -> str:
    """A SHACL property path in SPARQL syntax (``dcterms:source|prov:wasDerivedFrom``)."""
    from rdflib import BNode
    from rdflib.collection import Collection

    if not isinstance(path, BNode):
        return _n3(path, nm)
    alternative = g.value(path, SH.alternativePath)
    if alternative is not None:
        return "(" + "|".join(path_text(g, p, nm) for p in Collection(g, alternative)) + ")"
    for prop, mark in ((SH.inversePath, "^"), (SH.zeroOrMorePath, "*"), (SH.oneOrMorePath, "+"), (SH.zeroOrOnePath, "?")):
        inner = g.value(path, prop)
        if inner is not None:
            text = path_text(g, inner, nm)
            return f"^{text}" if mark == "^" else f"{text}{mark}"
    if g.value(path, RDF.first) is not None:
        return "/".join(path_text(g, p, nm) for p in Collection(g, path))
    return str(path)


def _n3(node: Node | None, nm) -> str:
    if node is None:
        return ""
    if isinstance(node, URIRef):
        try:
            return node.n3(nm)
        except Exception:  # pragma: no cover - rdflib raises for IRIs it cannot shorten
            return f"<{node}>"
    if isinstance(node, Literal):
        return node.n3(nm)
    return str(node)
