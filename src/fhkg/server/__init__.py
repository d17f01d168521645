"""``fhkg serve``: the knowledge graph as linked data and a SPARQL endpoint, on one port.

One process, no other service: it loads the graph with the instance base mapped to
``http://{host}:{port}/``, validates it, serves the static site built for that base (see
:mod:`fhkg.publish`) with content negotiation (:mod:`.conneg`, :mod:`.app`), answers the SPARQL
1.1 Protocol on Oxigraph (:mod:`.sparql`) in killable worker processes with a real time limit
(:mod:`.pool`), the named queries as URLs, and YASGUI (:mod:`.ui`).

Why this stack: a plain ASGI application (no web framework: the routes are few and every header
matters, so they are written out in :mod:`.app`) on **uvicorn** with its pure-Python h11 protocol.
uvicorn is a mature, widely deployed server that installs from PyPI as a wheel with two small
dependencies (``h11``, ``click``); its asyncio event loop lets one process await slow query
workers without tying up a thread per request, so a long query never delays a page; and it can
be started and stopped programmatically or as a subprocess on loopback, which is what the tests
do (``python -m fhkg serve --port N``). WSGI servers (the stdlib's, waitress) would need a thread
per waiting query and give no clean way to notice a client going away.

>>> from fhkg.server.conneg import negotiate
>>> negotiate("text/turtle, text/html;q=0.5", ["text/html", "text/turtle"])
'text/turtle'
"""

from __future__ import annotations


def serve(*args, **kwargs) -> int:
    """Run the server; see :func:`fhkg.server.runner.serve`."""
    from .runner import serve as _serve

    return _serve(*args, **kwargs)


__all__ = ["serve"]
