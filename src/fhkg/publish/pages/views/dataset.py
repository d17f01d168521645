"""A data set's page: its observations as a table of line items by year (``observations.rq``)."""

from __future__ import annotations

from collections import defaultdict

from ....terms.messages import translations
from ....text import sort_key
from ...render import Section, number
from ..core import Pages
from .query import select


def dataset(pages: Pages, iri: str, lang: str, at: str) -> list[Section]:
    _ = translations(lang).gettext
    rows = select(pages, "observations", iri)
    years = sorted({r["year"].value for r in rows}, key=lambda y: sort_key(pages.label(y, lang)[0], lang), reverse=True)
    items: dict[str, tuple] = {}
    cells: dict[tuple[str, str], list] = defaultdict(list)
    units = set()
    for r in rows:
        position = int(r["position"].value) if r["position"] is not None else 10**6
        items[r["item"].value] = (position, sort_key(pages.label(r["item"].value, lang)[0], lang))
        cells[(r["item"].value, r["year"].value)].append(r)
        if r["unit"] is not None:
            units.add(r["unit"])
    table = []
    for item in sorted(items, key=lambda i: (items[i], i)):
        row = [[pages.link(item, lang, at)]]
        for y in years:
            row.append(
                [
                    pages.link(r["obs"].value, lang, at, text=number(r["amount"].value, lang))
                    for r in sorted(cells.get((item, y), []), key=lambda r: r["obs"].value)
                ]
            )
        table.append(row)
    note = ""
    if units:
        note = _("Belopp i") + " " + ", ".join(sorted(pages.label(u.value, lang)[0] for u in units)) + "."
    return [Section("observationer", _("Observationer"), note=note, columns=[_("Resultatpost")] + [pages.label(y, lang)[0] for y in years], rows=table)]
