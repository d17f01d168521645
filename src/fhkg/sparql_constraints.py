"""SHACL-SPARQL constraints (sh:sparql / sh:select) evaluated on Oxigraph.

SHACL pre-binds ``$this`` to each focus node in turn. Here the focus nodes are joined in
instead: the shape's targets become a sub-select at the start of the constraint's WHERE clause,
so one Oxigraph query per constraint finds every violation. For the queries SHACL allows in
constraints (no VALUES, no rebinding of ``$this``) this gives the same solutions; the test suite
checks it against pySHACL on the shipped data and on every shape test case.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import RDF, SH
from rdflib.term import Node

from .graph import KnowledgeGraph, to_oxigraph, to_rdflib
from .queries import insert_into_where, rebase_text

_THIS = re.compile(r"\$this\b")
_PLACEHOLDER = re.compile(r"\{[?$]([A-Za-z_][A-Za-z0-9_]*)\}")


def run_sparql_constraints(
    kg: KnowledgeGraph,
    shapes: Graph,
    report: Graph,
    *,
    focus_nodes: Iterable[Node] | None = None,
) -> list[BNode]:
    """Evaluate every SPARQL-based constraint of ``shapes`` on ``kg``; add results to ``report``."""
    graphs = kg.graphs_of("ontology", "data", "links", "user")
    only = {to_oxigraph(n) for n in focus_nodes} if focus_nodes is not None else None
    added: list[BNode] = []
    nm = report.namespace_manager
    for shape, constraint in sorted(shapes.subject_objects(SH.sparql), key=lambda t: (str(t[0]), str(t[1]))):
        if (shapes.value(shape, SH.deactivated) or Literal(False)).toPython() is True:
            continue
        select = shapes.value(constraint, SH.select)
        if select is None:
            continue
        query = rebase_text(_prefixes(shapes, constraint) + insert_into_where(_THIS.sub("?this", str(select)), _targets(shapes, shape)), kg.base)
        severity = shapes.value(shape, SH.severity) or SH.Violation
        messages = list(shapes.objects(constraint, SH.message)) or list(shapes.objects(shape, SH.message))
        solutions = kg.query(query, graphs=graphs)
        names = [v.value for v in solutions.variables]
        for solution in solutions:
            bound = {n: solution[n] for n in names if solution[n] is not None}
            this = bound.get("this")
            if this is None or (only is not None and this not in only):
                continue
            node = BNode()
            report.add((node, RDF.type, SH.ValidationResult))
            report.add((node, SH.focusNode, to_rdflib(this)))
            report.add((node, SH.sourceShape, shape))
            report.add((node, SH.sourceConstraint, constraint))
            report.add((node, SH.sourceConstraintComponent, SH.SPARQLConstraintComponent))
            report.add((node, SH.resultSeverity, severity))
            value = bound.get("value", this)
            report.add((node, SH.value, to_rdflib(value)))
            if "path" in bound and isinstance(bound["path"], ox.NamedNode):
                report.add((node, SH.resultPath, to_rdflib(bound["path"])))
            for m in messages:
                text = _PLACEHOLDER.sub(lambda mt: _show(bound.get(mt.group(1)), nm), str(m))
                report.add((node, SH.resultMessage, Literal(text, lang=m.language) if isinstance(m, Literal) and m.language else Literal(text)))
            root = report.value(predicate=RDF.type, object=SH.ValidationReport)
            if root is not None:
                report.add((root, SH.result, node))
            added.append(node)
    return added


def _targets(shapes: Graph, shape: Node) -> str:
    alternatives = []
    for cls in sorted(shapes.objects(shape, SH.targetClass), key=str):
        alternatives.append(f"{{ ?this <{RDF.type}>/<http://www.w3.org/2000/01/rdf-schema#subClassOf>* <{cls}> }}")
    if (shape, RDF.type, URIRef("http://www.w3.org/2000/01/rdf-schema#Class")) in shapes:
        alternatives.append(f"{{ ?this <{RDF.type}>/<http://www.w3.org/2000/01/rdf-schema#subClassOf>* <{shape}> }}")
    for node in sorted(shapes.objects(shape, SH.targetNode), key=str):
        alternatives.append(f"{{ BIND ({to_oxigraph(node)} AS ?this) }}")
    for p in sorted(shapes.objects(shape, SH.targetSubjectsOf), key=str):
        alternatives.append(f"{{ ?this <{p}> ?fhkg_target_object }}")
    for p in sorted(shapes.objects(shape, SH.targetObjectsOf), key=str):
        alternatives.append(f"{{ ?fhkg_target_subject <{p}> ?this }}")
    if not alternatives:
        return "{ FILTER (false) }"
    return "{ SELECT DISTINCT ?this WHERE { " + " UNION ".join(alternatives) + " } }"


def _prefixes(shapes: Graph, constraint: Node) -> str:
    lines = []
    for declarer in shapes.objects(constraint, SH.prefixes):
        for decl in shapes.objects(declarer, SH.declare):
            prefix = shapes.value(decl, SH.prefix)
            namespace = shapes.value(decl, SH.namespace)
            if prefix is not None and namespace is not None:
                lines.append(f"PREFIX {prefix}: <{namespace}>")
    return "\n".join(sorted(set(lines))) + "\n"


def _show(term, nm) -> str:
    if term is None:
        return ""
    t = to_rdflib(term)
    if isinstance(t, URIRef):
        try:
            return t.n3(nm)
        except Exception:
            return str(t)
    return str(t)
