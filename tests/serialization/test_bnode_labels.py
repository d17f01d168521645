"""fhkg.io.bnodes, in-process and fast: the exact labels of small graphs, worked out here from
the recipe of the module's docstring (a blake2b-128 hash of a blank node's quads, the other
blank nodes written as ``_`` first, then as their colours), and the properties the labels
promise — they do not depend on the blank nodes' ids nor on the order of the quads, they are
distinct, and unrelated triples do not move them.

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
    assert canonical_labels(triples) == {b: label(expected)}
    # a quad in the default graph is a triple; a named graph is part of the quads
    assert canonical_labels([ox.Quad(t.subject, t.predicate, t.object, ox.DefaultGraph()) for t in triples]) == {b: label(expected)}
    in_g = colour(part("o", P, str(S), "=", str(G)), part("s", Q, "=", '"v"@sv', str(G)))
    assert canonical_labels([ox.Quad(t.subject, t.predicate, t.object, G) for t in triples]) == {b: label(in_g)}


def test_a_blank_graph_name_is_labelled_by_what_it_holds():
    g = ox.BlankNode("g")
    assert canonical_labels([ox.Quad(S, P, T, g)]) == {g: label(colour(part("g", P, str(S), str(T), "=")))}


def test_quads_without_blank_nodes_give_no_labels():
    assert canonical_labels([ox.Triple(S, P, T), ox.Quad(S, P, ox.Literal("x"), G)]) == {}
    assert canonical_labels([]) == {}


def test_other_blank_nodes_are_underscores_in_the_first_colours():
    # a -p-> b -q-> "v": the two colours differ from the start, so they are the labels
    a, b = ox.BlankNode("a"), ox.BlankNode("b")
    labels = canonical_labels([ox.Triple(a, P, b), ox.Triple(b, Q, ox.Literal("v"))])
    assert labels == {
        a: label(colour(part("s", P, "=", "_", ""))),
        b: label(colour(part("o", P, "_", "=", ""), part("s", Q, "=", '"v"', ""))),
    }


def test_a_blank_node_that_is_its_own_object():
    a = ox.BlankNode("a")
    assert canonical_labels([ox.Triple(a, P, a)]) == {a: label(colour(part("s", P, "=", "_", ""), part("o", P, "_", "=", "")))}


def test_identical_anonymous_nodes_are_set_apart_one_per_component():
    # S p [ q "v" ], S p [ q "v" ]: refinement cannot tell the two apart, each is in a component of its own
    a, b = ox.BlankNode("a"), ox.BlankNode("b")
    triples = [ox.Triple(S, P, a), ox.Triple(S, P, b), ox.Triple(a, Q, ox.Literal("v")), ox.Triple(b, Q, ox.Literal("v"))]
    c = colour(part("o", P, str(S), "=", ""), part("s", Q, "=", '"v"', ""))
    labels = canonical_labels(triples)
    assert sorted(labels.values()) == sorted([label(h(c, b"chosen 0")), label(h(c, b"chosen 1"))])
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
    expected = {a: label(first_a), d: label(first_d), new[kept]: label(middle), new[moved]: label(h(middle, moved))}
    assert canonical_labels(triples) == expected
    for seed in range(5):
        other = renamed(triples, seed)
        assert relabelled(other, canonical_labels(other)) == relabelled(triples, expected)


def test_the_largest_part_keeps_the_colour():
    # u1 -p-> v1, u2 -p-> v2, u3 -p-> w, v1 q "1", v2 q "1", w q "2": the u start alike; the
    # first round splits them 2 / 1, and the two keep the colour; then u1, u2 (and v1, v2) are
    # set apart, one per component
    u1, u2, u3, v1, v2, w = (ox.BlankNode(n) for n in ("u1", "u2", "u3", "v1", "v2", "w"))
    one, two = ox.Literal("1"), ox.Literal("2")
    triples = [ox.Triple(u1, P, v1), ox.Triple(u2, P, v2), ox.Triple(u3, P, w), ox.Triple(v1, Q, one), ox.Triple(v2, Q, one), ox.Triple(w, Q, two)]
    labels = canonical_labels(triples)
    u = colour(part("s", P, "=", "_", ""))
    w_colour = colour(part("o", P, "_", "=", ""), part("s", Q, "=", '"2"', ""))
    assert labels[w] == label(w_colour)
    assert labels[u3] == label(h(u, colour(part("s", P, "=", w_colour.hex(), ""))))
    assert len(set(labels.values())) == 6
    for seed in range(5):
        other = renamed(triples, seed)
        assert relabelled(other, canonical_labels(other)) == relabelled(triples, labels)


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
    "grid": [ox.Triple(ox.BlankNode(f"g{i}{j}"), P if di else Q, ox.BlankNode(f"g{i + di}{j + 1 - di}")) for i in range(3) for j in range(3) for di in (0, 1) if i + di < 3 and j + 1 - di < 3],
}


# Two bugs these tests show (see docs/mutation.md, "Bugs the mutants' tests showed"): refinement
# cannot tell a ring of 3 from a ring of 4, and step 3 numbers the nodes it sets apart across
# components by their ids, so the labelled rings depend on the parser's random ids; and which part
# of a split class keeps its colour depends on the whole class, blank nodes of other components
# included, so a longer chain added elsewhere moves a chain's labels.
RINGS_BUG = pytest.mark.xfail(strict=True, reason="step 3 numbers the picks of unlike components by their ids (bnodes.canonical_labels)")
LOCALITY_BUG = pytest.mark.xfail(strict=True, reason="a split class's kept part depends on other components' nodes (bnodes._refine)")


def _cases(bugs: dict[str, pytest.MarkDecorator]) -> list:
    return [pytest.param(name, marks=bugs[name]) if name in bugs else name for name in sorted(STRUCTURES)]


@pytest.mark.parametrize("name", _cases({"two rings": RINGS_BUG}))
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


@pytest.mark.parametrize("name", _cases({"chain of 7": LOCALITY_BUG, "chain among pairs": LOCALITY_BUG}))
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


def test_a_node_set_apart_into_a_colour_already_given_is_split_from_it_at_once():
    # a blank hub with three alike branches H -p-> l -q-> m: refinement cannot tell the branches
    # apart, so step 3 sets l0 apart (colour C0 = h(L, "chosen 0")), refines, and then sets l1
    # apart — into the same colour C0, beside l0, whose branch is refined already. The first round
    # looks at l1 itself too: its class splits at once, and m1 first joins m0's new colour, then
    # leaves it.
    hub = ox.BlankNode("H")
    leaves, ends = [ox.BlankNode(f"l{i}") for i in range(3)], [ox.BlankNode(f"m{i}") for i in range(3)]
    triples = [t for i in range(3) for t in (ox.Triple(hub, P, leaves[i]), ox.Triple(leaves[i], Q, ends[i]))]
    h_colour = colour(*[part("s", P, "=", "_", "")] * 3)
    L = colour(part("o", P, "_", "=", ""), part("s", Q, "=", "_", ""))
    M = colour(part("o", Q, "_", "=", ""))
    assert L < M  # so the leaves are set apart first (the example's assumption)
    C0 = h(L, b"chosen 0")
    M0 = h(M, colour(part("o", Q, C0.hex(), "=", "")))
    L1 = h(C0, colour(part("o", P, h_colour.hex(), "=", ""), part("s", Q, "=", M.hex(), "")))
    M1 = h(M0, colour(part("o", Q, L1.hex(), "=", "")))
    expected = {hub: h_colour, leaves[0]: C0, leaves[1]: L1, leaves[2]: L, ends[0]: M0, ends[1]: M1, ends[2]: M}
    assert canonical_labels(triples) == {b: label(c) for b, c in expected.items()}


def test_a_node_set_apart_into_a_colour_already_given_stays_there_while_it_looks_the_same():
    # three leaves of a blank hub, x -p-> hub: l0 is set apart (C0 = h(L, "chosen 0")), then l1 —
    # into C0 as well; l1's signature is l0's (the same hub), so the class does not split, and
    # the next round sets l0 apart from l1 within C0
    hub = ox.BlankNode("hub")
    leaves = [ox.BlankNode(f"l{i}") for i in range(3)]
    triples = [ox.Triple(leaf, P, hub) for leaf in leaves]
    L = colour(part("s", P, "=", "_", ""))
    C0 = h(L, b"chosen 0")
    labels = canonical_labels(triples)
    assert labels == {hub: label(colour(*[part("o", P, "_", "=", "")] * 3)), leaves[0]: label(h(C0, b"chosen 0")), leaves[1]: label(C0), leaves[2]: label(L)}
