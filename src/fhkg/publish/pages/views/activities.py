"""A network's or a project's page: its development areas, reported activities and parts."""

from __future__ import annotations

from collections import defaultdict

from ....terms.messages import translations
from ....text import sort_key
from ...render import Section
from ..core import DESCRIPTION, Pages
from .query import select


def network_or_project(pages: Pages, iri: str, lang: str, at: str, *, network: bool) -> list[Section]:
    _ = translations(lang).gettext
    areas = Section("omraden", _("Utvecklingsområden"), links=pages.cells([r["area"] for r in select(pages, "areas", iri)], lang, at), empty=_("Källan anger inget utvecklingsområde."))
    grouped: dict[str, dict[str, set]] = {}
    for r in select(pages, "activities", iri):
        g = grouped.setdefault(r["activity"].value, defaultdict(set))
        for k, v in r.items():
            if v is not None:
                g[k].add(v)
    rows = []
    for a in sorted(grouped, key=lambda a: (sort_key(pages.label(a, lang)[0], lang), a)):
        rows.append([[pages.link(a, lang, at)], pages.cells(grouped[a]["area"], lang, at), [pages.cell(o, lang, at) for o in pages.text(a, DESCRIPTION, lang)]])
    activities = Section("aktiviteter", _("Redovisade aktiviteter"), columns=[_("Aktivitet"), _("Utvecklingsområde"), _("Beskrivning")], rows=rows, empty=_("Inga aktiviteter redovisas."))
    sections = [areas, activities]
    if network:
        parts = sorted({r["part"] for r in select(pages, "parts", iri)}, key=pages.term_key(lang))
        if parts:
            sections.append(Section("delar", _("Delar"), links=[pages.cell(p, lang, at) for p in parts]))
    return sections
