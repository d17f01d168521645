"""A deterministic Turtle writer: the one format every shipped ``.ttl`` file is kept in.

Subjects are grouped and sorted by IRI, ``rdf:type`` comes first, then labels, then the other
predicates by prefixed name; objects are sorted (Swedish before English). Blank nodes that are
the object of exactly one triple are written inline (``[ … ]``), RDF lists as ``( … )``. Only
prefixes that are used are declared. The leading ``#`` comment block of a file is kept.

``python -m fhkg.io.turtle FILE…`` rewrites files in place; ``--check`` only reports.

>>> from rdflib import Graph
>>> g = Graph().parse(data='<http://ex/b> <http://ex/p> "x"@en, "y"@sv ; a <http://ex/C> .', format="turtle")
>>> print(format_graph(g, prefixes={"ex": "http://ex/"}), end="")
@prefix ex: <http://ex/> .
<BLANKLINE>
ex:b a ex:C ;
    ex:p "y"@sv, "x"@en .
"""

from __future__ import annotations

import re
import sys
from collections import defaultdict
from pathlib import Path

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import RDF, RDFS, SH, SKOS, XSD

from ..terms.namespaces import prefixes as default_prefixes

_FIRST = [RDF.type, RDFS.label, SKOS.prefLabel, SH.name]
_LANG_ORDER = {"sv": 0, "en": 1}
_PN_LOCAL = re.compile(r"^[A-Za-z0-9_]([A-Za-z0-9_.\-]*[A-Za-z0-9_\-])?$")


def header_of(text: str) -> str:
    """The leading comment block of a Turtle text (each line starting with ``#``)."""
    lines = []
    for line in text.splitlines():
        if line.startswith("#"):
            lines.append(line.rstrip())
        else:
            break
    return "\n".join(lines)


def format_file(path: Path) -> str:
    """The canonical form of a Turtle file (its header comment kept)."""
    text = path.read_text(encoding="utf-8")
    g = Graph().parse(data=text, format="turtle", publicID=None)
    return format_graph(g, header=header_of(text))


def format_graph(g: Graph, header: str = "", prefixes: dict[str, str] | None = None) -> str:
    prefixes = dict(prefixes or default_prefixes())
    writer = _Writer(g, prefixes)
    body = writer.body()
    used = sorted(p for p in writer.used)
    out = []
    if header:
        out.append(header.rstrip("\n"))
    out += [f"@prefix {p}: <{prefixes[p]}> ." for p in used]
    out.append("")
    out.append(body)
    return "\n".join(out).rstrip("\n") + "\n"


class _Writer:
    def __init__(self, g: Graph, prefixes: dict[str, str]):
        self.g = g
        # longest namespace first, so kommun: wins over id-level prefixes
        self.ns = sorted(prefixes.items(), key=lambda kv: -len(kv[1]))
        self.used: set[str] = set()
        self._iris: dict[str, tuple[str, str | None]] = {}  # IRI -> (its text, the prefix it uses)
        refs: dict[BNode, int] = defaultdict(int)
        for o in g.objects():
            if isinstance(o, BNode):
                refs[o] += 1
        self.inline = {b for b, n in refs.items() if n == 1}
        self.lists = {b for b in self.inline if (b, RDF.first, None) in g}

    # ---------------------------------------------------------------- terms
    def iri(self, u: URIRef) -> str:
        s = str(u)
        done = self._iris.get(s)
        if done is None:
            done = self._iris[s] = self._shorten(s)
        text, prefix = done
        if prefix is not None:
            self.used.add(prefix)
        return text

    def _shorten(self, s: str) -> tuple[str, str | None]:
        for p, ns in self.ns:
            if s.startswith(ns):
                local = s[len(ns):]
                if local == "" or _PN_LOCAL.match(local):
                    return f"{p}:{local}", p
        return f"<{s}>", None

    def literal(self, lit: Literal) -> str:
        dt = lit.datatype
        lex = str(lit)
        if dt == XSD.integer and re.fullmatch(r"[+-]?\d+", lex):
            return lex
        if dt == XSD.boolean and lex in ("true", "false"):
            return lex
        if dt == XSD.decimal and re.fullmatch(r"[+-]?\d*\.\d+", lex):
            return lex
        if "\n" in lex:
            body = _controls(lex.replace("\\", "\\\\"), keep="\n\t").replace('"""', '\\"\\"\\"')
            if body.endswith('"'):
                body = body[:-1] + '\\"'
            quoted = f'"""{body}"""'
        else:
            quoted = '"' + _controls(lex.replace("\\", "\\\\").replace('"', '\\"'), keep="\t") + '"'
        if lit.language:
            return f"{quoted}@{lit.language}"
        if dt is not None and dt != XSD.string:
            return f"{quoted}^^{self.iri(dt)}"
        return quoted

    def term(self, t, indent: int) -> str:
        if isinstance(t, URIRef):
            return self.iri(t)
        if isinstance(t, Literal):
            return self.literal(t)
        if t in self.lists:
            items = [self.term(x, indent + 4) for x in Collection(self.g, t)]
            return "( " + " ".join(items) + " )"
        if t in self.inline:
            pad = " " * (indent + 4)
            inner = self.predicates(t, indent + 4)
            return "[\n" + pad + inner + "\n" + " " * indent + "]"
        return f"_:{t}"

    # ---------------------------------------------------------------- blocks
    def predicates(self, s, indent: int) -> str:
        by_p: dict = defaultdict(list)
        for p, o in self.g.predicate_objects(s):
            by_p[p].append(o)
        order = sorted(by_p, key=lambda p: (_FIRST.index(p) if p in _FIRST else len(_FIRST), "a" if p == RDF.type else self.iri(p)))
        parts = []
        pad = " " * indent
        for p in order:
            objs = sorted(by_p[p], key=_object_key)
            rendered = [self.term(o, indent) for o in objs]
            parts.append(("a" if p == RDF.type else self.iri(p)) + " " + ", ".join(rendered))
        return (" ;\n" + pad).join(parts)

    def body(self) -> str:
        subjects = {s for s in self.g.subjects() if not (isinstance(s, BNode) and s in self.inline)}
        blocks, anonymous = [], []
        for s in sorted(subjects, key=_subject_key):
            if isinstance(s, BNode):
                if s not in self.lists:
                    anonymous.append("[] " + self.predicates(s, 4) + " .")
                continue
            blocks.append(f"{self.term(s, 0)} " + self.predicates(s, 4) + " .")
        return "\n\n".join(blocks + sorted(anonymous)) + "\n"


_CONTROL = re.compile("[\x00-\x1f\x7f]")
_ESCAPES = {"\r": "\\r", "\n": "\\n", "\t": "\\t", "\b": "\\b", "\f": "\\f"}


def _controls(text: str, keep: str) -> str:
    """Control characters as escapes (CR as ``\\r``, others as ``\\uXXXX``), except those in ``keep``."""
    return _CONTROL.sub(lambda m: m.group(0) if m.group(0) in keep else _ESCAPES.get(m.group(0), f"\\u{ord(m.group(0)):04X}"), text)


def _subject_key(s) -> tuple:
    # the ontology/shapes header node first, blank nodes (OWL axioms) last
    if isinstance(s, BNode):
        return (2, "")
    text = str(s)
    return (0 if text.endswith(("/ontology", "/shapes")) else 1, text)


def _object_key(o) -> tuple:
    if isinstance(o, Literal):
        return (1, _LANG_ORDER.get(o.language or "", 2), o.language or "", str(o.datatype or ""), str(o))
    if isinstance(o, BNode):
        return (2, "", "", "", "")
    return (0, 0, "", "", str(o))


def main(argv: list[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    check = "--check" in args
    paths = [Path(a) for a in args if a != "--check"]
    changed = []
    for path in paths:
        formatted = format_file(path)
        if path.read_text(encoding="utf-8") != formatted:
            changed.append(path)
            if not check:
                path.write_text(formatted, encoding="utf-8")
    for path in changed:
        print(f"{'would reformat' if check else 'reformatted'} {path}", file=sys.stderr)
    return 1 if (check and changed) else 0


if __name__ == "__main__":
    sys.exit(main())

