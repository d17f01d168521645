"""Compact JSON-LD for graphs without blank nodes (the site's machine twins), written straight
from pyoxigraph terms: the JSON-LD 1.1 compaction of such a graph under a context that only
defines prefixes, without a JSON-LD processor.

* every IRI becomes a compact IRI ``prefix:suffix`` under the longest matching namespace of the
  context (the whole IRI when none matches); ``rdf:type`` values go to ``@type``;
* a literal is a string (``xsd:string``), ``{"@language", "@value"}``, a JSON number or boolean
  when its lexical form is the canonical one of ``xsd:integer`` (within ±2⁵³, where JSON
  readers still see an integer) or ``xsd:boolean`` (so reading it back gives the same literal), else ``{"@type", "@value"}``;
* one value is written as itself, several as a list; one node as the document itself, several
  under ``@graph``; everything sorted, so the same triples give the same bytes.

>>> import pyoxigraph as ox
>>> s = ox.NamedNode("http://ex.org/a")
>>> doc = compact([ox.Triple(s, ox.NamedNode("http://ex.org/n"), ox.Literal("7", datatype=ox.NamedNode(XSD + "integer")))], {"ex": "http://ex.org/"})
>>> doc == {"@context": {"ex": "http://ex.org/"}, "@id": "ex:a", "ex:n": 7}
True
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Mapping
from typing import Any

import pyoxigraph as ox

from ..terms import RDF, XSD

_TYPE = RDF + "type"
_CANONICAL_INTEGER = re.compile(r"-?(?:0|[1-9][0-9]*)")
#: Beyond this, JSON readers take a number for a double (JavaScript's safe integers).
_SAFE = 2**53 - 1


class Compactor:
    """IRIs to compact IRIs under a prefix-only context (longest namespace first)."""

    def __init__(self, context: Mapping[str, str]):
        self.namespaces = sorted(((ns, p) for p, ns in context.items()), key=lambda kv: (-len(kv[0]), kv[1]))
        self._done: dict[str, str] = {}

    def iri(self, iri: str) -> str:
        done = self._done.get(iri)
        if done is None:
            done = self._done[iri] = self._compact(iri)
        return done

    def _compact(self, iri: str) -> str:
        for ns, prefix in self.namespaces:
            if iri.startswith(ns) and len(iri) > len(ns) and not iri[len(ns) :].startswith("//"):
                return f"{prefix}:{iri[len(ns):]}"
        return iri

    def value(self, term: ox.NamedNode | ox.Literal) -> Any:
        if isinstance(term, ox.NamedNode):
            return {"@id": self.iri(term.value)}
        if term.language:
            return {"@language": term.language, "@value": term.value}
        datatype = term.datatype.value
        if datatype == XSD + "string":
            return term.value
        if datatype == XSD + "integer" and _CANONICAL_INTEGER.fullmatch(term.value) and term.value != "-0" and abs(int(term.value)) <= _SAFE:
            return int(term.value)
        if datatype == XSD + "boolean" and term.value in ("true", "false"):
            return term.value == "true"
        return {"@type": self.iri(datatype), "@value": term.value}


def _key(value: Any) -> tuple[str, str]:
    """A sort key for any value of a node (nodes, strings, numbers, booleans)."""
    if isinstance(value, dict):
        return ("1", repr(sorted(value.items())))
    return ("0", repr(value))


def compact(triples: Iterable[ox.Triple], context: Mapping[str, str], compactor: Compactor | None = None) -> dict[str, Any]:
    """The compacted JSON-LD document of ``triples`` (no blank nodes, no triple terms) under
    ``context`` (``compactor``: one made for that context, to reuse what it has compacted)."""
    c = compactor or Compactor(context)
    nodes: dict[str, dict[str, list[Any]]] = defaultdict(lambda: defaultdict(list))
    for t in triples:
        s, p, o = t.subject, t.predicate, t.object
        if not isinstance(s, ox.NamedNode) or not isinstance(o, ox.NamedNode | ox.Literal):
            raise ValueError(f"compact JSON-LD here holds named nodes and literals only, not {t}")
        props = nodes[c.iri(s.value)]
        if p.value == _TYPE and isinstance(o, ox.NamedNode):
            props["@type"].append(c.iri(o.value))
        else:
            props[c.iri(p.value)].append(c.value(o))
    out = []
    for node_id in sorted(nodes):
        node: dict[str, Any] = {"@id": node_id}
        for key in sorted(nodes[node_id]):
            values = sorted(nodes[node_id][key], key=_key)
            node[key] = values[0] if len(values) == 1 else values
        out.append(node)
    doc: dict[str, Any] = {"@context": dict(context)}
    if len(out) == 1:
        doc.update(out[0])
    elif out:
        doc["@graph"] = out
    return doc
