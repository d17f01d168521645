"""fhkg: the open knowledge graph of Familjen Helsingborg.

The library API; the ``fhkg`` command line is a thin layer over it.

>>> import fhkg
>>> kg = fhkg.load()
>>> fhkg.validate(kg).conforms
True
"""

from __future__ import annotations

__version__ = "0.1.0"

from .errors import EXIT_ERROR, EXIT_INVALID, EXIT_OK, FhkgError, InputError, UsageError  # noqa: E402
from .graph import KnowledgeGraph, load  # noqa: E402


def validate(kg=None, **kwargs):
    """Validate a loaded graph against the shipped shapes; see :func:`fhkg.validate.validate`."""
    from .validation import validate as _validate

    return _validate(kg if kg is not None else load(), **kwargs)


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
    "validate",
]
