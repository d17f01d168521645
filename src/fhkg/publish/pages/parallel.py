"""Resource pages and twins rendered by several processes when the graph is large.

A resource's page and twins depend only on the graph, so they can be made anywhere: each worker
is a fresh interpreter (``spawn``: a fork of a process that holds an Oxigraph store is not safe,
and once left a worker hung) that loads the build's graph from one N-Quads dump in a temporary
file (blank nodes keep their labels), indexes it as :class:`~.core.Pages` does, and renders the chunks of resources it is handed; the files come
back to the building process, which writes the site as before. The same graph gives the same
bytes, whatever the number of workers (a test builds the site both ways).

``jobs``: ``None`` picks one worker per usable core (at most :data:`MAX_JOBS`) once the graph
has :data:`PARALLEL_FROM` resources or more, one process below that (starting a worker costs
about a second); a number forces that many. A worker that dies (out of memory, killed) makes
the build finish its remaining resources in this process, with a warning.
"""

from __future__ import annotations

import os
import signal
import sys
import tempfile
from collections.abc import Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from multiprocessing import get_context

import pyoxigraph as ox

from ... import progress
from ...cores import usable_cores
from ...graph import KnowledgeGraph, Source
from ..site import Files, Site
from ..urls import LANGS, Urls
from . import resource
from .core import Pages

#: The number of resources from which ``jobs=None`` renders in parallel.
PARALLEL_FROM = 2000
#: The most workers ``jobs=None`` starts.
MAX_JOBS = 8
#: Resources per task (small enough to share the work out evenly).
CHUNK = 250


def render_things(pages: Pages, jobs: int | None = None) -> None:
    """Write every resource's twins and pages (both languages) into ``pages.site`` (to disk as
    they come, when the build has begun its folder: :meth:`Site.spilling`)."""
    with pages.site.spilling():
        _render_things(pages, jobs)


def _render_things(pages: Pages, jobs: int | None) -> None:
    workers = _workers(len(pages.things), jobs)
    chunks = [pages.things[i : i + CHUNK] for i in range(0, len(pages.things), CHUNK)]
    with progress.bar("resource pages", len(pages.things)) as shown:
        if workers <= 1 or len(chunks) <= 1:  # one chunk: a worker would only add its start-up
            for iri in pages.things:
                render_thing(pages, iri)
                shown.advance()
            return
        done: set[int] = set()
        try:
            for i, (files, written) in _in_parallel(pages, chunks, workers):
                for path, content in files:
                    pages.site.add(path, content)
                pages.written += written
                done.add(i)
                shown.advance(len(chunks[i]))
        except BrokenProcessPool as e:
            shown.clear()  # the warning on a line of its own; the bar goes on below it
            print(f"warning: a page worker stopped ({e}); rendering the remaining resources in this process", file=sys.stderr)
            for i, chunk in enumerate(chunks):
                if i not in done:
                    for iri in chunk:
                        render_thing(pages, iri)
                        shown.advance()


def render_thing(pages: Pages, iri: str) -> None:
    resource.write_twins(pages, iri)
    for lang in LANGS:
        resource.resource_page(pages, iri, lang)


def _workers(things: int, jobs: int | None) -> int:
    if jobs is not None:
        return max(1, jobs)
    if things < PARALLEL_FROM:
        return 1
    return max(1, min(usable_cores(), MAX_JOBS, things // (PARALLEL_FROM // 2)))


def _in_parallel(pages: Pages, chunks: list[list[str]], workers: int) -> Iterator[tuple[int, tuple[list[tuple[str, bytes]], list[str]]]]:
    """(chunk number, its files and HTML pages) in chunk order, rendered by ``workers`` processes."""
    kg, site = pages.kg, pages.site
    # the graph goes to the workers as a file (each parses it; no copy of it is pickled per worker)
    fd, dump = tempfile.mkstemp(prefix="fhkg-pages-", suffix=".nq")
    os.close(fd)
    kg.store.dump(dump, format=ox.RdfFormat.N_QUADS)
    start = (dump, os.getpid(), kg.base, kg.sources, site.date, sorted(site.files))
    try:
        pool = ProcessPoolExecutor(max_workers=min(workers, len(chunks)), mp_context=get_context("spawn"), initializer=_start, initargs=start)
    except BaseException:
        os.unlink(dump)
        raise
    try:
        futures: list[Future] = [pool.submit(_render, chunk) for chunk in chunks]
        for i, future in enumerate(futures):
            yield i, future.result()
    except BaseException:
        # a worker died (the others may wait forever on a queue lock it held), or the build was
        # stopped: no worker outlives this
        processes = getattr(pool, "_processes", None) or {}  # the executor's own table of its workers
        for process in list(processes.values()):
            process.kill()
        raise
    finally:
        pool.shutdown(wait=False, cancel_futures=True)
        os.unlink(dump)  # every worker has read it once its first result is in; a late one fails and is covered


# ---------------------------------------------------------------- in a worker
_PAGES: list[Pages] = []


def _start(dump: str, parent: int, base: str, sources: list[Source], date: str, paths: list[str]) -> None:
    _die_with_parent(parent)
    store = ox.Store()
    # parse keeps the blank nodes' labels (canonical, as the build gave them); bulk_load renames them
    store.bulk_extend(ox.parse(path=dump, format=ox.RdfFormat.N_QUADS))
    kg = KnowledgeGraph(store=store, base=base, sources=sources, blank_nodes_labelled=True)
    site = Site(kg=kg, urls=Urls(base), date=date)
    site.files = Files(dict.fromkeys(paths, b""))  # what the site holds so far (pages link to the docs there)
    _PAGES.append(Pages(site))


def _die_with_parent(parent: int) -> None:
    """Linux: the kernel kills this worker when the build process ends, however it ends."""
    try:
        import ctypes

        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        return
    if os.getppid() != parent:  # the build ended before the line above
        os._exit(1)


def _render(iris: list[str]) -> tuple[list[tuple[str, bytes]], list[str]]:
    pages = _PAGES[0]
    before, written = set(pages.site.files), len(pages.written)
    for iri in iris:
        render_thing(pages, iri)
    files = [(p, pages.site.files.pop(p)) for p in sorted(set(pages.site.files) - before)]
    made = pages.written[written:]
    del pages.written[written:]
    pages.selected.clear()  # the views' rows of this chunk's resources: not asked again
    return files, made
