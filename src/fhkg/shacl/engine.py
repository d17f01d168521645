"""SHACL validation on Oxigraph: every constraint becomes one SPARQL query over all focus nodes.

The W3C SHACL Core constraint components, SHACL-SPARQL constraints and SPARQL-based constraint
components (:mod:`.components`) are evaluated *set at a time*: a shape's focus nodes are a SPARQL group pattern that binds ``?this`` (its targets, or,
for a shape used inside another — ``sh:node``, ``sh:property`` of a property shape, ``sh:not``,
``sh:and``, ``sh:or``, ``sh:xone``, ``sh:qualifiedValueShape`` — the value nodes of the outer
shape, as a sub-select), and each constraint is one query that returns only the violations.
Constraints that depend on whether other nodes conform to a shape ask for that shape's failing
nodes among the candidates (remembered per shape and focus pattern) and decide in Python.
The shapes with targets are checked side by side, on one thread per core (:meth:`Validator.run`).

Terms enter the SPARQL text only as pyoxigraph writes them (``str(term)``, N-Triples syntax,
escaped), never as raw strings. pySHACL stays the reference (:mod:`.reference`); the test suite
shows both give the same results on the shipped data, every shape case, shapes written to use
every component, and generated graphs.
"""

from __future__ import annotations

import copy
import re
import threading
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

import pyoxigraph as ox

from .. import progress
from .components import CustomConstraint
from .shapes import RDF, RDFS, SH, Constraint, Node, Path, Shape, ShapesGraph, Term

XSD = "http://www.w3.org/2001/XMLSchema#"
_TYPE_PATH = f"<{RDF}type>/<{RDFS}subClassOf>*"
_TYPE = f"<{RDF}type>"
_THIS = re.compile(r"\$this\b")
_PATH_VAR = re.compile(r"\$PATH\b")
_PLACEHOLDER = re.compile(r"\{[?$]([A-Za-z_][A-Za-z0-9_]*)\}")
#: Datatypes whose lexical form is checked (ill-typed literals violate sh:datatype), with the
#: cast that accepts exactly the well-formed ones.
_CHECKED = {
    **{XSD + t: XSD + "integer" for t in ("integer", "int", "long", "short", "byte", "nonNegativeInteger", "positiveInteger", "nonPositiveInteger", "negativeInteger", "unsignedLong", "unsignedInt", "unsignedShort", "unsignedByte")},
    **{XSD + t: XSD + t for t in ("decimal", "double", "float", "boolean", "date", "dateTime", "time", "duration", "dayTimeDuration", "yearMonthDuration", "gYear", "gYearMonth", "gMonthDay", "gDay", "gMonth")},
}
_NODE_KINDS = {
    "IRI": "!isIRI(?value)",
    "BlankNode": "!isBlank(?value)",
    "Literal": "!isLiteral(?value)",
    "BlankNodeOrIRI": "isLiteral(?value)",
    "BlankNodeOrLiteral": "isIRI(?value)",
    "IRIOrLiteral": "isBlank(?value)",
}
_COUNTS = ("MinCountConstraintComponent", "MaxCountConstraintComponent")
_COMPARE = {"minExclusive": ">", "minInclusive": ">=", "maxExclusive": "<", "maxInclusive": "<="}
#: The most threads :meth:`Validator.run` starts by default.
MAX_JOBS = 8


@dataclass(frozen=True)
class Violation:
    """One validation result, in terms of the shapes graph and the data."""

    focus: Term
    shape: Node
    component: str  # local name, e.g. MinCountConstraintComponent
    severity: ox.NamedNode
    path: Path | None = None
    value: Term | None = None
    result_path: ox.NamedNode | None = None  # set when it is not the shape's path (sh:closed, SPARQL ?path)
    constraint: Term | None = None  # the sh:sparql constraint node
    message: tuple[ox.Literal, ...] = ()  # filled-in SPARQL messages; otherwise the shape's
    language: str | None = None  # sh:uniqueLang: the language tag values share (a result per tag)


def _t(term: Term) -> str:
    """A term as SPARQL text, written by pyoxigraph (escaped)."""
    return str(term)


def _int(term: object) -> int:
    return int(term.value) if isinstance(term, ox.Literal) else 0


def _true(term: object) -> bool:
    return isinstance(term, ox.Literal) and term.value in ("true", "1")


class Validator:
    """Validate the union of ``graphs`` in ``store`` against ``shapes``."""

    def __init__(self, store: ox.Store, shapes: ShapesGraph, graphs: Iterable[str] | None = None, *, record: list[str] | None = None):
        self.store = store
        self.record = record  # every query run, when a list is given (the benchmark's floor)
        self.shapes = shapes
        self.graphs = [ox.NamedNode(g) for g in graphs] if graphs is not None else None
        self._failing: dict[tuple[Term, str], set[Term]] = {}
        self._active: set[Term] = set()  # the shapes being checked (for cycles)
        self._parents: dict[Term, list[Shape]] = defaultdict(list)
        for shape in shapes.shapes():
            for child in shape.property_shapes:
                self._parents[child.node].append(shape)
        self.queries = 0
        self._subclasses: dict[ox.NamedNode, list[Term]] = {}  # shared by the threads: the same answer whoever asks first
        self._lock = threading.Lock()
        self._stop = threading.Event()  # set when the run is given up: the threads stop at their next query
        self._error: BaseException | None = None

    # ---------------------------------------------------------------- running
    def query(self, text: str):
        if self._stop.is_set():
            raise _Stopped
        self.queries += 1
        if self.record is not None:
            self.record.append(text)
        kwargs = {"default_graph": self.graphs} if self.graphs is not None else {"use_default_graph_as_union": True}
        return self.store.query(text, **kwargs)

    def run(self, jobs: int | None = None) -> list[Violation]:
        """Every violation of every shape that has targets (shapes without targets are only
        checked where another shape uses them).

        The shapes are checked by ``jobs`` threads (default: one per usable core, at most
        :data:`MAX_JOBS`): Oxigraph evaluates a query without holding the GIL, so the queries
        run side by side. Each shape is checked on its own, with its own memory of failing
        nodes, so the result does not depend on the number of threads nor on their timing (nor
        on the other shapes: where shapes refer to each other in a cycle, which SHACL leaves
        undefined, a shape met again while it is being checked is assumed to hold, within the
        check of one shape with targets)."""
        shapes = [s for s in self.shapes.shapes() if not s.deactivated and s.has_targets]
        workers = min(len(shapes), max(1, jobs if jobs is not None else _cores()))
        self._stop, self._error = threading.Event(), None  # each run starts afresh, after a failed one too
        from concurrent.futures import ThreadPoolExecutor, as_completed

        # One job runs in a thread of its own too: measured at 1M triples, one thread checks
        # the shapes in 19 s where the main thread takes 29 s. glibc's allocator serves the
        # main thread from the heap the loaded store grew (its main arena), a new thread from
        # an arena of its own (with MALLOC_ARENA_MAX=1, two threads are as slow as the main one).
        pool = ThreadPoolExecutor(max_workers=max(1, workers), thread_name_prefix="fhkg-validate")
        try:
            with progress.bar("validation: shapes", len(shapes)) as shown:
                futures = [pool.submit(self._one_shape, s) for s in shapes]
                for _ in as_completed(futures):  # (in this thread: every shape is counted before the bar ends)
                    shown.advance()
        except BaseException:  # an interrupt: the threads stop at their next query
            self._stop.set()
            raise
        finally:
            pool.shutdown(wait=True, cancel_futures=True)  # the shapes not begun are dropped
        if self._error is not None:
            raise self._error
        found = [f.result() for f in futures]
        return sorted({v for vs in found for v in vs}, key=_violation_key)

    def _one_shape(self, shape: Shape) -> list[Violation]:
        own = copy.copy(self)  # the same store, shapes and subclasses; its own failing nodes
        own._failing, own._active, own.queries = {}, set(), 0
        try:
            out = own.violations(shape, own.target_pattern(shape))
        except _Stopped:
            raise
        except BaseException as e:  # the first error is the run's; the other threads stop
            with self._lock:
                self._error = self._error or e
            self._stop.set()
            raise
        with self._lock:
            self.queries += own.queries
        return out

    def subclasses(self, cls: ox.NamedNode) -> list[Term]:
        """``cls`` and its subclasses in the data (``rdfs:subClassOf*``), asked once per class."""
        if cls not in self._subclasses:
            found = {r["c"] for r in self.query(f"SELECT DISTINCT ?c WHERE {{ ?c <{RDFS}subClassOf>* {_t(cls)} }}")}
            self._subclasses[cls] = sorted(found | {cls}, key=lambda t: (isinstance(t, ox.BlankNode), str(t)))
        return self._subclasses[cls]

    def instance_pattern(self, var: str, cls: ox.NamedNode) -> str:
        """Binds ``?var`` to the SHACL instances of ``cls`` (``rdf:type/rdfs:subClassOf*``).

        The subclasses are looked up once and written as a ``VALUES`` block, so the engine
        starts from the ``rdf:type`` index of each class instead of following the path from
        every typed node; a class with a blank-node subclass keeps the path."""
        classes = self.subclasses(cls)
        if any(isinstance(c, ox.BlankNode) for c in classes):
            return f"?{var} {_TYPE_PATH} {_t(cls)} ."
        return f"VALUES ?fhkg_class {{ {' '.join(_t(c) for c in classes)} }} ?{var} {_TYPE} ?fhkg_class ."

    def target_pattern(self, shape: Shape) -> str:
        alternatives = [f"{{ {self.instance_pattern('this', c)} }}" for c in shape.targets["targetClass"] if isinstance(c, ox.NamedNode)]
        if shape.implicit_class and isinstance(shape.node, ox.NamedNode):
            alternatives.append(f"{{ {self.instance_pattern('this', shape.node)} }}")
        alternatives += [f"{{ VALUES ?this {{ {_t(n)} }} }}" for n in shape.targets["targetNode"] if not isinstance(n, ox.BlankNode)]
        alternatives += [f"{{ ?this {_t(p)} ?fhkg_o }}" for p in shape.targets["targetSubjectsOf"] if isinstance(p, ox.NamedNode)]
        alternatives += [f"{{ ?fhkg_s {_t(p)} ?this }}" for p in shape.targets["targetObjectsOf"] if isinstance(p, ox.NamedNode)]
        if not alternatives:
            return "{ FILTER(false) }"
        return "{ SELECT DISTINCT ?this WHERE { " + " UNION ".join(alternatives) + " } }"

    @staticmethod
    def value_pattern(shape: Shape) -> str:
        """Binds ``?value`` to each value node of ``?this``: the path's values, or the focus node."""
        return f"?this {shape.path.sparql()} ?value ." if shape.path is not None else "BIND(?this AS ?value)"

    def values_focus(self, shape: Shape, focus: str) -> str:
        """A focus pattern whose ``?this`` are the value nodes of ``shape`` for ``focus``."""
        if shape.path is None:
            return focus
        return f"{{ SELECT DISTINCT ?this WHERE {{ {{ SELECT (?value AS ?fhkg_v) WHERE {{ {focus} {self.value_pattern(shape)} }} }} BIND(?fhkg_v AS ?this) }} }}"

    # ---------------------------------------------------------------- one shape
    def violations(self, shape: Shape, focus: str, *, counted: bool = False) -> list[Violation]:
        """The violations of ``shape`` by the focus nodes of ``focus``; ``counted``: its
        ``sh:minCount`` and ``sh:maxCount`` were checked already (:meth:`counts`)."""
        if shape.deactivated:
            return []
        out: list[Violation] = []
        for c in shape.constraints:
            if not (counted and c.component in _COUNTS):
                out += self.check(shape, c, focus)
        if shape.property_shapes:
            inner = self.values_focus(shape, focus)
            found, counted = self.counts(shape.property_shapes, inner)
            out += found
            for child in shape.property_shapes:
                out += self.violations(child, inner, counted=counted)
        for constraint in shape.sparql:
            out += self.sparql_constraint(shape, constraint, focus)
        for custom in shape.custom:
            out += self.custom_constraint(shape, custom, focus)
        return out

    def counts(self, shapes: list[Shape], focus: str) -> tuple[list[Violation], bool]:
        """The ``sh:minCount`` and ``sh:maxCount`` violations of the property ``shapes`` of one
        node shape, all in one query over their common focus nodes (each path is a branch of one
        union, its values counted per focus node; each bound is a row of a ``VALUES`` block that
        reads its path's count), where one query per bound would read the focus nodes once each; and whether
        it ran (with fewer than two bounds each is its own query, :meth:`check`)."""
        bounds: list[tuple[int, Constraint, int, int | None]] = []  # (shape, constraint, at least, at most)
        for k, shape in enumerate(shapes):
            if shape.deactivated or shape.path is None:
                continue
            for c in shape.constraints:
                if c.component == "MinCountConstraintComponent" and (n := _int(c.params["minCount"])) > 0:
                    bounds.append((k, c, n, None))
                elif c.component == "MaxCountConstraintComponent":
                    bounds.append((k, c, 0, _int(c.params["maxCount"])))
        if len(bounds) < 2:
            return [], False
        rows = " ".join(f"({k} {i} {least} {'UNDEF' if most is None else most})" for i, (k, _, least, most) in enumerate(bounds))
        paths = " UNION ".join(f"{{ ?this {shapes[k].path.sparql()} ?value BIND({k} AS ?fhkg_k) }}" for k in sorted({b[0] for b in bounds}))  # type: ignore[union-attr]
        # the values are counted once per focus node and path (a subquery), then each bound reads
        # its path's count: a third less memory at 1M triples than counting per bound, as fast
        found = self.query(
            f"SELECT ?this ?fhkg_b WHERE {{ {focus} VALUES (?fhkg_k ?fhkg_b ?fhkg_least ?fhkg_most) {{ {rows} }} "
            f"OPTIONAL {{ SELECT ?this ?fhkg_k (COUNT(DISTINCT ?value) AS ?fhkg_n) WHERE {{ {focus} {paths} }} GROUP BY ?this ?fhkg_k }} "
            "BIND(COALESCE(?fhkg_n, 0) AS ?fhkg_c) FILTER(?fhkg_c < ?fhkg_least || (BOUND(?fhkg_most) && ?fhkg_c > ?fhkg_most)) }"
        )
        out = []
        for r in found:
            k, c, _, _ = bounds[_int(r["fhkg_b"])]
            shape = shapes[k]
            out.append(Violation(r["this"], shape.node, c.component, shape.severity, shape.path, None))
        return out, True

    def failing(self, shape: Shape, focus: str) -> set[Term]:
        """The focus nodes of ``focus`` that do not conform to ``shape``."""
        key = (shape.node, focus)
        if key in self._failing:
            return self._failing[key]
        # a shape that (indirectly) uses itself: assume it holds. Met again through a path, its focus
        # pattern is another (the values of the values …), so the shape alone is what is remembered
        if shape.node in self._active:
            return set()
        self._active.add(shape.node)
        try:
            result = {v.focus for v in self.violations(shape, focus)}
        finally:
            self._active.discard(shape.node)
        self._failing[key] = result
        return result

    def _found(self, shape: Shape, component: str, rows, *, value: bool = True) -> list[Violation]:
        return [Violation(r["this"], shape.node, component, shape.severity, shape.path, r["value"] if value else None) for r in rows]

    def _filter(self, shape: Shape, c: Constraint, focus: str, condition: str) -> list[Violation]:
        rows = self.query(f"SELECT DISTINCT ?this ?value WHERE {{ {focus} {self.value_pattern(shape)} FILTER({condition}) }}")
        return self._found(shape, c.component, rows)

    def check(self, shape: Shape, c: Constraint, focus: str) -> list[Violation]:
        p = c.params
        name = c.component
        vp = self.value_pattern(shape)
        if name == "ClassConstraintComponent":
            cls = p["class"]
            if isinstance(cls, ox.NamedNode):
                # MINUS joins once with the class's instances (they share only ?value), where
                # FILTER NOT EXISTS would follow the path again for every value
                rows = self.query(f"SELECT DISTINCT ?this ?value WHERE {{ {focus} {vp} MINUS {{ {self.instance_pattern('value', cls)} }} }}")
            else:  # a blank node (or literal) of the shapes graph: no value is an instance of it (in SPARQL
                # a blank node would be a variable, so every typed value would pass)
                rows = self.query(f"SELECT DISTINCT ?this ?value WHERE {{ {focus} {vp} }}")
            return self._found(shape, name, rows)
        if name == "DatatypeConstraintComponent":
            dt = p["datatype"]
            assert isinstance(dt, ox.NamedNode)
            ok = f"isLiteral(?value) && sameTerm(datatype(?value), {_t(dt)})"
            if dt.value in _CHECKED:
                ok += f" && COALESCE(isLiteral(<{_CHECKED[dt.value]}>(?value)), false)"
            return self._filter(shape, c, focus, f"!({ok})")
        if name == "NodeKindConstraintComponent":
            kind = p["nodeKind"]
            local = kind.value.removeprefix(SH) if isinstance(kind, ox.NamedNode) else ""
            return self._filter(shape, c, focus, _NODE_KINDS.get(local, "true"))  # an unknown kind: no value is of it
        if name in ("MinCountConstraintComponent", "MaxCountConstraintComponent"):
            if shape.path is None:
                return []
            n = _int(p["minCount" if name.startswith("Min") else "maxCount"])
            if name.startswith("Min"):
                if n <= 0:
                    return []
                text = f"SELECT ?this WHERE {{ {focus} OPTIONAL {{ {vp} }} }} GROUP BY ?this HAVING (COUNT(DISTINCT ?value) < {n})"
            else:
                text = f"SELECT ?this WHERE {{ {focus} {vp} }} GROUP BY ?this HAVING (COUNT(DISTINCT ?value) > {n})"
            return self._found(shape, name, self.query(text), value=False)
        param = next(iter(p))
        if param in _COMPARE:
            return self._filter(shape, c, focus, f"COALESCE(!(?value {_COMPARE[param]} {_t(p[param])}), true)")  # type: ignore[arg-type]
        if name in ("MinLengthConstraintComponent", "MaxLengthConstraintComponent"):
            op = "<" if name.startswith("Min") else ">"
            return self._filter(shape, c, focus, f"isBlank(?value) || COALESCE(STRLEN(STR(?value)) {op} {_int(p[param])}, true)")
        if name == "PatternConstraintComponent":
            flags = p.get("flags")
            args = _t(p["pattern"]) + (f", {_t(flags)}" if isinstance(flags, ox.Literal) else "")  # type: ignore[arg-type]
            return self._filter(shape, c, focus, f"isBlank(?value) || !COALESCE(REGEX(STR(?value), {args}), false)")
        if name == "LanguageInConstraintComponent":
            tags = [t for t in p["languageIn"] if isinstance(t, ox.Literal)]  # type: ignore[attr-defined]
            matches = " || ".join(f"langMatches(lang(?value), {_t(t)})" for t in tags) or "false"
            return self._filter(shape, c, focus, f"!(isLiteral(?value) && ({matches}))")
        if name == "InConstraintComponent":
            members = [m for m in p["in"] if not isinstance(m, ox.BlankNode)]  # type: ignore[attr-defined]
            same = " || ".join(f"sameTerm(?value, {_t(m)})" for m in members) or "false"
            return self._filter(shape, c, focus, f"!({same})")
        if name == "HasValueConstraintComponent":
            v = p["hasValue"]
            if shape.path is None:  # the focus node is the one value node: no sh:value, as for a path
                rows = self.query(f"SELECT ?this WHERE {{ {focus} FILTER(!sameTerm(?this, {_t(v)})) }}")  # type: ignore[arg-type]
            else:
                rows = self.query(f"SELECT ?this WHERE {{ {focus} FILTER NOT EXISTS {{ ?this {shape.path.sparql()} {_t(v)} }} }}")  # type: ignore[arg-type]
            return self._found(shape, name, rows, value=False)
        if name == "UniqueLangConstraintComponent":
            if not _true(p["uniqueLang"]) or shape.path is None:
                return []
            path = shape.path.sparql()
            rows = self.query(
                f"SELECT DISTINCT ?this ?lang WHERE {{ {focus} ?this {path} ?a . ?this {path} ?b . "
                "FILTER(isLiteral(?a) && isLiteral(?b) && !sameTerm(?a, ?b) && lang(?a) != \"\" && LCASE(lang(?a)) = LCASE(lang(?b))) "
                "BIND(LCASE(lang(?a)) AS ?lang) }"
            )
            return [Violation(r["this"], shape.node, name, shape.severity, shape.path, language=r["lang"].value) for r in rows]
        if name in ("EqualsConstraintComponent", "DisjointConstraintComponent", "LessThanConstraintComponent", "LessThanOrEqualsConstraintComponent"):
            return self.property_pair(shape, c, focus)
        if name == "ClosedConstraintComponent":
            allowed = {ps.path.iri for ps in shape.property_shapes if ps.path is not None and ps.path.iri is not None}
            allowed |= {t for t in (p.get("ignoredProperties") or []) if isinstance(t, ox.NamedNode)}  # type: ignore[attr-defined]
            keep = " && ".join(f"!sameTerm(?p, {_t(a)})" for a in sorted(allowed, key=lambda t: t.value)) or "true"
            rows = self.query(f"SELECT DISTINCT ?this ?p ?o WHERE {{ {focus} {vp} ?value ?p ?o FILTER({keep}) }}")
            return [Violation(r["this"], shape.node, name, shape.severity, shape.path, r["o"], result_path=r["p"]) for r in rows]
        if name in ("NodeConstraintComponent", "NotConstraintComponent", "AndConstraintComponent", "OrConstraintComponent", "XoneConstraintComponent"):
            return self.logical(shape, c, focus)
        if name in ("QualifiedMinCountConstraintComponent", "QualifiedMaxCountConstraintComponent"):
            return self.qualified(shape, c, focus)
        raise ValueError(f"unsupported constraint component {name}")

    def property_pair(self, shape: Shape, c: Constraint, focus: str) -> list[Violation]:
        name = c.component
        other = next(iter(c.params.values()))
        if not isinstance(other, ox.NamedNode):
            return []
        q = _t(other)
        vp = self.value_pattern(shape)
        if name == "EqualsConstraintComponent":
            in_values = f"{{ {vp} }}" if shape.path is not None else "{ FILTER(sameTerm(?value, ?this)) }"
            text = (
                f"SELECT DISTINCT ?this ?value WHERE {{ {focus} {{ {vp} FILTER NOT EXISTS {{ ?this {q} ?value }} }} "
                f"UNION {{ ?this {q} ?value FILTER NOT EXISTS {in_values} }} }}"
            )
        elif name == "DisjointConstraintComponent":
            text = f"SELECT DISTINCT ?this ?value WHERE {{ {focus} {vp} ?this {q} ?value }}"
        else:
            op = "<" if name == "LessThanConstraintComponent" else "<="
            text = f"SELECT DISTINCT ?this ?value WHERE {{ {focus} {vp} ?this {q} ?fhkg_other FILTER(COALESCE(!(?value {op} ?fhkg_other), true)) }}"
        return self._found(shape, name, self.query(text))

    def _pairs(self, shape: Shape, focus: str, *, optional: bool = False) -> list[tuple[Term, Term | None]]:
        vp = self.value_pattern(shape)
        body = f"OPTIONAL {{ {vp} }}" if optional else vp
        return [(r["this"], r["value"]) for r in self.query(f"SELECT DISTINCT ?this ?value WHERE {{ {focus} {body} }}")]

    def logical(self, shape: Shape, c: Constraint, focus: str) -> list[Violation]:
        name = c.component
        arg = next(iter(c.params.values()))
        members = [self.shapes.shape(m) for m in (arg if isinstance(arg, list) else [arg]) if isinstance(m, (ox.NamedNode, ox.BlankNode))]
        inner = self.values_focus(shape, focus)
        failing = [self.failing(m, inner) for m in members]
        out = []
        for this, value in self._pairs(shape, focus):
            assert value is not None
            fails = [value in f for f in failing]
            if name == "NodeConstraintComponent" or name == "AndConstraintComponent":
                bad = any(fails)
            elif name == "NotConstraintComponent":
                bad = not any(fails)
            elif name == "OrConstraintComponent":
                bad = all(fails)
            else:  # xone: exactly one must hold
                bad = fails.count(False) != 1
            if bad:
                out.append(Violation(this, shape.node, name, shape.severity, shape.path, value))
        return out

    def qualified(self, shape: Shape, c: Constraint, focus: str) -> list[Violation]:
        p = c.params
        q = p["qualifiedValueShape"]
        if not isinstance(q, (ox.NamedNode, ox.BlankNode)):
            return []
        inner = self.values_focus(shape, focus)
        failing = self.failing(self.shapes.shape(q), inner)
        siblings: list[set[Term]] = []
        if _true(p.get("qualifiedValueShapesDisjoint")):
            others = {
                s.node: s
                for parent in self._parents.get(shape.node, [])
                for ps in parent.property_shapes
                if ps.node != shape.node
                for s in [self.shapes.shape(x) for x in self.shapes.objects(ps.node, SH + "qualifiedValueShape")]
                if s.node != q
            }
            siblings = [self.failing(s, inner) for s in others.values()]
        counts: dict[Term, int] = {}
        for this, value in self._pairs(shape, focus, optional=True):
            counts.setdefault(this, 0)
            if value is None or value in failing:
                continue
            if any(value not in f for f in siblings):  # conforms to a sibling shape too
                continue
            counts[this] += 1
        minimum = c.component.startswith("QualifiedMin")
        bound = _int(p["qualifiedMinCount" if minimum else "qualifiedMaxCount"])
        return [Violation(this, shape.node, c.component, shape.severity, shape.path) for this, n in counts.items() if (n < bound if minimum else n > bound)]

    # ---------------------------------------------------------------- SHACL-SPARQL
    def sparql_constraint(self, shape: Shape, constraint: Term, focus: str) -> list[Violation]:
        g = self.shapes
        if _true(g.value(constraint, SH + "deactivated")):
            return []
        select = g.value(constraint, SH + "select")
        if not isinstance(select, ox.Literal):
            return []
        messages = [m for m in g.objects(constraint, SH + "message") if isinstance(m, ox.Literal)] or shape.messages
        return self._selected(shape, constraint, select.value, focus, "SPARQLConstraintComponent", messages, constraint=constraint, extra=_current_shape(shape))

    def custom_constraint(self, shape: Shape, c: CustomConstraint, focus: str) -> list[Violation]:
        """The violations of a constraint of a SPARQL-based component (SHACL 1.0, 6.3): its
        parameters' values are bound, as ``$this`` is, in one query over all focus nodes. A
        SELECT validator's solutions are the violations; an ASK validator's query becomes
        ``FILTER NOT EXISTS`` over each focus and value node, whose pattern sees the bindings as
        pre-bound (the value nodes for which the ASK would answer false)."""
        v = c.validator
        messages = list(v.messages) or shape.messages
        bindings = c.bindings()
        values = " ".join(_t(t) for _, t in sorted(bindings.items()))
        bound = f"VALUES ({' '.join('?' + n for n in sorted(bindings))}) {{ ({values}) }} {_current_shape(shape)}"  # a mandatory parameter at least
        if v.form == "SELECT":
            return self._selected(shape, v.node, v.text, focus, c.component.iri.value, messages, extra=bound, params=bindings, default_value=shape.path is None)
        from ..sparql.syntax import parse

        text = prologue = self._prologue(v.node)
        text += _PATH_VAR.sub(shape.path.sparql(), v.text) if shape.path is not None else v.text
        parsed = parse(text)
        assert parsed.where is not None and parsed.where_end is not None  # an ASK query has one
        body = text[parsed.where : parsed.where_end]
        query = f"{prologue}SELECT DISTINCT ?this ?value WHERE {{ {focus} {self.value_pattern(shape)} {bound} FILTER NOT EXISTS {{ {body} }} }}"
        out = []
        for row in self.query(query):
            filled = tuple(_fill(m, {**bindings, "this": row["this"], "value": row["value"]}) for m in messages)
            out.append(Violation(row["this"], shape.node, c.component.iri.value, shape.severity, shape.path, row["value"], message=filled))
        return out

    def _selected(
        self,
        shape: Shape,
        holder: Term,
        text: str,
        focus: str,
        component: str,
        messages: list[ox.Literal],
        *,
        extra: str,
        constraint: Term | None = None,
        params: dict[str, Term] | None = None,
        default_value: bool = True,
    ) -> list[Violation]:
        """The violations a SELECT query (of an ``sh:sparql`` constraint or a SELECT validator)
        returns, with the focus pattern (and ``extra``, the parameters' values) put at the start
        of its WHERE group: each solution with ``?this`` is one, ``?value`` its value (else the
        focus node, where ``default_value``), ``?path`` its path where an IRI."""
        from ..sparql.syntax import parse

        text = _THIS.sub("?this", text)
        if shape.path is not None:
            text = _PATH_VAR.sub(shape.path.sparql(), text)
        prologue = self._prologue(holder)
        where = parse(prologue + text).where
        assert where is not None
        where -= len(prologue)
        query = prologue + text[:where] + f" {focus} {extra} " + text[where:]
        out = []
        solutions = self.query(query)
        names = [v.value for v in solutions.variables]
        for row in solutions:
            bound = {n: row[n] for n in names if row[n] is not None}
            this = bound.get("this")
            if this is None:
                continue
            path = bound.get("path")
            filled = tuple(_fill(m, {**(params or {}), **bound}) for m in messages)
            out.append(
                Violation(
                    this,
                    shape.node,
                    component,
                    shape.severity,
                    shape.path,
                    bound.get("value", this if default_value else None),
                    result_path=path if isinstance(path, ox.NamedNode) else None,
                    constraint=constraint,
                    message=filled,
                )
            )
        return out

    def _prologue(self, holder: Term) -> str:
        return "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in sorted(self.shapes.declared_prefixes(holder).items()))


def _current_shape(shape: Shape) -> str:
    """Binds ``$currentShape`` (SHACL 1.0, 5.3.1) to the shape, where it is an IRI: a blank node
    of the shapes graph cannot be written in a query, so there it stays unbound."""
    return f"VALUES ?currentShape {{ {_t(shape.node)} }}" if isinstance(shape.node, ox.NamedNode) else ""


class _Stopped(Exception):
    """A thread's check given up because the run was (:meth:`Validator.run`)."""


def _cores() -> int:
    from ..cores import usable_cores

    return min(usable_cores(), MAX_JOBS)


def _fill(message: ox.Literal, bound: dict[str, Term]) -> ox.Literal:
    """A SPARQL constraint's message with its ``{?var}`` placeholders filled in."""
    text = _PLACEHOLDER.sub(lambda m: _shown(bound.get(m.group(1))), message.value)
    return ox.Literal(text, language=message.language) if message.language else ox.Literal(text)


def _shown(term: Term | None) -> str:
    if term is None:
        return ""
    if isinstance(term, ox.NamedNode):
        from ..terms import curie

        return curie(term.value)
    return term.value


def _violation_key(v: Violation) -> tuple:
    return (
        str(v.shape),
        str(v.focus),
        v.component,
        v.path.sparql() if v.path else "",
        str(v.result_path or ""),
        str(v.value or ""),
        str(v.constraint or ""),
        tuple(str(m) for m in v.message),
        v.language or "",
    )
