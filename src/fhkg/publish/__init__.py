"""Publishing: ``build()`` makes the static linked-data site (validation-gated).

Each concern is a module with a ``contribute(site)`` function; ``build`` runs them in a fixed
order over one :class:`~fhkg.publish.site.Site` and writes it atomically:

* :mod:`.dumps`     whole-graph dumps in six formats, gzipped, and the JSON-LD context
* :mod:`.catalog`   DCAT-AP-SE catalogue, VoID description, the published validation report
* :mod:`.pages`     one page per resource (sv and en) with machine twins, class indexes,
                    home page, search, named query results, sitemap and rewrite rules
* :mod:`.pictures`  SVG: membership matrix, income statement chart, model diagram
* :mod:`.docs`      ontology and shapes documentation
"""

from __future__ import annotations

import importlib
from pathlib import Path

from .. import progress
from ..errors import InvalidData
from ..graph import KnowledgeGraph
from .site import Site, check_target
from .urls import Urls

MODULES = ("dumps", "catalog", "pictures", "docs", "pages")


def build(kg: KnowledgeGraph, out: str | Path, *, validate: bool = True, jobs: int | None = 1) -> Site:
    """Build the site for ``kg`` into ``out`` (replacing it atomically); returns the site.

    ``jobs``: processes rendering the resource pages (:mod:`fhkg.publish.pages.parallel`); the
    site is the same bytes whatever the number. ``None`` picks one per core once the graph is
    large (``fhkg build`` does). More than one starts Python processes, so a script that asks
    for them must do its work under ``if __name__ == "__main__":`` (Python's rule for
    multiprocessing's spawned processes, which import the main module).

    Raises :class:`~fhkg.errors.InvalidData` (exit 1) when the graph does not conform; the
    existing site at ``out`` is then left untouched.
    """
    check_target(Path(out))
    site = Site(kg=kg, urls=Urls(kg.base), jobs=jobs)
    if validate:
        from ..gate import NotConforming, report

        try:
            site.notes.validation = report(kg)
        except NotConforming as e:
            raise InvalidData(f"{e}; the site was not built:\n" + e.report("en")) from None
    try:
        # a bar (on a terminal) names the step under way; the pages step draws its own below it
        with progress.bar("build", len(MODULES) + 1) as steps:
            site.begin(Path(out))  # the resource pages go to disk as they are made
            for name in MODULES:
                steps.step(f"build: {name}")
                module = importlib.import_module(f".{name}", __name__)
                module.contribute(site)
                steps.advance()
            steps.step("build: writing the site")
            site.write(Path(out))
            steps.advance()
    except BaseException:  # a failure or a signal: nothing half-written is left
        site.discard()
        raise
    return site
