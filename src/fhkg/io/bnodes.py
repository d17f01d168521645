"""Deterministic blank-node labels, computed from the blank nodes' surroundings only.

A blank node's label must not depend on the order a parser or a store happened to produce
(Oxigraph gives every parsed blank node a random id), or the same input would give different
bytes. Canonicalising the whole dataset (RDFC-1.0) can take exponential time on symmetric
blank-node structures — Oxigraph's takes minutes on a ring of 2,000 — so fhkg labels only the
blank nodes, by colour refinement (1-dimensional Weisfeiler–Leman), in each connected component
of blank nodes (linked when they share a quad) on its own:

1. each blank node starts with a colour: a hash of the quads it is in, other blank nodes
   written as ``_``;
2. round by round, each blank node whose colour it still shares with another one takes a new
   colour from its own and those of its neighbours, until no colour class splits;
3. blank nodes that still share a colour are symmetric in every way refinement can see: one of
   them is set apart, in a colour of its own (numbered by the picks so far), and refinement
   runs again, until every colour is unique;
4. the component's labelled quads are hashed into its fingerprint, and each label is made of the
   node's colour and the fingerprint: components that refinement sees alike but that differ (a
   ring of 3 and a ring of 4) get different labels, and components with the same labelled quads
   are told apart by a number (which is which cannot change the bytes).

The label is a prefix of that hash (``_:b`` + 16 hex digits): it depends only on the blank
node's connected component, so adding unrelated triples does not move it. Work is about linear
in the number of quads that hold blank nodes; quads without any are not looked at. Step 3 picks
among nodes that refinement cannot tell apart; for the symmetric structures real data has
(identical anonymous nodes, rings, repeated list cells) any pick gives the same bytes. A
structure that refinement cannot split but that has no symmetry (such as the Frucht graph, 12
blank nodes each linked to three others) may be labelled another way on another run: the pick
follows the store's ids there.

>>> import pyoxigraph as ox
>>> p = ox.NamedNode("http://ex/p")
>>> a, b = ox.BlankNode(), ox.BlankNode()
>>> labels = canonical_labels([ox.Quad(ox.NamedNode("http://ex/s"), p, a), ox.Quad(a, p, ox.Literal("x"))])
>>> list(labels.values())[0].startswith("b")
True
"""

from __future__ import annotations

import hashlib
import heapq
from collections import defaultdict
from collections.abc import Iterable

import pyoxigraph as ox

_ROLES = ("s", "o", "g")


def _h(*parts: bytes) -> bytes:
    h = hashlib.blake2b(digest_size=16)
    for part in parts:
        h.update(part)
        h.update(b"\x1f")
    return h.digest()


def canonical_labels(quads: Iterable[ox.Quad | ox.Triple]) -> dict[ox.BlankNode, str]:
    """A label for every blank node of ``quads`` (only quads that hold one matter)."""
    # edges[b] = (role of b, predicate, the other terms: text, or a blank node)
    edges: dict[ox.BlankNode, list[tuple[str, str, list[str | ox.BlankNode]]]] = defaultdict(list)
    for q in quads:
        g = getattr(q, "graph_name", None)
        terms = {"s": q.subject, "o": q.object, "g": g}
        blanks = [(role, t) for role, t in terms.items() if isinstance(t, ox.BlankNode)]
        if not blanks:
            continue
        for role, node in blanks:
            others: list[str | ox.BlankNode] = []
            for other_role in _ROLES:
                t = terms[other_role]
                if other_role == role:
                    others.append("=")
                elif isinstance(t, ox.BlankNode):
                    others.append(t)
                elif t is None or isinstance(t, ox.DefaultGraph):
                    others.append("")
                else:
                    others.append(str(t))
            edges[node].append((role, str(q.predicate), others))
    if not edges:
        return {}

    neighbours: dict[ox.BlankNode, set[ox.BlankNode]] = {b: {o for _, _, others in e for o in others if isinstance(o, ox.BlankNode) and o != b} for b, e in edges.items()}
    colour: dict[ox.BlankNode, bytes] = {}

    def signature(node: ox.BlankNode, initial: bool = False) -> bytes:
        parts = []
        for role, pred, others in edges[node]:
            shown = [o if isinstance(o, str) else ("_" if initial else colour[o].hex()) for o in others]
            parts.append("\x1e".join((role, pred, *shown)).encode())
        return _h(*sorted(parts))

    final: dict[ox.BlankNode, bytes] = {}
    seen: dict[bytes, int] = defaultdict(int)  # components met so far, by fingerprint
    for nodes in _components(neighbours):
        # each connected component on its own: nothing outside it can move its labels
        members = _Classes()
        for b in nodes:
            members.add(b, signature(b, initial=True), colour)
        if len(nodes) > 1:
            _refine(set(nodes), colour, members, neighbours, signature)
        picks = 0
        queue: dict[bytes, list[ox.BlankNode]] = {}  # a tied class's members by id, the next pick last
        while True:
            c = members.first_tied()
            if c is None:
                break
            # refinement cannot tell these apart: set one apart, in a colour of its own, and
            # refine again (for the symmetric structures real data has, whichever is picked
            # gives the same triples)
            waiting = queue.get(c)
            while waiting and colour[waiting[-1]] != c:
                waiting.pop()  # moved out by refinement
            if not waiting:  # (also when the class gained members since it was sorted)
                waiting = queue[c] = sorted(members[c], key=lambda b: b.value, reverse=True)
            b = waiting.pop()
            picks += 1
            _move(b, _h(c, b"chosen %d" % picks), colour, members)
            _refine({b}, colour, members, neighbours, signature)
        # the component's labelled quads, as one hash: components that refinement saw alike but
        # that differ get different labels, and only components whose labelled quads are the
        # same (so it does not matter which is which) are told apart by a number
        fingerprint = _h(*sorted(colour[b] + signature(b) for b in nodes))
        n = seen[fingerprint]
        seen[fingerprint] += 1
        for b in nodes:
            final[b] = _h(colour[b], fingerprint) if n == 0 else _h(colour[b], fingerprint, b"%d" % n)
    return _labels(final)


def _components(neighbours: dict[ox.BlankNode, set[ox.BlankNode]]) -> list[list[ox.BlankNode]]:
    """The connected components of the blank nodes (linked when they share a quad)."""
    placed: set[ox.BlankNode] = set()
    components = []
    for start in neighbours:
        if start in placed:
            continue
        placed.add(start)
        nodes, todo = [start], [start]
        while todo:
            for y in neighbours[todo.pop()]:
                if y not in placed:
                    placed.add(y)
                    nodes.append(y)
                    todo.append(y)
        components.append(nodes)
    return components


class _Classes(defaultdict):
    """The colour classes of one component (colour -> its blank nodes), and a heap of the
    colours that are, or were, shared by several nodes: the smallest tied colour is found
    without looking at every class."""

    def __init__(self) -> None:
        super().__init__(set)
        self.tied: list[bytes] = []

    def add(self, b: ox.BlankNode, c: bytes, colour: dict) -> None:
        colour[b] = c
        self[c].add(b)
        if len(self[c]) == 2:
            heapq.heappush(self.tied, c)

    def first_tied(self) -> bytes | None:
        while self.tied and len(self.get(self.tied[0], ())) < 2:
            heapq.heappop(self.tied)  # no longer tied
        return self.tied[0] if self.tied else None


def _move(b: ox.BlankNode, new: bytes, colour: dict, members: _Classes) -> None:
    members[colour[b]].discard(b)
    if not members[colour[b]]:
        del members[colour[b]]
    members.add(b, new, colour)


def _refine(changed: set, colour: dict, members: _Classes, neighbours: dict, signature) -> None:
    """Split colour classes until none splits (partition refinement). A round looks only at the
    classes that hold a neighbour of a node that changed colour in the round before; in a class
    that splits, one part keeps the colour — the members whose surroundings did not change, else
    the largest part — and the others take new ones, so each round's work is what changed."""
    first = True
    while changed:
        touched: dict[bytes, set] = defaultdict(set)
        for x in changed:
            for y in ({x} | neighbours[x]) if first else neighbours[x]:
                if len(members[colour[y]]) > 1:
                    touched[colour[y]].add(y)
        first = False
        updates = []
        for c, affected in touched.items():
            group = members[c]
            rest = next((m for m in group if m not in affected), None)
            rest_sig = signature(rest) if rest is not None else None
            parts: dict[bytes, list] = defaultdict(list)
            for y in affected:
                sig = signature(y)
                if sig != rest_sig:
                    parts[sig].append(y)
            if rest_sig is None:
                if len(parts) <= 1:
                    continue  # no split
                # every member changed: the largest part (ties: the smallest signature) keeps the colour
                keep = min(parts, key=lambda sig: (-len(parts[sig]), sig))
                del parts[keep]
            elif not parts:
                continue
            updates += [(ys, _h(c, sig)) for sig, ys in parts.items()]
        changed = set()
        for ys, new in updates:
            for y in ys:
                _move(y, new, colour, members)
            changed.update(ys)


def _labels(colour: dict[ox.BlankNode, bytes]) -> dict[ox.BlankNode, str]:
    width = 16
    while True:
        labels = {b: "b" + c.hex()[:width] for b, c in colour.items()}
        if len(set(labels.values())) == len(labels):
            return labels
        width += 4
