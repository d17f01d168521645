"""The class indexes (``klass/{curie}.html``) and the home page's list of classes."""

from __future__ import annotations

from ...terms.namespaces import RDFS, SKOS
from ...text import sort_key
from ..render import Cell
from .core import Pages


def class_page(pages: Pages, cls: str, lang: str) -> None:
    curie = pages.class_curie(cls)
    at = pages.urls.class_index(curie, lang)
    members = sorted(pages.instances[cls], key=lambda s: (sort_key(pages.label(s, lang)[0], lang), s))
    definition = [pages.cell(o, lang, at) for o in pages.text(cls, str(SKOS.definition), lang) or pages.text(cls, str(RDFS.comment), lang)]
    pages.render(
        "class.html",
        at,
        lang,
        pages.urls.class_index(curie, pages.other(lang)),
        title=pages.label(cls, lang)[0],
        description_meta="",
        curie=pages.curie(cls),
        definition_link=pages.link(cls, lang, at, text=pages.curie(cls)),
        definition=definition,
        rows=[(pages.link(s, lang, at), pages.curie(s)) for s in members],
    )


def class_list(pages: Pages, lang: str, at: str) -> list[tuple[Cell, int, str]]:
    rows = [
        (Cell(pages.label(c, lang)[0], href=pages.href(at, pages.urls.class_index(pages.class_curie(c), lang)), title=c), len(pages.instances[c]), pages.curie(c))
        for c in pages.classes
    ]
    return sorted(rows, key=lambda r: (sort_key(r[0].text, lang), r[2]))
