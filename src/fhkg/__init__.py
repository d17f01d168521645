"""fhkg: the open knowledge graph of Familjen Helsingborg.

The library API; the ``fhkg`` command line is a thin layer over it.

>>> import fhkg
>>> kg = fhkg.load()
>>> fhkg.validate(kg).conforms
True
"""

from __future__ import annotations

__version__ = "0.1.0"
#: The release date stamped into published metadata (overridden by SOURCE_DATE_EPOCH).
RELEASE_DATE = "2026-11-29"

from typing import TYPE_CHECKING  # noqa: E402

from .errors import EXIT_ERROR, EXIT_INVALID, EXIT_OK, FhkgError, InputError, UsageError  # noqa: E402

if TYPE_CHECKING:
    from .graph import KnowledgeGraph


def __getattr__(name: str):
    """``KnowledgeGraph`` and ``load`` come from :mod:`fhkg.graph`, imported on first use (so
    ``import fhkg.errors`` or ``fhkg --help`` do not load the engine)."""
    if name in ("KnowledgeGraph", "load"):
        from . import graph

        return getattr(graph, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def prepare(data=(), *, base: str | None = None, validate: bool = True, extra_shapes=()) -> KnowledgeGraph:
    """Load the shipped graph and ``data`` through the gate; see :func:`fhkg.gate.prepare`."""
    from .gate import prepare as _prepare

    return _prepare(data, base=base, validate=validate, extra_shapes=extra_shapes)


def validate(kg: KnowledgeGraph | None = None, **kwargs):
    """Validate a loaded graph against the shipped shapes; see :func:`fhkg.validation.validate`."""
    from .graph import load
    from .validation import validate as _validate

    return _validate(kg if kg is not None else load(), **kwargs)


def query(kg=None, query: str = "municipalities-by-organisation", params: dict | None = None):
    """Run a named query, a .rq file or SPARQL text; see :func:`fhkg.queries.run`.

    >>> import fhkg
    >>> rows = fhkg.query(fhkg.load(), "presidium").rows
    >>> [r[2].value for r in rows]
    ['Christian Orsing', 'Lars Nyander']
    """
    from .graph import load
    from .queries import run

    return run(kg if kg is not None else load(), query, params)


def serialize(kg=None, fmt: str = "turtle") -> bytes:
    """The graph in an RDF format, deterministically; see :func:`fhkg.io.serialize.serialize`."""
    from .graph import load
    from .io.serialize import serialize as _serialize

    return _serialize(kg if kg is not None else load(), fmt)


def reason(kg=None):
    """HermiT consistency check; see :func:`fhkg.reasoning.check_consistency`."""
    from .graph import load
    from .reasoning import check_consistency

    return check_consistency(kg if kg is not None else load())


__all__ = [
    "EXIT_ERROR",
    "EXIT_INVALID",
    "EXIT_OK",
    "FhkgError",
    "InputError",
    "KnowledgeGraph",
    "UsageError",
    "__version__",
    "load",
    "prepare",
    "query",
    "reason",
    "serialize",
    "validate",
]
