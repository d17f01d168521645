"""What the membership matrix and the income chart look up for the things they draw: their
labels in the graph, and relative links to their pages.
"""

from __future__ import annotations

from ...graph import KnowledgeGraph
from ..urls import Urls


def _href(urls: Urls, here: str, iri: str, lang: str = "sv") -> str:
    page = urls.page(iri, lang)
    return urls.href(here, page) if page else iri


def _label_query(kg: KnowledgeGraph, iris: list[str], prop: str = "rdfs:label", lang: str = "sv") -> dict[str, str]:
    if not iris:
        return {}
    values = " ".join(f"<{i}>" for i in sorted(set(iris)))
    rows = kg.query(
        f"""SELECT ?x (MIN(?l) AS ?label) WHERE {{ VALUES ?x {{ {values} }} ?x {prop} ?l .
              FILTER (lang(?l) = "{lang}") }} GROUP BY ?x"""
    )
    return {r["x"].value: r["label"].value for r in rows}
