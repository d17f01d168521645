"""What the membership matrix and the income chart look up for the things they draw: their
labels in the graph, and relative links to their pages.
"""

from __future__ import annotations

from collections.abc import Iterable

from ...graph import KnowledgeGraph
from ...terms.labels import Labels
from ..urls import Urls


def _href(urls: Urls, here: str, iri: str, lang: str = "sv") -> str:
    page = urls.page(iri, lang)
    return urls.href(here, page) if page else iri


def labels(kg: KnowledgeGraph) -> Labels:
    """The label service over the whole graph (:mod:`fhkg.terms.labels`)."""
    return Labels.of_store(kg.store, kg.graph_names(), kg.base)


def labelled(names: Labels, iris: Iterable[str], lang: str = "sv") -> dict[str, str]:
    """The label for ``lang`` of each of ``iris`` that has one."""
    return {iri: found[0] for iri in sorted(set(iris)) if (found := names.label(iri, lang))}
