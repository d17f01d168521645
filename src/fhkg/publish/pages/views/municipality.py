"""A municipality's page: its memberships and its posts on the committee (``memberships.rq``, ``posts.rq``)."""

from __future__ import annotations

from ....terms.messages import translations
from ...render import Cell, Section
from ..core import Pages
from . import memberships
from .query import select


def municipality(pages: Pages, iri: str, lang: str, at: str) -> list[Section]:
    _ = translations(lang).gettext
    organisations = Section(
        "medlemskap",
        _("Samarbetsorganisationer och samarbeten"),
        columns=[_("Organisation"), _("Roll"), _("Från"), _("Till"), _("Källor"), _("Medlemskap")],
        rows=memberships.rows(pages, iri, lang, at, "organisation"),
        empty=_("Ingen källa namnger någon organisation som kommunen är medlem i."),
    )
    posts = []
    for r in sorted(select(pages, "posts", iri), key=lambda r: r["post"].value):
        if r["person"] is None or r["person"].value == iri:
            continue
        posts.append(
            [
                [pages.cell(r["person"], lang, at)],
                pages.cells([r["role"]], lang, at),
                pages.cells([r["organisation"]], lang, at),
                [Cell(_("tf"))] if pages.true(r["acting"]) else [],
                [pages.link(r["post"].value, lang, at, text=pages.curie(r["post"].value))],
            ]
        )
    committee = Section(
        "poster",
        _("Ledamöter och tjänstepersoner"),
        note=_("Kommunens poster i samarbetskommittén och dess kommundirektör (som den 31 december 2024)."),
        columns=[_("Person"), _("Roll"), _("Organisation"), _("Tf"), _("Post")],
        rows=posts,
    )
    return [organisations, committee]
