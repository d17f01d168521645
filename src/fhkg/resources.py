"""Where the shipped graph lives: ontology, data, shapes and queries.

In a wheel the four folders are installed as ``fhkg/shipped/{ontology,data,shapes,queries}`` (a folder
name of its own: ``fhkg.graph`` is the loading package);
in a checkout (editable install, or ``PYTHONPATH=src``) they are the repository's top-level
folders. ``FHKG_HOME`` overrides both.
"""

from __future__ import annotations

import os
from pathlib import Path

FOLDERS = ("ontology", "data", "shapes", "queries")
_SUFFIXES = {"ontology": ".ttl", "data": ".ttl", "shapes": ".ttl", "queries": ".rq"}


def home() -> Path:
    """The folder that holds ``ontology/``, ``data/``, ``shapes/`` and ``queries/``."""
    env = os.environ.get("FHKG_HOME")
    if env:
        return Path(env)
    installed = Path(__file__).resolve().parent / "shipped"
    if (installed / "ontology").is_dir():
        return installed
    checkout = Path(__file__).resolve().parents[2]
    if (checkout / "ontology").is_dir():
        return checkout
    raise FileNotFoundError("cannot find the shipped graph (ontology/, data/, shapes/, queries/); set FHKG_HOME")


def files(folder: str) -> list[Path]:
    """The shipped files of one folder, sorted by name.

    >>> [p.name for p in files("ontology")]
    ['fh.ttl', 'labels.ttl']
    """
    if folder not in FOLDERS:
        raise ValueError(f"unknown folder {folder!r}; expected one of {FOLDERS}")
    return sorted((home() / folder).glob(f"*{_SUFFIXES[folder]}"))


def shipped_file(folder: str, name: str) -> Path | None:
    """The shipped file ``name`` (without its suffix) of one folder, if there is one: the file
    :func:`files` lists under that name.

    >>> shipped_file("queries", "presidium").name, shipped_file("queries", "../data/kommuner")
    ('presidium.rq', None)
    """
    path = home() / folder / f"{name}{_SUFFIXES[folder]}"
    return path if path in files(folder) else None
