"""The named queries' pages and results (``queries/{name}.html``, ``.csv``, ``.json``) and their index."""

from __future__ import annotations

import pyoxigraph as ox

from ...queries import NamedQuery, QueryResult
from ...terms.messages import translations
from ...text import sort_key
from ..render import Cell
from ..urls import LANGS
from .core import Pages


def query_files(pages: Pages, q: NamedQuery, result: QueryResult) -> None:
    name = q.name
    if result.kind == "graph":
        pages.site.add(pages.urls.query_result(name, "ttl"), result.render())
    else:
        pages.site.add(pages.urls.query_result(name, "csv"), result.render("csv"))
        pages.site.add(pages.urls.query_result(name, "json"), result.render("json"))
    for lang in LANGS:
        at = pages.urls.query_page(name, lang)
        params = [(p.name, p.type, p.default or "", p.description_in(lang)) for p in q.parameters]
        downloads = [(ext, pages.href(at, pages.urls.query_result(name, ext))) for ext in (("ttl",) if result.kind == "graph" else ("csv", "json"))]
        rows = [[query_cell(pages, v, lang, at) for v in row] for row in result.rows] if result.kind == "select" else []
        command = q.command()
        pages.render(
            "query.html",
            at,
            lang,
            pages.urls.query_page(name, pages.other(lang)),
            title=q.title(lang),
            description_meta=q.question(lang),
            query=q,
            question=q.question(lang),
            params=params,
            sparql=q.text,
            kind=result.kind,
            boolean=result.boolean,
            variables=result.variables,
            rows=rows,
            downloads=downloads,
            command=command,
            index=pages.href(at, pages.urls.query_page("index", lang)),
        )


def query_cell(pages: Pages, term, lang: str, at: str) -> Cell | None:
    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        c = pages.link(term.value, lang, at, text=pages.curie(term.value))
        return Cell(c.text, href=c.href, title=pages.label(term.value, lang)[0], external=c.external)
    if term.language:
        return Cell(term.value, lang=term.language, literal=True)
    return Cell(term.value, literal=True)


def queries_index(pages: Pages, results: dict[str, QueryResult], lang: str) -> None:
    _ = translations(lang).gettext
    at = pages.urls.query_page("index", lang)
    rows = []
    for name, q in pages.queries.items():
        result = results[name]
        exts = ("ttl",) if result.kind == "graph" else ("csv", "json")
        rows.append(
            (
                Cell(q.title(lang), href=pages.href(at, pages.urls.query_page(name, lang))),
                q.question(lang),
                len(result.rows) if result.kind == "select" else None,
                [(ext, pages.href(at, pages.urls.query_result(name, ext))) for ext in exts],
            )
        )
    rows.sort(key=lambda r: sort_key(r[0].text, lang))
    pages.render("queries.html", at, lang, pages.urls.query_page("index", pages.other(lang)), title=_("Namngivna frågor"), description_meta=_("Varje fråga körd med sina standardparametrar; resultaten finns som tabell, CSV och SPARQL-JSON."), rows=rows)
