"""pySHACL, the reference validator, read into the same results as the Oxigraph engine.

Slow on large graphs (it evaluates nested shapes once per value node, in rdflib), but it is the
reference: ``fhkg validate --engine pyshacl`` runs it, and the test suite compares the two.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from contextlib import contextmanager

import pyoxigraph as ox

from ..errors import UsageError
from .engine import Violation
from .shapes import RDF, SH, ShapesGraph


@contextmanager
def quiet_rdflib() -> Iterator[None]:
    """rdflib logs a traceback for every ill-typed literal it is handed; the report says it once."""
    log = logging.getLogger("rdflib.term")
    level = log.level
    log.setLevel(logging.CRITICAL)
    try:
        yield
    finally:
        log.setLevel(level)


def violations(data, shapes: ShapesGraph, *, focus_nodes: Iterable | None = None, use_shapes: Iterable | None = None) -> list[Violation]:
    """Validate the rdflib graph ``data`` with pySHACL; ``focus_nodes``/``use_shapes`` are rdflib terms."""
    import pyshacl
    from rdflib import Graph, URIRef
    from rdflib.namespace import SH as RSH

    from ..graph import to_oxigraph, to_rdflib
    from .prepared import parsed_once

    shapes_graph = Graph()
    for t in shapes.triples:
        shapes_graph.add((to_rdflib(t.subject), to_rdflib(t.predicate), to_rdflib(t.object)))
    with quiet_rdflib(), parsed_once():  # each SPARQL constraint parsed once, not once per focus node
        _, results, _ = pyshacl.validate(
            data,
            shacl_graph=shapes_graph,
            inference="none",
            abort_on_first=False,
            allow_warnings=True,
            advanced=False,  # SHACL Core and SHACL-SPARQL, as the Oxigraph engine: no SHACL-AF targets or rules
            focus_nodes=list(focus_nodes) if focus_nodes is not None else None,
            use_shapes=list(use_shapes) if use_shapes is not None else None,
        )
    if not isinstance(results, Graph):  # pySHACL returns its error (a ValidationFailure) when it cannot run a shape
        raise UsageError(f"pySHACL cannot validate with these shapes: {results}")
    out = []
    report = results.value(predicate=to_rdflib(ox.NamedNode(RDF + "type")), object=RSH.ValidationReport)
    for node in results.objects(report, RSH.result):  # the top-level results (not those under sh:detail)
        shape = to_oxigraph(results.value(node, RSH.sourceShape))
        component = str(results.value(node, RSH.sourceConstraintComponent) or "").removeprefix(SH)
        path = shapes.shape(shape).path if isinstance(shape, (ox.NamedNode, ox.BlankNode)) else None
        reported = results.value(node, RSH.resultPath)
        result_path = None
        if isinstance(reported, URIRef) and (path is None or path.iri is None or path.iri.value != str(reported)):
            result_path = ox.NamedNode(str(reported))
        value = results.value(node, RSH.value)
        # the filled-in messages of SPARQL constraints and SPARQL-based components (an absolute IRI);
        # a Core component's are the shape's own, or fhkg's
        messages = tuple(to_oxigraph(m) for m in results.objects(node, RSH.resultMessage)) if component == "SPARQLConstraintComponent" or ":" in component else ()
        out.append(
            Violation(
                focus=to_oxigraph(results.value(node, RSH.focusNode)),
                shape=shape,
                component=component,
                severity=to_oxigraph(results.value(node, RSH.resultSeverity) or RSH.Violation),
                path=path,
                value=to_oxigraph(value) if value is not None else None,
                result_path=result_path,
                constraint=to_oxigraph(c) if (c := results.value(node, RSH.sourceConstraint)) is not None and component == "SPARQLConstraintComponent" else None,
                message=messages,
            )
        )
    return out
