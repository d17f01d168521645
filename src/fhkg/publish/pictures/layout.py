"""The layered left-to-right layout of the model diagram: cycles broken, layers by longest path
pulled towards their targets, dummy nodes for long edges, barycentre ordering with the fewest
crossings, least-squares vertical placement.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..docs import curie
from .svg import text_width

if TYPE_CHECKING:
    from .model import Edge, Model


# layout constants
BOX_PAD = 10
BOX_MIN_H = 40
PORT_GAP = 16
V_GAP = 22
DUMMY_H = 6
LABEL_SIZE = 10.5
MIN_GAP = 70


@dataclass
class _Item:
    key: str  # a class IRI, or "dummy:{edge}:{layer}"
    layer: int
    height: float
    order: float = 0
    y: float = 0  # centre


def _layers(names: list[str], pairs: list[tuple[str, str]]) -> tuple[dict[str, int], set[int]]:
    """Layers for directed ``pairs`` between ``names``: cycles broken depth-first (the indexes
    of the pairs drawn against their direction are returned), then longest path from the
    sources, each node then pulled right up to one layer before its nearest successor."""
    out_adj: dict[str, list[tuple[int, str]]] = defaultdict(list)
    for i, (a, b) in sorted(enumerate(pairs), key=lambda ip: (ip[1], ip[0])):
        if a != b:
            out_adj[a].append((i, b))
    state: dict[str, int] = {}
    flipped: set[int] = set()

    def visit(v: str) -> None:
        state[v] = 1
        for i, w in out_adj[v]:
            if state.get(w) == 1:
                flipped.add(i)
            elif w not in state:
                visit(w)
        state[v] = 2

    for v in names:
        if v not in state:
            visit(v)
    preds: dict[str, list[str]] = defaultdict(list)
    succs: dict[str, list[str]] = defaultdict(list)
    for i, (a, b) in enumerate(pairs):
        if a == b:
            continue
        if i in flipped:
            a, b = b, a
        succs[a].append(b)
        preds[b].append(a)
    layer: dict[str, int] = {}

    def depth(v: str) -> int:
        if v not in layer:
            layer[v] = 0
            layer[v] = max((depth(u) + 1 for u in sorted(preds[v])), default=0)
        return layer[v]

    for v in names:
        depth(v)
    for v in sorted(names, key=lambda v: (-layer[v], v)):
        if succs[v]:
            layer[v] = max(layer[v], min(layer[w] for w in succs[v]) - 1)
    return layer, flipped


def _span(edges: list[tuple[str, str]]) -> int:
    names = sorted({x for e in edges for x in e})
    layer, _ = _layers(names, edges)
    return sum(abs(layer[b] - layer[a]) for a, b in edges if a != b)


def layout(model: Model) -> dict:
    """Layered left-to-right layout (cycle breaking, longest-path layers pulled towards their
    targets, dummy nodes for long edges, barycentre ordering, least-squares vertical placement)."""
    boxes, edges = model.boxes, [e for e in model.edges if e.s != e.o]
    for e in model.edges:
        if e.s == e.o:
            boxes[e.s].loop = True
    names = sorted(boxes, key=lambda i: (boxes[i].curie, i))
    # 1.-2. break cycles and assign layers
    layer, flipped = _layers(names, [(e.s, e.o) for e in edges])
    for i, e in enumerate(edges):
        e.reversed = i in flipped

    def ends(e: Edge) -> tuple[str, str]:
        return (e.o, e.s) if e.reversed else (e.s, e.o)

    n_layers = max(layer.values(), default=0) + 1

    # box sizes
    n_out = Counter(ends(e)[0] for e in edges)
    n_in = Counter(ends(e)[1] for e in edges)
    for box in boxes.values():
        box.width = max(text_width(box.label, 12.5, True), text_width(box.curie, 11)) + 2 * BOX_PAD
        box.height = max(BOX_MIN_H, PORT_GAP * (max(n_out[box.iri], n_in[box.iri]) + 1))
        box.layer = layer[box.iri]

    # 3. items per layer, with dummies for long edges
    items: dict[str, _Item] = {v: _Item(v, layer[v], boxes[v].height + (26 if boxes[v].loop else 0)) for v in names}
    chains: dict[int, list[str]] = {}
    nbrs: dict[str, set[str]] = defaultdict(set)
    for idx, e in enumerate(edges):
        a, b = ends(e)
        chain = [a]
        for lay in range(layer[a] + 1, layer[b]):
            key = f"dummy:{idx}:{lay}"
            items[key] = _Item(key, lay, DUMMY_H)
            chain.append(key)
        chain.append(b)
        chains[idx] = chain
        for u, w in zip(chain, chain[1:]):
            nbrs[u].add(w)
            nbrs[w].add(u)
    by_layer: list[list[str]] = [[] for _ in range(n_layers)]
    for key in sorted(items, key=lambda k: (items[k].layer, k.startswith("dummy:"), boxes[k].curie if k in boxes else k)):
        by_layer[items[key].layer].append(key)
    for column in by_layer:
        for i, key in enumerate(column):
            items[key].order = i

    # 4. ordering: barycentre sweeps and adjacent swaps; keep the order with the fewest crossings
    down: dict[str, list[str]] = defaultdict(list)  # neighbours in the next layer
    for u in items:
        for w in sorted(nbrs[u]):
            if items[w].layer == items[u].layer + 1:
                down[u].append(w)

    def pair_crossings(lay: int) -> int:
        segs = sorted((items[u].order, items[w].order) for u in by_layer[lay] for w in down[u])
        total = 0
        for i in range(len(segs)):
            for j in range(i + 1, len(segs)):
                if segs[i][0] < segs[j][0] and segs[i][1] > segs[j][1]:
                    total += 1
        return total

    def crossings() -> int:
        return sum(pair_crossings(lay) for lay in range(n_layers - 1))

    def renumber(lay: int) -> None:
        for i, key in enumerate(by_layer[lay]):
            items[key].order = i

    def transpose() -> None:
        improved = True
        rounds = 0
        while improved and rounds < 20:
            improved = False
            rounds += 1
            for lay in range(n_layers):
                near = [x for x in (lay - 1, lay) if 0 <= x < n_layers - 1]
                for i in range(len(by_layer[lay]) - 1):
                    before = sum(pair_crossings(x) for x in near)
                    by_layer[lay][i], by_layer[lay][i + 1] = by_layer[lay][i + 1], by_layer[lay][i]
                    renumber(lay)
                    if sum(pair_crossings(x) for x in near) < before:
                        improved = True
                    else:
                        by_layer[lay][i], by_layer[lay][i + 1] = by_layer[lay][i + 1], by_layer[lay][i]
                        renumber(lay)

    best = (crossings(), [list(lay) for lay in by_layer])
    for sweep in range(16):
        rng = range(1, n_layers) if sweep % 2 == 0 else range(n_layers - 2, -1, -1)
        for lay in rng:
            side = lay - 1 if sweep % 2 == 0 else lay + 1

            def bary(k: str, side: int = side) -> float:
                ns = sorted(items[w].order for w in nbrs[k] if items[w].layer == side)
                if not ns:
                    return items[k].order
                return sum(ns) / len(ns)

            by_layer[lay].sort(key=lambda k: (bary(k), items[k].order))
            renumber(lay)
        transpose()
        c = crossings()
        if c < best[0]:
            best = (c, [list(lay) for lay in by_layer])
    by_layer = best[1]
    for lay in range(n_layers):
        renumber(lay)
    self_crossings = best[0]

    # 5. vertical placement: start stacked, then pull each item towards its neighbours
    def sep(a: str, b: str) -> float:
        gap = V_GAP if not (a.startswith("dummy:") or b.startswith("dummy:")) else 12
        return items[a].height / 2 + gap + items[b].height / 2

    for column in by_layer:
        y = 0.0
        for i, key in enumerate(column):
            if i:
                y += sep(column[i - 1], key)
            items[key].y = y
    for it in range(60):
        order = range(n_layers) if it % 2 == 0 else range(n_layers - 1, -1, -1)
        for lay in order:
            keys = by_layer[lay]
            desired = []
            for k in keys:
                ns = sorted(items[w].y for w in nbrs[k])
                desired.append(sum(ns) / len(ns) if ns else items[k].y)
            for k, y in zip(keys, _place(desired, [sep(a, b) for a, b in zip(keys, keys[1:])])):
                items[k].y = y
    top = min((items[k].y - items[k].height / 2 for k in items), default=0)
    for k in items:
        items[k].y -= top

    # 6. x: columns as wide as their widest box, gaps as wide as the labels leaving them
    col_w = [max((boxes[k].width for k in lay if k in boxes), default=20) for lay in by_layer]
    gap_w: list[float] = [MIN_GAP] * max(n_layers - 1, 0)
    for e in edges:
        a, b = ends(e)
        # the label sits at the subject: right of it, or left of it when drawn right to left
        lay = layer[b] - 1 if e.reversed else layer[a]
        if 0 <= lay < n_layers - 1:
            gap_w[lay] = max(gap_w[lay], text_width(curie(e.p), LABEL_SIZE) + 56)
    extra = 0.0  # room right of the last column for self-loop labels
    for e in model.edges:
        if e.s == e.o:
            need = text_width(curie(e.p), LABEL_SIZE) + 40
            if layer[e.s] < n_layers - 1:
                gap_w[layer[e.s]] = max(gap_w[layer[e.s]], need)
            else:
                extra = max(extra, need)
    col_x = []
    x = 0.0
    for i in range(n_layers):
        col_x.append(x)
        x += col_w[i] + (gap_w[i] if i < n_layers - 1 else 0)
    for k, box in boxes.items():
        box.x = col_x[box.layer] + (col_w[box.layer] - box.width) / 2
        box.y = items[k].y - items[k].height / 2 + (26 if box.loop else 0)
    width = x + extra
    height = max((items[k].y + items[k].height / 2 for k in items), default=0)
    return {"crossings": self_crossings, "items": items, "chains": chains, "edges": edges, "col_x": col_x, "col_w": col_w, "width": width, "height": height, "ends": ends}


def _place(desired: list[float], seps: list[float]) -> list[float]:
    """Positions as close as possible (least squares) to ``desired``, in order, at least
    ``seps[i]`` apart: pool-adjacent-violators on the offsets."""
    offsets = [0.0]
    for s in seps:
        offsets.append(offsets[-1] + s)
    blocks: list[list] = []  # [first index, last index, sum of (desired - offset), count]
    for i, d in enumerate(desired):
        blocks.append([i, i, d - offsets[i], 1])
        while len(blocks) > 1:
            a, b = blocks[-2], blocks[-1]
            if a[2] / a[3] <= b[2] / b[3]:
                break
            blocks[-2:] = [[a[0], b[1], a[2] + b[2], a[3] + b[3]]]
    out = [0.0] * len(desired)
    for first, last, total, n in blocks:
        base = total / n
        for i in range(first, last + 1):
            out[i] = base + offsets[i]
    return out
