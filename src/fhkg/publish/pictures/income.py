"""``bilder/resultat.svg`` — the income statement 2022–2024 (``dataset:resultatrapport``):
grouped bars for Summa intäkter, Summa kostnader (as a positive amount) and Årets resultat
per year, and markers joined by a line for Utgående medel att förfoga över; the amounts are
written as the annual report prints them (:func:`kronor`).
"""

from __future__ import annotations

import math
import xml.etree.ElementTree as ET
from dataclasses import dataclass

from ...graph import KnowledgeGraph
from ...terms.iris import Iris
from ..urls import Urls
from .lookup import _href, labelled
from .lookup import labels as names
from .svg import BLUE, GREEN, GRID, INK, ORANGE, PURPLE, Svg, _num, text_width

INCOME = "bilder/resultat.svg"

#: the lines drawn, by the key of their concept in the rad: scheme; the labels come from the graph
BAR_LINES = ("summa-intakter", "summa-kostnader", "arets-resultat")
MARKER_LINE = "utgaende-medel-att-forfoga-over"
INCOME_DATASET = "resultatrapport"
_ENGLISH = {"summa-intakter": "total income", "summa-kostnader": "total costs", "arets-resultat": "result for the year", MARKER_LINE: "closing funds available"}


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
    labels = {lines[k]: v for k, v in labelled(names(kg), lines).items()}
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
    x: float  # a horizontal position: of the legend items, then of the bars and the markers
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
    for year in years:
        parts = []
        for key in (*BAR_LINES, MARKER_LINE):
            a = by.get((year, key))
            if a:
                parts.append(f"{_ENGLISH[key]} {kronor(a.amount)}")
        per_year.append(f"{year}: " + ", ".join(parts))
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
        entry = svg.link(legend, _href(urls, here, str(iris.concept("rad", key))), data_line_item=str(iris.concept("rad", key)))
        if key == MARKER_LINE:
            svg.el(entry, "line", {"x1": x, "y1": legend_y - 5, "x2": x + 22, "y2": legend_y - 5, "stroke": PURPLE, "stroke-width": 2})
            svg.el(entry, "path", {"d": _diamond(x + 11, legend_y - 5, 6), "fill": PURPLE})
            x += 30
        else:
            svg.el(entry, "rect", {"x": x, "y": legend_y - 13, "width": 16, "height": 16, "fill": colours[key]})
            x += 22
        text = label + (" (belopp utan minustecken)" if key == "summa-kostnader" else "")
        svg.text(entry, x, legend_y, text)
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

    def observation_link(parent: ET.Element, a: Amount) -> ET.Element:
        """A link to the page of the observation ``a``, titled with its line, year and amount."""
        return svg.link(
            parent,
            _href(urls, here, a.observation),
            f"{labels.get(a.line, a.line)} {a.year}: {kronor(a.amount)} kr",
            data_observation=a.observation,
            data_line_item=str(iris.concept("rad", a.line)),
            data_year=a.year,
            data_amount=str(a.amount),
        )

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
            link = observation_link(bars, a)
            svg.el(link, "rect", {"class": "bar", "x": x, "y": y_top, "width": bar_w, "height": max(y_bottom - y_top, 0.5), "fill": colours[key]})
            label_y = y_top - 6 if v >= 0 else y_bottom + 14
            bar_labels.append((link, x + bar_w / 2, label_y, kronor(v)))
        a = by.get((year, MARKER_LINE))
        if a is not None:
            line_pts.append((gx + 3 * slot + slot / 2, y_of(a.amount), a))

    line = svg.el(None, "g", {"class": "line"})
    marker_labels: list[tuple] = []
    if len(line_pts) > 1:
        svg.el(
            line,
            "polyline",
            {"points": " ".join(f"{_num(x)},{_num(y)}" for x, y, _ in line_pts), "fill": "none", "stroke": PURPLE, "stroke-width": 2, "stroke-dasharray": "6 4"},
        )
    for x, y, a in line_pts:
        link = observation_link(line, a)
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
