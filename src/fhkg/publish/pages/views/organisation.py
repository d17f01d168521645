"""A joint organisation's page (domain, legal form, members) and the cooperation's (members, bodies, counts)."""

from __future__ import annotations

from collections import defaultdict

from ....terms.messages import translations
from ....terms.namespaces import FH
from ....text import sort_key
from ...render import Cell, Section, number
from ..core import Pages
from . import memberships
from .query import select


def joint_organisation(pages: Pages, iri: str, lang: str, at: str) -> list[Section]:
    _ = translations(lang).gettext
    members = memberships.members_section(pages, iri, lang, at)
    rows = select(pages, "organisation", iri)
    domains = pages.cells([r["domain"] for r in rows], lang, at) or [Cell(_("anges inte"))]
    forms = pages.cells([r["form"] for r in rows], lang, at) or [Cell(_("anges inte"))]
    about = Section("organisation", _("Om organisationen"), items=[(_("Samarbetsområde"), domains), (_("Organisationsform"), forms)])
    return [about, members]


def cooperation(pages: Pages, iri: str, lang: str, at: str) -> list[Section]:
    _ = translations(lang).gettext
    members = memberships.members_section(pages, iri, lang, at)
    children: dict[str, set] = defaultdict(set)
    classes: dict[str, set] = defaultdict(set)
    for r in select(pages, "parts", iri):
        children[r["parent"].value].add(r["part"].value)
        classes[r["part"].value].add(r["class"])
    rows: list[list[list[Cell]]] = []
    seen = {iri}

    def walk(parent: str) -> None:  # depth first: bodies before networks, then by name
        network = str(FH.Network)
        for part in sorted(children.get(parent, set()) - seen, key=lambda p: (network in {c.value for c in classes[p]}, sort_key(pages.label(p, lang)[0], lang), p)):
            seen.add(part)
            rows.append([[pages.link(part, lang, at)], pages.cells(classes[part], lang, at), [pages.link(parent, lang, at)]])
            walk(part)

    walk(iri)
    bodies = Section("organ", _("Organ och nätverk"), columns=[_("Namn"), _("Klass"), _("Del av")], rows=rows)
    counts = Section(
        "antal",
        _("Antal i grafen"),
        columns=[_("Klass"), _("Antal")],
        rows=[
            [[pages.link(r["class"].value, lang, at)], [Cell(number(r["n"].value, lang))]]
            for r in sorted(select(pages, "counts", iri), key=lambda r: sort_key(pages.label(r["class"].value, lang)[0], lang))
        ],
    )
    for row in counts.rows:  # the class column links to the class index, not the ontology
        c = row[0][0]
        if c.title in pages.instances:
            row[0][0] = Cell(c.text, href=pages.href(at, pages.urls.class_index(pages.class_curie(c.title), lang)), title=c.title)
    return [members, bodies, counts]
