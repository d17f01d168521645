"""Validation: the graph (and a user's data) against the SHACL shapes.

The default engine runs every SHACL Core and SHACL-SPARQL constraint on Oxigraph
(:mod:`fhkg.shacl.engine`); ``engine="pyshacl"`` runs pySHACL, the reference validator. Both give
the same :class:`~fhkg.shacl.report.Report`.

>>> import fhkg
>>> report = validate(fhkg.load())
>>> report.conforms, len(report.results)
(True, 0)
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from pathlib import Path

import pyoxigraph as ox

from .graph import KnowledgeGraph, shape_triples
from .shacl import ENGINES
from .shacl.engine import Validator
from .shacl.report import Report, Result
from .shacl.shapes import SH, ShapesGraph
from .terms import DEFAULT_BASE

#: The kinds of source that are validated (the shapes themselves are not data).
DATA_KINDS = ("ontology", "data", "links", "user")

__all__ = ["DATA_KINDS", "ENGINES", "Report", "Result", "check_shape_queries", "shapes_graph", "validate", "validate_graph"]


def shapes_graph(shapes=None, extra_shapes: Iterable[str | Path] = (), base: str = DEFAULT_BASE) -> ShapesGraph:
    """The shapes to validate with: the shipped ones (plus ``extra_shapes``), or ``shapes`` as
    given (a :class:`ShapesGraph`, pyoxigraph triples, or an rdflib Graph)."""
    if shapes is None:
        return ShapesGraph(shape_triples(extra_shapes, base))
    if isinstance(shapes, ShapesGraph):
        return shapes
    if hasattr(shapes, "namespace_manager"):  # an rdflib Graph
        from .graph import rebase_graph, to_oxigraph

        return ShapesGraph(ox.Triple(to_oxigraph(s), to_oxigraph(p), to_oxigraph(o)) for s, p, o in rebase_graph(shapes, base))
    return ShapesGraph(shapes)


def validate(
    kg: KnowledgeGraph,
    *,
    shapes=None,
    extra_shapes: Iterable[str | Path] = (),
    engine: str = "fast",
    focus_nodes: Iterable | None = None,
    jobs: int | None = None,
) -> Report:
    """Validate ``kg`` (ontology, data, links and user data) against the shapes.

    ``focus_nodes`` (pyoxigraph or rdflib terms) keeps only the results about those nodes.
    ``jobs``: the threads the Oxigraph engine checks shapes with (default: one per core, at most
    :data:`fhkg.shacl.engine.MAX_JOBS`); the report is the same whatever the number.
    """
    if engine not in ENGINES:
        raise ValueError(f"unknown engine {engine!r}; expected one of {ENGINES}")
    extra = list(extra_shapes)  # read twice: for the shapes, and to place a refusal in its file
    sg = shapes_graph(shapes, extra, kg.base)
    check_shape_queries(sg, kg.base, files=() if shapes is not None else extra)
    if engine == "pyshacl":
        from .shacl import reference

        with reference.quiet_rdflib():
            found = reference.violations(kg.to_rdflib(), sg)
    else:
        found = Validator(kg.store, sg, kg.graphs_of(*DATA_KINDS)).run(jobs)
    if focus_nodes is not None:
        wanted = {_ox(n) for n in focus_nodes}
        found = [v for v in found if v.focus in wanted]
    return Report.of(found, sg, base=kg.base, store=kg.store)


def validate_graph(data, shapes, *, focus_nodes: Iterable | None = None, use_shapes: Iterable | None = None, base: str = DEFAULT_BASE) -> Report:
    """Validate an rdflib graph with pySHACL (the data graph must include the ontology, for sh:class)."""
    from .shacl import reference

    sg = shapes_graph(shapes, base=base)
    return Report.of(reference.violations(data, sg, focus_nodes=focus_nodes, use_shapes=use_shapes), sg, base=base)


def check_shape_queries(shapes: ShapesGraph, base: str = DEFAULT_BASE, *, files: Iterable[str | Path] = ()) -> None:
    """The gate a shapes graph passes before either engine runs: its SPARQL-based constraint
    components are well formed (:mod:`fhkg.shacl.components`), and every SPARQL text in it
    (``sh:select``, ``sh:ask``, ``sh:construct``) passes the gate that requests from outside pass
    (:mod:`fhkg.sparql.guard`: no update, no ``SERVICE``; the prefixes its ``sh:prefixes``
    declare, none of fhkg's own), is of the form its property names,
    names no dataset of its own (``FROM``: the data graph is the dataset) and keeps SHACL's rules
    for the variables it finds pre-bound. A user's shapes file is as much outside input as a
    query; both engines would run it. A refusal begins with where the query is in ``files``
    (``file:line:column``), when its text is there as written (a literal without escapes); a
    refused component's, with where ``files`` declare it."""
    from .errors import UsageError
    from .shacl.components import ComponentRefused
    from .sparql.guard import Guard, Refused
    from .terms import curie

    try:
        components = shapes.components()
    except ComponentRefused as e:  # placed where the file declares the component, if it is there
        where = _declared(files, e.node.value)
        if where is None:
            raise
        raise UsageError(f"{where[0]}:{where[1]}:{where[2]}: {e}") from None
    af_targets = {o for by_p in shapes.spo.values() for o in by_p.get(SH + "target", ())}  # SHACL-AF: nothing pre-bound (and neither engine runs them)
    validators = {v.node: (c, link) for c in components for link, v in c.validators.items()}
    for prop in ("select", "ask", "construct"):
        for holder in sorted(shapes.subjects_with(SH + prop), key=str):
            for text in shapes.objects(holder, SH + prop):
                try:  # with the prefixes it declares (sh:prefixes), as both engines run it
                    parsed = Guard(shapes.declared_prefixes(holder)).check(text.value)
                    why = _misplaced(parsed, prop, holder in validators)
                    if why is None and holder not in af_targets:
                        params = tuple(p.name for p in validators[holder][0].parameters) if holder in validators else ()
                        why = _unbindable(parsed, prop, params)
                except Refused as e:
                    why = str(e)
                if why:
                    if holder in validators:
                        component, link = validators[holder]
                        shown = f"the sh:{link} of component {curie(component.iri.value, base)}"
                    else:  # the shape whose constraint, target or rule it is (a named constraint node too)
                        owner = next((s for s, by_p in shapes.spo.items() if any(holder in by_p.get(SH + p, ()) for p in ("sparql", "target", "rule"))), holder)
                        shown = f"shape {curie(owner.value, base)}" if isinstance(owner, ox.NamedNode) else "a shape"
                    place = _place(files, text.value)
                    if place is None:
                        raise UsageError(f"the SPARQL of {shown} (sh:{prop}) is refused: {why}") from None
                    name, line, column = place
                    why, at = _in_file(why, line, column)
                    raise UsageError(f"{name}:{at[0]}:{at[1]}: the SPARQL of {shown} (sh:{prop}) is refused: {why}") from None


def _place(files: Iterable[str | Path], text: str) -> tuple[str, int, int] | None:
    """The file, line and column where ``text`` begins as a quoted literal (its first place, in
    the first of ``files`` that has it), or None (not there as written, e.g. a literal with escapes)."""
    from .io.inputs import find_text

    if not text.strip():
        return None
    return _first_place(files, lambda path: find_text(path, text))


def _declared(files: Iterable[str | Path], iri: str) -> tuple[str, int, int] | None:
    """The file, line and column where ``iri`` is first written as a subject (else at all), in
    the first of ``files`` that writes it (:func:`fhkg.io.inputs.find_iri`), or None."""
    from .io.inputs import find_iri

    return _first_place(files, lambda path: find_iri(path, iri))


def _first_place(files: Iterable[str | Path], find: Callable[[Path], tuple[int, int] | None]) -> tuple[str, int, int] | None:
    """``find``'s line and column in the first of ``files`` where it finds one, with the file's
    name (a file that cannot be read is passed over)."""
    for f in files:
        try:
            at = find(Path(f))
        except OSError:
            continue
        if at is not None:
            return str(f), *at
    return None


_POSITION = re.compile(r"line (\d+), column (\d+)")


def _in_file(why: str, line: int, column: int) -> tuple[str, tuple[int, int]]:
    """``why`` with each place in the query (``line L, column C``) given as a place in the file
    whose query begins at ``line``, ``column``; and the first such place (else the query's)."""
    places: list[tuple[int, int]] = []

    def moved(m: re.Match) -> str:
        q_line, q_column = int(m.group(1)), int(m.group(2))
        at = (line + q_line - 1, column + q_column - 1 if q_line == 1 else q_column)
        places.append(at)
        return f"line {at[0]}, column {at[1]}"

    text = _POSITION.sub(moved, why)
    return text, places[0] if places else (line, column)


#: The variables a SHACL-SPARQL query finds bound before it runs (``$value`` in an ASK validator),
#: those a subquery need not return, and what to write instead of the clauses refused.
PRE_BOUND = {"select": ("this", "shapesGraph", "currentShape"), "ask": ("this", "value", "shapesGraph", "currentShape")}
OPTIONAL_IN_SUBQUERY = ("shapesGraph", "currentShape")
INSTEAD = {"MINUS": "write FILTER NOT EXISTS { … } instead", "VALUES": "write FILTER (?x IN (…)) instead"}
FORMS = {"select": "SELECT", "ask": "ASK", "construct": "CONSTRUCT"}


def _misplaced(parsed, prop: str, validator: bool) -> str | None:
    """Why a shape's query cannot run where it is written, or None: a form other than its
    property names, a dataset of its own, ``$shapesGraph`` (neither engine binds it: pySHACL
    stopped with a traceback), an ASK validator's solution modifiers (it runs as ``FILTER NOT
    EXISTS`` over the value nodes)."""
    if parsed.form != FORMS[prop]:
        return f"sh:{prop} holds a {parsed.form} query; write a {FORMS[prop]} query"
    for c in parsed.clauses:
        if c.keyword == "FROM":
            return f"FROM (line {c.line}, column {c.column}) names a dataset, but a shape's query runs on the data graph it validates; remove it"
    for name, line, column in parsed.variables:
        if name == "shapesGraph":
            return (
                f"$shapesGraph (line {line}, column {column}) names the shapes graph, which fhkg does not give a shape's query "
                "(SHACL 1.0, section 5.3.1 leaves it to the processor); write the values it would read into the query or a parameter"
            )
    if validator and prop == "ask" and parsed.modified:
        return "an ASK validator's query ends at its WHERE group here (no GROUP BY, HAVING, ORDER BY, LIMIT or OFFSET after it); fold the condition into the group"
    return None


def _unbindable(parsed, prop: str, params: tuple[str, ...] = ()) -> str | None:
    """Why a constraint's query cannot have its variables pre-bound, or None: SHACL 1.0 (5.3.1)
    forbids ``MINUS``, ``VALUES``, ``AS`` a pre-bound variable, and a subquery that does not
    return them, in such a query (their meaning would depend on how an engine binds them: the two
    engines here answered differently, or pySHACL refused). ``params``: the parameters of a
    SPARQL-based component, pre-bound in its validators' queries too."""
    bound = PRE_BOUND.get(prop)
    if bound is None:
        return None
    bound = (*bound, *params)
    for c in parsed.clauses:
        where = f"line {c.line}, column {c.column}"
        if c.keyword in INSTEAD:
            return f"{c.keyword} ({where}) cannot be used where $this is pre-bound (SHACL 1.0, section 5.3.1); {INSTEAD[c.keyword]}"
        if c.keyword == "AS" and c.variables[0] in bound:
            return f"AS ?{c.variables[0]} ({where}) assigns a variable that is pre-bound (SHACL 1.0, section 5.3.1); name it differently"
        if c.keyword == "SELECT":
            missing = [v for v in bound if v not in OPTIONAL_IN_SUBQUERY and v not in c.variables]
            if missing:
                shown = "SELECT *" if c.variables == ("*",) else "the subquery's SELECT"
                return f"{shown} ({where}) does not project {', '.join('$' + v for v in missing)}: a subquery must return every pre-bound variable (SHACL 1.0, section 5.3.1); name {', '.join('$' + v for v in missing)} in its SELECT"
    return None


def _ox(term):
    if isinstance(term, (ox.NamedNode, ox.BlankNode, ox.Literal)):
        return term
    from .graph import to_oxigraph

    return to_oxigraph(term)
