"""A development area's page: the networks, projects, activities and plans in it (``in-area.rq``)."""

from __future__ import annotations

from ....terms.messages import translations
from ....terms.namespaces import FH
from ...render import Section
from ..core import NETWORKS, PROJECTS, Pages
from .query import select


def development_area(pages: Pages, iri: str, lang: str, at: str) -> list[Section]:
    _ = translations(lang).gettext
    headings = {"networks": _("Nätverk och arbetsgrupper"), "projects": _("Projekt och utredningar"), "activities": _("Redovisade aktiviteter"), "plans": _("Planer, avtal och övrigt")}
    groups: dict[str, set] = {kind: set() for kind in headings}
    for r in select(pages, "in-area", iri):
        cls = r["class"].value
        kind = "networks" if cls in NETWORKS else "projects" if cls in PROJECTS else "activities" if cls == str(FH.ReportedActivity) else "plans"
        groups[kind].add(r["item"])
    for item in groups["networks"] | groups["projects"] | groups["activities"]:
        groups["plans"].discard(item)  # a thing in a more specific group is not listed again
    groups["projects"] -= groups["networks"]
    sections = []
    for kind in ("networks", "projects", "activities", "plans"):
        items = sorted(groups[kind], key=pages.term_key(lang))
        if items or kind in ("networks", "projects"):
            sections.append(
                Section(
                    kind,
                    headings[kind],
                    columns=[_("Namn"), _("Klass")],
                    rows=[[[pages.cell(i, lang, at)], [pages.link(c, lang, at) for c in pages.types.get(i.value, [])]] for i in items],
                    empty=_("Inga i grafen."),
                )
            )
    return sections
