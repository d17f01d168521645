"""Memberships: the organisations a municipality is a member of, and the members of an organisation (``memberships.rq``)."""

from __future__ import annotations

from collections import defaultdict

from ....terms.messages import translations
from ....text import sort_key
from ...render import Cell, Section
from ..core import Pages
from .query import select


def rows(pages: Pages, iri: str, lang: str, at: str, side: str) -> list[list[list[Cell]]]:
    """Rows for the memberships of a municipality (``side="organisation"``) or the members of an organisation."""
    grouped: dict[str, dict[str, set]] = {}
    for r in select(pages, "memberships", iri):
        if r["member" if side == "member" else "organisation"].value == iri:
            continue  # the other direction
        g = grouped.setdefault(r["membership"].value, defaultdict(set))
        for k, v in r.items():
            if v is not None:
                g[k].add(v)
    rows = []
    for m, g in grouped.items():
        (other,) = g[side]
        rows.append(
            (
                sort_key(pages.label(other.value, lang)[0], lang),
                m,
                [
                    [pages.cell(other, lang, at)],
                    pages.cells(g["role"], lang, at),
                    pages.cells(g["start"], lang, at),
                    pages.cells(g["end"], lang, at),
                    pages.cells(g["source"], lang, at),
                    [pages.link(m, lang, at, text=pages.curie(m))],
                ],
            )
        )
    return [r for _, _, r in sorted(rows, key=lambda r: (r[0], r[1]))]


def members_section(pages: Pages, iri: str, lang: str, at: str) -> Section:
    """The member municipalities of an organisation, with role, dates and sources."""
    _ = translations(lang).gettext
    return Section(
        "medlemmar",
        _("Medlemmar"),
        columns=[_("Kommun"), _("Roll"), _("Från"), _("Till"), _("Källor"), _("Medlemskap")],
        rows=rows(pages, iri, lang, at, "member"),
        empty=_("Ingen källa namnger organisationens medlemmar, så grafen anger inga."),
    )
