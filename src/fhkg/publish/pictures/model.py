"""``bilder/modell.svg`` — the model: boxes for the classes and labelled arrows for the
properties between them, from the ontology's ``rdfs:domain``/``rdfs:range`` and from the
links the data actually has, laid out in layers from left to right (:mod:`.layout`).
"""

from __future__ import annotations

import itertools
import math
from collections import Counter, defaultdict
from dataclasses import dataclass, field

import pyoxigraph as ox
from rdflib import Graph, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SKOS

from ...graph import KnowledgeGraph
from ...terms.labels import Labels, text
from ...text import sv_key
from ..docs import FH_NS, curie, term_page
from ..urls import Urls
from .layout import LABEL_SIZE, _span, layout
from .lookup import labelled
from .svg import BLUE, MUTED, PALE_BLUE, PALE_GREY, Svg, _num, text_width, wrap

MODEL = "bilder/modell.svg"

#: links every resource has (provenance) or that only tie concepts to their scheme: not drawn
NOT_DRAWN = {
    "http://purl.org/dc/terms/source",
    "http://www.w3.org/ns/prov#wasDerivedFrom",
    "http://www.w3.org/2004/02/skos/core#inScheme",
    "http://www.w3.org/2004/02/skos/core#topConceptOf",
    "http://www.w3.org/2004/02/skos/core#hasTopConcept",
    "http://www.w3.org/2000/01/rdf-schema#seeAlso",
    "http://xmlns.com/foaf/0.1/homepage",
}
MAX_EDGES = 40
MAX_BOXES = 30


@dataclass
class Edge:
    s: str
    p: str
    o: str
    count: int
    declared: bool = False
    reversed: bool = False


@dataclass
class Box:
    iri: str
    label: str
    curie: str
    own: bool
    width: float = 0
    height: float = 0
    layer: int = 0
    order: float = 0
    x: float = 0
    y: float = 0  # top
    loop: bool = False


@dataclass
class Model:
    boxes: dict[str, Box]
    edges: list[Edge]
    others: list[str] = field(default_factory=list)  # fh classes not drawn


def _closure(onto: Graph) -> dict[str, set[str]]:
    """Superclasses (transitive, reflexive) of every class the ontology mentions."""
    direct: dict[str, set[str]] = defaultdict(set)
    for s, o in onto.subject_objects(RDFS.subClassOf):
        if isinstance(s, URIRef) and isinstance(o, URIRef):
            direct[str(s)].add(str(o))
    out: dict[str, set[str]] = {}

    def up(c: str) -> set[str]:
        if c in out:
            return out[c]
        out[c] = {c}
        for d in sorted(direct.get(c, ())):
            out[c] |= up(d)
        return out[c]

    for c in list(direct):
        up(c)
    return out


def principal_class(types: set[str], supers: dict[str, set[str]]) -> str:
    """The class a resource is drawn as: its most specific type, an fh: class first."""
    specific = [t for t in types if not any(t != u and t in supers.get(u, {u}) for u in types)]
    return sorted(specific, key=lambda t: (not t.startswith(FH_NS), t))[0]


def model_edges(kg: KnowledgeGraph, onto: Graph) -> Model:
    supers = _closure(onto)
    graphs = kg.graphs_of("data", "links", "user")
    types: dict[str, set[str]] = defaultdict(set)
    for r in kg.query("SELECT ?s ?c WHERE { ?s a ?c . FILTER (isIRI(?s) && isIRI(?c)) }", graphs=graphs):
        types[r["s"].value].add(r["c"].value)
    cls = {s: principal_class(ts, supers) for s, ts in types.items()}
    counts: Counter = Counter()
    for r in kg.query("SELECT ?s ?p ?o WHERE { ?s ?p ?o . FILTER (isIRI(?s) && isIRI(?o) && ?p != rdf:type) }", graphs=graphs):
        s, p, o = r["s"].value, r["p"].value, r["o"].value
        if p in NOT_DRAWN or s not in cls or o not in cls:
            continue
        counts[(cls[s], p, cls[o])] += 1

    # declared: fh object properties with a domain and a range
    declared: list[tuple[str, str, str]] = []
    for prop in sorted(onto.subjects(RDF.type, OWL.ObjectProperty), key=str):
        if not str(prop).startswith(FH_NS):
            continue
        for domain in sorted(onto.objects(prop, RDFS.domain), key=str):
            for range_ in sorted(onto.objects(prop, RDFS.range), key=str):
                if isinstance(domain, URIRef) and isinstance(range_, URIRef):
                    declared.append((str(domain), str(prop), str(range_)))
    forced: dict[tuple[str, str, str], Edge] = {}
    for d, p, r_ in declared:
        seen = [(s, pp, o) for (s, pp, o) in counts if pp == p and d in supers.get(s, {s}) and r_ in supers.get(o, {o})]
        if seen:
            # drawn between the classes the data uses it between most
            key = min(seen, key=lambda k: (-counts[k], k))
            forced[key] = Edge(*key, counts[key], declared=True)
        else:
            forced[(d, p, r_)] = Edge(d, p, r_, 0, declared=True)

    # the rest: one edge per pair of classes (the most frequent property), self-loops left out;
    # equally frequent candidates (typically a link and its inverse) are kept as options
    best: dict[frozenset, list[tuple[str, str, str]]] = {}
    for key in sorted(counts, key=lambda k: (-counts[k], k)):
        s, p, o = key
        if key in forced or s == o:
            continue
        options = best.setdefault(frozenset((s, o)), [])
        if not options or counts[options[0]] == counts[key]:
            options.append(key)
    ranked = sorted(best.values(), key=lambda ks: (-counts[ks[0]], ks[0]))

    edges = sorted(forced.values(), key=lambda e: (-e.count, e.s, e.p, e.o))
    nodes = {e.s for e in edges} | {e.o for e in edges}
    chosen: list[list[tuple[str, str, str]]] = []
    for options in ranked:
        if len(edges) + len(chosen) >= MAX_EDGES:
            break
        s, p, o = options[0]
        new = {s, o} - nodes
        if len(nodes) + len(new) > MAX_BOXES:
            continue
        chosen.append(options)
        nodes |= new
    picks = _shortest(edges, chosen)
    edges += [Edge(*key, counts[key]) for key in picks]

    labels = _onto_labels(kg)
    boxes = {}
    for iri in sorted(nodes):
        own = iri.startswith(FH_NS)
        label = labels.get(iri) or curie(iri, kg.base).split(":", 1)[-1]
        boxes[iri] = Box(iri, label, curie(iri, kg.base), own)

    def by_label(c: str) -> tuple[str, str]:  # a def, not a lambda: in a lambda mypy takes labels.get(c, c) for str | None
        return sv_key(labels.get(c, c))

    others = sorted(
        (str(c) for c in onto.subjects(RDF.type, OWL.Class) if str(c).startswith(FH_NS) and str(c) not in boxes),
        key=by_label,
    )
    edges.sort(key=lambda e: (e.s, e.p, e.o))
    return Model(boxes, edges, others)


def _onto_labels(kg: KnowledgeGraph, lang: str = "sv") -> dict[str, str]:
    """The ontology's terms' labels for ``lang`` (:mod:`fhkg.terms.labels`)."""
    names = Labels.of_store(kg.store, kg.graphs_of("ontology"), kg.base)
    return labelled(names, names.texts, lang)


def _onto_definitions(kg: KnowledgeGraph, lang: str = "sv") -> dict[str, str]:
    """The ontology's terms' definitions (skos:definition) for ``lang``."""
    found: dict[str, list[ox.Literal]] = defaultdict(list)
    for g in kg.graphs_of("ontology"):
        for q in kg.store.quads_for_pattern(None, ox.NamedNode(str(SKOS.definition)), None, ox.NamedNode(g)):
            if isinstance(q.subject, ox.NamedNode) and isinstance(q.object, ox.Literal):
                found[q.subject.value].append(q.object)
    return {iri: t for iri, literals in sorted(found.items()) if (t := text(literals, lang)) is not None}


def _shortest(fixed: list[Edge], chosen: list[list[tuple[str, str, str]]]) -> list[tuple[str, str, str]]:
    """One option per pair of classes: where several properties are equally frequent (a link
    and its inverse), the one that gives the shortest layered drawing, else the first."""
    picks = [options[0] for options in chosen]
    base = [(e.s, e.o) for e in fixed]

    def cost(keys: list[tuple[str, str, str]]) -> int:
        return _span(base + [(s, o) for s, _, o in keys])

    open_ = [i for i, options in enumerate(chosen) if len(options) > 1]
    if math.prod(len(chosen[i]) for i in open_) <= 256:
        best = (cost(picks), picks)
        for combo in itertools.product(*(range(len(chosen[i])) for i in open_)):
            trial = list(picks)
            for i, j in zip(open_, combo):
                trial[i] = chosen[i][j]
            c = cost(trial)
            if c < best[0]:
                best = (c, trial)
        return best[1]
    for i in open_:  # too many combinations: one pair at a time
        best_c = cost(picks)
        for option in chosen[i][1:]:
            trial = list(picks)
            trial[i] = option
            c = cost(trial)
            if c < best_c:
                best_c, picks = c, trial
    return picks


def model_diagram(kg: KnowledgeGraph, urls: Urls, here: str = MODEL) -> Svg:
    onto = kg.to_rdflib(("ontology",))
    model = model_edges(kg, onto)
    lay = layout(model)
    boxes, edges, items, chains, ends = model.boxes, lay["edges"], lay["items"], lay["chains"], lay["ends"]
    labels = _onto_labels(kg)
    labels_en = _onto_labels(kg, "en")
    definitions = _onto_definitions(kg)
    declared = {str(s) for s in onto.subjects(RDF.type, None) if isinstance(s, URIRef)}
    margin, head = 24, 74
    others_text = ", ".join(labels.get(c, c) for c in model.others)
    width = max(lay["width"] + 2 * margin + 40, 760)
    others_lines = wrap("Fler klasser i ontologin: " + others_text + "." if model.others else "", width - 2 * margin, 11)
    legend_h = 44 + 15 * len(others_lines)
    height = head + lay["height"] + 30 + legend_h

    title = "Modellen: klasser och egenskaper"
    desc_edges = "; ".join(
        f"{boxes[e.s].curie} {curie(e.p, kg.base)} {boxes[e.o].curie}" for e in sorted(model.edges, key=lambda e: (boxes[e.s].curie, e.p, boxes[e.o].curie))
    )
    desc = (
        f"Diagram of the model of the Familjen Helsingborg knowledge graph: {len(boxes)} classes as boxes (blue: "
        "classes of the fh ontology; grey: standard classes the data uses) and "
        f"{len(model.edges)} properties as arrows from the class of the subject to the class of the object. Arrows "
        "come from the rdfs:domain and rdfs:range that the ontology declares and from the links the data has "
        "(for each pair of classes, the most frequent property). Every resource also has dcterms:source, which "
        f"is not drawn. Arrows: {desc_edges}."
        + (f" Other fh classes: {', '.join(labels_en.get(c, c) for c in model.others)}." if model.others else "")
    )
    css = f".edge{{fill:none;stroke-width:1.3px}}.elabel{{font-size:{LABEL_SIZE}px;paint-order:stroke;stroke:#fff;stroke-width:3px;stroke-linejoin:round}}"
    svg = Svg(width, height, title, desc, css=css)
    svg.text(None, margin, 30, title, cls="h1")
    svg.text(
        None, margin, 50,
        "Rutor är klasser (blå: fh-ontologin, grå: standardvokabulär), pilar egenskaper från subjektets klass till objektets.",
        cls="sub",
    )
    svg.text(
        None, margin, 66,
        "Pilarna kommer från rdfs:domain/rdfs:range i ontologin och från länkarna i data; dcterms:source (på alla resurser) ritas inte.",
        cls="sub",
    )
    defs = svg.el(None, "defs")
    for name, colour in (("arrow", MUTED), ("arrow-fh", BLUE)):
        marker = svg.el(defs, "marker", {"id": name, "viewBox": "0 0 10 10", "refX": 10, "refY": 5, "markerWidth": 7, "markerHeight": 7, "orient": "auto-start-reverse", "markerUnits": "userSpaceOnUse"})
        svg.el(marker, "path", {"d": "M0,0 L10,5 L0,10 z", "fill": colour})

    ox_, oy = margin, head + 10

    def X(x: float) -> float:
        return ox_ + x

    def Y(y: float) -> float:
        return oy + y

    # ports: out-edges on the right side, in-edges on the left, ordered by the other end's height
    def next_y(e: Edge, from_start: bool) -> float:
        chain = chains[edges.index(e)]
        other = chain[1] if from_start else chain[-2]
        return items[other].y

    out_ports: dict[str, list[Edge]] = defaultdict(list)
    in_ports: dict[str, list[Edge]] = defaultdict(list)
    for e in edges:
        a, b = ends(e)
        out_ports[a].append(e)
        in_ports[b].append(e)
    port_y: dict[tuple[int, str], float] = {}
    for node, es in out_ports.items():
        es.sort(key=lambda e: (next_y(e, True), e.p))
        b = boxes[node]
        for i, e in enumerate(es):
            port_y[(id(e), "out")] = b.y + b.height * (i + 1) / (len(es) + 1)
    for node, es in in_ports.items():
        es.sort(key=lambda e: (next_y(e, False), e.p))
        b = boxes[node]
        for i, e in enumerate(es):
            port_y[(id(e), "in")] = b.y + b.height * (i + 1) / (len(es) + 1)

    g_edges = svg.el(None, "g", {"class": "edges"})
    g_labels = svg.el(None, "g", {"class": "edge-labels"})
    col_x, col_w = lay["col_x"], lay["col_w"]
    for e in sorted(edges, key=lambda e: (e.s, e.p, e.o)):
        a, b = ends(e)
        chain = chains[edges.index(e)]
        pts = [(boxes[a].x + boxes[a].width, port_y[(id(e), "out")])]
        for key in chain[1:-1]:
            it = items[key]
            pts.append((col_x[it.layer], it.y))
            pts.append((col_x[it.layer] + col_w[it.layer], it.y))
        pts.append((boxes[b].x, port_y[(id(e), "in")]))
        d = f"M{_num(X(pts[0][0]))},{_num(Y(pts[0][1]))}"
        # start, (enter, leave) per dummy column, end: straight through columns, curves between
        for i in range(1, len(pts)):
            (x0, y0), (x1, y1) = pts[i - 1], pts[i]
            if i % 2 == 0 and i < len(pts) - 1:
                d += f" L{_num(X(x1))},{_num(Y(y1))}"
                continue
            mx = (x0 + x1) / 2
            d += f" C{_num(X(mx))},{_num(Y(y0))} {_num(X(mx))},{_num(Y(y1))} {_num(X(x1))},{_num(Y(y1))}"
        own = e.p.startswith(FH_NS)
        colour = BLUE if own else MUTED
        pname = curie(e.p, kg.base)
        how = "deklarerad i ontologin (rdfs:domain/rdfs:range)" if e.declared else "från länkarna i data"
        tip = f"{boxes[e.s].curie} → {pname} → {boxes[e.o].curie}: {how}" + (f"; {e.count} länkar i data" if e.count else "")
        if own and labels.get(e.p):
            tip = f"{labels[e.p]} ({pname}). " + tip
        link = svg.link(g_edges, _term_href(urls, here, e.p, declared), tip, data_property=e.p, data_subject_class=e.s, data_object_class=e.o)
        attrs = {"class": "edge", "d": d, "stroke": colour}
        if e.reversed:
            attrs["marker-start"] = f"url(#{'arrow-fh' if own else 'arrow'})"
        else:
            attrs["marker-end"] = f"url(#{'arrow-fh' if own else 'arrow'})"
        svg.el(link, "path", attrs)
        label_link = svg.link(g_labels, _term_href(urls, here, e.p, declared))
        if e.reversed:  # drawn right to left: the label sits at the subject, on the right
            svg.text(label_link, X(pts[-1][0]) - 5, Y(pts[-1][1]) - 4, pname, cls="elabel", fill=colour, anchor="end")
        else:
            svg.text(label_link, X(pts[0][0]) + 5, Y(pts[0][1]) - 4, pname, cls="elabel", fill=colour)

    # self-loops
    for e in model.edges:
        if e.s != e.o:
            continue
        b = boxes[e.s]
        own = e.p.startswith(FH_NS)
        colour = BLUE if own else MUTED
        x1, y1 = X(b.x + b.width), Y(b.y + 12)
        x2, y2 = X(b.x + b.width - 24), Y(b.y)
        d = f"M{_num(x1)},{_num(y1)} C{_num(x1 + 30)},{_num(y1)} {_num(x2)},{_num(y2 - 30)} {_num(x2)},{_num(y2)}"
        pname = curie(e.p, kg.base)
        tip = f"{boxes[e.s].curie} → {pname} → {boxes[e.o].curie}" + (f"; {e.count} länkar i data" if e.count else "")
        link = svg.link(g_edges, _term_href(urls, here, e.p, declared), tip, data_property=e.p, data_subject_class=e.s, data_object_class=e.o)
        svg.el(link, "path", {"class": "edge", "d": d, "stroke": colour, "marker-end": f"url(#{'arrow-fh' if own else 'arrow'})"})
        label_link = svg.link(g_labels, _term_href(urls, here, e.p, declared))
        svg.text(label_link, x1 + 12, y2 - 14, pname, cls="elabel", fill=colour)

    g_boxes = svg.el(None, "g", {"class": "classes"})
    for iri in sorted(boxes):
        b = boxes[iri]
        tip = f"{b.label} ({b.curie})"
        if definitions.get(iri):
            tip += f": {definitions[iri]}"
        link = svg.link(g_boxes, _term_href(urls, here, iri, declared), tip, data_class=iri)
        svg.el(
            link,
            "rect",
            {
                "class": "box",
                "x": X(b.x),
                "y": Y(b.y),
                "width": b.width,
                "height": b.height,
                "rx": 6,
                "fill": PALE_BLUE if b.own else PALE_GREY,
                "stroke": BLUE if b.own else "#8a8a8a",
                "stroke-width": 1.3,
                "stroke-dasharray": None if b.own else "4 3",
            },
        )
        cx, cy = X(b.x + b.width / 2), Y(b.y + b.height / 2)
        svg.text(link, cx, cy - 2, b.label, cls="b", anchor="middle", font_size=12.5)
        svg.text(link, cx, cy + 13, b.curie, anchor="middle", font_size=11, fill=MUTED)

    # legend
    ly = head + lay["height"] + 40
    legend = svg.el(None, "g", {"class": "legend"})
    svg.el(legend, "rect", {"x": margin, "y": ly - 12, "width": 26, "height": 16, "rx": 4, "fill": PALE_BLUE, "stroke": BLUE})
    svg.text(legend, margin + 34, ly, "klass i fh-ontologin")
    x = margin + 34 + text_width("klass i fh-ontologin", 12) + 24
    svg.el(legend, "rect", {"x": x, "y": ly - 12, "width": 26, "height": 16, "rx": 4, "fill": PALE_GREY, "stroke": "#8a8a8a", "stroke-dasharray": "4 3"})
    svg.text(legend, x + 34, ly, "standardklass")
    x += 34 + text_width("standardklass", 12) + 24
    svg.el(legend, "line", {"x1": x, "y1": ly - 4, "x2": x + 30, "y2": ly - 4, "stroke": BLUE, "stroke-width": 1.3, "marker-end": "url(#arrow-fh)"})
    svg.text(legend, x + 38, ly, "fh-egenskap")
    x += 38 + text_width("fh-egenskap", 12) + 24
    svg.el(legend, "line", {"x1": x, "y1": ly - 4, "x2": x + 30, "y2": ly - 4, "stroke": MUTED, "stroke-width": 1.3, "marker-end": "url(#arrow)"})
    svg.text(legend, x + 38, ly, "standardegenskap")
    if model.others:
        others = svg.el(None, "g", {"class": "other-classes"})
        # the same wrapped text, with every class name a link
        words_y = ly + 24
        prefix = "Fler klasser i ontologin: "
        x = margin
        svg.text(others, x, words_y, prefix.strip(), cls="small")
        x += text_width(prefix, 10.5)
        for i, c in enumerate(model.others):
            name = labels.get(c, c) + ("," if i < len(model.others) - 1 else ".")
            w = text_width(name + " ", 10.5)
            if x + w > width - margin:
                x = margin
                words_y += 15
            a = svg.link(others, _term_href(urls, here, c, declared), f"{labels.get(c, c)} ({curie(c, kg.base)})")
            svg.text(a, x, words_y, name, cls="small")
            x += w
    return svg


def _term_href(urls: Urls, here: str, iri: str, declared: set[str]) -> str:
    """Ontology documentation for terms the ontology declares; the IRI itself otherwise."""
    if iri.startswith(FH_NS) or iri in declared:
        return urls.href(here, term_page(urls, iri))
    return iri
