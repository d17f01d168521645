"""SVG pictures of the graph, drawn by our own code from SPARQL answers (no plotting library):

* ``bilder/medlemskap.svg`` — the membership matrix: the eleven municipalities (rows, by name)
  against every organisation with at least one sourced municipal member (columns, by number of
  members, then name); a filled cell is an ``org:Membership`` (colour = its ``org:role``).
* ``bilder/resultat.svg`` — the income statement 2022–2024 (``dataset:resultatrapport``):
  grouped bars for Summa intäkter, Summa kostnader (as a positive amount) and Årets resultat
  per year, and markers joined by a line for Utgående medel att förfoga över.
* ``bilder/modell.svg`` — the model: boxes for the classes and labelled arrows for the
  properties between them, from the ontology's ``rdfs:domain``/``rdfs:range`` and from the
  links the data actually has, laid out in layers from left to right.

Every picture is readable without JavaScript and stands alone: Swedish text labels, a
``<title>`` (sv) and a ``<desc>`` (en) that says everything the picture shows, and ``<a>``
links (relative, via :meth:`Urls.href`) to the pages of the things drawn. The bytes depend only
on the graph: no clock, no randomness, sorted inputs, coordinates rounded to 0.1 px.
"""

from __future__ import annotations

import itertools
import math
import xml.etree.ElementTree as ET
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SKOS

from ..graph import KnowledgeGraph
from ..iris import Iris
from ..text import linkable, sv_key
from .docs import FH_NS, curie, term_page
from .site import Site
from .urls import Urls

SVG_NS = "http://www.w3.org/2000/svg"
MEMBERSHIP = "bilder/medlemskap.svg"
INCOME = "bilder/resultat.svg"
MODEL = "bilder/modell.svg"

FONT = "'DejaVu Sans', Verdana, sans-serif"
INK = "#1a1a1a"
MUTED = "#555555"
GRID = "#d9d9d9"
BLUE = "#1f5fa8"
ORANGE = "#c4591a"
GREEN = "#2e7d4f"
PURPLE = "#6a3d9a"
PALE_BLUE = "#e8f0fb"
PALE_GREY = "#f2f2f2"
ROW_TINT = "#f6f8fb"


def contribute(site: Site) -> None:
    """Add the three pictures to ``site`` (and describe them in ``site.notes["pictures"]``)."""
    notes = {}
    for path, draw in ((MEMBERSHIP, membership_matrix), (INCOME, income_chart), (MODEL, model_diagram)):
        svg = draw(site.kg, site.urls, path)
        site.add(path, svg.bytes())
        notes[path] = {"title": svg.title, "desc": svg.desc, "width": svg.width, "height": svg.height}
    site.notes["pictures"] = notes


# ---------------------------------------------------------------------------- text metrics

#: advance widths of DejaVu Sans (the first font asked for) in thousandths of an em; other
#: characters count as 0.62 em. Verdana, the fallback, is about as wide.
_WIDTHS = {
    **dict.fromkeys("0123456789", 636),
    **{"a": 613, "b": 635, "c": 550, "d": 635, "e": 615, "f": 352, "g": 635, "h": 634, "i": 278, "j": 278, "k": 579,
       "l": 278, "m": 974, "n": 634, "o": 612, "p": 635, "q": 635, "r": 411, "s": 521, "t": 392, "u": 634, "v": 592,
       "w": 818, "x": 592, "y": 592, "z": 525, "A": 684, "B": 686, "C": 698, "D": 770, "E": 632, "F": 575, "G": 775,
       "H": 752, "I": 295, "J": 295, "K": 656, "L": 557, "M": 863, "N": 748, "O": 787, "P": 603, "Q": 787, "R": 695,
       "S": 635, "T": 611, "U": 732, "V": 684, "W": 989, "X": 685, "Y": 611, "Z": 685, " ": 318, ".": 318, ",": 318,
       ":": 337, ";": 337, "-": 361, "–": 500, "−": 838, "(": 390, ")": 390, "[": 390, "]": 390, "/": 337, "'": 275,
       '"': 460, "&": 780, "+": 838, "*": 500, "?": 531, "!": 401, "%": 950, "å": 613, "ä": 613, "ö": 612, "Å": 684,
       "Ä": 684, "Ö": 787, "é": 615, "ü": 634, "É": 632, "_": 500, "#": 838, "×": 838, "→": 838, "·": 318},
}


def text_width(text: str, size: float, bold: bool = False) -> float:
    """Estimated width in px of ``text`` at font ``size`` (bold is about 9 % wider)."""
    em = sum(_WIDTHS.get(c, 620) for c in text) / 1000
    return em * size * (1.09 if bold else 1.0)


def kronor(n: int) -> str:
    """An amount with Swedish thousands separators and a real minus sign.

    >>> kronor(8884807), kronor(-7763406), kronor(0)
    ('8 884 807', '−7 763 406', '0')
    """
    s = f"{abs(n):,}".replace(",", " ")
    return ("−" if n < 0 else "") + s


def parse_kronor(text: str) -> int:
    """The inverse of :func:`kronor` (for tests and readers of the SVG).

    >>> parse_kronor("−7 763 406")
    -7763406
    """
    t = text.replace("−", "-").replace(" ", "").replace("\u00a0", "").replace("\u202f", "")
    return int(t)


def wrap(text: str, width: float, size: float) -> list[str]:
    """Greedy word wrap to ``width`` px."""
    lines, line = [], ""
    for word in text.split():
        candidate = f"{line} {word}".strip()
        if line and text_width(candidate, size) > width:
            lines.append(line)
            line = word
        else:
            line = candidate
    if line:
        lines.append(line)
    return lines


# ---------------------------------------------------------------------------- SVG writer


def _num(x: float) -> str:
    r = round(float(x), 1)
    if r == int(r):
        return str(int(r))
    return f"{r:.1f}"


class Svg:
    """A small SVG document builder with deterministic output."""

    def __init__(self, width: float, height: float, title: str, desc: str, *, css: str = ""):
        self.width = math.ceil(width)
        self.height = math.ceil(height)
        self.title = title
        self.desc = desc
        self.root = ET.Element(
            "svg",
            {
                "xmlns": SVG_NS,
                "version": "1.1",
                "width": str(self.width),
                "height": str(self.height),
                "viewBox": f"0 0 {self.width} {self.height}",
                "role": "img",
                "aria-labelledby": "title desc",
                "lang": "sv",
                "xml:lang": "sv",
            },
        )
        t = ET.SubElement(self.root, "title", {"id": "title"})
        t.text = title
        d = ET.SubElement(self.root, "desc", {"id": "desc", "lang": "en", "xml:lang": "en"})
        d.text = desc
        style = ET.SubElement(self.root, "style")
        style.text = (
            f"svg{{font-family:{FONT};fill:{INK}}}"
            "text{font-size:12px}"
            ".h1{font-size:17px;font-weight:bold}"
            f".sub{{font-size:12px;fill:{MUTED}}}"
            f".small{{font-size:10.5px;fill:{MUTED}}}"
            ".b{font-weight:bold}"
            "a:hover text,a:focus text{text-decoration:underline}"
            "a:hover rect,a:focus rect{stroke-width:2.5px}"
            + css
        )
        ET.SubElement(self.root, "rect", {"x": "0", "y": "0", "width": str(self.width), "height": str(self.height), "fill": "#ffffff"})

    def el(self, parent: ET.Element | None, tag: str, attrs: dict | None = None, text: str | None = None) -> ET.Element:
        parent = self.root if parent is None else parent
        clean = {}
        for k, v in (attrs or {}).items():
            if v is None:
                continue
            clean[k] = _num(v) if isinstance(v, (int, float)) and not isinstance(v, bool) else str(v)
        e = ET.SubElement(parent, tag, clean)
        if text is not None:
            e.text = text
        return e

    def text(self, parent, x: float, y: float, s: str, **attrs) -> ET.Element:
        cls = attrs.pop("cls", None)
        anchor = attrs.pop("anchor", None)
        a = {"x": x, "y": y}
        if cls:
            a["class"] = cls
        if anchor:
            a["text-anchor"] = anchor
        a.update({k.replace("_", "-"): v for k, v in attrs.items()})
        return self.el(parent, "text", a, s)

    def link(self, parent, href: str, title: str | None = None, **attrs) -> ET.Element:
        target = {"href": href} if linkable(href) else {}  # javascript:, data:, …: no link
        a = self.el(parent, "a", {**target, **{k.replace("_", "-"): v for k, v in attrs.items()}})
        if title:
            self.el(a, "title", None, title)
        return a

    def bytes(self) -> bytes:
        _indent(self.root)
        body = ET.tostring(self.root, encoding="unicode", short_empty_elements=True)
        return ('<?xml version="1.0" encoding="UTF-8"?>\n' + body + "\n").encode("utf-8")


def _indent(elem: ET.Element, level: int = 0) -> None:
    """Pretty-print, but never inside ``<text>``, ``<title>``, ``<desc>`` or ``<style>``."""
    if elem.tag in ("text", "title", "desc", "style"):
        return
    children = list(elem)
    if not children:
        return
    pad = "\n" + "  " * (level + 1)
    if not (elem.text or "").strip():
        elem.text = pad
    for i, child in enumerate(children):
        _indent(child, level + 1)
        if not (child.tail or "").strip():
            child.tail = pad if i < len(children) - 1 else "\n" + "  " * level


def _href(urls: Urls, here: str, iri: str, lang: str = "sv") -> str:
    page = urls.page(iri, lang)
    return urls.href(here, page) if page else iri


def _label_query(kg: KnowledgeGraph, iris: list[str], prop: str = "rdfs:label", lang: str = "sv") -> dict[str, str]:
    if not iris:
        return {}
    values = " ".join(f"<{i}>" for i in sorted(set(iris)))
    rows = kg.query(
        f"""SELECT ?x (MIN(?l) AS ?label) WHERE {{ VALUES ?x {{ {values} }} ?x {prop} ?l .
              FILTER (lang(?l) = "{lang}") }} GROUP BY ?x"""
    )
    return {r["x"].value: r["label"].value for r in rows}


# ---------------------------------------------------------------------------- membership matrix


@dataclass(frozen=True)
class Membership:
    iri: str
    municipality: str
    organisation: str
    role: str | None


def memberships(kg: KnowledgeGraph) -> list[Membership]:
    """Every org:Membership of a municipality, with its organisation and role."""
    rows = kg.query(
        """SELECT ?m ?k ?o (MIN(STR(?r)) AS ?role) WHERE {
             ?m a org:Membership ; org:member ?k ; org:organization ?o .
             ?k a fh:Municipality .
             OPTIONAL { ?m org:role ?r }
           } GROUP BY ?m ?k ?o"""
    )
    out = [Membership(r["m"].value, r["k"].value, r["o"].value, r["role"].value if r["role"] else None) for r in rows]
    return sorted(out, key=lambda m: (m.municipality, m.organisation, m.iri))


def membership_matrix(kg: KnowledgeGraph, urls: Urls, here: str = MEMBERSHIP) -> Svg:
    ms = memberships(kg)
    municipalities = _label_query(kg, [r["k"].value for r in kg.query("SELECT ?k WHERE { ?k a fh:Municipality }")])
    rows = sorted(municipalities, key=lambda k: (sv_key(municipalities[k]), k))
    org_labels = _label_query(kg, [m.organisation for m in ms])
    count = Counter(m.organisation for m in ms)
    per_municipality = Counter(m.municipality for m in ms)
    cols = sorted(count, key=lambda o: (-count[o], sv_key(org_labels.get(o, o)), o))
    cell = {(m.municipality, m.organisation): m for m in ms}
    role_iris = sorted({m.role for m in ms if m.role})
    role_labels = _label_query(kg, role_iris, "skos:prefLabel")
    role_en = _label_query(kg, role_iris, "skos:prefLabel", "en")
    palette = [BLUE, ORANGE, GREEN, PURPLE, "#8c6d1f", "#b03060"]
    role_order = sorted(role_iris, key=lambda r: (-sum(1 for m in ms if m.role == r), r))
    colour = {r: palette[i % len(palette)] for i, r in enumerate(role_order)}
    hidden_rows = kg.query(
        """SELECT ?o (MIN(?l) AS ?label) WHERE {
             ?o a fh:JointOrganisation ; rdfs:label ?l . FILTER (lang(?l) = "sv")
             FILTER NOT EXISTS { ?m a org:Membership ; org:organization ?o ; org:member ?k . ?k a fh:Municipality }
           } GROUP BY ?o"""
    )
    hidden = sorted((r["label"].value for r in hidden_rows), key=sv_key)

    # geometry
    margin, size, head_angle = 20, 26, 55
    sin_a, cos_a = math.sin(math.radians(head_angle)), math.cos(math.radians(head_angle))
    row_label_w = max((text_width(municipalities[k], 12.5) for k in rows), default=0) + 14
    col_label_w = max((text_width(org_labels.get(o, o), 12) for o in cols), default=0)
    total_label = "Antal kommuner"
    x0 = margin + max(row_label_w, text_width(total_label, 12, True) + 14)
    subtitle = "Fylld ruta = medlemskap som en offentlig källa anger (org:Membership). Rutor, kommuner och organisationer är länkar."
    head_h = col_label_w * sin_a + 16
    grid_w = size * len(cols)
    grid_h = size * len(rows)
    x_total = x0 + grid_w + 8
    overhang = col_label_w * cos_a + 10
    width = max(x0 + grid_w + overhang, x_total + 70) + margin
    sub_lines = wrap(subtitle, width - 2 * margin, 12)
    top = 50 + 16 * len(sub_lines)
    y0 = top + head_h

    note = (
        f"Samarbetsorganisationer som ingen källa anger medlemmar för visas inte ({len(hidden)} st): "
        + ", ".join(hidden)
        + "."
        if hidden
        else ""
    )
    text_w = width - 2 * margin
    note_lines = wrap(note, text_w, 11) if note else []
    legend_y = y0 + grid_h + size + 30
    height = legend_y + 28 + 15 * len(note_lines) + margin

    n_cells = len(cell)
    title = "Medlemskap: kommunerna och samarbetsorganisationerna"
    desc_rows = "; ".join(
        f"{municipalities[k]}: " + (", ".join(org_labels.get(o, o) for o in cols if (k, o) in cell) or "none")
        for k in rows
    )
    desc = (
        f"Membership matrix of the {len(rows)} member municipalities of Familjen Helsingborg (rows) and the "
        f"{len(cols)} organisations for which a public source states municipal members (columns, by number of "
        f"members). {n_cells} filled cells, one per org:Membership; the colour is the membership's role ("
        + ", ".join(f"{role_en.get(r, role_labels.get(r, r))}: {sum(1 for m in ms if m.role == r)}" for r in role_order)
        + f"). {len(hidden)} joint organisations without sourced members are not shown. Memberships per municipality: "
        + desc_rows
        + "."
    )
    svg = Svg(width, height, title, desc)
    svg.text(None, margin, 30, title, cls="h1")
    for i, line in enumerate(sub_lines):
        svg.text(None, margin, 50 + 16 * i, line, cls="sub")

    # zebra rows and grid
    grid = svg.el(None, "g", {"class": "grid"})
    for i, _ in enumerate(rows):
        if i % 2 == 0:
            svg.el(grid, "rect", {"x": margin, "y": y0 + i * size, "width": x_total + 40 - margin, "height": size, "fill": ROW_TINT})
    for j in range(len(cols) + 1):
        x = x0 + j * size
        svg.el(grid, "line", {"x1": x, "y1": y0, "x2": x, "y2": y0 + grid_h, "stroke": GRID, "stroke-width": 1})
    for i in range(len(rows) + 1):
        y = y0 + i * size
        svg.el(grid, "line", {"x1": x0, "y1": y, "x2": x0 + grid_w, "y2": y, "stroke": GRID, "stroke-width": 1})

    # column heads (rotated) and totals
    heads = svg.el(None, "g", {"class": "organisations"})
    totals = svg.el(None, "g", {"class": "totals"})
    for j, o in enumerate(cols):
        cx = x0 + j * size + size / 2
        a = svg.link(heads, _href(urls, here, o), data_organisation=o)
        svg.text(
            a, cx + 4, y0 - 8, org_labels.get(o, curie(o, kg.base)),
            transform=f"rotate(-{head_angle} {_num(cx + 4)} {_num(y0 - 8)})",
        )
        svg.text(totals, cx, y0 + grid_h + 18, str(count[o]), cls="b", anchor="middle")
    svg.text(totals, x0 - 10, y0 + grid_h + 18, total_label, cls="b", anchor="end")
    svg.text(totals, x_total + 22, y0 - 8, "Antal", cls="b", anchor="middle")

    # row heads, cells, row totals
    body = svg.el(None, "g", {"class": "municipalities"})
    cells = svg.el(None, "g", {"class": "cells"})
    for i, k in enumerate(rows):
        cy = y0 + i * size + size / 2
        a = svg.link(body, _href(urls, here, k), data_municipality=k)
        svg.text(a, x0 - 10, cy + 4.5, municipalities[k], anchor="end", font_size=12.5)
        svg.text(totals, x_total + 22, cy + 4.5, str(per_municipality[k]), anchor="middle")
        for j, o in enumerate(cols):
            m = cell.get((k, o))
            if m is None:
                continue
            role = role_labels.get(m.role or "", "medlemskap")
            a = svg.link(
                cells,
                _href(urls, here, m.iri),
                f"{municipalities[k]} – {org_labels.get(o, o)}: {role}",
                data_membership=m.iri,
                data_municipality=k,
                data_organisation=o,
            )
            svg.el(
                a,
                "rect",
                {
                    "class": "cell",
                    "x": x0 + j * size + 4,
                    "y": y0 + i * size + 4,
                    "width": size - 8,
                    "height": size - 8,
                    "rx": 3,
                    "fill": colour.get(m.role or "", BLUE),
                    "stroke": "#ffffff",
                    "stroke-width": 1,
                },
            )

    # legend and note
    legend = svg.el(None, "g", {"class": "legend"})
    x = margin
    svg.text(legend, x, legend_y, "Roll:", cls="b")
    x += text_width("Roll:", 12, True) + 10
    for r in role_order:
        n = sum(1 for m in ms if m.role == r)
        a = svg.link(legend, _href(urls, here, r))
        svg.el(a, "rect", {"x": x, "y": legend_y - 12, "width": 16, "height": 16, "rx": 3, "fill": colour[r]})
        label = f"{role_labels.get(r, curie(r, kg.base))} ({n})"
        svg.text(a, x + 22, legend_y, label)
        x += 22 + text_width(label, 12) + 18
    svg.text(legend, x, legend_y, f"Tom ruta: ingen källa anger medlemskap. Totalt {n_cells} medlemskap.", cls="small")
    for i, line in enumerate(note_lines):
        svg.text(legend, margin, legend_y + 26 + 15 * i, line, cls="small")
    return svg


# ---------------------------------------------------------------------------- income statement

#: the lines drawn, by the key of their concept in the rad: scheme; the labels come from the graph
BAR_LINES = ("summa-intakter", "summa-kostnader", "arets-resultat")
MARKER_LINE = "utgaende-medel-att-forfoga-over"
INCOME_DATASET = "resultatrapport"
_ENGLISH = {"summa-intakter": "total income", "summa-kostnader": "total costs", "arets-resultat": "result for the year", MARKER_LINE: "closing funds available"}


@dataclass(frozen=True)
class Amount:
    observation: str
    line: str
    year: str
    amount: int


def income_amounts(kg: KnowledgeGraph) -> tuple[list[Amount], dict[str, str]]:
    """The observations of the drawn lines in the income statement, and the lines' sv labels."""
    iris = Iris(kg.base)
    lines = {str(iris.concept("rad", key)): key for key in (*BAR_LINES, MARKER_LINE)}
    dataset = str(iris.of("dataset", INCOME_DATASET))
    values = " ".join(f"<{i}>" for i in sorted(lines))
    rows = kg.query(
        f"""SELECT ?obs ?line ?year ?amount ?begin WHERE {{
              VALUES ?line {{ {values} }}
              ?obs qb:dataSet <{dataset}> ; fh:lineItem ?line ; fh:year ?y ; fh:amount ?amount .
              ?y rdfs:label ?year .
              OPTIONAL {{ ?y time:hasBeginning/time:inXSDDate ?begin }}
            }}"""
    )
    out = sorted(
        (Amount(r["obs"].value, lines[r["line"].value], r["year"].value, int(r["amount"].value)) for r in rows),
        key=lambda a: (a.year, a.line),
    )
    labels = {lines[k]: v for k, v in _label_query(kg, list(lines), "skos:prefLabel").items()}
    return out, labels


def _nice_step(span: float, ticks: int = 5) -> float:
    raw = span / ticks if span > 0 else 1
    mag = 10 ** math.floor(math.log10(raw))
    for m in (1, 2, 2.5, 5, 10):
        if raw <= m * mag:
            return m * mag
    return 10 * mag


def income_chart(kg: KnowledgeGraph, urls: Urls, here: str = INCOME) -> Svg:
    amounts, labels = income_amounts(kg)
    iris = Iris(kg.base)
    years = sorted({a.year for a in amounts})
    by = {(a.year, a.line): a for a in amounts}

    def shown(a: Amount) -> int:
        # costs are printed negative; the bar shows their size
        return abs(a.amount) if a.line == "summa-kostnader" else a.amount

    values = [shown(a) for a in amounts] or [0]
    step = _nice_step(max(max(values), 0) - min(min(values), 0))
    top_v = math.ceil(max(max(values), 0) / step) * step or step
    bottom_v = math.floor(min(min(values), 0) / step) * step

    margin = 20
    colours = {"summa-intakter": BLUE, "summa-kostnader": ORANGE, "arets-resultat": GREEN, MARKER_LINE: PURPLE}
    tick_w = text_width(kronor(int(top_v)), 11) + 10
    plot_l = margin + 22 + tick_w
    group_w = 300
    plot_r = plot_l + group_w * max(len(years), 1)
    width = plot_r + margin + 10
    legend_y = 86
    # the legend wraps to the width; the plot starts below it
    rows, x = 1, margin
    for key in (*BAR_LINES, MARKER_LINE):
        item_w = (30 if key == MARKER_LINE else 22) + text_width(labels.get(key, key) + (" (belopp utan minustecken)" if key == "summa-kostnader" else ""), 12)
        if x > margin and x + item_w > width - margin:
            rows, x = rows + 1, margin
        x += item_w + 22
    plot_t = 128 + 22 * (rows - 1)
    plot_b = plot_t + 310

    def y_of(v: float) -> float:
        return plot_b - (v - bottom_v) / (top_v - bottom_v) * (plot_b - plot_t)

    span = f"{years[0]}–{years[-1]}" if years else ""
    title = f"Resultatrapporten {span}"
    per_year = []
    for y in years:
        parts = []
        for key in (*BAR_LINES, MARKER_LINE):
            a = by.get((y, key))
            if a:
                parts.append(f"{_ENGLISH[key]} {kronor(a.amount)}")
        per_year.append(f"{y}: " + ", ".join(parts))
    desc = (
        f"Income statement of Familjen Helsingborg {span}, in Swedish kronor as printed in the annual report "
        "(appendix 1). Grouped bars per year for total income, total costs (drawn as a positive amount; printed "
        "negative) and the result for the year; purple markers joined by a line for the closing funds available. "
        + "; ".join(per_year)
        + "."
    )
    height = plot_b + 80
    css = (
        ".value{font-size:10.5px;paint-order:stroke;stroke:#fff;stroke-width:4px;stroke-linejoin:round}"
        f".line-value{{font-weight:bold;fill:{PURPLE}}}"
    )
    svg = Svg(width, height, title, desc, css=css)
    svg.text(None, margin, 30, title, cls="h1")
    svg.text(None, margin, 50, "Belopp i kronor (SEK) som i årsredovisningens bilaga 1. Summa kostnader visas utan minustecken.", cls="sub")

    # legend (wrapped to the width)
    legend = svg.el(None, "g", {"class": "legend"})
    x = margin
    for key in (*BAR_LINES, MARKER_LINE):
        item_w = (30 if key == MARKER_LINE else 22) + text_width(labels.get(key, key) + (" (belopp utan minustecken)" if key == "summa-kostnader" else ""), 12)
        if x > margin and x + item_w > width - margin:
            x = margin
            legend_y += 22
        label = labels.get(key, key)
        a = svg.link(legend, _href(urls, here, str(iris.concept("rad", key))), data_line_item=str(iris.concept("rad", key)))
        if key == MARKER_LINE:
            svg.el(a, "line", {"x1": x, "y1": legend_y - 5, "x2": x + 22, "y2": legend_y - 5, "stroke": PURPLE, "stroke-width": 2})
            svg.el(a, "path", {"d": _diamond(x + 11, legend_y - 5, 6), "fill": PURPLE})
            x += 30
        else:
            svg.el(a, "rect", {"x": x, "y": legend_y - 13, "width": 16, "height": 16, "fill": colours[key]})
            x += 22
        text = label + (" (belopp utan minustecken)" if key == "summa-kostnader" else "")
        svg.text(a, x, legend_y, text)
        x += text_width(text, 12) + 22

    # axes and grid
    axes = svg.el(None, "g", {"class": "axes"})
    v = bottom_v
    while v <= top_v + step / 2:
        y = y_of(v)
        svg.el(axes, "line", {"x1": plot_l, "y1": y, "x2": plot_r, "y2": y, "stroke": INK if v == 0 else GRID, "stroke-width": 1})
        svg.text(axes, plot_l - 8, y + 4, kronor(int(v)), cls="small", anchor="end")
        v += step
    mid = (plot_t + plot_b) / 2
    svg.text(axes, margin + 4, mid, "kronor", cls="small", anchor="middle", transform=f"rotate(-90 {_num(margin + 4)} {_num(mid)})")

    bars = svg.el(None, "g", {"class": "bars"})
    bar_labels: list[tuple] = []
    line_pts = []
    slot = (group_w - 40) / 4
    bar_w = slot - 8
    for gi, year in enumerate(years):
        gx = plot_l + gi * group_w + 20
        svg.text(axes, gx + (group_w - 40) / 2, plot_b + 24, year, cls="b", anchor="middle", font_size=14)
        for si, key in enumerate(BAR_LINES):
            a = by.get((year, key))
            if a is None:
                continue
            v = shown(a)
            x = gx + si * slot + 4
            y_top, y_bottom = sorted((y_of(v), y_of(0)))
            link = svg.link(
                bars,
                _href(urls, here, a.observation),
                f"{labels.get(key, key)} {year}: {kronor(a.amount)} kr",
                data_observation=a.observation,
                data_line_item=str(iris.concept("rad", key)),
                data_year=year,
                data_amount=str(a.amount),
            )
            svg.el(link, "rect", {"class": "bar", "x": x, "y": y_top, "width": bar_w, "height": max(y_bottom - y_top, 0.5), "fill": colours[key]})
            label_y = y_top - 6 if v >= 0 else y_bottom + 14
            bar_labels.append((link, x + bar_w / 2, label_y, kronor(v)))
        a = by.get((year, MARKER_LINE))
        if a is not None:
            line_pts.append((gx + 3 * slot + slot / 2, y_of(a.amount), a, year))

    line = svg.el(None, "g", {"class": "line"})
    marker_labels: list[tuple] = []
    if len(line_pts) > 1:
        svg.el(
            line,
            "polyline",
            {"points": " ".join(f"{_num(x)},{_num(y)}" for x, y, _, _ in line_pts), "fill": "none", "stroke": PURPLE, "stroke-width": 2, "stroke-dasharray": "6 4"},
        )
    for x, y, a, year in line_pts:
        link = svg.link(
            line,
            _href(urls, here, a.observation),
            f"{labels.get(MARKER_LINE, MARKER_LINE)} {year}: {kronor(a.amount)} kr",
            data_observation=a.observation,
            data_line_item=str(iris.concept("rad", MARKER_LINE)),
            data_year=year,
            data_amount=str(a.amount),
        )
        svg.el(link, "path", {"class": "marker", "d": _diamond(x, y, 7), "fill": PURPLE, "stroke": "#ffffff", "stroke-width": 1.5})
        marker_labels.append((link, x, y - 12, kronor(a.amount)))
    # values last, over bars and line, with a white halo
    values_g = svg.el(None, "g", {"class": "values"})
    for _, x, y, text in bar_labels:
        svg.text(values_g, x, y, text, cls="value", anchor="middle")
    for _, x, y, text in marker_labels:
        svg.text(values_g, x, y, text, cls="value line-value", anchor="middle")
    svg.text(None, margin, height - 16, f"Källa: dataset:{INCOME_DATASET} i kunskapsgrafen (RDF Data Cube); staplarna och punkterna länkar till observationerna.", cls="small")
    return svg


def _diamond(x: float, y: float, r: float) -> str:
    return f"M{_num(x)},{_num(y - r)} L{_num(x + r)},{_num(y)} L{_num(x)},{_num(y + r)} L{_num(x - r)},{_num(y)} Z"


# ---------------------------------------------------------------------------- model diagram

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
    for p in sorted(onto.subjects(RDF.type, OWL.ObjectProperty), key=str):
        if not str(p).startswith(FH_NS):
            continue
        for d in sorted(onto.objects(p, RDFS.domain), key=str):
            for r_ in sorted(onto.objects(p, RDFS.range), key=str):
                if isinstance(d, URIRef) and isinstance(r_, URIRef):
                    declared.append((str(d), str(p), str(r_)))
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

    labels = _onto_labels(onto)
    boxes = {}
    for iri in sorted(nodes):
        own = iri.startswith(FH_NS)
        label = labels.get(iri) or curie(iri, kg.base).split(":", 1)[-1]
        boxes[iri] = Box(iri, label, curie(iri, kg.base), own)
    others = sorted(
        (str(c) for c in onto.subjects(RDF.type, OWL.Class) if str(c).startswith(FH_NS) and str(c) not in boxes),
        key=lambda c: sv_key(labels.get(c, c)),
    )
    edges.sort(key=lambda e: (e.s, e.p, e.o))
    return Model(boxes, edges, others)


def _onto_labels(onto: Graph, lang: str = "sv") -> dict[str, str]:
    out = {}
    for s, o in onto.subject_objects(RDFS.label):
        if isinstance(o, Literal) and o.language == lang and isinstance(s, URIRef) and (str(s) not in out or str(o) < out[str(s)]):
            out[str(s)] = str(o)
    return out


def _onto_definitions(onto: Graph, lang: str = "sv") -> dict[str, str]:
    out = {}
    for s, o in onto.subject_objects(SKOS.definition):
        if isinstance(o, Literal) and o.language == lang and isinstance(s, URIRef):
            out[str(s)] = str(o)
    return out


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
    for b in boxes.values():
        b.width = max(text_width(b.label, 12.5, True), text_width(b.curie, 11)) + 2 * BOX_PAD
        b.height = max(BOX_MIN_H, PORT_GAP * (max(n_out[b.iri], n_in[b.iri]) + 1))
        b.layer = layer[b.iri]

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
    for lay in by_layer:
        for i, key in enumerate(lay):
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

    for lay in by_layer:
        y = 0.0
        for i, key in enumerate(lay):
            if i:
                y += sep(lay[i - 1], key)
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
    gap_w = [MIN_GAP] * max(n_layers - 1, 0)
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
    for k, b in boxes.items():
        b.x = col_x[b.layer] + (col_w[b.layer] - b.width) / 2
        b.y = items[k].y - items[k].height / 2 + (26 if b.loop else 0)
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


def model_diagram(kg: KnowledgeGraph, urls: Urls, here: str = MODEL) -> Svg:
    onto = kg.to_rdflib(("ontology",))
    model = model_edges(kg, onto)
    lay = layout(model)
    boxes, edges, items, chains, ends = model.boxes, lay["edges"], lay["items"], lay["chains"], lay["ends"]
    labels = _onto_labels(onto)
    labels_en = _onto_labels(onto, "en")
    definitions = _onto_definitions(onto)
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


__all__ = [
    "INCOME",
    "MEMBERSHIP",
    "MODEL",
    "Svg",
    "contribute",
    "income_chart",
    "kronor",
    "membership_matrix",
    "model_diagram",
    "parse_kronor",
]
