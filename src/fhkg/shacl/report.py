"""The validation report: results people can read (sv/en), JSON, and a W3C ``sh:ValidationReport``.

Both engines (Oxigraph and pySHACL) produce the same :class:`Result` objects, in pyoxigraph
terms; the RDF form is built from them, so one report type serves the CLI, the gate and the
published ``validation-report.ttl``.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

import pyoxigraph as ox

from ..terms import DEFAULT_BASE, curie, labels
from ..terms.labels import by_language
from .engine import Violation
from .shapes import RDF, SH, Node, Path, ShapesGraph, Term

SEVERITY = {SH + "Violation": "Violation", SH + "Warning": "Warning", SH + "Info": "Info"}
_SEVERITY_WORDS = {
    "sv": {"Violation": ("överträdelse", "överträdelser"), "Warning": ("varning", "varningar"), "Info": ("upplysning", "upplysningar")},
    "en": {"Violation": ("violation", "violations"), "Warning": ("warning", "warnings"), "Info": ("note", "notes")},
}
#: Messages for shapes that carry no sh:message of their own, per component: (sv, en).
DEFAULT_MESSAGES = {
    "ClassConstraintComponent": ("Värdet är inte av den klass formen kräver.", "The value is not an instance of the class the shape requires."),
    "DatatypeConstraintComponent": ("Värdet har inte den datatyp formen kräver (eller är felskrivet).", "The value does not have the datatype the shape requires (or is ill-formed)."),
    "NodeKindConstraintComponent": ("Värdet är inte av det slag (IRI, blank nod, litteral) formen kräver.", "The value is not of the node kind (IRI, blank node, literal) the shape requires."),
    "MinCountConstraintComponent": ("För få värden.", "Too few values."),
    "MaxCountConstraintComponent": ("För många värden.", "Too many values."),
    "MinExclusiveConstraintComponent": ("Värdet är för litet.", "The value is too small."),
    "MinInclusiveConstraintComponent": ("Värdet är för litet.", "The value is too small."),
    "MaxExclusiveConstraintComponent": ("Värdet är för stort.", "The value is too large."),
    "MaxInclusiveConstraintComponent": ("Värdet är för stort.", "The value is too large."),
    "MinLengthConstraintComponent": ("Värdet är för kort.", "The value is too short."),
    "MaxLengthConstraintComponent": ("Värdet är för långt.", "The value is too long."),
    "PatternConstraintComponent": ("Värdet följer inte mönstret.", "The value does not match the pattern."),
    "LanguageInConstraintComponent": ("Värdet har inte ett av de tillåtna språken.", "The value is not in one of the allowed languages."),
    "UniqueLangConstraintComponent": ("Flera värden på samma språk.", "Several values in the same language."),
    "EqualsConstraintComponent": ("Värdena är inte desamma som den andra egenskapens.", "The values differ from the other property's."),
    "DisjointConstraintComponent": ("Värdet är också den andra egenskapens värde.", "The value is also a value of the other property."),
    "LessThanConstraintComponent": ("Värdet är inte mindre än den andra egenskapens.", "The value is not less than the other property's."),
    "LessThanOrEqualsConstraintComponent": ("Värdet är större än den andra egenskapens.", "The value is greater than the other property's."),
    "NotConstraintComponent": ("Värdet följer en form som det inte får följa.", "The value conforms to a shape it must not conform to."),
    "AndConstraintComponent": ("Värdet följer inte alla formerna.", "The value does not conform to all of the shapes."),
    "OrConstraintComponent": ("Värdet följer ingen av formerna.", "The value conforms to none of the shapes."),
    "XoneConstraintComponent": ("Värdet följer inte exakt en av formerna.", "The value does not conform to exactly one of the shapes."),
    "NodeConstraintComponent": ("Värdet följer inte formen.", "The value does not conform to the shape."),
    "QualifiedMinCountConstraintComponent": ("För få värden som följer formen.", "Too few values conform to the shape."),
    "QualifiedMaxCountConstraintComponent": ("För många värden som följer formen.", "Too many values conform to the shape."),
    "ClosedConstraintComponent": ("Egenskapen är inte tillåten här.", "The property is not allowed here."),
    "HasValueConstraintComponent": ("Det krävda värdet saknas.", "The required value is missing."),
    "InConstraintComponent": ("Värdet är inte ett av de tillåtna.", "The value is not one of the allowed values."),
    "SPARQLConstraintComponent": ("Villkoret håller inte.", "The condition does not hold."),
}
def component_iri(component: str) -> ox.NamedNode:
    """A :class:`~.engine.Violation`'s component as an IRI: ``MinCountConstraintComponent`` is
    SHACL's, an absolute IRI (a SPARQL-based component) is itself."""
    return ox.NamedNode(component if ":" in component else SH + component)


def _by_lang(literals: Iterable[Term]) -> dict[str, str]:
    """One text per language tag (the first in code-point order)."""
    return {tag: texts[0] for tag, texts in by_language(literals).items()}


def pick(texts: dict[str, str], lang: str) -> str:
    """The text for ``lang`` in the one fallback order (:mod:`fhkg.terms.labels`), or ""."""
    return labels.pick(texts, lang) or ""


@dataclass(frozen=True)
class Result:
    """One validation result, with the shape's own words in Swedish and English."""

    focus: Term
    shape: Node
    severity: str
    messages: dict[str, str]
    shape_names: dict[str, str]
    component: str = ""
    path: Path | None = None
    result_path: ox.NamedNode | None = None
    value: Term | None = None
    constraint: Term | None = None

    @property
    def component_iri(self) -> ox.NamedNode | None:
        """The constraint component: a Core one by its local name, a SPARQL-based one by its IRI."""
        return component_iri(self.component) if self.component else None

    def message(self, lang: str = "sv") -> str:
        return pick(self.messages, lang)

    def shape_name(self, lang: str = "sv") -> str:
        return pick(self.shape_names, lang)

    def path_text(self, base: str = DEFAULT_BASE) -> str | None:
        if self.result_path is not None:
            return curie(self.result_path.value, base)
        if self.path is not None:
            return self.path.sparql(lambda iri: curie(iri.value, base))
        return None

    def key(self) -> tuple:
        """What both engines must agree on."""
        return (str(self.shape), str(self.focus), self.component, self.severity, self.path_text() or "", str(self.value or ""))


def result_of(v: Violation, shapes: ShapesGraph) -> Result:
    messages = _by_lang(v.message) if v.message else _by_lang(shapes.objects(v.shape, SH + "message"))
    if not messages:
        sv, en = DEFAULT_MESSAGES.get(v.component, DEFAULT_MESSAGES["SPARQLConstraintComponent"])
        messages = {"en": en, "sv": sv}
    return Result(
        focus=v.focus,
        shape=v.shape,
        severity=SEVERITY.get(v.severity.value, "Violation"),
        messages=messages,
        shape_names=_by_lang(shapes.objects(v.shape, SH + "name")),
        component=v.component,
        path=v.path,
        result_path=v.result_path,
        value=v.value,
        constraint=v.constraint,
    )


@dataclass
class Report:
    conforms: bool
    results: list[Result]
    shapes: ShapesGraph | None = None
    base: str = DEFAULT_BASE
    labels: dict[Term, dict[str, str]] = field(default_factory=dict)

    @classmethod
    def of(cls, violations: Iterable[Violation], shapes: ShapesGraph, *, base: str = DEFAULT_BASE, store: ox.Store | None = None) -> Report:
        results = [result_of(v, shapes) for v in violations]
        report = cls(conforms=not any(r.severity == "Violation" for r in results), results=results, shapes=shapes, base=base)
        if store is not None:
            report.labels = labels_of(store, {r.focus for r in results})
        return report

    @property
    def violations(self) -> list[Result]:
        return [r for r in self.results if r.severity == "Violation"]

    def by_focus(self) -> dict[Term, list[Result]]:
        grouped: dict[Term, list[Result]] = defaultdict(list)
        for r in self.results:
            grouped[r.focus].append(r)
        return dict(sorted(grouped.items(), key=lambda kv: str(kv[0])))

    def _name(self, term: Term | None) -> str:
        if term is None:
            return ""
        if isinstance(term, ox.NamedNode):
            return curie(term.value, self.base)
        return str(term)

    # ---------------------------------------------------------------- renderings
    def text(self, lang: str = "sv") -> str:
        if not self.results:
            return "Grafen följer formerna: inga fel.\n" if lang == "sv" else "The graph conforms to the shapes: no results.\n"
        counts: dict[str, int] = defaultdict(int)
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
            label = pick(self.labels[focus], lang) if focus in self.labels else ""
            lines.append(self._name(focus) + (f" — {label}" if label else ""))
            for r in sorted(results, key=lambda r: r.key()):
                lines.append(f"  [{r.severity}] {self._name(r.shape)} ({r.shape_name(lang)}): {r.message(lang)}")
                detail = []
                path = r.path_text(self.base)
                if path:
                    detail.append(("stig" if lang == "sv" else "path") + f": {path}")
                if r.value is not None:
                    detail.append(("värde" if lang == "sv" else "value") + f": {self._name(r.value)}")
                if detail:
                    lines.append("      " + "  ".join(detail))
            lines.append("")
        return "\n".join(lines)

    def to_json(self, lang: str = "sv") -> str:
        payload = {
            "conforms": self.conforms,
            "results": [
                {
                    "focusNode": r.focus.value,
                    "focusLabel": pick(self.labels[r.focus], lang) if r.focus in self.labels else None,
                    "sourceShape": self._name(r.shape),
                    "shapeName": r.shape_names,
                    "severity": r.severity,
                    "sourceConstraintComponent": curie(r.component_iri.value, self.base) if r.component_iri else None,
                    "resultPath": r.path_text(self.base),
                    "value": r.value.value if r.value is not None else None,
                    "message": r.messages,
                }
                for focus_results in self.by_focus().values()
                for r in sorted(focus_results, key=lambda r: r.key())
            ],
        }
        return json.dumps(payload, ensure_ascii=False, indent=2) + "\n"

    def triples(self) -> list[ox.Triple]:
        """The W3C ``sh:ValidationReport`` (blank nodes labelled in result order)."""
        n = ox.NamedNode
        root = ox.BlankNode("report")
        out = [ox.Triple(root, n(RDF + "type"), n(SH + "ValidationReport")), ox.Triple(root, n(SH + "conforms"), ox.Literal("true" if self.conforms else "false", datatype=n("http://www.w3.org/2001/XMLSchema#boolean")))]
        copied: set[Term] = set()
        for i, r in enumerate(sorted(self.results, key=lambda r: r.key()), start=1):
            node = ox.BlankNode(f"result{i}")
            out += [
                ox.Triple(root, n(SH + "result"), node),
                ox.Triple(node, n(RDF + "type"), n(SH + "ValidationResult")),
                ox.Triple(node, n(SH + "focusNode"), r.focus),
                ox.Triple(node, n(SH + "sourceShape"), r.shape),
                ox.Triple(node, n(SH + "resultSeverity"), n(SH + r.severity)),
            ]
            if r.component_iri is not None:
                out.append(ox.Triple(node, n(SH + "sourceConstraintComponent"), r.component_iri))
            path = r.result_path or (r.path.node if r.path is not None else None)
            if path is not None:
                out.append(ox.Triple(node, n(SH + "resultPath"), path))
                if isinstance(path, ox.BlankNode) and path not in copied and self.shapes is not None:
                    copied.add(path)
                    out += self.shapes.describe(path)
            if r.value is not None:
                out.append(ox.Triple(node, n(SH + "value"), r.value))
            if r.constraint is not None:
                out.append(ox.Triple(node, n(SH + "sourceConstraint"), r.constraint))
            for lang, text in r.messages.items():
                out.append(ox.Triple(node, n(SH + "resultMessage"), ox.Literal(text, language=lang) if lang else ox.Literal(text)))
        return out

    @property
    def graph(self):
        """The report as an rdflib Graph (for the modules that work in rdflib)."""
        from rdflib import Graph

        from ..graph import bind_prefixes, to_rdflib

        g = Graph()
        bind_prefixes(g, self.base)
        for t in self.triples():
            g.add((to_rdflib(t.subject), to_rdflib(t.predicate), to_rdflib(t.object)))
        return g

    def to_turtle(self) -> str:
        from ..io.turtle import format_graph

        return format_graph(self.graph, "# SHACL validation report (W3C sh:ValidationReport) written by fhkg validate.")


def labels_of(store: ox.Store, nodes: Iterable[Term]) -> dict[Term, dict[str, str]]:
    """The labels of the IRIs among ``nodes``, one per language (the preferred property's first)."""
    named = [n for n in nodes if isinstance(n, ox.NamedNode)]
    found = labels.Labels(q for n in named for p in labels.LABEL_PROPERTIES for q in store.quads_for_pattern(n, ox.NamedNode(p), None))
    return {n: {tag: texts[0] for tag, texts in found.all(n.value).items()} for n in named if found.has(n.value)}
