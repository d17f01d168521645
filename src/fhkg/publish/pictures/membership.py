"""``bilder/medlemskap.svg`` — the membership matrix: the eleven municipalities (rows, by name)
against every organisation with at least one sourced municipal member (columns, by number of
members, then name); a filled cell is an ``org:Membership`` (colour = its ``org:role``).
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass

from ...graph import KnowledgeGraph
from ...text import sv_key
from ..docs import curie
from ..urls import Urls
from .lookup import _href, labelled, labels
from .svg import BLUE, GREEN, GRID, ORANGE, PURPLE, ROW_TINT, Svg, _num, text_width, wrap

MEMBERSHIP = "bilder/medlemskap.svg"


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
    names = labels(kg)
    municipalities = labelled(names, [r["k"].value for r in kg.query("SELECT ?k WHERE { ?k a fh:Municipality }")])
    rows = sorted(municipalities, key=lambda k: (sv_key(municipalities[k]), k))
    org_labels = labelled(names, [m.organisation for m in ms])
    count = Counter(m.organisation for m in ms)
    per_municipality = Counter(m.municipality for m in ms)

    def by_members(o: str) -> tuple[int, tuple[str, str], str]:  # a def, not a lambda: in a lambda mypy takes org_labels.get(o, o) for str | None
        return -count[o], sv_key(org_labels.get(o, o)), o

    cols = sorted(count, key=by_members)
    column = {o: j for j, o in enumerate(cols)}
    cell = {(m.municipality, m.organisation): m for m in ms}
    # each municipality's cells in column order: linear in the memberships (rows × columns is
    # quadratic in a user's graph of thousands of organisations and municipalities)
    in_row: dict[str, list[Membership]] = {}
    for m in sorted(cell.values(), key=lambda m: column[m.organisation]):
        in_row.setdefault(m.municipality, []).append(m)
    per_role = Counter(m.role for m in ms if m.role)
    role_iris = sorted(per_role)
    role_labels = labelled(names, role_iris)
    role_en = labelled(names, role_iris, "en")
    palette = [BLUE, ORANGE, GREEN, PURPLE, "#8c6d1f", "#b03060"]
    role_order = sorted(role_iris, key=lambda r: (-per_role[r], r))
    colour = {r: palette[i % len(palette)] for i, r in enumerate(role_order)}
    # the joint organisations with no municipal member: the columns are those with one
    joint = (r["o"].value for r in kg.query("SELECT ?o WHERE { ?o a fh:JointOrganisation }"))
    hidden = sorted(labelled(names, (o for o in joint if o not in count)).values(), key=sv_key)

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
        f"{municipalities[k]}: " + (", ".join(org_labels.get(m.organisation, m.organisation) for m in in_row.get(k, ())) or "none")
        for k in rows
    )
    desc = (
        f"Membership matrix of the {len(rows)} member municipalities of Familjen Helsingborg (rows) and the "
        f"{len(cols)} organisations for which a public source states municipal members (columns, by number of "
        f"members). {n_cells} filled cells, one per org:Membership; the colour is the membership's role ("
        + ", ".join(f"{role_en.get(r, role_labels.get(r, r))}: {per_role[r]}" for r in role_order)
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
        for m in in_row.get(k, ()):
            o, j = m.organisation, column[m.organisation]
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
        n = per_role[r]
        a = svg.link(legend, _href(urls, here, r))
        svg.el(a, "rect", {"x": x, "y": legend_y - 12, "width": 16, "height": 16, "rx": 3, "fill": colour[r]})
        label = f"{role_labels.get(r, curie(r, kg.base))} ({n})"
        svg.text(a, x + 22, legend_y, label)
        x += 22 + text_width(label, 12) + 18
    svg.text(legend, x, legend_y, f"Tom ruta: ingen källa anger medlemskap. Totalt {n_cells} medlemskap.", cls="small")
    for i, line in enumerate(note_lines):
        svg.text(legend, margin, legend_y + 26 + 15 * i, line, cls="small")
    return svg
