"""The cache folder and the content keys of what fhkg caches (built sites, validation verdicts).

The folder is ``$FHKG_CACHE``, else ``$XDG_CACHE_HOME/fhkg``, else ``~/.cache/fhkg``. A key is a
hash of the fhkg version and source code and of every input's bytes, so a change to any of
them is a new key; nothing is ever served from a stale entry.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

from . import __version__


def cache_root() -> Path:
    env = os.environ.get("FHKG_CACHE")
    if env:
        return Path(env)
    xdg = os.environ.get("XDG_CACHE_HOME")
    return (Path(xdg) if xdg else Path.home() / ".cache") / "fhkg"


@lru_cache(maxsize=1)
def code_digest() -> str:
    """A hash of fhkg's version and every file of the package: modules, templates, stylesheet,
    scripts (a changed template must not be served from a site built before the change)."""
    import hashlib  # (imported when a key is made, not by every command that might)

    h = hashlib.sha256(__version__.encode())
    package = Path(__file__).resolve().parent
    modules = []
    for folder, dirs, files in os.walk(package):
        dirs[:] = [d for d in dirs if d not in ("node_modules", "__pycache__")]  # the UI's npm packages
        modules += [Path(folder) / f for f in files if not f.endswith((".pyc", ".pyo"))]
    for path in sorted(modules):
        h.update(path.relative_to(package).as_posix().encode() + b"\0" + path.read_bytes())
    return h.hexdigest()


def content_key(*parts: str, files: Iterable[str | Path] = ()) -> str:
    """A key for ``parts`` (text) and the bytes of ``files`` (in the order given), with the code."""
    import hashlib

    h = hashlib.sha256(code_digest().encode())
    for part in parts:
        h.update(b"\0" + part.encode())
    for f in files:
        h.update(b"\0" + str(f).encode() + b"\0")
        with open(f, "rb") as fh:
            while chunk := fh.read(1 << 20):
                h.update(chunk)
    return h.hexdigest()[:32]
