"""fhkg.io.bnodes, in-process and fast: the exact labels of small graphs, worked out here from
the recipe of the module's docstring (a blake2b-128 hash of a blank node's quads, the other
blank nodes written as ``_`` first, then as their colours; the label made of the colour and the
fingerprint of the node's connected component), and the properties the labels promise — they do
not depend on the blank nodes' ids nor on the order of the quads, they are distinct, and
unrelated triples do not move them.

The recipe is spelled out (``part``, ``h``) so that a change to it, which changes the blank-node
labels of every published dump, is a deliberate one."""

from __future__ import annotations

import hashlib
import itertools
import random

import pyoxigraph as ox
import pytest

from fhkg.io import bnodes
from fhkg.io.bnodes import canonical_labels

EX = "https://example.org/"
P, Q, R = (ox.NamedNode(EX + n) for n in "pqr")
S, T = ox.NamedNode(EX + "s"), ox.NamedNode(EX + "t")
G = ox.NamedNode(EX + "graph")


def h(*parts: bytes) -> bytes:
    """blake2b-128 of the parts, each followed by U+001F."""
    return hashlib.blake2b(b"".join(p + b"\x1f" for p in parts), digest_size=16).digest()


def part(role: str, predicate: ox.NamedNode, *others: str) -> bytes:
    """One quad as a blank node sees it: its role (s, o, g), the predicate, then subject, object
    and graph in that order — ``=`` for itself, ``""`` for the default graph, N-Triples for a
    term — separated by U+001E."""
    return "\x1e".join((role, str(predicate), *others)).encode()


def colour(*parts: bytes) -> bytes:
    return h(*sorted(parts))


def label(c: bytes) -> str:
    return "b" + c.hex()[:16]


def signature(b: ox.BlankNode, quads, colours: dict) -> bytes:
    """``b``'s quads with the other blank nodes written as their colours (the later rounds)."""

    def shown(x) -> str:
        if x is None or isinstance(x, ox.DefaultGraph):
            return ""
        return colours[x].hex() if isinstance(x, ox.BlankNode) else str(x)

    parts = []
    for q in quads:
        terms = {"s": q.subject, "o": q.object, "g": getattr(q, "graph_name", None)}
        for role, t in terms.items():
            if t == b:
                parts.append(part(role, q.predicate, *("=" if r == role else shown(terms[r]) for r in ("s", "o", "g"))))
    return colour(*parts)


def labelled(colours: dict, quads, n: int = 0) -> dict:
    """The labels of one connected component whose final colours are ``colours``: each made of
    the node's colour and the component's fingerprint (and ``n``, the number of components with
    the same labelled quads met before it)."""
    fingerprint = h(*sorted(c + signature(b, quads, colours) for b, c in colours.items()))
    return {b: label(h(c, fingerprint) if n == 0 else h(c, fingerprint, b"%d" % n)) for b, c in colours.items()}


def lone(c: bytes) -> str:
    """The label of a blank node with no blank neighbours whose colour is ``c``: its component's
    fingerprint is the hash of its colour and its quads, which are ``c`` again."""
    return label(h(c, h(c + c)))


def relabelled(triples, labels) -> set[str]:
    def term(t):
        return "_:" + labels[t] if isinstance(t, ox.BlankNode) else str(t)

    return {f"{term(t.subject)} {t.predicate} {term(t.object)}" for t in triples}


def renamed(triples, seed: int):
    """The same triples with other blank node ids, in another order."""
    rng = random.Random(seed)
    fresh: dict[ox.BlankNode, ox.BlankNode] = {}
    for t in triples:
        for x in (t.subject, t.object):
            if isinstance(x, ox.BlankNode) and x not in fresh:
                fresh[x] = ox.BlankNode(f"n{rng.randrange(10**9)}")
    out = [ox.Triple(fresh.get(t.subject, t.subject), t.predicate, fresh.get(t.object, t.object)) for t in triples]
    rng.shuffle(out)
    return out


def test_a_blank_node_alone_is_labelled_by_the_hash_of_its_quads():
    b = ox.BlankNode("x")
    triples = [ox.Triple(S, P, b), ox.Triple(b, Q, ox.Literal("v", language="sv"))]
    expected = colour(part("o", P, str(S), "=", ""), part("s", Q, "=", '"v"@sv', ""))
    assert canonical_labels(triples) == labelled({b: expected}, triples)
    # a quad in the default graph is a triple; a named graph is part of the quads
    assert canonical_labels([ox.Quad(t.subject, t.predicate, t.object, ox.DefaultGraph()) for t in triples]) == labelled({b: expected}, triples)
    in_g = colour(part("o", P, str(S), "=", str(G)), part("s", Q, "=", '"v"@sv', str(G)))
    quads = [ox.Quad(t.subject, t.predicate, t.object, G) for t in triples]
    assert canonical_labels(quads) == labelled({b: in_g}, quads)


def test_a_blank_graph_name_is_labelled_by_what_it_holds():
    g = ox.BlankNode("g")
    quads = [ox.Quad(S, P, T, g)]
    assert canonical_labels(quads) == labelled({g: colour(part("g", P, str(S), str(T), "="))}, quads)


def test_quads_without_blank_nodes_give_no_labels():
    assert canonical_labels([ox.Triple(S, P, T), ox.Quad(S, P, ox.Literal("x"), G)]) == {}
    assert canonical_labels([]) == {}


def test_other_blank_nodes_are_underscores_in_the_first_colours():
    # a -p-> b -q-> "v": the two colours differ from the start, so they are the labels
    a, b = ox.BlankNode("a"), ox.BlankNode("b")
    triples = [ox.Triple(a, P, b), ox.Triple(b, Q, ox.Literal("v"))]
    assert canonical_labels(triples) == labelled(
        {a: colour(part("s", P, "=", "_", "")), b: colour(part("o", P, "_", "=", ""), part("s", Q, "=", '"v"', ""))},
        triples,
    )


def test_a_blank_node_that_is_its_own_object():
    a = ox.BlankNode("a")
    triples = [ox.Triple(a, P, a)]
    assert canonical_labels(triples) == labelled({a: colour(part("s", P, "=", "_", ""), part("o", P, "_", "=", ""))}, triples)


def test_identical_anonymous_nodes_are_told_apart_by_a_number():
    # S p [ q "v" ], S p [ q "v" ]: each is a component of its own, with the same labelled quads
    a, b = ox.BlankNode("a"), ox.BlankNode("b")
    triples = [ox.Triple(S, P, a), ox.Triple(S, P, b), ox.Triple(a, Q, ox.Literal("v")), ox.Triple(b, Q, ox.Literal("v"))]
    c = colour(part("o", P, str(S), "=", ""), part("s", Q, "=", '"v"', ""))
    labels = canonical_labels(triples)
    [first] = labelled({a: c}, triples).values()
    [second] = labelled({a: c}, triples, n=1).values()
    assert sorted(labels.values()) == sorted([first, second])
    # a third one is number 2
    third = [ox.Triple(S, P, ox.BlankNode("c")), ox.Triple(ox.BlankNode("c"), Q, ox.Literal("v"))]
    assert sorted(canonical_labels(triples + third).values()) == sorted([first, second, *labelled({a: c}, triples, n=2).values()])
    for seed in range(5):
        other = renamed(triples, seed)
        assert relabelled(other, canonical_labels(other)) == relabelled(triples, labels)


def test_a_split_class_keeps_its_colour_in_the_part_with_the_smaller_signature():
    # a -p-> b -p-> c -p-> d: b and c start alike (both subject and object of p), refinement
    # splits them by their neighbours' colours; the one whose new signature is smaller keeps the
    # colour, the other takes the hash of the colour and its signature
    a, b, c, d = (ox.BlankNode(n) for n in "abcd")
    triples = [ox.Triple(a, P, b), ox.Triple(b, P, c), ox.Triple(c, P, d)]
    first_a = colour(part("s", P, "=", "_", ""))
    first_d = colour(part("o", P, "_", "=", ""))
    middle = colour(part("o", P, "_", "=", ""), part("s", P, "=", "_", ""))
    sig_b = colour(part("o", P, first_a.hex(), "=", ""), part("s", P, "=", middle.hex(), ""))
    sig_c = colour(part("o", P, middle.hex(), "=", ""), part("s", P, "=", first_d.hex(), ""))
    kept, moved = sorted([sig_b, sig_c])
    new = {sig_b: b, sig_c: c}
    expected = labelled({a: first_a, d: first_d, new[kept]: middle, new[moved]: h(middle, moved)}, triples)
    assert canonical_labels(triples) == expected
    for seed in range(5):
        other = renamed(triples, seed)
        assert relabelled(other, canonical_labels(other)) == relabelled(triples, expected)


def test_the_largest_part_keeps_the_colour():
    # one component: a blank hub H -r-> u1, u2, u3; u1 -p-> v1, u2 -p-> v2, u3 -p-> w; v1, v2 q "1",
    # w q "2". The u start alike; the first round splits them 2 / 1 (u3's object differs) and the
    # two keep the colour; v1 and v2 stay alike. Then step 3 sets apart the first of u1 (or v1)
    # by the smaller colour, which tells the last two apart.
    hub, u1, u2, u3, v1, v2, w = (ox.BlankNode(n) for n in ("H", "u1", "u2", "u3", "v1", "v2", "w"))
    H = colour(*[part("s", R, "=", "_", "")] * 3)
    U = colour(part("o", R, "_", "=", ""), part("s", P, "=", "_", ""))
    V = colour(part("o", P, "_", "=", ""), part("s", Q, "=", '"1"', ""))

    def w_colour(text: str) -> bytes:
        return colour(part("o", P, "_", "=", ""), part("s", Q, "=", str(ox.Literal(text)), ""))

    def u_signature(object_colour: bytes) -> bytes:
        return colour(part("o", R, H.hex(), "=", ""), part("s", P, "=", object_colour.hex(), ""))

    # w's text is picked so that the larger part has the larger signature: the size decides
    two = next(t for t in map(str, range(2, 100)) if u_signature(w_colour(t)) < u_signature(V))
    W = w_colour(two)
    triples = [ox.Triple(hub, R, x) for x in (u1, u2, u3)]
    triples += [ox.Triple(u1, P, v1), ox.Triple(u2, P, v2), ox.Triple(u3, P, w), ox.Triple(v1, Q, ox.Literal("1")), ox.Triple(v2, Q, ox.Literal("1")), ox.Triple(w, Q, ox.Literal(two))]
    U3 = h(U, u_signature(W))
    colours = {hub: H, u1: U, u2: U, u3: U3, v1: V, v2: V, w: W}
    if U < V:  # u1 is set apart, and v1, its object, leaves v2
        colours[u1] = h(U, b"chosen 1")
        colours[v1] = h(V, colour(part("o", P, colours[u1].hex(), "=", ""), part("s", Q, "=", '"1"', "")))
    else:  # v1 is set apart, and u1, its subject, leaves u2
        colours[v1] = h(V, b"chosen 1")
        colours[u1] = h(U, colour(part("o", R, H.hex(), "=", ""), part("s", P, "=", colours[v1].hex(), "")))
    labels = canonical_labels(triples)
    assert labels == labelled(colours, triples)
    for seed in range(5):
        other = renamed(triples, seed)
        assert relabelled(other, canonical_labels(other)) == relabelled(triples, labels)


def test_components_are_labelled_on_their_own():
    # u1 -p-> v1, u2 -p-> v2, u3 -p-> w: three components; u1's and u3's start alike, but
    # refinement never looks beyond a component (so adding one never moves another's labels):
    # in each, the two nodes differ from the start. The first two have the same labelled quads
    # and are told apart by a number.
    u1, u2, u3, v1, v2, w = (ox.BlankNode(n) for n in ("u1", "u2", "u3", "v1", "v2", "w"))
    one, two = ox.Literal("1"), ox.Literal("2")
    first, second, third = [ox.Triple(u1, P, v1), ox.Triple(v1, Q, one)], [ox.Triple(u2, P, v2), ox.Triple(v2, Q, one)], [ox.Triple(u3, P, w), ox.Triple(w, Q, two)]
    U = colour(part("s", P, "=", "_", ""))
    V = colour(part("o", P, "_", "=", ""), part("s", Q, "=", '"1"', ""))
    W = colour(part("o", P, "_", "=", ""), part("s", Q, "=", '"2"', ""))
    labels = canonical_labels(first + second + third)
    assert {b: labels[b] for b in (u3, w)} == labelled({u3: U, w: W}, third)
    pair = {frozenset(labelled({u1: U, v1: V}, first).values()), frozenset(labelled({u1: U, v1: V}, first, n=1).values())}
    assert {frozenset((labels[u1], labels[v1])), frozenset((labels[u2], labels[v2]))} == pair


def ring(n: int, names: str = "r") -> list[ox.Triple]:
    nodes = [ox.BlankNode(f"{names}{i}") for i in range(n)]
    return [ox.Triple(nodes[i], P, nodes[(i + 1) % n]) for i in range(n)]


def chain(n: int, names: str = "c") -> list[ox.Triple]:
    nodes = [ox.BlankNode(f"{names}{i}") for i in range(n)]
    return [ox.Triple(S, R, nodes[0])] + [ox.Triple(nodes[i], P, nodes[i + 1]) for i in range(n - 1)] + [ox.Triple(nodes[-1], Q, ox.Literal("end"))]


def rdf_list(items: list[str], head: str = "l") -> list[ox.Triple]:
    first, rest, nil = (ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#" + n) for n in ("first", "rest", "nil"))
    cells = [ox.BlankNode(f"{head}{i}") for i in range(len(items))]
    out = [ox.Triple(S, P, cells[0])]
    for i, item in enumerate(items):
        out += [ox.Triple(cells[i], first, ox.Literal(item)), ox.Triple(cells[i], rest, cells[i + 1] if i + 1 < len(items) else nil)]
    return out


STRUCTURES = {
    "ring of 5": ring(5),
    "two rings": ring(3, "a") + ring(4, "b"),
    "two equal rings": ring(3, "a") + ring(3, "b"),
    "chain of 7": chain(7),
    "list with repeats": rdf_list(["x", "y", "x", "x", "y"]),
    "star": [ox.Triple(ox.BlankNode("hub"), P, ox.BlankNode(f"leaf{i}")) for i in range(4)] + [ox.Triple(ox.BlankNode("leaf0"), Q, ox.Literal("0"))],
    # a chain whose middle nodes split in the first round, beside pairs of alike nodes that do not:
    # every class the round looks at is split or left, whatever the order it takes them in
    "chain among pairs": chain(4, "m")
    + [ox.Triple(ox.NamedNode(EX + f"s{k}"), ox.NamedNode(EX + f"p{k}"), ox.BlankNode(f"e{k}{i}")) for k in range(6) for i in range(2)]
    + [ox.Triple(ox.BlankNode(f"e{k}{i}"), Q, ox.BlankNode(f"f{k}{i}")) for k in range(6) for i in range(2)],
    # two alike nodes under a blank hub: a tied class of exactly two
    "pair under a hub": [ox.Triple(ox.BlankNode("H"), P, ox.BlankNode(x)) for x in "ab"] + [ox.Triple(ox.BlankNode(x), Q, ox.Literal("v")) for x in "ab"],
    # found by a search over random graphs: a round of refinement here splits two classes at once
    "knot": [
        ox.Triple(ox.BlankNode(s), P if p == 0 else Q, ox.BlankNode(o) if o != "x" else ox.Literal("x"))
        for s, p, o in [("n1", 0, "n1"), ("n3", 0, "n4"), ("n5", 1, "n2"), ("n2", 0, "n9"), ("n6", 1, "n0"), ("n3", 0, "n3"), ("n9", 1, "x"), ("n4", 0, "n2"), ("n1", 1, "n4"), ("n0", 1, "n5")]
    ],
    "grid": [ox.Triple(ox.BlankNode(f"g{i}{j}"), P if di else Q, ox.BlankNode(f"g{i + di}{j + 1 - di}")) for i in range(3) for j in range(3) for di in (0, 1) if i + di < 3 and j + 1 - di < 3],
}


@pytest.mark.parametrize("name", sorted(STRUCTURES))
def test_labels_do_not_depend_on_ids_or_order_and_are_distinct(name):
    triples = STRUCTURES[name]
    blanks = {x for t in triples for x in (t.subject, t.object) if isinstance(x, ox.BlankNode)}
    labels = canonical_labels(triples)
    assert set(labels) == blanks
    assert len(set(labels.values())) == len(blanks)
    assert all(v.startswith("b") and len(v) == 17 for v in labels.values())
    for seed in range(16):
        other = renamed(triples, seed)
        assert relabelled(other, canonical_labels(other)) == relabelled(triples, labels), seed


@pytest.mark.parametrize("name", sorted(STRUCTURES))
def test_unrelated_triples_do_not_move_a_label(name):
    triples = STRUCTURES[name]
    alone = canonical_labels(triples)
    # something else, unlike it: a longer chain with its own blank nodes, and plain triples
    other = [*chain(12, "z"), ox.Triple(S, P, T), ox.Triple(ox.BlankNode("zz"), R, ox.Literal("lone"))]
    for order in (triples + other, other + triples):
        together = canonical_labels(order)
        assert {b: together[b] for b in alone} == alone


def test_symmetric_nodes_set_apart_in_one_component_give_the_same_triples_whichever_is_picked():
    # in a ring every node looks the same; whichever one is picked first, the labelled ring is the same
    triples = ring(6)
    expected = relabelled(triples, canonical_labels(triples))
    for perm in itertools.islice(itertools.permutations(range(6)), 0, 720, 97):
        names = {ox.BlankNode(f"r{i}"): ox.BlankNode(f"q{p}") for i, p in enumerate(perm)}
        other = [ox.Triple(names[t.subject], t.predicate, names[t.object]) for t in triples]
        assert relabelled(other, canonical_labels(other)) == expected


def test_labels_grow_by_four_hex_digits_until_they_differ():
    a, b, c = ox.BlankNode("a"), ox.BlankNode("b"), ox.BlankNode("c")
    same16 = "0123456789abcdef"
    colours = {a: bytes.fromhex(same16 + "1111" + "0" * 12), b: bytes.fromhex(same16 + "1112" + "0" * 12), c: bytes.fromhex("f" * 32)}
    assert bnodes._labels(colours) == {a: "b" + same16 + "1111", b: "b" + same16 + "1112", c: "b" + "f" * 20}
    assert bnodes._labels({a: bytes.fromhex(same16 * 2)}) == {a: "b" + same16}


def test_each_node_set_apart_takes_a_colour_of_its_own_and_its_neighbours_follow():
    # a blank hub with three alike branches H -p-> l -q-> m: refinement cannot tell the branches
    # apart, so step 3 sets l0 apart (colour h(L, "chosen 1")), and refining splits m0 from the
    # other ends; then l1 (h(L, "chosen 2")), and m1 follows; l2 and m2 are left alone in theirs
    hub = ox.BlankNode("H")
    leaves, ends = [ox.BlankNode(f"l{i}") for i in range(3)], [ox.BlankNode(f"m{i}") for i in range(3)]
    triples = [t for i in range(3) for t in (ox.Triple(hub, P, leaves[i]), ox.Triple(leaves[i], Q, ends[i]))]
    h_colour = colour(*[part("s", P, "=", "_", "")] * 3)
    L = colour(part("o", P, "_", "=", ""), part("s", Q, "=", "_", ""))
    M = colour(part("o", Q, "_", "=", ""))
    assert L < M  # so the leaves are set apart first (the example's assumption)
    C1, C2 = h(L, b"chosen 1"), h(L, b"chosen 2")
    M0, M1 = (h(M, colour(part("o", Q, c.hex(), "=", ""))) for c in (C1, C2))
    expected = {hub: h_colour, leaves[0]: C1, leaves[1]: C2, leaves[2]: L, ends[0]: M0, ends[1]: M1, ends[2]: M}
    assert canonical_labels(triples) == labelled(expected, triples)


def test_alike_leaves_of_a_hub_are_set_apart_one_by_one():
    # l -p-> hub: the leaves are numbered by their picks (the hub's colour is its own from the
    # start, so a pick changes nothing else). Each pick used to join the last one's colour and
    # tie it again, which took minutes for a few thousand leaves (benchmarks/bench.py: "2k hub")
    hub = ox.BlankNode("hub")
    L = colour(part("s", P, "=", "_", ""))
    for n in (3, 300):
        leaves = [ox.BlankNode(f"l{i:05}") for i in range(n)]
        triples = [ox.Triple(leaf, P, hub) for leaf in leaves]
        expected = {hub: colour(*[part("o", P, "_", "=", "")] * n), leaves[-1]: L}
        expected |= {leaf: h(L, b"chosen %d" % (i + 1)) for i, leaf in enumerate(leaves[:-1])}  # by id
        assert canonical_labels(triples) == labelled(expected, triples)
