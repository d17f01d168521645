"""A person's page: the posts the person holds (``posts.rq``)."""

from __future__ import annotations

from ....terms.messages import translations
from ...render import Cell, Section
from ..core import Pages
from .query import select


def person(pages: Pages, iri: str, lang: str, at: str) -> list[Section]:
    _ = translations(lang).gettext
    rows = []
    for r in sorted(select(pages, "posts", iri), key=lambda r: r["post"].value):
        if r["person"] is None or r["person"].value != iri:
            continue
        rows.append(
            [
                pages.cells([r["role"]], lang, at),
                pages.cells([r["organisation"]], lang, at),
                pages.cells([r["municipality"]], lang, at),
                [Cell(_("tf"))] if pages.true(r["acting"]) else [],
                [pages.link(r["post"].value, lang, at)],
            ]
        )
    return [Section("poster", _("Poster"), columns=[_("Roll"), _("Organisation"), _("Kommun"), _("Tf"), _("Post")], rows=rows, empty=_("Personen har inga poster i grafen."))]
