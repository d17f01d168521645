"""The views' SPARQL: ``{name}.rq`` in this folder, run with ``?this`` bound to the page's resource."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

from ....queries import NamedQuery, bind
from ..core import Pages

HERE = Path(__file__).resolve().parent


@cache
def query(name: str) -> NamedQuery:
    """The view query ``{name}.rq`` of this folder."""
    path = HERE / f"{name}.rq"
    return NamedQuery.parse(path.read_text(encoding="utf-8"), name, path)


def select(pages: Pages, name: str, iri: str) -> list[dict[str, Any]]:
    """The rows of the view query ``name`` with ``?this`` bound to ``iri`` (a term, or None where
    unbound); asked once per resource, though both its pages (sv, en) show them."""
    key = (name, iri)
    if key not in pages.selected:
        result = pages.kg.query(bind(pages.kg, query(name), {"this": iri}))
        names = [v.value for v in result.variables]
        pages.selected[key] = [{n: s[n] for n in names} for s in result]
    return pages.selected[key]
